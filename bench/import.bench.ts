// Reading and planning LinkedIn's Connections.csv: 10,000 rows (a large network; LinkedIn
// caps connections at 30,000), read into drafts and planned against an empty workspace
// and against one that already holds them (a re-import). Runs in a fresh process, so
// the peak memory is the import's own.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

interface ImportFigures {
  rows: number;
  bytes: number;
  contacts: number;
  unchanged: number;
  readMs: number;
  planMs: number;
  replanMs: number;
  baselineRssMb: number;
  peakRssMb: number;
}

function measureInChild(rows: number, mode: 'time' | 'memory'): ImportFigures {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'importWorker.ts'), String(rows), mode], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`import worker failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as ImportFigures;
}

const pick = <T, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> =>
  Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>;

/** Runs the import benchmark and prints its table. */
export async function benchImport(sizes: readonly number[] = [10_000]): Promise<ImportFigures[]> {
  const figures: ImportFigures[] = [];
  console.log('\nImport: LinkedIn Connections.csv read and planned (median of 5 runs; peak RSS of a fresh process running once)');
  console.log('    rows   file MB   read ms   plan ms   re-plan ms   µs/row (read+plan)   baseline RSS MB   peak RSS MB');
  for (const rows of sizes) {
    // Times from five runs in one process; memory from a process that runs once, so no earlier run's garbage counts.
    const f = { ...measureInChild(rows, 'time'), ...pick(measureInChild(rows, 'memory'), ['baselineRssMb', 'peakRssMb']) };
    figures.push(f);
    if (f.contacts !== rows || f.unchanged !== rows) throw new Error(`expected ${rows} contacts, all unchanged on re-import; got ${f.contacts} and ${f.unchanged}`);
    console.log(
      `${String(f.rows).padStart(8)} ${(f.bytes / 1e6).toFixed(2).padStart(9)} ${f.readMs.toFixed(0).padStart(9)} ${f.planMs.toFixed(0).padStart(9)} ${f.replanMs.toFixed(0).padStart(12)} ${(((f.readMs + f.planMs) * 1000) / f.rows).toFixed(1).padStart(20)} ${f.baselineRssMb.toFixed(0).padStart(17)} ${f.peakRssMb.toFixed(0).padStart(13)}`,
    );
  }
  return figures;
}

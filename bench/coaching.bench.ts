// A coaching tool's store: 10 and 1,000 workspaces of 100 contacts each (the synthetic
// network's outreaches, meetings, thank-yous, check-ins and referrals: about 800 records
// per workspace), on PostgreSQL in-process (PGlite, always) and on a server (when
// REACHOUT_TEST_POSTGRES_URL is set). Per store: the time and memory of the coach's
// `overview()`, and the median time to record one attempt through the Playbook.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPostgresStore, type PostgresStore } from '../src/adapters/postgres/index.js';
import { RECORD_KINDS, RECORD_LISTS, type StoreOperation } from '../src/index.js';
import { syntheticNetwork } from './network.js';

const NOW = new Date('2026-11-22T15:00:00Z');
const CONTACTS = 100;
const ATTEMPTS = 60;
// The measuring process's heap limit: room for the answer and one workspace at a time,
// far less than 1,000 workspaces' networks held together would need.
const HEAP_CAP_MB = 192;

interface Figures {
  overviewMs: number;
  overdue: number;
  /** Heap held by one workspace's network, read and kept. */
  workspaceMb: number;
  /** Heap held by the overview's answer (every overdue action) after it returned. */
  resultMb: number;
  heapBeforeMb: number;
  /** Highest heap use sampled during the overview. */
  heapPeakMb: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  attemptMedianMs: number;
}

/** Commits `count` synthetic workspaces, one commit each; returns the records written. */
async function seed(store: PostgresStore, count: number): Promise<number> {
  let records = 0;
  for (let i = 0; i < count; i++) {
    const generated = syntheticNetwork(CONTACTS, NOW, 1_000 + i);
    const workspace = { ...generated.workspace, id: `ws-${i}` as typeof generated.workspace.id, name: `Seeker ${i}` };
    const operations: StoreOperation[] = [{ op: 'put-workspace', workspace }];
    for (const kind of RECORD_KINDS) for (const record of generated[RECORD_LISTS[kind]]) operations.push({ op: 'put', kind, record } as StoreOperation);
    await store.commit(workspace.id, { expectedRevision: 0, operations });
    records += operations.length - 1;
  }
  return records;
}

/** Measures in a fresh process (`--expose-gc`, so the baseline is after a collection). */
function measure(args: readonly string[], workspaces: number): Figures {
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', `--max-old-space-size=${HEAP_CAP_MB}`, '--import', 'tsx', join(import.meta.dirname, 'coachingWorker.ts'), ...args, String(workspaces), String(ATTEMPTS)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (result.status !== 0) throw new Error(`coaching worker failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Figures;
}

interface Lane {
  readonly name: string;
  /** Makes a store of `workspaces` workspaces; returns the worker's arguments, the records written and a clean-up. */
  prepare(workspaces: number): Promise<{ args: string[]; records: number; dispose: () => Promise<void> }>;
}

const pgliteLane: Lane = {
  name: 'PGlite',
  async prepare(workspaces) {
    const dir = mkdtempSync(join(tmpdir(), 'reachout-coaching-'));
    const pglite = new PGlite(dir);
    const records = await seed(await createPostgresStore({ pglite }), workspaces);
    await pglite.close();
    return { args: ['pglite', dir], records, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

function serverLane(url: string): Lane {
  return {
    name: 'server',
    async prepare(workspaces) {
      const schema = `reachout_bench_${process.pid}_${workspaces}`;
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      const records = await seed(await createPostgresStore({ pool, schema }), workspaces);
      return {
        args: ['server', url, schema],
        records,
        dispose: async () => {
          await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
          await pool.end();
        },
      };
    },
  };
}

/** Runs the coaching-scale benchmark and prints its table and the ratios against the targets. */
export async function benchCoaching(sizes: readonly number[] = [10, 1_000]): Promise<void> {
  const url = process.env.REACHOUT_TEST_POSTGRES_URL;
  const lanes = url ? [pgliteLane, serverLane(url)] : [pgliteLane];
  console.log(`\nCoaching scale: PostgreSQL store, ${CONTACTS} contacts per workspace (overview and ${ATTEMPTS} attempts measured in a fresh process)`);
  console.log(
    `In a process whose heap is capped at ${HEAP_CAP_MB} MB. Heap open: with the store open; heap peak: sampled during the overview; ` +
      "answer: what the overview's answer holds once returned; 1 workspace: ten networks read and held, per workspace.",
  );
  if (!url) console.log('(server lane not run: REACHOUT_TEST_POSTGRES_URL is not set; `bash scripts/postgres-test-server.sh run npm run bench` starts one)');
  console.log(
    'store     workspaces    records   seed s   overview ms   overdue   RSS open MB   RSS peak MB   heap open MB   heap peak MB   answer MB   1 workspace MB   attempt median ms',
  );
  for (const lane of lanes) {
    const rows: (Figures & { workspaces: number })[] = [];
    for (const workspaces of sizes) {
      const started = performance.now();
      const { args, records, dispose } = await lane.prepare(workspaces);
      const seedS = (performance.now() - started) / 1_000;
      try {
        const figures = measure(args, workspaces);
        rows.push({ ...figures, workspaces });
        console.log(
          `${lane.name.padEnd(8)} ${String(workspaces).padStart(11)} ${String(records).padStart(10)} ${seedS.toFixed(1).padStart(8)} ${figures.overviewMs.toFixed(0).padStart(13)} ${String(figures.overdue).padStart(9)} ${figures.rssBeforeMb.toFixed(0).padStart(13)} ${figures.rssPeakMb.toFixed(0).padStart(13)} ${figures.heapBeforeMb.toFixed(0).padStart(14)} ${figures.heapPeakMb.toFixed(0).padStart(14)} ${figures.resultMb.toFixed(1).padStart(11)} ${figures.workspaceMb.toFixed(2).padStart(16)} ${figures.attemptMedianMs.toFixed(2).padStart(19)}`,
        );
      } finally {
        await dispose();
      }
    }
    const [small, large] = [rows[0]!, rows.at(-1)!];
    console.log(
      `${lane.name}: recording one attempt, ${large.workspaces} / ${small.workspaces} workspaces = ${(large.attemptMedianMs / small.attemptMedianMs).toFixed(2)} (target ≤ 1.5); ` +
        `overview of ${large.workspaces} workspaces within a ${HEAP_CAP_MB} MB heap: peak ${large.heapPeakMb.toFixed(0)} MB, of which ${large.resultMb.toFixed(0)} MB is the answer; ` +
        `their networks held together would take about ${(large.workspaces * large.workspaceMb).toFixed(0)} MB (target: bounded by the largest workspace, not the store)`,
    );
  }
}

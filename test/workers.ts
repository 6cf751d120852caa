// Child processes for durability tests (SIGKILL, two writers, racing migrators): a
// worker script bundled once per test process into one .mjs file, so a child starts in
// tens of milliseconds instead of compiling TypeScript on every start, and its stdout
// read as lines.
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const bundled = new Map<string, string>();

function workerBundle(script: string): string {
  let outfile = bundled.get(script);
  if (!outfile) {
    outfile = join(tmpdir(), `reachout-worker-${process.pid}-${bundled.size}-${basename(script, '.ts')}.mjs`);
    buildSync({
      entryPoints: [script],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      // CommonJS dependencies (pg) require Node built-ins; pg's optional native binding is not used.
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      external: ['pg-native'],
    });
    bundled.set(script, outfile);
  }
  return outfile;
}

/** A child process running one worker script, with its stdout as lines. */
export interface Worker {
  readonly child: ChildProcess;
  readonly lines: string[];
  /** Resolves once a stdout line satisfies `test` (rejects if the worker ends first). */
  waitFor(test: (line: string) => boolean): Promise<string>;
  /** Resolves when the process has ended and its output is read. */
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts the worker script at `script` (a `.ts` file URL) with `args`. */
export function startWorkerScript(script: URL, args: readonly string[]): Worker {
  const path = fileURLToPath(script);
  const name = basename(path);
  const child = spawn(process.execPath, [workerBundle(path), ...args], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const waiters: { test: (line: string) => boolean; resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  child.stdout.on('data', (chunk: string) => {
    partial += chunk;
    let newline: number;
    while ((newline = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, newline);
      partial = partial.slice(newline + 1);
      lines.push(line);
      for (const waiter of waiters.splice(0)) {
        if (waiter.test(line)) waiter.resolve(line);
        else waiters.push(waiter);
      }
    }
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => {
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`${name} ended (${code ?? signal}) before the line awaited: ${stderr}`));
      resolve({ code, signal, stderr });
    });
  });
  return {
    child,
    lines,
    ended,
    waitFor: (test) => {
      const found = lines.find(test);
      if (found !== undefined) return Promise.resolve(found);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`${name} already ended: ${stderr}`));
      return new Promise((resolve, reject) => waiters.push({ test, resolve, reject }));
    },
  };
}

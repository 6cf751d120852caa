// Shared by the PostgreSQL server tests: the server's env, pools that never crash the
// test process, and child processes running `workers/*.ts`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import pg from 'pg';

/** The server the server lane runs against; unset on a machine without one. */
export const SERVER_URL = process.env.REACHOUT_TEST_POSTGRES_URL;
/** A command that takes `stop` or `start` and does that to the server (set by scripts/postgres-test-server.sh). */
export const SERVER_CTL = process.env.REACHOUT_TEST_POSTGRES_CTL;

/** Why the server lane did not run, in the name of what was skipped. */
export const NOT_RUN = 'not run: REACHOUT_TEST_POSTGRES_URL is not set (bash .ci/run starts a server)';
export const RESTART_NOT_RUN = 'not run: REACHOUT_TEST_POSTGRES_CTL is not set (scripts/postgres-test-server.sh sets it)';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** A pool on the test server. Errors of idle clients (a server restarted) are expected here, not fatal. */
export function serverPool(max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: SERVER_URL, max, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => {});
  return pool;
}

/** Stops or starts the test server. */
export function serverCtl(action: 'stop' | 'start'): void {
  const result = spawnSync('sh', ['-c', `${SERVER_CTL} ${action}`], { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${SERVER_CTL} ${action} failed: ${result.stderr}`);
}

// Each worker is bundled once per test process (pg included) into one .mjs file, so a
// child starts in tens of milliseconds rather than compiling TypeScript on each start.
const bundled = new Map<string, string>();

function workerBundle(script: string): string {
  let outfile = bundled.get(script);
  if (!outfile) {
    outfile = join(tmpdir(), `reachout-pg-worker-${process.pid}-${script.replace(/\.ts$/, '')}.mjs`);
    buildSync({
      entryPoints: [fileURLToPath(new URL(`./workers/${script}`, import.meta.url))],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      // pg is CommonJS and requires Node built-ins; its optional native binding is not used.
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      external: ['pg-native'],
    });
    bundled.set(script, outfile);
  }
  return outfile;
}

/** A child process running one of `workers/*.ts`, with its stdout as lines. */
export interface Worker {
  readonly child: ChildProcess;
  readonly lines: string[];
  /** Resolves once a stdout line satisfies `test` (rejects if the worker ends first). */
  waitFor(test: (line: string) => boolean): Promise<string>;
  /** Resolves when the process has ended and its output is read. */
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export function startWorker(script: string, args: readonly string[]): Worker {
  const child = spawn(process.execPath, [workerBundle(script), ...args], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
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
      for (const waiter of waiters.splice(0)) waiter.reject(new Error(`${script} ended (${code ?? signal}) before the line awaited: ${stderr}`));
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
      if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`${script} already ended: ${stderr}`));
      return new Promise((resolve, reject) => waiters.push({ test, resolve, reject }));
    },
  };
}

// Shared by the PostgreSQL server tests: the server's env, pools that never crash the
// test process, and child processes running `workers/*.ts`.
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { startWorkerScript, type Worker } from '../../workers.js';

/** The server the server lane runs against; unset on a machine without one. */
export const SERVER_URL = process.env.REACHOUT_TEST_POSTGRES_URL;
/** A command that takes `stop` or `start` and does that to the server (set by scripts/postgres-test-server.sh). */
export const SERVER_CTL = process.env.REACHOUT_TEST_POSTGRES_CTL;

/** Why the server lane did not run, in the name of what was skipped. */
export const NOT_RUN = 'not run: REACHOUT_TEST_POSTGRES_URL is not set (bash .ci/run starts a server)';
export const RESTART_NOT_RUN = 'not run: REACHOUT_TEST_POSTGRES_CTL is not set (scripts/postgres-test-server.sh sets it)';

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

export type { Worker } from '../../workers.js';

/** Starts one of `workers/*.ts` (bundled once) as a child process, its stdout read as lines. */
export function startWorker(script: string, args: readonly string[]): Worker {
  return startWorkerScript(new URL(`./workers/${script}`, import.meta.url), args);
}

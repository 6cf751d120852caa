// Runs the built `reachout` bin as a user would: a child process, stdout a pipe (not a TTY).
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, repoRoot } from '../package/builtPackage.js';

export const BIN = join(repoRoot, 'dist', 'cli', 'main.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Builds `dist/` when stale; call in `beforeAll`. */
export function buildOnce(): void {
  ensureBuilt();
}

/** A fresh, empty data directory. */
export const freshDataDir = () => mkdtempSync(join(tmpdir(), 'reachout-cli-'));

// Nothing from the test runner's own environment steers the command.
const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(NO_COLOR|FORCE_COLOR|REACHOUT_.*|XDG_DATA_HOME|TERM)$/.test(key)),
);

/** `reachout …args` with `REACHOUT_DATA=data`; resolves whatever the exit code. */
export function reachout(args: readonly string[], data: string, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...CLEAN_ENV, REACHOUT_DATA: data, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}

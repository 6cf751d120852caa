// The built package, for tests of what users install: `dist/` is rebuilt first when it
// is missing or older than anything it is built from, so no test reads a stale build
// (and `npm test` on a fresh clone works without a build of its own).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const BUILD_INPUTS = ['src', 'package.json', 'tsup.config.ts', 'tsconfig.json'];
// Test files run in parallel processes: one builds, the others wait for it.
const LOCK = join(repoRoot, 'node_modules', '.cache', 'reachout-build.lock');
const BUILD_TIMEOUT_MS = 300_000;

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function isFresh(): boolean {
  const marker = join(repoRoot, 'dist', 'index.js');
  if (!existsSync(marker)) return false;
  const sources = Math.max(...BUILD_INPUTS.map((input) => newestMtime(join(repoRoot, input))));
  return statSync(marker).mtimeMs > sources;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function takeLock(): void {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // A lock older than any build is left by a run that was killed.
    const lock = statSync(LOCK, { throwIfNoEntry: false });
    if (lock && Date.now() - lock.mtimeMs > BUILD_TIMEOUT_MS) rmSync(LOCK, { recursive: true, force: true });
    else sleep(250);
  }
}

/** Builds `dist/` unless it is newer than every source, config and `package.json`. */
export function ensureBuilt(): void {
  if (isFresh()) return;
  takeLock();
  try {
    if (!isFresh()) execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'pipe', timeout: BUILD_TIMEOUT_MS });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

// The built package, for tests of what users install: `dist/` is rebuilt first when it
// is missing or older than anything it is built from, so no test reads a stale build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const BUILD_INPUTS = ['src', 'package.json', 'tsup.config.ts', 'tsconfig.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds `dist/` unless it is newer than every source, config and `package.json`. */
export function ensureBuilt(): void {
  const marker = join(repoRoot, 'dist', 'index.js');
  const built = existsSync(marker) ? statSync(marker).mtimeMs : -Infinity;
  const sources = Math.max(...BUILD_INPUTS.map((input) => newestMtime(join(repoRoot, input))));
  if (built > sources) return;
  execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'pipe' });
}

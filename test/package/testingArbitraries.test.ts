// `reachout/testing/arbitraries` works for a user who installed fast-check but not vitest
// (property tests under node:test, jest, mocha…), from the built package, in ESM and CJS.
// The package is copied, not linked, into a folder where vitest cannot be resolved: if
// the entry loaded vitest, even indirectly, the import would fail.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, repoRoot } from './builtPackage.js';

let app: string;

/** What an app with `reachout` and `fast-check` installed, and no vitest, has in `node_modules`. */
function installWithoutVitest(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'reachout-app-')));
  const modules = join(dir, 'node_modules');
  cpSync(join(repoRoot, 'dist'), join(modules, 'reachout', 'dist'), { recursive: true });
  cpSync(join(repoRoot, 'package.json'), join(modules, 'reachout', 'package.json'));
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  // Linked packages resolve their own dependencies from the repository, where they live.
  for (const name of [...Object.keys(manifest.dependencies), 'fast-check']) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules', name), join(modules, name), 'dir');
  }
  return dir;
}

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  const result = spawnSync(process.execPath, args, { cwd: app, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  ensureBuilt();
  app = installWithoutVitest();
}, 300_000);

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true });
});

const SAMPLE = `
  const { network } = arbitraries;
  const [sample] = fc.sample(network(), { numRuns: 1, seed: 7 });
  console.log(JSON.stringify({ keys: Object.keys(arbitraries).sort(), contacts: Array.isArray(sample.contacts) }));
`;

const EXPECTED = {
  keys: [
    'checkIn',
    'contact',
    'instant',
    'meeting',
    'network',
    'organization',
    'outcome',
    'outreach',
    'referral',
    'thankYou',
    'timeZone',
    'workspace',
  ],
  contacts: true,
};

describe('reachout/testing/arbitraries without vitest installed', () => {
  it('imports from ESM and generates networks', () => {
    const result = run([
      '--input-type=module',
      '-e',
      `import fc from 'fast-check';
       import { arbitraries } from 'reachout/testing/arbitraries';
       ${SAMPLE}`,
    ]);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(EXPECTED);
  });

  it('requires from CommonJS, with no vitest module loaded', () => {
    const result = run([
      '-e',
      `const fc = require('fast-check');
       const { arbitraries } = require('reachout/testing/arbitraries');
       const vitest = Object.keys(require.cache).filter((path) => /[\\\\/]node_modules[\\\\/]@?vitest/.test(path));
       if (vitest.length > 0) throw new Error('vitest loaded: ' + vitest.join(', '));
       ${SAMPLE}`,
    ]);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(EXPECTED);
  });

  // The control: in the same folder, the entry with the contract suite needs vitest, so
  // the two tests above would have failed had the arbitraries entry reached for it.
  it('while reachout/testing, which holds the contract suite, asks for vitest', () => {
    const esm = run(['--input-type=module', '-e', `import 'reachout/testing';`]);
    expect(esm.status).not.toBe(0);
    expect(esm.stderr).toMatch(/Cannot find package 'vitest'/);
    const cjs = run(['-e', `require('reachout/testing');`]);
    expect(cjs.status).not.toBe(0);
    expect(cjs.stderr).toMatch(/Cannot find module 'vitest'/);
  });
});

// Errors from the built package name their class in both formats: logs and
// `error.name` checks read `PolicyError`, not a transpiler's `_class2` (as the CommonJS
// build once did).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as reachout from '../../src/index.js';
import { ensureBuilt, repoRoot } from './builtPackage.js';

type Root = typeof reachout;

beforeAll(() => {
  ensureBuilt();
}, 300_000);

async function load(format: 'esm' | 'cjs'): Promise<Root> {
  if (format === 'cjs') return createRequire(import.meta.url)(join(repoRoot, 'dist', 'index.cjs')) as Root;
  return (await import(pathToFileURL(join(repoRoot, 'dist', 'index.js')).href)) as Root;
}

describe.each(['esm', 'cjs'] as const)('the %s build', (format) => {
  it('throws errors whose name is their class', async () => {
    const root = await load(format);
    let thrown: unknown;
    try {
      root.resolvePolicies({ outreach: { maxAttempts: 0 } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(root.PolicyError);
    expect((thrown as Error).name).toBe('PolicyError');
    expect(String(thrown)).toMatch(/^PolicyError: /);
  });

  it('names every error class after itself', async () => {
    const root = await load(format);
    const classes = Object.entries(root).filter(
      ([, value]) => typeof value === 'function' && value.prototype instanceof Error,
    ) as [string, new (...args: never[]) => Error][];
    expect(classes.length).toBeGreaterThan(5);
    for (const [name, errorClass] of classes) expect(errorClass.name, name).toBe(name);
  });
});

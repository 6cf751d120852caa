// The README shows `reachout --help` as the command prints it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { repoRoot } from '../package/builtPackage.js';
import { buildOnce, freshDataDir, reachout } from './runCli.js';

beforeAll(buildOnce, 300_000);

it('README’s "From the terminal" holds the output of reachout --help', async () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const block = /`reachout --help`:\n\n```console\n([\s\S]*?)\n```/.exec(readme)?.[1];
  const help = await reachout(['--help'], freshDataDir());
  expect(help.code).toBe(0);
  expect(block).toBe(help.stdout.trimEnd());
});

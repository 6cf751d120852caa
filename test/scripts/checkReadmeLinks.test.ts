// scripts/check-readme-links.mjs, run the way CI runs it: on a README in a scratch git
// repository, and on ours.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const script = join(repoRoot, 'scripts', 'check-readme-links.mjs');

function check(readme: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [script, readme], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let scratch: string | undefined;

/** A git repository holding `files`; `.gitignore` ignores `docs/api/`, which exists as if generated. */
function repository(files: Record<string, string>): string {
  scratch = mkdtempSync(join(tmpdir(), 'reachout-links-'));
  const all = { '.gitignore': 'docs/api/\n', 'docs/api/index.html': '<html></html>', ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  }
  execFileSync('git', ['-c', 'init.defaultBranch=main', 'init', '-q'], { cwd: scratch, stdio: 'pipe' });
  execFileSync('git', ['add', '.'], { cwd: scratch, stdio: 'pipe' });
  return scratch;
}

afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

const GOOD = `# Demo

## Set-up

See [the rules](src/rules/agenda.ts), [the folder](src/rules/), [another](./src/rules/agenda.ts#L3),
[guide](docs/guide.md#two-words), [set-up](#set-up), [\`toICalendar\`'s section](#calendar-export-toicalendar),
[again](#faq-1), [web](https://example.org/missing) and ![logo](docs/logo.svg "Logo").

## Calendar export: \`toICalendar()\`

## FAQ

## FAQ

\`\`\`md
[inside a code block](nowhere.md) is not a link.
\`\`\`
Nor is \`[inline code](nowhere.md)\`.

[ref]: src/rules/agenda.ts
`;

const FILES = {
  'src/rules/agenda.ts': 'export {};\n',
  'docs/guide.md': '# Guide\n\n## Two words\n',
  'docs/logo.svg': '<svg/>',
};

describe('check-readme-links', () => {
  it('passes links to tracked files, folders and headings, and ignores code and URLs', () => {
    const dir = repository({ ...FILES, 'README.md': GOOD });
    const result = check('README.md', dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('all 9 relative links');
  });

  it('fails on a missing file, a generated file git ignores, a missing heading and a wrong anchor in another file', () => {
    const readme = `${GOOD}
A [typo](src/rules/agnda.ts), the [API docs](docs/api/index.html), [a heading](#calendar),
and [a section](docs/guide.md#three-words).
`;
    const dir = repository({ ...FILES, 'README.md': readme });
    const result = check('README.md', dir);
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('✗'));
    expect(lines).toEqual([
      expect.stringMatching(/^✗ README\.md:22: src\/rules\/agnda\.ts is not a file or folder in the repository$/),
      expect.stringMatching(/^✗ README\.md:22: docs\/api\/index\.html exists here, but git ignores it/),
      expect.stringMatching(/^✗ README\.md:22: #calendar: no heading has this anchor$/),
      expect.stringMatching(/^✗ README\.md:23: docs\/guide\.md#three-words: docs\/guide\.md has no heading/),
    ]);
  });

  it("passes on this repository's README", () => {
    const result = check('README.md', repoRoot);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

// Bringing a network in and out through the built command: a LinkedIn export read,
// previewed, imported with --yes, imported again (nothing added), exported as JSON and vCard.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { readLinkedInConnections } from 'reachout/import';
import { readFileSync } from 'node:fs';
import { buildOnce, freshDataDir, reachout } from './runCli.js';

const LINKEDIN = fileURLToPath(new URL('../import/fixtures/linkedin-connections.csv', import.meta.url));

describe('import and export, from the terminal', () => {
  const data = freshDataDir();
  const run = (...args: string[]) => reachout(['--now', '2026-05-04 09:00', ...args], data);

  beforeAll(buildOnce, 300_000);

  it('previews without --yes, imports with it, adds nothing the second time, and exports what it holds', async () => {
    expect((await run('init', '--name', 'Sam Rivera', '--time-zone', 'America/New_York')).code).toBe(0);
    const expected = readLinkedInConnections(readFileSync(LINKEDIN)).contacts.length;

    // Not a terminal and no --yes: the plan is shown and nothing is written.
    const preview = await run('import', 'linkedin', LINKEDIN, '--json');
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({ imported: false, plan: { counts: { new: expected } } });
    expect(JSON.parse((await run('contact', 'list', '--json')).stdout)).toEqual([]);

    const first = await run('import', 'linkedin', LINKEDIN, '--yes', '--tie', 'colleague', '--json');
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ imported: true, added: expected });
    const again = await run('import', 'linkedin', LINKEDIN, '--yes', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: true, added: 0 });

    const contacts = JSON.parse((await run('contact', 'list', '--json')).stdout) as { tie: string }[];
    expect(contacts).toHaveLength(expected);
    expect(new Set(contacts.map((c) => c.tie))).toEqual(new Set(['colleague']));

    const document = JSON.parse((await run('export', 'json')).stdout) as { format: string; network: { contacts: unknown[] } };
    expect(document.format).toBe('reachout.workspace');
    expect(document.network.contacts).toHaveLength(expected);
    const cards = ICAL.parse((await run('export', 'vcard')).stdout) as unknown[];
    expect(cards.length).toBe(expected);
  });

  it('a file that is not there, or not a LinkedIn export, is one clear line and exit 1', async () => {
    const missing = await run('import', 'linkedin', '/nonexistent/Connections.csv');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const wrong = await run('import', 'linkedin', fileURLToPath(new URL('../import/fixtures/contacts-4.0.vcf', import.meta.url)), '--json');
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ error: { code: 'import-format' } });
  });
});

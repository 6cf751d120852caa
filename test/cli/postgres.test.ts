// The command on PostgreSQL: `--store postgres://…` (or REACHOUT_STORE) instead of the JSON files.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, freshDataDir, reachout } from './runCli.js';

const SERVER_URL = process.env['REACHOUT_TEST_POSTGRES_URL'];

beforeAll(buildOnce, 300_000);

it('refuses a --store that is not a postgres:// URL as a usage error', async () => {
  const result = await reachout(['--store', 'mysql://localhost/x', 'workspaces'], freshDataDir());
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('postgres://');
});

describe.skipIf(!SERVER_URL)(
  SERVER_URL ? 'on a PostgreSQL server' : 'on a PostgreSQL server — not run: REACHOUT_TEST_POSTGRES_URL is not set (bash .ci/run starts a server)',
  () => {
    it('keeps a seeker on the server: init, a contact, an outreach, the agenda, from two data folders', async () => {
      const url = new URL(SERVER_URL!);
      const data = freshDataDir();
      const env = { REACHOUT_STORE: url.toString() };
      const run = (...args: string[]) => reachout(['--now', '2026-03-02 09:00', ...args], data, env);
      const workspace = `cli-${process.pid}`;
      for (const args of [
        ['init', '--name', 'Pat Lee', '--time-zone', 'Europe/Berlin', '--workspace', workspace],
        ['contact', 'add', 'Lena Ortiz', '--email', 'lena@example.org', '--tie', 'event'],
        ['reach', 'Lena'],
        ['attempt', 'Lena', 'email'],
      ]) {
        const result = await run(...args);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      }
      // Another data folder (no default workspace there), the same database: the records are in PostgreSQL.
      const elsewhere = await reachout(['--now', '2026-03-20 09:00', '--store', url.toString(), '--workspace', workspace, 'agenda', '--json'], freshDataDir());
      expect(elsewhere.code, elsewhere.stderr).toBe(0);
      expect(JSON.parse(elsewhere.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'outreach.attempt' })]));
    }, 120_000);
  },
);

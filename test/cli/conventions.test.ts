// The command behaves as clig.dev asks: exit codes, one clear line per error, --json
// that holds only JSON, colour only where a person reads it, help with an example.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOnce, freshDataDir, reachout } from './runCli.js';

// The start of any ANSI escape sequence.
const ESCAPE = new RegExp(String.fromCharCode(27) + '\\[');
const NOW = '2026-03-02 09:00';

/** A data directory with Sam's workspace, Lena and an agenda item that is overdue. */
async function seededDataDir(): Promise<string> {
  const data = freshDataDir();
  const steps = [
    ['init', '--name', 'Sam Rivera', '--time-zone', 'America/New_York', '--workspace', 'sam'],
    ['contact', 'add', 'Lena Ortiz', '--email', 'lena@example.org', '--tie', 'event'],
    ['contact', 'add', 'Lena Park', '--tie', 'cold'],
    ['reach', 'Ortiz'],
  ];
  for (const args of steps) {
    const result = await reachout(['--now', NOW, ...args], data);
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  }
  return data;
}

describe('the command’s conventions', () => {
  let data = '';
  beforeAll(async () => {
    buildOnce();
    data = await seededDataDir();
  }, 300_000);

  it('exits 0 on success, 1 on a reachout error, 2 on a usage error', async () => {
    expect((await reachout(['--now', NOW, 'next', 'Ortiz'], data)).code).toBe(0);
    expect((await reachout(['--now', NOW, 'next', 'Nobody'], data)).code).toBe(1);
    expect((await reachout(['--now', NOW, 'attempt', 'Ortiz', 'pigeon'], data)).code).toBe(2);
    expect((await reachout(['no-such-command'], data)).code).toBe(2);
    expect((await reachout(['--version'], data)).code).toBe(0);
  });

  it('names an ambiguous contact’s candidates and exits 2', async () => {
    const result = await reachout(['--now', NOW, 'contact', 'show', 'Lena'], data);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('reachout: "Lena" matches 2 contacts: Lena Ortiz (lena-ortiz), Lena Park (lena-park); write more of the name or the id');
    expect(result.stdout).toBe('');
  });

  it('gives one clear line on stderr for bad input, with the right exit code', async () => {
    const cases: { args: string[]; code: number; says: RegExp; dataDir?: string }[] = [
      { args: ['next', 'Nobody'], code: 1, says: /^reachout: no contact "Nobody"/ },
      { args: ['attempt', 'Ortiz', 'email', '--at', 'next tuesday'], code: 2, says: /^reachout: bad --at "next tuesday": write 2026-03-02 09:30/ },
      { args: ['meet', 'Ortiz', '2026-02-30 10:00'], code: 2, says: /^reachout: bad <when> "2026-02-30 10:00"/ },
      { args: ['init', '--name', 'Ana', '--time-zone', 'Mars/Olympus', '--workspace', 'ana'], code: 1, says: /^reachout: invalid workspace: timeZone: / },
      { args: ['agenda'], code: 1, says: /^reachout: no reachout data in .*: run "reachout init/, dataDir: freshDataDir() },
      { args: ['--workspace', 'nobody', 'agenda'], code: 1, says: /^reachout: no workspace "nobody"/ },
    ];
    for (const { args, code, says, dataDir } of cases) {
      const result = await reachout(['--now', NOW, ...args], dataDir ?? data);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr, args.join(' ')).toMatch(says);
      expect(result.stdout, args.join(' ')).toBe('');
    }
  });

  it('prints only JSON on stdout with --json, errors as an object with a code', async () => {
    const ok = await reachout(['--now', NOW, '--json', 'contact', 'show', 'Ortiz'], data);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ contact: { id: 'lena-ortiz', createdAt: '2026-03-02T14:00:00.000Z' } });

    const missing = await reachout(['--now', NOW, 'next', 'Nobody', '--json'], data);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toEqual({ error: { code: 'not-found', message: 'no contact "Nobody" (see "reachout contact list")' } });

    const usage = await reachout(['--now', NOW, 'attempt', 'Ortiz', 'email', '--at', 'soon', '--json'], data);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ error: { code: 'usage' } });

    const refused = await reachout(['--now', NOW, 'attempt', 'Ortiz', 'email', '--at', '2026-03-01 09:00', '--json'], data);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'validation' } });
  });

  it('writes no escape codes when stdout is not a terminal or NO_COLOR is set, and colour when FORCE_COLOR asks', async () => {
    const args = ['--now', '2026-03-20 09:00', 'agenda'];
    const piped = await reachout(args, data);
    expect(piped.stdout).toContain('Lena Ortiz');
    expect(piped.stdout).not.toMatch(ESCAPE);
    expect(piped.stderr).not.toMatch(ESCAPE);
    expect((await reachout(args, data, { NO_COLOR: '1', TERM: 'xterm-256color' })).stdout).not.toMatch(ESCAPE);
    const forced = await reachout(args, data, { FORCE_COLOR: '1' });
    expect(forced.stdout).toMatch(ESCAPE);
    // Overdue, so red.
    expect(forced.stdout).toContain('\u001b[31m');
  });

  it('ends every command’s help with an example', async () => {
    const top = await reachout(['--help'], data);
    expect(top.code).toBe(0);
    const commands = [...top.stdout.matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1] ?? '').filter((name) => name !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['init', 'contact', 'reach', 'attempt', 'reply', 'next', 'agenda', 'ics']));
    const nested = ['contact add', 'contact list', 'contact show', 'contact edit', 'org add', 'org list'];
    for (const command of [...commands, ...nested]) {
      const help = await reachout([...command.split(' '), '--help'], data);
      expect(help.code, command).toBe(0);
      expect(help.stdout.trimEnd(), command).toMatch(/Examples?:\n(?: {2}\$ reachout .+\n?)+$/);
    }
  }, 120_000);
});

describe('two commands writing at once', () => {
  beforeAll(buildOnce, 300_000);

  it('lose nothing', async () => {
    const data = freshDataDir();
    expect((await reachout(['--now', NOW, 'init', '--name', 'Sam', '--time-zone', 'UTC', '--workspace', 'sam'], data)).code).toBe(0);
    const names = (writer: string) => Array.from({ length: 6 }, (_, i) => `${writer} Contact ${i}`);
    const writer = async (name: string) => {
      for (const contact of names(name)) {
        const result = await reachout(['--now', NOW, 'contact', 'add', contact], data);
        expect(result.code, result.stderr).toBe(0);
      }
    };
    await Promise.all([writer('Alpha'), writer('Beta')]);
    const listed = JSON.parse((await reachout(['--now', NOW, 'contact', 'list', '--json'], data)).stdout) as { name: string }[];
    expect(listed.map((c) => c.name).sort()).toEqual([...names('Alpha'), ...names('Beta')].sort());
  }, 120_000);
});

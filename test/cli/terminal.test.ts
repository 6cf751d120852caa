// Colour on a real terminal: `script` (util-linux) gives the command a pseudo-terminal.
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildOnce, freshDataDir, reachout } from './runCli.js';

const SCRIPT = '/usr/bin/script';
const NOW = '2026-03-02 09:00';
const ESC = String.fromCharCode(27);

/** Runs the command on a pseudo-terminal and gives what the terminal showed. */
function onTerminal(args: readonly string[], data: string, env: Record<string, string>): Promise<string> {
  const quoted = [process.execPath, BIN, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(NO_COLOR|FORCE_COLOR|REACHOUT_.*)$/.test(key)));
  return new Promise((resolve, reject) => {
    execFile(SCRIPT, ['-qec', quoted, '/dev/null'], { env: { ...base, TERM: 'xterm-256color', REACHOUT_DATA: data, ...env } }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

describe.skipIf(!existsSync(SCRIPT))('on a terminal', () => {
  let data = '';
  beforeAll(async () => {
    buildOnce();
    data = freshDataDir();
    for (const args of [
      ['init', '--name', 'Sam', '--time-zone', 'UTC', '--workspace', 'sam'],
      ['contact', 'add', 'Lena Ortiz', '--tie', 'event'],
      ['reach', 'Lena'],
    ]) {
      expect((await reachout(['--now', NOW, ...args], data)).code).toBe(0);
    }
  }, 300_000);

  it('shows the agenda in colour, and without it under NO_COLOR or TERM=dumb', async () => {
    const args = ['--now', '2026-03-20 09:00', 'agenda'];
    const coloured = await onTerminal(args, data, {});
    expect(coloured).toContain('Lena Ortiz');
    expect(coloured).toContain(`${ESC}[1m`);
    expect(await onTerminal(args, data, { NO_COLOR: '1' })).not.toContain(ESC);
    expect(await onTerminal(args, data, { TERM: 'dumb' })).not.toContain(ESC);
  }, 60_000);

  it('asks before an import on a terminal, and imports after a "y"', async () => {
    const file = fileURLToPath(new URL('../import/fixtures/linkedin-connections.csv', import.meta.url));
    const quoted = [process.execPath, BIN, '--now', NOW, 'import', 'linkedin', file].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
    const child = spawn(SCRIPT, ['-qec', quoted, '/dev/null'], { env: { ...process.env, TERM: 'xterm-256color', REACHOUT_DATA: data } });
    let shown = '';
    // Answer once: later chunks still hold the prompt, and by then `script` may have
    // closed its input, so a second write would fail with EPIPE.
    let asked = false;
    child.stdin.on('error', () => {});
    const answered = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        shown += chunk.toString('utf8');
        if (!asked && shown.includes('[y/N]')) {
          asked = true;
          child.stdin.write('y\n');
          resolve();
        }
      });
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    await answered;
    expect(code).toBe(0);
    expect(shown).toMatch(/Import \d+ new contacts/);
    expect(shown).toMatch(/Imported: \d+ added/);
    expect(JSON.parse((await reachout(['contact', 'list', '--json'], data)).stdout).length).toBeGreaterThan(1);
  }, 60_000);
});

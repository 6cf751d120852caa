// The README's main command, as a new user runs it: the demo prints this week's agenda,
// what to say for its first action, the funnel and the referral tree, and writes a
// calendar an independent parser reads.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('npm run demo', () => {
  it('prints the agenda, a draft for its first action, the funnel and tree, and writes a calendar that ical.js parses', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'examples', 'demo.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Pacific/Auckland' },
    });
    expect(run.status, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toContain('This week, Mon Nov 23 – Sun Nov 29');
    expect(out).toContain('Prepare for the coffee with Ken Ito');
    // What to say for the week's first action: the promised introduction, filled from the records.
    expect(out).toContain(
      '\nWhat to say: Follow up with Priya Shah on the promised introduction\n  To: priya.shah@fabrikam.example\n  Subject: A gentle follow-up\n\n' +
        '  Hi Priya,\n\n  Thank you again for suggesting I speak with Ken Ito. I know how busy things get, so this is just a gentle follow-up.\n\n' +
        '  Would it help if I sent a short note about me that you could forward?\n\n  Thank you,\n  Sam Rivera\n\n' +
        '  (email, 44 words; a mailto: link opens it in a mail app)\n',
    );
    expect(out).not.toMatch(/\{\{|undefined/);
    expect(out).toContain('Funnel\n  7 reached → 6 replied (86%) → 5 met (83%) → 3 introduced or referred you (60%)\n');
    // The offer through Lena -> Raj -> Dana is one offer, credited along the chain, not counted per contact.
    expect(out).toContain('\n  outcomes: 1 interview, 1 offer\n    1 interview and 1 offer came through Lena Ortiz (via Raj Patel -> Dana Kim).\n');
    expect(out).not.toMatch(/offers? [2-9]|[2-9] offers/);
    expect(out).toContain(
      'Lena Ortiz (event)\n  └─ Raj Patel\n     └─ Dana Kim → recommended you to HR at Northwind Health → interview Oct 1 → offer Nov 9\n',
    );
    expect(out).toContain('5 attempts made (3 emails and 2 phone calls) without a reply from Tom Becker: move on');
    expect(out).toContain('1 late (Thank-you to Lena Ortiz sent late');

    const written = /Calendar: (.+) \((\d+) events\)/.exec(out);
    expect(written).not.toBeNull();
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(written![1]!, 'utf8')));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(Number(written![2]));
    expect(events.map((event) => String(event.getFirstPropertyValue('summary')))).toEqual([
      'Follow up with Priya Shah on the promised introduction',
      'Prepare for the coffee with Ken Ito',
    ]);
    // Each event's description ends with its draft's first lines.
    expect(String(events[0]!.getFirstPropertyValue('description'))).toContain('\n\nDraft:\nSubject: A gentle follow-up\nHi Priya,\n');
    expect(String(events[1]!.getFirstPropertyValue('description'))).toContain('\n\nDraft:\nSubject: Prepare for the coffee with Ken Ito on Wednesday, November 25\n');
  }, 60_000);
});

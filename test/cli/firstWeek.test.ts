// A seeker's first week, end to end through the built command: what it prints with
// --json is what the Playbook's rules answer over the same store at the same instant.
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPlaybook, fixedClock } from 'reachout';
import { createJsonFileStore } from 'reachout/adapters/json';
import { buildOnce, freshDataDir, reachout } from './runCli.js';

// America/New_York, before clocks go forward on 8 March.
const MON = '2026-03-02 09:00';
const WED = '2026-03-04 10:00';
const FRI = '2026-03-06 09:00';
const FRI_LATE = '2026-03-06 15:00';
const offsetOf = (local: string) => `${local.replace(' ', 'T')}:00-05:00`;

/** What the rules answer over the same data, read without taking the writer's lock. */
async function rulesAt(data: string, local: string) {
  const store = await createJsonFileStore({ path: data, readOnly: true });
  const seeker = createPlaybook({ store, clock: fixedClock(offsetOf(local)) }).workspace('sam');
  return { seeker, close: () => store.close() };
}

/** The same value as `--json` prints it. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('a seeker’s first week from the terminal', () => {
  const data = freshDataDir();
  const at = (now: string, ...args: string[]) => reachout(['--now', now, ...args], data);
  const ok = async (now: string, ...args: string[]) => {
    const result = await at(now, ...args);
    expect(result.stderr, args.join(' ')).not.toMatch(/^reachout:/m);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result;
  };

  beforeAll(buildOnce, 300_000);

  it('records the week and answers as the rules do', async () => {
    const init = await ok(MON, 'init', '--name', 'Sam Rivera', '--time-zone', 'America/New_York', '--workspace', 'sam');
    expect(init.stderr).toContain('Opened workspace "sam"');

    await ok(MON, 'contact', 'add', 'Lena Ortiz', '--email', 'lena@example.org', '--phone', '+1 617 555 0142', '--tie', 'event');
    await ok(MON, 'contact', 'add', 'Raj Patel', '--email', 'raj@example.org', '--tie', 'alumni');
    const list = JSON.parse((await ok(MON, 'contact', 'list', '--json')).stdout) as { id: string; name: string }[];
    expect(list.map((c) => c.name)).toEqual(['Lena Ortiz', 'Raj Patel']);

    await ok(MON, 'reach', 'Lena');
    await ok(MON, 'reach', 'raj-patel');
    await ok(MON, 'attempt', 'Lena', 'email', '--at', '2026-03-02 09:00');
    await ok(MON, 'attempt', 'Raj', 'email');

    // `next --json` is the rule's answer for that outreach, now.
    const next = JSON.parse((await ok(MON, 'next', 'Lena', '--json')).stdout) as { kind: string; channel: string; reason: string };
    const rules = await rulesAt(data, MON);
    const network = await rules.seeker.network();
    const lenaOutreach = network.outreaches.find((o) => o.contactId === 'lena-ortiz');
    expect(lenaOutreach?.attempts).toHaveLength(1);
    expect(next).toEqual(asJson(await rules.seeker.nextStep(lenaOutreach?.id ?? '')));
    expect(next).toMatchObject({ kind: 'attempt', channel: 'phone' });
    await rules.close();

    await ok(WED, 'reply', 'Lena', 'accepted');
    const meeting = JSON.parse((await ok(WED, 'meet', 'Lena', '2026-03-06 08:30', '--minutes', '20', '--json')).stdout) as { startAt: string };
    expect(meeting.startAt).toBe('2026-03-06T13:30:00.000Z');

    await ok(FRI, 'held', 'Lena', '--note', 'Hiring for Q3', '--next-step', 'Send portfolio');

    // The agenda, human and JSON: the thank-you is due and Raj's next attempt is listed.
    const agendaJson = JSON.parse((await ok(FRI, 'agenda', '--json')).stdout) as { id: string; kind: string; contactId: string }[];
    const fri = await rulesAt(data, FRI);
    expect(agendaJson).toEqual(asJson(await fri.seeker.agenda({ to: new Date(Date.parse(offsetOf(FRI)) + 7 * 86_400_000) })));
    await fri.close();
    expect(agendaJson.map((a) => a.kind)).toContain('thank-you.send');
    const agendaText = (await ok(FRI, 'agenda')).stdout;
    expect(agendaText.split('\n')[0]).toMatch(/^WHEN\s+WHAT\s+FOR WHOM\s+WHY$/);
    expect(agendaText).toContain('Lena Ortiz');
    expect(agendaText).toContain('Raj Patel');

    // The calendar parses with an independent parser and holds the thank-you.
    const ics = await ok(FRI, 'ics', '--days', '14');
    const calendar = new ICAL.Component(ICAL.parse(ics.stdout));
    const summaries = calendar.getAllSubcomponents('vevent').map((event) => String(event.getFirstPropertyValue('summary')));
    expect(summaries.length).toBe(agendaJson.length);
    expect(summaries.some((summary) => /thank/i.test(summary) && summary.includes('Lena Ortiz'))).toBe(true);

    // What to say for the thank-you, then it is sent and drops out of the agenda.
    const draft = JSON.parse((await ok(FRI, 'draft', 'Lena', '--json')).stdout) as { template: string; to: string };
    expect(draft).toMatchObject({ template: 'thank-you', to: 'lena@example.org' });
    await ok(FRI_LATE, 'thanks', 'Lena', '--asked-for-introduction');
    const after = JSON.parse((await ok(FRI_LATE, 'agenda', '--json')).stdout) as { kind: string; contactId: string }[];
    expect(after.filter((a) => a.contactId === 'lena-ortiz' && a.kind === 'thank-you.send')).toEqual([]);

    // Raj introduces Dana; the tree shows it and the funnel counts what happened.
    await ok(FRI_LATE, 'contact', 'add', 'Dana Kim', '--tie', 'friend-of-a-friend');
    await ok(FRI_LATE, 'introduce', 'Raj', 'Dana');
    const tree = JSON.parse((await ok(FRI_LATE, 'tree', '--json')).stdout) as { id: string; introduced: { id: string }[] }[];
    expect(tree.find((branch) => branch.id === 'raj-patel')?.introduced.map((c) => c.id)).toEqual(['dana-kim']);
    expect((await ok(FRI_LATE, 'tree')).stdout).toContain('Raj Patel\n└─ Dana Kim');
    const funnel = JSON.parse((await ok(FRI_LATE, 'funnel', '--json')).stdout) as { stages: { stage: string; count: number }[] };
    const late = await rulesAt(data, FRI_LATE);
    expect(funnel).toEqual(asJson(await late.seeker.funnel()));
    await late.close();
    expect(funnel.stages.slice(0, 3).map((s) => s.count)).toEqual([2, 1, 1]);
  }, 120_000);
});

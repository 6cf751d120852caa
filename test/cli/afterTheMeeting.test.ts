// What follows the first week, through the built command: notes, check-ins, snoozes,
// outcomes, phases, organizations, edits, drafts by action id, and a coach's view.
import { beforeAll, describe, expect, it } from 'vitest';
import { createPlaybook, fixedClock } from 'reachout';
import { createJsonFileStore } from 'reachout/adapters/json';
import { buildOnce, freshDataDir, reachout } from './runCli.js';

const json = <T>(text: string) => JSON.parse(text) as T;

describe('after the meeting, from the terminal', () => {
  const data = freshDataDir();
  const ok = async (now: string, ...args: string[]) => {
    const result = await reachout(['--now', now, ...args], data);
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result;
  };

  beforeAll(buildOnce, 300_000);

  it('records the rest of the method and answers from the rules', async () => {
    await ok('2026-04-01 09:00', 'init', '--name', 'Ana Ruiz', '--time-zone', 'Europe/Madrid', '--workspace', 'ana');
    await ok('2026-04-01 09:00', 'org', 'add', 'Acme Clinics', '--website', 'https://acme.example');
    await ok('2026-04-01 09:00', 'contact', 'add', 'Marta Gil', '--email', 'marta@example.org', '--tie', 'alumni');
    const edited = json<{ organizationId: string; role: string }>(
      (await ok('2026-04-01 09:00', 'contact', 'edit', 'Marta', '--org', 'acme', '--role', 'Head of product', '--json')).stdout,
    );
    expect(edited).toMatchObject({ organizationId: 'acme-clinics', role: 'Head of product' });

    await ok('2026-04-01 09:00', 'reach', 'Marta');
    await ok('2026-04-01 09:10', 'attempt', 'Marta', 'email');
    await ok('2026-04-02 12:00', 'reply', 'Marta', 'accepted');
    await ok('2026-04-02 12:00', 'meet', 'Marta', '2026-04-03 10:00', '--format', 'video', '--minutes', '30');
    await ok('2026-04-03 11:00', 'held', 'Marta');
    const noted = json<{ notes: string[]; nextSteps: string[] }>(
      (await ok('2026-04-03 11:05', 'notes', 'Marta', 'Team grows in autumn', '--next-step', 'Send a case study', '--json')).stdout,
    );
    expect(noted).toMatchObject({ notes: ['Team grows in autumn'], nextSteps: ['Send a case study'] });

    // A draft by the agenda's action id is the Playbook's draft for it.
    const agenda = json<{ id: string; kind: string }[]>((await ok('2026-04-03 11:05', 'agenda', '--json')).stdout);
    const thankYou = agenda.find((action) => action.kind === 'thank-you.send');
    expect(thankYou).toBeDefined();
    const draft = json<unknown>((await ok('2026-04-03 11:05', 'draft', thankYou?.id ?? '', '--json')).stdout);
    const store = await createJsonFileStore({ path: data, readOnly: true });
    const seeker = createPlaybook({ store, clock: fixedClock('2026-04-03T11:05:00+02:00') }).workspace('ana');
    expect(draft).toEqual(JSON.parse(JSON.stringify(await seeker.draft(thankYou?.id ?? ''))));
    await store.close();

    await ok('2026-04-03 15:00', 'thanks', 'Marta');
    const checkIn = json<{ checkIn: { kind: string }; next: { rule: string } | null }>(
      (await ok('2026-04-20 09:00', 'check-in', 'Marta', '--kind', 'article', '--json')).stdout,
    );
    expect(checkIn.checkIn.kind).toBe('article');
    expect(checkIn.next?.rule).toBe('check-in.cadence');
    const snoozed = json<{ checkInSnoozedUntil: string }>((await ok('2026-04-20 09:00', 'snooze', 'Marta', '2026-06-01', '--json')).stdout);
    expect(snoozed.checkInSnoozedUntil).toBe('2026-05-31T22:00:00.000Z');

    const outcome = json<{ outcome: { kind: string; contactIds: string[] } }>((await ok('2026-04-21 09:00', 'outcome', 'Marta', 'interview', '--json')).stdout);
    expect(outcome.outcome).toMatchObject({ kind: 'interview', contactIds: ['marta-gil'] });
    const phase = json<{ phase: { kind: string; since: string } }>((await ok('2026-05-04 09:00', 'phase', 'employed', '--json')).stdout);
    expect(phase.phase).toEqual({ kind: 'employed', since: '2026-05-04T07:00:00.000Z' });

    // A coach's view over every workspace.
    await ok('2026-05-04 09:00', 'init', '--name', 'Ben Cole', '--time-zone', 'UTC', '--workspace', 'ben');
    const workspaces = json<{ id: string; default: boolean }[]>((await ok('2026-05-04 09:00', 'workspaces', '--json')).stdout);
    expect(workspaces.map((w) => [w.id, w.default]).sort()).toEqual([['ana', false], ['ben', true]]);
    const overview = json<{ workspaces: { workspace: { id: string } }[] }>((await ok('2026-05-04T09:00Z', 'overview', '--json')).stdout);
    expect(overview.workspaces.map((w) => w.workspace.id).sort()).toEqual(['ana', 'ben']);
    // Ben is the default now; Ana's data is still there by --workspace.
    const shown = json<{ contact: { name: string } }>((await ok('2026-05-04 09:00', '--workspace', 'ana', 'contact', 'show', 'gil', '--json')).stdout);
    expect(shown.contact.name).toBe('Marta Gil');
  }, 180_000);
});

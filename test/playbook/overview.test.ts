// A coach's overview: every workspace in the store with its overdue actions only, each
// answered by the agenda rule over that workspace's own records, never another's.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import { agenda, createPlaybook, manualClock, type CoachOverview, type Network, type NetworkStore, type Playbook } from '../../src/index.js';
import { wid } from './helpers.js';

/**
 * Three seekers whose records reuse the same ids (`c1`, `o1`, `m1`), on Mon 3 March 2025:
 * - ana (New York): coffee with Cal on Fri 28 Feb, no thank-you (overdue); Dot's outreach just started (not overdue)
 * - ben (London): Cleo emailed Mon 3 Feb, no second attempt (overdue); her promised introduction of Mon 10 Feb (overdue)
 * - cy (Tokyo): a prepared meeting next week and an outreach just started: nothing overdue
 */
async function coachStore(): Promise<{ store: NetworkStore; playbook: Playbook; clock: ReturnType<typeof manualClock> }> {
  const store = createMemoryStore();
  const clock = manualClock('2025-03-03T09:00:00-05:00');
  const playbook = createPlaybook({ store, clock });

  await playbook.createWorkspace({ id: 'ana', name: 'Ana', timeZone: 'America/New_York' });
  const ana = playbook.workspace('ana');
  await ana.addContact({ id: 'c1', name: 'Cal Amato', tie: 'alumni', emails: ['cal@example.org'] });
  await ana.addContact({ id: 'c2', name: 'Dot Arden', tie: 'event', emails: ['dot@example.org'] });
  await ana.scheduleMeeting({ id: 'm1', contactId: 'c1', startAt: '2025-02-28T10:00:00-05:00' });
  await ana.holdMeeting('m1', { notes: ['Talked about data teams'] });
  await ana.startOutreach({ id: 'o1', contactId: 'c2' });

  await playbook.createWorkspace({ id: 'ben', name: 'Ben', timeZone: 'Europe/London' });
  const ben = playbook.workspace('ben');
  await ben.addContact({ id: 'c1', name: 'Cleo Brandt', tie: 'event', emails: ['cleo@example.org'], phones: ['+44 20 7946 0000'] });
  await ben.addContact({ id: 'c2', name: 'Dev Bose', tie: 'cold' });
  await ben.startOutreach({ id: 'o1', contactId: 'c1', startedAt: '2025-02-03T09:00:00Z' });
  await ben.recordAttempt('o1', { channel: 'email', at: '2025-02-03T10:00:00Z' });
  await ben.recordReferral({ id: 'r1', introducerId: 'c1', kind: 'introduction-made', contactId: 'c2', offeredAt: '2025-02-10T12:00:00Z' });

  await playbook.createWorkspace({ id: 'cy', name: 'Cy', timeZone: 'Asia/Tokyo' });
  const cy = playbook.workspace('cy');
  await cy.addContact({ id: 'c1', name: 'Chie Sato', tie: 'lecturer', emails: ['chie@example.org'] });
  await cy.startOutreach({ id: 'o1', contactId: 'c1' });
  await cy.scheduleMeeting({
    id: 'm1',
    contactId: 'c1',
    startAt: '2025-03-12T10:00:00+09:00',
    preparation: {
      answers: {
        'know-the-company': 'y',
        'what-it-stands-for': 'y',
        'why-interested': 'y',
        'about-the-person': 'y',
        'what-i-want': 'y',
        'next-steps': 'y',
      },
      questionsToAsk: ['What does a career path look like here?'],
    },
  });
  return { store, playbook, clock };
}

/** Checks each workspace's overdue list against the agenda rule on its own network, and that nothing leaks in. */
async function checkAgainstRules(store: NetworkStore, playbook: Playbook, overview: CoachOverview): Promise<void> {
  const listed = await store.listWorkspaces();
  expect(overview.workspaces.map((entry) => entry.workspace)).toEqual(listed.map((head) => head.workspace));
  for (const { workspace, overdue } of overview.workspaces) {
    const network: Network = (await store.loadNetwork(wid(workspace.id)))!.network;
    const expected = agenda(network, { from: overview.now, to: overview.now, policies: playbook.policies, now: overview.now }).filter((a) => a.overdue);
    expect(overdue).toEqual(expected);
    const own = {
      contacts: new Map(network.contacts.map((c) => [c.id as string, c.name])),
      outreaches: new Set<string>(network.outreaches.map((o) => o.id)),
      meetings: new Set<string>(network.meetings.map((m) => m.id)),
      referrals: new Set<string>(network.referrals.map((r) => r.id)),
    };
    for (const action of overdue) {
      expect(action.overdue).toBe(true);
      expect(own.contacts.has(action.contactId)).toBe(true);
      if (action.outreachId) expect(own.outreaches.has(action.outreachId)).toBe(true);
      if (action.meetingId) expect(own.meetings.has(action.meetingId)).toBe(true);
      if (action.referralId) expect(own.referrals.has(action.referralId)).toBe(true);
      // Names the workspace's own contact, never the namesake in another workspace.
      expect(action.title).toContain(own.contacts.get(action.contactId)!.split(' ')[0]);
    }
  }
}

describe('coach overview', () => {
  it('lists every workspace with only its own overdue actions, most overdue first', async () => {
    const { store, playbook, clock } = await coachStore();
    const overview = await playbook.overview();
    expect(overview.now).toEqual(clock.now());
    const summary = overview.workspaces.map(({ workspace, overdue }) => [workspace.id, overdue.map((a) => [a.id, a.title])]);
    expect(summary).toEqual([
      ['ana', [['meeting-m1-thank-you', 'Send Cal Amato a thank-you and ask for an introduction']]],
      [
        'ben',
        [
          ['outreach-o1-attempt-2', 'Call Cleo Brandt (attempt 2 of 5)'],
          ['referral-r1-follow-up', 'Follow up with Cleo Brandt on the promised introduction'],
        ],
      ],
      ['cy', []],
    ]);
    // Ana's own agenda this week also has Dot's first email, which is not overdue yet.
    expect((await playbook.workspace('ana').agenda()).map((a) => a.id)).toEqual(['meeting-m1-thank-you', 'outreach-o1-attempt-1']);
    await checkAgainstRules(store, playbook, overview);
  });

  it('follows the clock and the records: new overdue actions appear, done ones go', async () => {
    const { store, playbook, clock } = await coachStore();
    await playbook.workspace('ana').recordThankYou({ meetingId: 'm1' });
    clock.set('2025-03-04T12:00:00-05:00');
    const overview = await playbook.overview();
    const ids = Object.fromEntries(overview.workspaces.map(({ workspace, overdue }) => [workspace.id, overdue.map((a) => a.id)]));
    expect(ids).toEqual({
      // First emails due on Monday are overdue from Tuesday, in each seeker's own zone.
      ana: ['outreach-o1-attempt-1'],
      ben: ['outreach-o1-attempt-2', 'referral-r1-follow-up'],
      cy: ['outreach-o1-attempt-1'],
    });
    await checkAgainstRules(store, playbook, overview);
  });

  it('reads one workspace at a time, each once, so memory follows the largest workspace and not the store', async () => {
    const { store, clock } = await coachStore();
    let inFlight = 0;
    let most = 0;
    const reads: string[] = [];
    const oneAtATime: NetworkStore = {
      ...store,
      loadNetwork: async (workspaceId) => {
        reads.push(workspaceId);
        most = Math.max(most, ++inFlight);
        // A slow store: a second read started meanwhile would overlap this one.
        await new Promise((resolve) => setTimeout(resolve, 5));
        try {
          return await store.loadNetwork(workspaceId);
        } finally {
          inFlight--;
        }
      },
    };
    const overview = await createPlaybook({ store: oneAtATime, clock }).overview();
    expect(overview.workspaces.map((entry) => entry.workspace.id)).toEqual(['ana', 'ben', 'cy']);
    expect(reads).toEqual(['ana', 'ben', 'cy']);
    expect(most).toBe(1);
  });

  it('an empty store has nothing to show', async () => {
    const playbook = createPlaybook({ store: createMemoryStore(), clock: manualClock('2025-03-03T09:00:00Z') });
    expect(await playbook.overview()).toEqual({ now: new Date('2025-03-03T09:00:00Z'), workspaces: [] });
  });
});

// Scales with the work, not the store: recording one event reads the workspace's head
// and the few records it touches, never the whole network, however many contacts the
// workspace holds.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import { ContactSchema, createPlaybook, fixedClock, type SeekerPlaybook, type StoreOperation } from '../../src/index.js';
import { countingStore, wid, type StoreCall } from './helpers.js';

const clock = fixedClock('2025-03-03T09:00:00-05:00');

/**
 * A workspace of `size` contacts at one organization, with one outreach (`o-1`, to
 * `c-1`), one held meeting (`m-1`) and a referral offered (`r-1`).
 */
async function workspaceOf(size: number) {
  const counting = countingStore(createMemoryStore());
  const playbook = createPlaybook({ store: counting.store, clock });
  await playbook.createWorkspace({ id: 'w', name: 'Wren', timeZone: 'America/New_York' });
  const w = playbook.workspace('w');
  await w.addOrganization({ id: 'org', name: 'Big Co' });
  const contacts: StoreOperation[] = Array.from({ length: size }, (_, i) => ({
    op: 'put',
    kind: 'contact',
    record: ContactSchema.parse({
      id: `c-${i + 1}`,
      name: `Contact ${i + 1}`,
      tie: 'alumni',
      organizationId: 'org',
      emails: [`c${i + 1}@example.org`],
      createdAt: clock.now(),
    }),
  }));
  const head = await counting.store.getWorkspace(wid('w'));
  await counting.store.commit(wid('w'), { expectedRevision: head!.revision, operations: contacts });
  await w.startOutreach({ id: 'o-1', contactId: 'c-1' });
  await w.scheduleMeeting({ id: 'm-1', contactId: 'c-2', startAt: '2025-03-03T08:00:00-05:00' });
  await w.holdMeeting('m-1');
  await w.recordReferral({ id: 'r-1', introducerId: 'c-2', kind: 'introduction-made', contactId: 'c-3' });
  expect((await w.network()).contacts).toHaveLength(size);
  return { w, counting };
}

/** The store calls one event makes. */
async function callsOf(counting: Awaited<ReturnType<typeof workspaceOf>>['counting'], event: () => Promise<unknown>) {
  counting.reset();
  await event();
  return { ...counting.calls } as Record<StoreCall, number>;
}

const EVENTS: readonly (readonly [string, (w: SeekerPlaybook) => Promise<unknown>])[] = [
  ['recordAttempt', (w) => w.recordAttempt('o-1', { channel: 'email' })],
  ['recordReply', (w) => w.recordReply('o-1', { answer: 'accepted' })],
  ['nextStep', (w) => w.nextStep('o-1')],
  ['startOutreach', (w) => w.startOutreach({ id: 'o-2', contactId: 'c-4' })],
  ['addContact', (w) => w.addContact({ id: 'new', name: 'New', tie: 'cold', organizationId: 'org', mutualContacts: ['c-5'] })],
  ['updateContact', (w) => w.updateContact('c-6', { role: 'Engineer' })],
  ['addNotes', (w) => w.addNotes('m-1', { notes: ['one more point'] })],
  ['recordThankYou', (w) => w.recordThankYou({ id: 't-1', meetingId: 'm-1' })],
  ['recordCheckIn', (w) => w.recordCheckIn({ id: 'k-1', contactId: 'c-2' })],
  ['snoozeCheckIn', (w) => w.snoozeCheckIn('c-2', { until: '2025-09-01T00:00:00Z' })],
  ['completeReferral', (w) => w.completeReferral('r-1')],
  ['recordOutcome', (w) => w.recordOutcome({ id: 'x-1', kind: 'interview', contactIds: ['c-3'] })],
  ['changePhase', (w) => w.changePhase({ kind: 'employed' })],
];

describe('recording an event reads only what it needs', () => {
  it('recordAttempt: one head, one record, one commit, no network load — with 10 contacts or 1,000', async () => {
    for (const size of [10, 1_000]) {
      const { w, counting } = await workspaceOf(size);
      const calls = await callsOf(counting, () => w.recordAttempt('o-1', { channel: 'email' }));
      expect(calls, `${size} contacts`).toEqual({ listWorkspaces: 0, getWorkspace: 1, getRecord: 1, loadNetwork: 0, commit: 1 });
    }
  });

  it('every event costs the same store calls in a workspace of 10 contacts and of 1,000', async () => {
    const small = await workspaceOf(10);
    const large = await workspaceOf(1_000);
    for (const [name, event] of EVENTS) {
      const inSmall = await callsOf(small.counting, () => event(small.w));
      const inLarge = await callsOf(large.counting, () => event(large.w));
      expect(inLarge, name).toEqual(inSmall);
      expect(inSmall.loadNetwork, name).toBe(0);
      expect(inSmall.listWorkspaces, name).toBe(0);
      expect(inSmall.getRecord, name).toBeLessThanOrEqual(4);
      expect(inSmall.commit, name).toBe(name === 'nextStep' ? 0 : 1);
    }
  });

  it('reads answer from one load of the network', async () => {
    const { w, counting } = await workspaceOf(1_000);
    expect(await callsOf(counting, () => w.agenda())).toMatchObject({ loadNetwork: 1, getRecord: 0, commit: 0 });
    expect(await callsOf(counting, () => w.funnel())).toMatchObject({ loadNetwork: 1, getRecord: 0, commit: 0 });
  });
});

// Two writers never lose an update silently: a Playbook whose change is refused as stale
// reads again and re-applies its event (up to 3 tries in all), then gives up with the
// ConflictError, having written nothing.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import {
  ConflictError,
  ValidationError,
  WorkspaceExistsError,
  createPlaybook,
  fixedClock,
  type NetworkStore,
  type SeekerPlaybook,
} from '../../src/index.js';
import { alwaysConflictingStore, holdings, interceptedStore } from './helpers.js';

const clock = fixedClock('2025-03-03T09:00:00-05:00');

/** A store with workspace `w`: contacts `a` and `b`, outreach `o-a`, meeting `m-a`. */
async function seeded(): Promise<NetworkStore> {
  const store = createMemoryStore();
  const playbook = createPlaybook({ store, clock });
  await playbook.createWorkspace({ id: 'w', name: 'Wren', timeZone: 'America/New_York' });
  const w = playbook.workspace('w');
  await w.addContact({ id: 'a', name: 'Abe', tie: 'event', emails: ['abe@example.org'] });
  await w.addContact({ id: 'b', name: 'Bea', tie: 'alumni' });
  await w.startOutreach({ id: 'o-a', contactId: 'a' });
  await w.scheduleMeeting({ id: 'm-a', contactId: 'a', startAt: '2025-03-02T10:00:00-05:00' });
  return store;
}

describe('two playbooks over one store', () => {
  it('interleaved writes both succeed: the refused one reads again and keeps the other’s change', async () => {
    const store = await seeded();
    const conflicts: ConflictError[] = [];
    // Two views of one store stand for two processes: writes through one view are not queued behind the other's.
    const watched = (): NetworkStore => ({
      ...store,
      commit: async (workspaceId, change) => {
        try {
          return await store.commit(workspaceId, change);
        } catch (error) {
          if (error instanceof ConflictError) conflicts.push(error);
          throw error;
        }
      },
    });
    const first = createPlaybook({ store: watched(), clock }).workspace('w');
    const second = createPlaybook({ store: watched(), clock }).workspace('w');
    const { revision } = await holdings(store, 'w');

    // Both read revision N before either commits; one commit is refused as stale.
    const [afterEmail, afterCall] = await Promise.all([
      first.recordAttempt('o-a', { channel: 'email', note: 'first writer' }),
      second.recordAttempt('o-a', { channel: 'phone', note: 'second writer' }),
    ]);
    expect(conflicts.length).toBeGreaterThanOrEqual(1);
    expect(afterEmail.attempts).toHaveLength(1);
    expect(afterCall.attempts).toHaveLength(2);

    const after = await holdings(store, 'w');
    expect(after.revision).toBe(revision! + 2);
    const outreach = after.network!.outreaches.find((o) => o.id === 'o-a')!;
    expect(outreach.attempts.map((a) => a.note).sort()).toEqual(['first writer', 'second writer']);
  });

  it('an event refused as stale is re-applied to what the other writer stored', async () => {
    const store = await seeded();
    const other = createPlaybook({ store, clock }).workspace('w');
    // The other writer gets in just before this playbook's first commit, on the same meeting.
    const racing = interceptedStore(store, async (call) => {
      if (call === 1) await other.addNotes('m-a', { notes: ['noted by the other writer'] });
    });
    const mine = createPlaybook({ store: racing, clock }).workspace('w');
    const { revision } = await holdings(store, 'w');

    const held = await mine.holdMeeting('m-a', { notes: ['noted while holding'] });
    expect(held.status).toBe('held');
    expect(held.notes).toEqual(['noted by the other writer', 'noted while holding']);
    const after = await holdings(store, 'w');
    expect(after.revision).toBe(revision! + 2);
    expect(after.network!.meetings.find((m) => m.id === 'm-a')).toEqual(held);
  });

  it('a check made on the first read is made again on the next: a contact the other writer took is a duplicate', async () => {
    const store = await seeded();
    const other = createPlaybook({ store, clock }).workspace('w');
    const racing = interceptedStore(store, async (call) => {
      if (call === 1) await other.addContact({ id: 'c', name: 'Cy (the other writer)', tie: 'cold' });
    });
    const mine = createPlaybook({ store: racing, clock }).workspace('w');
    await expect(mine.addContact({ id: 'c', name: 'Cy', tie: 'cold' })).rejects.toBeInstanceOf(ValidationError);
    const contacts = (await holdings(store, 'w')).network!.contacts;
    expect(contacts.find((c) => c.id === 'c')?.name).toBe('Cy (the other writer)');
  });

  it('two playbooks creating the same workspace: one wins, the other gets WorkspaceExistsError', async () => {
    const store = createMemoryStore();
    const [a, b] = await Promise.allSettled([
      createPlaybook({ store, clock }).createWorkspace({ id: 'same', name: 'First', timeZone: 'UTC' }),
      createPlaybook({ store, clock }).createWorkspace({ id: 'same', name: 'Second', timeZone: 'UTC' }),
    ]);
    const outcomes = [a, b].map((r) => r.status).sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const rejected = [a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(WorkspaceExistsError);
    expect(rejected.reason).toMatchObject({ code: 'workspace-exists', workspaceId: 'same' });
    expect(await store.listWorkspaces()).toHaveLength(1);
    expect((await holdings(store, 'same')).revision).toBe(1);
  });
});

describe('a store that is always ahead', () => {
  const events: readonly (readonly [string, (w: SeekerPlaybook) => Promise<unknown>])[] = [
    ['recordAttempt', (w) => w.recordAttempt('o-a', { channel: 'email' })],
    ['addContact', (w) => w.addContact({ id: 'c', name: 'Cy', tie: 'cold' })],
    ['holdMeeting', (w) => w.holdMeeting('m-a', { notes: ['x'] })],
    ['recordReferral', (w) => w.recordReferral({ introducerId: 'b', kind: 'introduction-made', contactId: 'a', status: 'done' })],
    ['changePhase', (w) => w.changePhase({ kind: 'employed' })],
  ];

  it.each(events)('%s gives up with ConflictError after 6 tries and writes nothing', async (_, event) => {
    const store = await seeded();
    const before = await holdings(store, 'w');
    const { store: ahead, commits } = alwaysConflictingStore(store);
    const error = await event(createPlaybook({ store: ahead, clock }).workspace('w')).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'conflict' });
    expect(commits()).toBe(6);
    expect(await holdings(store, 'w')).toEqual(before);
  });

  it('other errors from the store are not retried', async () => {
    const store = await seeded();
    let commits = 0;
    const refusing = interceptedStore(store, async () => {
      commits++;
      throw new ValidationError('change', [{ path: 'operations[0]', message: 'refused by the store' }]);
    });
    await expect(createPlaybook({ store: refusing, clock }).workspace('w').recordAttempt('o-a', { channel: 'email' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(commits).toBe(1);
  });
});

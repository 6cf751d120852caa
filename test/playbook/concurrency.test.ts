// A web server calls one Playbook from many requests at once. Every call must succeed,
// in the order it was made, on every store, with the same result as calling in turn.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonFileStore } from '../../src/adapters/json/index.js';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import { createPlaybook, fixedClock, type NetworkStore, type SeekerPlaybook } from '../../src/index.js';
import { sequentialIds } from './helpers.js';

const clock = fixedClock('2025-03-03T09:00:00-05:00');
const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const stores: readonly [string, () => Promise<NetworkStore>][] = [
  ['memory store', async () => createMemoryStore()],
  [
    'JSON file store',
    async () => {
      const path = mkdtempSync(join(tmpdir(), 'reachout-concurrency-'));
      directories.push(path);
      return createJsonFileStore({ path });
    },
  ],
];

/**
 * 100 mixed calls, each depending on some made before it: contacts, then outreaches to
 * them, attempts on those, meetings, notes, check-ins and tag changes.
 */
function calls(seeker: SeekerPlaybook): (() => Promise<unknown>)[] {
  const list: (() => Promise<unknown>)[] = [];
  for (let i = 0; i < 20; i++) {
    const id = `c${i}`;
    list.push(() => seeker.addContact({ id, name: `Contact ${i}`, tie: 'alumni', emails: [`${id}@example.org`] }));
    list.push(() => seeker.startOutreach({ id: `o${i}`, contactId: id }));
    list.push(() => seeker.recordAttempt(`o${i}`, { channel: 'email', note: `first to ${i}` }));
    list.push(() => seeker.updateContact(id, { tags: [`wave-${i % 3}`] }));
    list.push(
      i % 2 === 0
        ? () => seeker.recordReply(`o${i}`, { answer: 'accepted' })
        : () => seeker.scheduleMeeting({ id: `m${i}`, contactId: id, startAt: '2025-03-10T09:00:00-04:00' }),
    );
  }
  return list;
}

async function playbookOn(store: NetworkStore) {
  const playbook = createPlaybook({ store, clock, newId: sequentialIds('made') });
  await playbook.createWorkspace({ id: 'sam', name: 'Sam', timeZone: 'America/New_York' });
  return playbook.workspace('sam');
}

describe.each(stores)('100 concurrent calls on one Playbook, %s', (_, open) => {
  it('all resolve, and the network equals the one made by calling in turn', async () => {
    const concurrentStore = await open();
    const concurrent = await playbookOn(concurrentStore);
    const results = await Promise.allSettled(calls(concurrent).map((call) => call()));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(results).toHaveLength(100);

    const sequentialStore = await open();
    const sequential = await playbookOn(sequentialStore);
    for (const call of calls(sequential)) await call();

    expect(await concurrent.network()).toEqual(await sequential.network());
    expect((await concurrentStore.getWorkspace('sam'))?.revision).toBe(101);
    await concurrentStore.close();
    await sequentialStore.close();
  });

  it('a failing call in the middle fails alone; the ones after it still run in order', async () => {
    const store = await open();
    const seeker = await playbookOn(store);
    const [first, broken, after] = await Promise.allSettled([
      seeker.addContact({ id: 'ana', name: 'Ana', tie: 'event' }),
      seeker.addContact({ id: 'ana', name: 'Ana again', tie: 'event' }),
      seeker.updateContact('ana', { role: 'CTO' }),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(broken).toMatchObject({ status: 'rejected', reason: { code: 'validation' } });
    expect(after).toMatchObject({ status: 'fulfilled', value: { name: 'Ana', role: 'CTO' } });
    await store.close();
  });
});

// Two processes each make 500 revision-checked changes to one workspace, retrying on
// ConflictError with a fresh read. The final state holds every acknowledged change
// and none that was refused, and no two acknowledged changes share a revision.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonFileStore } from '../../../src/adapters/json/index.js';
import { putContact, putWorkspace, startWorker, tempDir, useTempDirs, wsId } from './helpers.js';

useTempDirs();

const CHANGES = 500;
const WS = wsId('shared');

describe('two processes writing one workspace', () => {
  it(`never lose an update: ${CHANGES} changes each, all acknowledged ones kept, refused ones absent`, { timeout: 180_000 }, async () => {
    const dir = join(tempDir('reachout-writers-'), 'store');
    // Compaction every few dozen commits, so each writer also reads the other's
    // compactions (a replaced journal) while it works.
    const compactAfterBytes = '12000';
    const setup = await createJsonFileStore({ path: dir });
    await setup.commit(WS, { expectedRevision: 0, operations: [putWorkspace('shared'), putContact('last', 'nobody')] });
    await setup.close();

    const writers = ['alpha', 'beta'].map((name) => ({ name, worker: startWorker('writerWorker.ts', [dir, name, String(CHANGES), compactAfterBytes]) }));
    await Promise.all(writers.map(({ worker }) => worker.waitFor((line) => line === 'ready')));
    for (const { worker } of writers) worker.child.stdin!.write('go\n');
    const ends = await Promise.all(writers.map(({ worker }) => worker.ended));
    ends.forEach((end, index) => expect(end, writers[index]!.name).toMatchObject({ code: 0, signal: null }));

    const acknowledged = new Map<string, number>();
    const refused = new Set<string>();
    for (const { name, worker } of writers) {
      expect(worker.lines.at(-1)).toBe('done');
      const acks = worker.lines.filter((line) => line.startsWith('ack '));
      expect(acks, name).toHaveLength(CHANGES);
      for (const line of acks) {
        const [, id, revision] = line.split(' ');
        acknowledged.set(id!, Number(revision));
      }
      for (const line of worker.lines.filter((l) => l.startsWith('refused '))) refused.add(line.slice(8));
    }
    // Each writer made each of its changes once.
    for (const { name } of writers) {
      const indexes = [...acknowledged.keys()].filter((id) => id.startsWith(`${name}-`)).map((id) => Number(id.split('-')[1]));
      expect(new Set(indexes).size, name).toBe(CHANGES);
    }
    // Every acknowledged change got its own revision: 2 … 2·CHANGES + 1, no gaps.
    const revisions = [...acknowledged.values()].sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: 2 * CHANGES }, (_, i) => i + 2));
    // The two really raced: some changes were refused and retried.
    expect(refused.size).toBeGreaterThan(0);

    const store = await createJsonFileStore({ path: dir });
    const final = await store.loadNetwork(WS);
    await store.close();
    expect(final?.revision).toBe(2 * CHANGES + 1);
    const ids = new Set<string>(final!.network.contacts.map((contact) => contact.id));
    ids.delete('last');
    expect([...ids].sort()).toEqual([...acknowledged.keys()].sort());
    for (const id of refused) expect(ids.has(id), id).toBe(false);
    // The record both overwrote holds the change acknowledged last.
    const lastId = [...acknowledged.entries()].find(([, revision]) => revision === 2 * CHANGES + 1)![0];
    expect(final!.network.contacts.find((contact) => contact.id === 'last')?.name).toBe(lastId);
  });
});

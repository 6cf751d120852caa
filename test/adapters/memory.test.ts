import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import { ContactSchema, WorkspaceSchema, type WorkspaceId } from '../../src/domain/index.js';
import { describeStoreContract } from '../../src/testing/index.js';

describeStoreContract('memory store', () => createMemoryStore());

describe('memory store', () => {
  const workspace = WorkspaceSchema.parse({ id: 'ada', name: 'Ada', timeZone: 'UTC', createdAt: '2026-01-05T09:00:00Z' });
  const contact = ContactSchema.parse({ id: 'c1', name: 'Lena', tie: 'alumni', createdAt: '2026-01-05T10:00:00Z' });
  const workspaceId = workspace.id as WorkspaceId;

  it('keeps no data between instances', async () => {
    const first = createMemoryStore();
    await first.commit(workspaceId, { expectedRevision: 0, operations: [{ op: 'put-workspace', workspace }] });
    const second = createMemoryStore();
    expect(await second.listWorkspaces()).toEqual([]);
    expect(await first.listWorkspaces()).toHaveLength(1);
  });

  it('hands out frozen records, so a caller cannot change what the store holds', async () => {
    const store = createMemoryStore();
    await store.commit(workspaceId, { expectedRevision: 0, operations: [{ op: 'put-workspace', workspace }, { op: 'put', kind: 'contact', record: contact }] });
    const read = (await store.getRecord(workspaceId, 'contact', 'c1'))!;
    expect(Object.isFrozen(read)).toBe(true);
    expect(Object.isFrozen(read.emails)).toBe(true);
    expect(() => (read.emails as string[]).push('x@example.org')).toThrow(TypeError);
    expect(await store.getRecord(workspaceId, 'contact', 'c1')).toEqual(contact);
  });

  it('takes hand-built records with plain ids and without their defaulted fields, and fills the defaults in', async () => {
    const store = createMemoryStore();
    // No casts: ids are plain strings, instants may be ISO text, defaulted fields may be left out.
    await store.commit('sam', {
      expectedRevision: 0,
      operations: [
        { op: 'put-workspace', workspace: { id: 'sam', name: 'Sam', timeZone: 'America/New_York', createdAt: '2026-01-05T09:00:00Z' } },
        { op: 'put', kind: 'contact', record: { id: 'lena', name: 'Lena Ortiz', tie: 'event', createdAt: new Date('2026-01-05T10:00:00Z') } },
      ],
    });
    const lena = await store.getRecord('sam', 'contact', 'lena');
    expect(lena).toMatchObject({ emails: [], phones: [], mutualContacts: [], tags: [], keepInTouch: true, researchNotes: '' });
    expect((await store.getWorkspace('sam'))?.workspace).toMatchObject({ phase: { kind: 'searching' }, holidays: [] });
  });
});

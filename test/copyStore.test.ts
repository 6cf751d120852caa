// Moving a store: the JSON file to PostgreSQL (PGlite in-process) to memory, compared
// record for record, revisions included; never over an existing workspace.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { journalHeader, snapshotFile } from '../src/adapters/json/format.js';
import { createJsonFileStore } from '../src/adapters/json/index.js';
import { createMemoryStore } from '../src/adapters/memory/index.js';
import { createPostgresStore } from '../src/adapters/postgres/index.js';
import {
  copyStore,
  createPlaybook,
  fixedClock,
  RECORD_KINDS,
  RECORD_LISTS,
  ValidationError,
  WorkspaceExistsError,
  type CopyProgress,
  type NetworkStore,
  type StoreOperation,
} from '../src/index.js';
import { arbitraries } from '../src/testing/arbitraries.js';

let pglite: PGlite;
let schemas = 0;
const directories: string[] = [];

beforeAll(async () => {
  pglite = new PGlite();
  await pglite.waitReady;
}, 180_000);
afterAll(() => pglite.close());
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const tempDir = () => {
  const directory = mkdtempSync(join(tmpdir(), 'reachout-copy-'));
  directories.push(directory);
  return directory;
};

/** Everything a store holds through its own reads, in the order it lists it. */
async function dump(store: NetworkStore) {
  const heads = await store.listWorkspaces();
  const networks = [];
  for (const { workspace } of heads) networks.push(await store.loadNetwork(workspace.id));
  return { heads, networks };
}

/** A JSON store grown through the Playbook (several revisions per workspace), plus a generated network. */
async function sourceStore() {
  const store = await createJsonFileStore({ path: tempDir() });
  const playbook = createPlaybook({ store, clock: fixedClock('2026-03-10T15:00:00Z') });
  await playbook.createWorkspace({ id: 'ana', name: 'Ana Lima', timeZone: 'America/Sao_Paulo' });
  const ana = playbook.workspace('ana');
  const org = await ana.addOrganization({ id: 'acme', name: 'Acme' });
  const rui = await ana.addContact({ id: 'rui', name: 'Rui Costa', tie: 'alumni', organizationId: org.id, emails: ['rui@example.com'] });
  const toRui = await ana.startOutreach({ id: 'to-rui', contactId: rui.id, startedAt: '2026-03-01T12:00:00Z' });
  await ana.recordAttempt(toRui.id, { channel: 'email', at: '2026-03-01T12:05:00Z' });
  await ana.recordReply(toRui.id, { answer: 'accepted', at: '2026-03-02T09:00:00Z' });
  const coffee = await ana.scheduleMeeting({ id: 'coffee', contactId: rui.id, startAt: '2026-03-05T12:00:00Z' });
  await ana.holdMeeting(coffee.id, { notes: ['Hiring in Q3', 'Emoji 😀 and Zoë stay as written'] });
  await ana.recordThankYou({ meetingId: coffee.id, sentAt: '2026-03-05T18:00:00Z' });
  await playbook.createWorkspace({ id: 'ben', name: 'Ben Osei', timeZone: 'Europe/London' });
  await playbook.createWorkspace({ id: 'chloe', name: 'Chloé Martin', timeZone: 'Europe/Paris' });
  await playbook.workspace('chloe').addContact({ id: 'rui', name: 'Another Rui', tie: 'cold' });
  // A generated network of every kind, committed directly (the store accepts dangling references).
  const [generated] = fc.sample(arbitraries.network({ maxContacts: 8 }), { numRuns: 1, seed: 7 });
  const workspace = { ...generated!.workspace, id: 'gen' };
  const operations: StoreOperation[] = [{ op: 'put-workspace', workspace }];
  for (const kind of RECORD_KINDS) for (const record of generated![RECORD_LISTS[kind]]) operations.push({ op: 'put', kind, record } as StoreOperation);
  await store.commit('gen', { expectedRevision: 0, operations });
  return store;
}

describe('copyStore', () => {
  it('moves every workspace, record and revision JSON → PostgreSQL → memory, record for record, in order', async () => {
    const json = await sourceStore();
    const original = await dump(json);
    expect(original.heads.map((head) => [head.workspace.id, head.revision])).toEqual([
      ['ana', 9],
      ['ben', 1],
      ['chloe', 2],
      ['gen', 1],
    ]);

    const postgres = await createPostgresStore({ pglite, schema: `copy_${schemas++}` });
    const progress: CopyProgress[] = [];
    const copied = await copyStore(json, postgres, { onProgress: (report) => progress.push(report) });
    const records = original.networks.reduce((sum, snapshot) => sum + RECORD_KINDS.reduce((n, kind) => n + snapshot!.network[RECORD_LISTS[kind]].length, 0), 0);
    expect(copied).toEqual({ workspaces: 4, records });
    expect(progress.map((report) => [report.workspaceId, report.workspaces, report.totalWorkspaces])).toEqual([
      ['ana', 1, 4],
      ['ben', 2, 4],
      ['chloe', 3, 4],
      ['gen', 4, 4],
    ]);
    expect(progress.at(-1)!.records).toBe(records);
    expect(await dump(postgres)).toEqual(original);

    const memory = createMemoryStore();
    await copyStore(postgres, memory);
    expect(await dump(memory)).toEqual(original);

    // The copy goes on from the copied revision: a stale change is refused, a current one accepted.
    const moved = createPlaybook({ store: memory, clock: fixedClock('2026-03-10T15:00:00Z') });
    await moved.workspace('ana').addContact({ id: 'new', name: 'New One', tie: 'event' });
    expect((await memory.getWorkspace('ana'))?.revision).toBe(10);
    await json.close();
  });

  it('refuses to copy over a workspace that exists in the target, and writes nothing at all', async () => {
    const json = await sourceStore();
    const target = createMemoryStore();
    // Only the third workspace exists there: the first two are not copied either.
    await target.commit('chloe', { expectedRevision: 0, operations: [{ op: 'put-workspace', workspace: { id: 'chloe', name: 'Mine', timeZone: 'UTC', createdAt: '2026-01-01T00:00:00Z' } }] });
    const before = await dump(target);
    const error = await copyStore(json, target).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(WorkspaceExistsError);
    expect(error).toMatchObject({ code: 'workspace-exists', workspaceId: 'chloe' });
    expect(await dump(target)).toEqual(before);
    await json.close();
  });

  it('names the workspace and the record when the target cannot keep a text (an old file with U+0000)', async () => {
    // A store file written before stores refused U+0000: it still opens, and the move says where the text is.
    const directory = tempDir();
    const network = (id: string, name: string) => ({
      workspace: { id, name: `Seeker ${id}`, timeZone: 'UTC', createdAt: '2026-01-01T00:00:00Z' },
      contacts: [
        { id: 'ok', name: 'Fine', tie: 'cold', createdAt: '2026-01-01T00:00:00Z' },
        { id: 'bad', name, tie: 'cold', createdAt: '2026-01-01T00:00:00Z' },
      ],
    });
    writeFileSync(join(directory, 'snapshot.json'), snapshotFile(0, { workspaces: [{ revision: 1, network: network('a', 'Clean') }, { revision: 1, network: network('b', 'Nul\u0000') }] }));
    writeFileSync(join(directory, 'journal.jsonl'), journalHeader());
    const json = await createJsonFileStore({ path: directory });
    const postgres = await createPostgresStore({ pglite, schema: `copy_${schemas++}` });
    const error = await copyStore(json, postgres).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain('copy of workspace "b"');
    expect((error as ValidationError).issues).toEqual([{ path: 'contacts[1].name', message: expect.stringContaining('U+0000') }]);
    // Workspaces before it were copied whole; the refused one not at all.
    expect((await postgres.listWorkspaces()).map((head) => head.workspace.id)).toEqual(['a']);
    await json.close();
  });
});

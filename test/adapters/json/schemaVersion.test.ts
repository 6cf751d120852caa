// Every schema version this library has written has a committed fixture store under
// fixtures/v<N>/, which must open (migrated, without being rewritten) with its known
// content. A file from a newer version gives UnsupportedSchemaVersionError and is
// left byte-identical.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createJsonFileStore, STORE_SCHEMA_VERSION } from '../../../src/adapters/json/index.js';
import { journalLine, migrateEntry, migrateSnapshot, readJournal, readSnapshot } from '../../../src/adapters/json/format.js';
import { StoreCorruptedError, UnsupportedSchemaVersionError } from '../../../src/domain/errors.js';
import { copyStore, hashFiles, putContact, useTempDirs, wsId } from './helpers.js';

useTempDirs();

const fixture = (version: number) => fileURLToPath(new URL(`./fixtures/v${version}`, import.meta.url));
const WS = wsId('fixture-v1');

/** Replaces the checksummed header line of `file` with `header`. */
function rewriteHeader(path: string, edit: (header: Record<string, unknown>) => void) {
  const bytes = readFileSync(path);
  const newline = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(9, newline).toString('utf8')) as Record<string, unknown>;
  edit(header);
  writeFileSync(path, Buffer.concat([journalLine(header), bytes.subarray(newline + 1)]));
}

describe('schema versions', () => {
  it('has a committed fixture store for every version up to the current one', () => {
    for (let version = 1; version <= STORE_SCHEMA_VERSION; version++) {
      const dir = fixture(version);
      for (const file of ['snapshot.json', 'journal.jsonl']) expect(existsSync(join(dir, file)), `v${version}/${file}`).toBe(true);
      const snapshotHeader = JSON.parse(readFileSync(join(dir, 'snapshot.json'), 'utf8').split('\n')[0]!.slice(9)) as { schemaVersion: number };
      const journalHeader = JSON.parse(readFileSync(join(dir, 'journal.jsonl'), 'utf8').split('\n')[0]!.slice(9)) as { schemaVersion: number };
      expect(snapshotHeader.schemaVersion).toBe(version);
      expect(journalHeader.schemaVersion).toBe(version);
    }
  });

  it('opens the v1 fixture with its known content, without rewriting a byte', async () => {
    const dir = copyStore(fixture(1));
    const before = hashFiles(dir);
    const store = await createJsonFileStore({ path: dir });
    expect(store.recoveries).toEqual([]);
    const heads = await store.listWorkspaces();
    expect(heads.map((head) => [head.workspace.id, head.revision])).toEqual([['fixture-v1', 5]]);
    const { network, revision } = (await store.loadNetwork(WS))!;
    await store.close();
    expect(hashFiles(dir)).toEqual(before);

    expect(revision).toBe(5);
    expect(network.workspace).toEqual({
      id: 'fixture-v1',
      name: 'Fixture seeker (renamed)',
      timeZone: 'America/New_York',
      phase: { kind: 'employed', since: new Date('2024-06-01T00:00:00.000Z') },
      holidays: ['2024-07-04'],
      createdAt: new Date('2024-05-06T07:08:09.000Z'),
    });
    expect(network.contacts.map((contact) => contact.id)).toEqual(['ada', 'cy']);
    expect(network.contacts[0]).toMatchObject({ name: 'Ada Lovelace', emails: ['ada@acme.example'], organizationId: 'org-1', tags: ['math'] });
    expect(network.contacts[1]).toMatchObject({ name: 'Cy Young', introducedBy: 'ada', tie: 'colleague' });
    expect(network.organizations).toEqual([
      expect.objectContaining({ id: 'org-1', name: 'Acme Labs', website: 'https://acme.example', standsFor: 'Making anvils safer' }),
    ]);
    expect(network.outreaches).toHaveLength(1);
    expect(network.outreaches[0]!.attempts.map((attempt) => attempt.channel)).toEqual(['email', 'phone']);
    expect(network.outreaches[0]!.reply?.answer).toBe('accepted');
  });

  it('a copy of the v1 fixture takes new changes and compacts', async () => {
    const dir = copyStore(fixture(1));
    const store = await createJsonFileStore({ path: dir });
    await store.commit(WS, { expectedRevision: 5, operations: [putContact('dee', 'Dee')] });
    await store.compact();
    await store.close();
    const reopened = await createJsonFileStore({ path: dir });
    const { network, revision } = (await reopened.loadNetwork(WS))!;
    await reopened.close();
    expect(revision).toBe(6);
    expect(network.contacts.map((contact) => contact.id)).toEqual(['ada', 'cy', 'dee']);
  });

  it('migrations of current-version data change nothing', () => {
    const dir = fixture(STORE_SCHEMA_VERSION);
    const { body } = readSnapshot('snapshot.json', readFileSync(join(dir, 'snapshot.json')));
    expect(migrateSnapshot(body, STORE_SCHEMA_VERSION)).toBe(body);
    const { entries } = readJournal('journal.jsonl', readFileSync(join(dir, 'journal.jsonl')));
    for (const { entry } of entries) expect(migrateEntry(entry, STORE_SCHEMA_VERSION)).toBe(entry);
  });

  for (const file of ['snapshot.json', 'journal.jsonl']) {
    it(`a ${file} of a newer schema version gives UnsupportedSchemaVersionError and stays byte-identical`, async () => {
      const dir = copyStore(fixture(1));
      const path = join(dir, file);
      rewriteHeader(path, (header) => void (header.schemaVersion = STORE_SCHEMA_VERSION + 1));
      const before = hashFiles(dir);
      const error = await createJsonFileStore({ path: dir }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UnsupportedSchemaVersionError);
      expect(error).toMatchObject({ file: path, found: STORE_SCHEMA_VERSION + 1, supported: STORE_SCHEMA_VERSION });
      expect((error as Error).message).toContain('Upgrade reachout');
      expect(hashFiles(dir)).toEqual(before);
    });

    it(`a ${file} whose header was hand-edited to a newer version without its checksum is damage`, async () => {
      const dir = copyStore(fixture(1));
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, text.replace('"schemaVersion":1', '"schemaVersion":2'));
      const before = hashFiles(dir);
      const error = await createJsonFileStore({ path: dir }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreCorruptedError);
      expect(error).toMatchObject({ file: path, where: 'line 1 (header)' });
      expect(hashFiles(dir)).toEqual(before);
    });
  }
});

// The JSON store's file format, compaction, recovery and sharing, tested directly:
// checksummed lines, journal positions, torn tails, automatic compaction with a
// backup, an interrupted compaction, commit cost independent of store size, two
// store instances on one directory.
import { appendFileSync, copyFileSync, readFileSync, readdirSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonFileStore } from '../../../src/adapters/json/index.js';
import { JOURNAL_START, journalHeader, journalLine, readJournal, readSnapshot, snapshotFile } from '../../../src/adapters/json/format.js';
import { nodeFileSystem, type FileSystem } from '../../../src/adapters/json/fsSeam.js';
import { ConflictError, StoreClosedError, StoreCorruptedError, ValidationError } from '../../../src/domain/errors.js';
import { FaultyFileSystem, putContact, putWorkspace, readState, tempDir, useTempDirs, wsId } from './helpers.js';

useTempDirs();

const WS = wsId('units');
const entry = (seq: number, expectedRevision = seq - 1) => ({ seq, workspaceId: 'units', expectedRevision, operations: [{ op: 'delete', kind: 'contact', id: 'x' }] });

describe('format', () => {
  it('a journal line is an 8-hex-digit CRC-32 of its JSON, a space, the JSON and a newline', () => {
    const line = journalLine({ a: 1 }).toString('utf8');
    expect(line).toMatch(/^[0-9a-f]{8} \{"a":1\}\n$/);
  });

  it('reads a journal: header, consecutive entries, line numbers, and where whole lines end', () => {
    const bytes = Buffer.concat([journalHeader(7), journalLine(entry(8)), journalLine(entry(9))]);
    const read = readJournal('j', bytes);
    expect(read.entries.map((e) => [e.entry.seq, e.line])).toEqual([[8, 2], [9, 3]]);
    expect(read.validBytes).toBe(bytes.length);
    expect(read.tornTail).toBeUndefined();
    expect(read.next).toEqual({ offset: bytes.length, line: 4, version: 1, after: 7, lastSeq: 9 });
    // Reading on from a position continues the numbering and checks continuity.
    const more = journalLine(entry(10));
    const next = readJournal('j', more, read.next);
    expect(next.entries.map((e) => [e.entry.seq, e.line])).toEqual([[10, 4]]);
    expect(next.next.offset).toBe(bytes.length + more.length);
    expect(() => readJournal('j', journalLine(entry(12)), read.next)).toThrow(/line 4 \(byte \d+\).*entries are missing or repeated/);
  });

  it('an unterminated last entry is a torn tail; the same bytes with a line after them are corruption', () => {
    const whole = Buffer.concat([journalHeader(0), journalLine(entry(1))]);
    const partial = journalLine(entry(2)).subarray(0, 20);
    const read = readJournal('j', Buffer.concat([whole, partial]));
    expect(read.entries).toHaveLength(1);
    expect(read.validBytes).toBe(whole.length);
    expect(read.tornTail).toEqual({ line: 3, offset: whole.length, bytes: 20 });
    const error = (() => {
      try {
        readJournal('j', Buffer.concat([whole, partial, Buffer.from('\n'), journalLine(entry(2))]));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(StoreCorruptedError);
    expect(error).toMatchObject({ file: 'j', where: `line 3 (byte ${whole.length})` });
  });

  it('an unterminated last line that is a whole entry is read; the next bytes must start with its newline', () => {
    const whole = Buffer.concat([journalHeader(0), journalLine(entry(1))]);
    const last = journalLine(entry(2));
    const read = readJournal('j', Buffer.concat([whole, last.subarray(0, -1)]));
    expect(read.entries.map((e) => [e.entry.seq, e.line])).toEqual([[1, 2], [2, 3]]);
    expect(read.tornTail).toBeUndefined();
    expect(read.next).toEqual({ offset: whole.length + last.length - 1, line: 4, version: 1, after: 0, lastSeq: 2, unterminated: true });
    expect(readJournal('j', Buffer.alloc(0), read.next).next).toBe(read.next);
    const more = Buffer.concat([Buffer.from('\n'), journalLine(entry(3))]);
    expect(readJournal('j', more, read.next).next).toEqual({ offset: whole.length + last.length + more.length - 1, line: 5, version: 1, after: 0, lastSeq: 3 });
    expect(() => readJournal('j', journalLine(entry(3)), read.next)).toThrow(/line 3 \(byte \d+\).*damaged line end/);
  });

  it('a snapshot round-trips, with its sequence number, and is refused whole on any damage', () => {
    const body = { workspaces: [{ revision: 3, network: { workspace: { id: 'w' } } }] };
    const bytes = snapshotFile(12, body);
    expect(readSnapshot('s', bytes)).toEqual({ lastSeq: 12, body });
    expect(bytes.toString('utf8').split('\n')[0]).toMatch(/^[0-9a-f]{8} \{"format":"reachout\/snapshot","schemaVersion":1,"lastSeq":12,"bytes":\d+,"crc32":"[0-9a-f]{8}"\}$/);
    expect(() => readSnapshot('s', bytes.subarray(0, bytes.length - 1))).toThrow(StoreCorruptedError);
    expect(() => readSnapshot('s', Buffer.concat([bytes, Buffer.from(' ')]))).toThrow(StoreCorruptedError);
  });
});

describe('compaction', () => {
  it('happens once the journal passes compactAfterBytes, keeps the previous snapshot as backup, and loses nothing', async () => {
    const dir = tempDir();
    const store = await createJsonFileStore({ path: dir, compactAfterBytes: 1_500 });
    let revision = (await store.commit(WS, { expectedRevision: 0, operations: [putWorkspace('units')] })).revision;
    let previousSnapshot: Buffer | undefined;
    let compactions = 0;
    for (let i = 0; i < 60; i++) {
      const snapshotBefore = statSync(join(dir, 'snapshot.json'), { throwIfNoEntry: false }) && readFileSync(join(dir, 'snapshot.json'));
      ({ revision } = await store.commit(WS, { expectedRevision: revision, operations: [putContact(`c${i % 10}`, `Contact ${i}`)] }));
      const journal = readFileSync(join(dir, 'journal.jsonl'));
      // The journal never grows much past the threshold: one entry at most.
      expect(journal.length).toBeLessThan(1_500 + 400);
      if (journal.toString('utf8').split('\n').length === 2) {
        compactions++;
        const { lastSeq } = readSnapshot('s', readFileSync(join(dir, 'snapshot.json')));
        expect(lastSeq).toBe(revision);
        if (snapshotBefore) expect(readFileSync(join(dir, 'snapshot.backup.json'))).toEqual(snapshotBefore);
        previousSnapshot = readFileSync(join(dir, 'snapshot.json'));
      }
    }
    await store.close();
    expect(compactions).toBeGreaterThanOrEqual(5);
    expect(previousSnapshot).toBeDefined();
    const state = await readState(dir, 'units');
    expect(state.revision).toBe(61);
    expect(Object.keys(state.contacts).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `c${i}`).sort());
    expect(state.contacts.c9).toBe('Contact 59');
  });

  it('interrupted between the new snapshot and the new journal, the store opens, reads right, and goes on', async () => {
    const dir = tempDir();
    const store = await createJsonFileStore({ path: dir });
    let { revision } = await store.commit(WS, { expectedRevision: 0, operations: [putWorkspace('units'), putContact('a')] });
    await store.compact();
    ({ revision } = await store.commit(WS, { expectedRevision: revision, operations: [putContact('b')] }));
    await store.commit(WS, { expectedRevision: revision, operations: [putContact('c')] });
    copyFileSync(join(dir, 'journal.jsonl'), join(dir, 'old-journal'));
    await store.compact();
    await store.close();
    // The crash: the snapshot was replaced, the journal not yet.
    renameSync(join(dir, 'old-journal'), join(dir, 'journal.jsonl'));
    const expected = { revision: 3, name: 'Workspace units', contacts: { a: 'Contact a', b: 'Contact b', c: 'Contact c' } };
    expect(await readState(dir, 'units')).toEqual(expected);
    // Another writer that never saw the compaction appends to the old journal.
    const other = await createJsonFileStore({ path: dir });
    await other.commit(WS, { expectedRevision: 3, operations: [putContact('d')] });
    await other.close();
    expect(await readState(dir, 'units')).toEqual({ ...expected, revision: 4, contacts: { ...expected.contacts, d: 'Contact d' } });
    const last = await createJsonFileStore({ path: dir });
    await last.compact();
    await last.close();
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8').split('\n')).toHaveLength(2);
    expect((await readState(dir, 'units')).revision).toBe(4);
  });

  it('keeps records whose references dangle (the port accepts them) through compaction and reopening', async () => {
    const dir = tempDir();
    const store = await createJsonFileStore({ path: dir });
    await store.commit(WS, {
      expectedRevision: 0,
      operations: [
        putWorkspace('units'),
        putContact('a', 'A', { organizationId: 'no-such-org', introducedBy: 'b' }),
        putContact('b', 'B', { introducedBy: 'a', mutualContacts: ['ghost'] }),
      ],
    });
    await store.compact();
    await store.close();
    expect(await readState(dir, 'units')).toEqual({ revision: 1, name: 'Workspace units', contacts: { a: 'A', b: 'B' } });
  });
});

describe('writes cost what the change costs', () => {
  /** Bytes and calls one commit makes, on a store already holding `contacts` contacts. */
  async function commitCost(contacts: number) {
    const dir = tempDir();
    const counted = { bytes: 0, calls: 0, counting: false };
    const fs: FileSystem = Object.fromEntries(
      Object.entries(nodeFileSystem).map(([name, call]) => [
        name,
        (...args: unknown[]) => {
          if (counted.counting) {
            counted.calls++;
            if (name === 'writeSync') counted.bytes += (args[3] as number | undefined) ?? (args[1] as Uint8Array).length;
          }
          const result = (call as (...a: unknown[]) => unknown)(...args);
          // Bytes read count too: a commit that read the whole store would show here.
          if (counted.counting && name === 'readFileSync') counted.bytes += (result as Buffer).length;
          if (counted.counting && name === 'readSync') counted.bytes += result as number;
          return result;
        },
      ]),
    ) as unknown as FileSystem;
    const store = await createJsonFileStore({ path: dir, fileSystem: fs });
    let { revision } = await store.commit(WS, { expectedRevision: 0, operations: [putWorkspace('units')] });
    // Ten commits either way, so the new entry's sequence number has as many digits.
    for (let i = 0; i < contacts; i += contacts / 10) {
      const operations = Array.from({ length: contacts / 10 }, (_, k) => putContact(`c${i + k}`));
      ({ revision } = await store.commit(WS, { expectedRevision: revision, operations }));
    }
    await store.compact();
    counted.counting = true;
    await store.commit(WS, { expectedRevision: revision, operations: [putContact('zz-new', 'The same change')] });
    counted.counting = false;
    await store.close();
    return { bytes: counted.bytes, calls: counted.calls };
  }

  it('one commit writes the same bytes with the same calls in a store of 10 contacts and of 5,000', async () => {
    const small = await commitCost(10);
    const large = await commitCost(5_000);
    expect(large).toEqual(small);
    // The entry, and the lock file written and read back: nothing more.
    expect(small.bytes).toBeLessThan(700);
  });
});

describe('two store instances on one directory', () => {
  it('each sees the other’s commits; a stale revision gets ConflictError and writes nothing', async () => {
    const dir = tempDir();
    const a = await createJsonFileStore({ path: dir });
    const b = await createJsonFileStore({ path: dir });
    await a.commit(WS, { expectedRevision: 0, operations: [putWorkspace('units')] });
    expect((await b.getWorkspace(WS))?.revision).toBe(1);
    await b.commit(WS, { expectedRevision: 1, operations: [putContact('from-b')] });
    const journal = readFileSync(join(dir, 'journal.jsonl'));
    const error = await a.commit(WS, { expectedRevision: 1, operations: [putContact('stale')] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ expected: 1, actual: 2 });
    expect(readFileSync(join(dir, 'journal.jsonl'))).toEqual(journal);
    expect((await a.getRecord(WS, 'contact', 'from-b'))?.name).toBe('Contact from-b');
    // One compacts (replacing the journal); the other reads and writes on.
    await a.compact();
    expect((await b.loadNetwork(WS))?.revision).toBe(2);
    await b.commit(WS, { expectedRevision: 2, operations: [putContact('after-compaction')] });
    expect((await a.getRecord(WS, 'contact', 'after-compaction'))?.id).toBe('after-compaction');
    await Promise.all([a.close(), b.close()]);
    expect((await readState(dir, 'units')).revision).toBe(3);
  });

  it('a read leaves another writer’s unfinished entry alone; the next commit cuts it back if that writer died', async () => {
    const dir = tempDir();
    const store = await createJsonFileStore({ path: dir });
    await store.commit(WS, { expectedRevision: 0, operations: [putWorkspace('units')] });
    const partial = journalLine({ seq: 2, workspaceId: 'units', expectedRevision: 1, operations: [] }).subarray(0, 30);
    appendFileSync(join(dir, 'journal.jsonl'), partial);
    const withTail = readFileSync(join(dir, 'journal.jsonl'));
    expect((await store.getWorkspace(WS))?.revision).toBe(1);
    expect(readFileSync(join(dir, 'journal.jsonl'))).toEqual(withTail);
    expect(store.recoveries).toEqual([]);
    await store.commit(WS, { expectedRevision: 1, operations: [putContact('next')] });
    expect(store.recoveries).toEqual([{ kind: 'torn-entry', file: join(dir, 'journal.jsonl'), line: 3, bytes: 30, repaired: true }]);
    await store.close();
    expect(await readState(dir, 'units')).toMatchObject({ revision: 2, contacts: { next: 'Contact next' } });
  });

  it('a whole entry read before its newline is kept; readers read on once it comes; a writer adds it if it never does', async () => {
    const dir = tempDir();
    const path = join(dir, 'journal.jsonl');
    const writer = await createJsonFileStore({ path: dir });
    const reader = await createJsonFileStore({ path: dir });
    await writer.commit(WS, { expectedRevision: 0, operations: [putWorkspace('units')] });
    expect((await reader.getWorkspace(WS))?.revision).toBe(1);
    // Another process's entry, whole but (so far) without its newline.
    const second = journalLine({ seq: 2, workspaceId: 'units', expectedRevision: 1, operations: [putContact('a')] });
    appendFileSync(path, second.subarray(0, -1));
    const unterminated = readFileSync(path);
    expect((await reader.getRecord(WS, 'contact', 'a'))?.id).toBe('a');
    expect((await writer.getWorkspace(WS))?.revision).toBe(2);
    // Reads never write: the file is as found, and nothing is reported yet.
    expect(readFileSync(path)).toEqual(unterminated);
    expect([...reader.recoveries, ...writer.recoveries]).toEqual([]);
    // The newline comes, with another entry: the reader reads on.
    appendFileSync(path, Buffer.concat([Buffer.from('\n'), journalLine({ seq: 3, workspaceId: 'units', expectedRevision: 2, operations: [putContact('b')] })]));
    expect((await reader.getWorkspace(WS))?.revision).toBe(3);
    // Another whole entry whose newline never comes: the next commit ends its line first.
    appendFileSync(path, journalLine({ seq: 4, workspaceId: 'units', expectedRevision: 3, operations: [putContact('c')] }).subarray(0, -1));
    expect((await reader.getWorkspace(WS))?.revision).toBe(4);
    await writer.commit(WS, { expectedRevision: 4, operations: [putContact('d')] });
    expect(writer.recoveries).toEqual([{ kind: 'missing-newline', file: path, line: 5, bytes: 1, repaired: true }]);
    expect(readJournal('j', readFileSync(path)).entries.map(({ entry, line }) => [entry.seq, line])).toEqual([[1, 2], [2, 3], [3, 4], [4, 5], [5, 6]]);
    expect((await reader.loadNetwork(WS))?.network.contacts.map((contact) => contact.id)).toEqual(['a', 'b', 'c', 'd']);
    await Promise.all([writer.close(), reader.close()]);
    expect(await readState(dir, 'units')).toMatchObject({ revision: 5, contacts: { a: 'Contact a', b: 'Contact b', c: 'Contact c', d: 'Contact d' } });
  });

  it('entries cut off at a line end while a store is open: that store refuses to go back (a fresh open cannot tell)', async () => {
    const dir = tempDir();
    const path = join(dir, 'journal.jsonl');
    const store = await createJsonFileStore({ path: dir });
    let { revision } = await store.commit(WS, { expectedRevision: 0, operations: [putWorkspace('units')] });
    const before = readFileSync(path);
    ({ revision } = await store.commit(WS, { expectedRevision: revision, operations: [putContact('a')] }));
    await store.commit(WS, { expectedRevision: revision, operations: [putContact('b')] });
    // Outside damage: the last two entries vanish, the file ends on a line end.
    truncateSync(path, before.length);
    const error = await store.getWorkspace(WS).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreCorruptedError);
    expect(error).toMatchObject({ file: path, where: 'line 3' });
    expect((error as StoreCorruptedError).detail).toMatch(/ends at entry 1, but this store instance has read up to entry 3/);
    await expect(store.commit(WS, { expectedRevision: 3, operations: [putContact('c')] })).rejects.toBeInstanceOf(StoreCorruptedError);
    expect(readFileSync(path)).toEqual(before);
    await store.close();
    // The format's limit (see the README): a store opened afresh sees a shorter journal.
    expect((await readState(dir, 'units')).revision).toBe(1);
  });

  it('new entries that fail validation halfway leave no half-applied state: the next read starts over', async () => {
    const dir = tempDir();
    const reader = await createJsonFileStore({ path: dir });
    const writer = await createJsonFileStore({ path: dir });
    let { revision } = await writer.commit(WS, { expectedRevision: 0, operations: [putWorkspace('units')] });
    expect((await reader.getWorkspace(WS))?.revision).toBe(1);
    ({ revision } = await writer.commit(WS, { expectedRevision: revision, operations: [putContact('a')] }));
    await writer.commit(WS, { expectedRevision: revision, operations: [putContact('b')] });
    await writer.close();
    const path = join(dir, 'journal.jsonl');
    const good = readFileSync(path);
    // A third entry, checksummed and in sequence, holding a record that fails validation.
    appendFileSync(path, journalLine({ seq: 4, workspaceId: 'units', expectedRevision: 3, operations: [{ op: 'put', kind: 'contact', record: { id: 'bad' } }] }));
    await expect(reader.getWorkspace(WS)).rejects.toBeInstanceOf(StoreCorruptedError);
    writeFileSync(path, good);
    const network = await reader.loadNetwork(WS);
    expect(network?.revision).toBe(3);
    expect(network?.network.contacts.map((contact) => contact.id)).toEqual(['a', 'b']);
    await reader.close();
  });
});

describe('the store directory', () => {
  it('is created with its parents (each made durable), and holds only fixed file names whatever the record ids', async () => {
    const root = tempDir();
    const dir = join(root, 'a', 'b', 'store');
    const faulty = new FaultyFileSystem();
    faulty.armed = true;
    const store = await createJsonFileStore({ path: dir, fileSystem: faulty.fs });
    faulty.armed = false;
    const syncedDirs = faulty.calls.filter((call) => call.method === 'fsyncSync' && !call.path.includes('.')).map((call) => call.path);
    expect(syncedDirs).toEqual(expect.arrayContaining([root, join(root, 'a'), join(root, 'a', 'b'), dir]));
    let { revision } = await store.commit(WS, { expectedRevision: 0, operations: [putWorkspace('units')] });
    for (const id of ['CON', 'nul', 'lock', 'snapshot', 'journal', '-', '__', 'a'.repeat(128)]) {
      ({ revision } = await store.commit(WS, { expectedRevision: revision, operations: [putContact(id)] }));
    }
    await store.compact();
    const journal = readFileSync(join(dir, 'journal.jsonl'));
    for (const id of ['../escape', 'a/b', '.', '..', 'x'.repeat(129), '']) {
      await expect(store.commit(WS, { expectedRevision: revision, operations: [putContact(id)] })).rejects.toBeInstanceOf(ValidationError);
    }
    expect(readFileSync(join(dir, 'journal.jsonl'))).toEqual(journal);
    await store.close();
    // (No backup yet: this was the first snapshot.)
    expect(readdirSync(dir).sort()).toEqual(['journal.jsonl', 'snapshot.json']);
    expect(readdirSync(root)).toEqual(['a']);
  });

  it('a closed store refuses every call', async () => {
    const store = await createJsonFileStore({ path: tempDir() });
    await store.close();
    await store.close();
    await expect(store.getWorkspace(WS)).rejects.toBeInstanceOf(StoreClosedError);
    await expect(store.commit(WS, { expectedRevision: 0, operations: [putWorkspace('units')] })).rejects.toBeInstanceOf(StoreClosedError);
    await expect(store.compact()).rejects.toBeInstanceOf(StoreClosedError);
  });

  it('starts a journal whose first line is a header with no entries', async () => {
    const dir = tempDir();
    const store = await createJsonFileStore({ path: dir });
    await store.close();
    const read = readJournal('j', readFileSync(join(dir, 'journal.jsonl')));
    expect(read.entries).toEqual([]);
    expect(read.next).toEqual({ ...JOURNAL_START, offset: read.validBytes, line: 2 });
  });
});

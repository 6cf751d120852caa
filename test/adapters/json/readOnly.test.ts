// readOnly: true. A store on a read-only file system, or beside a writer holding the
// lock, opens and reads. It takes no lock and creates, repairs and compacts nothing:
// the file-system seam sees no call that writes. Every write throws
// StoreReadOnlyError and changes nothing.
import { appendFileSync, chmodSync, existsSync, readdirSync, readFileSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonFileStore } from '../../../src/adapters/json/index.js';
import { journalLine } from '../../../src/adapters/json/format.js';
import { nodeFileSystem, type FileSystem } from '../../../src/adapters/json/fsSeam.js';
import { StoreCorruptedError, StoreIoError, StoreLockedError, StoreReadOnlyError } from '../../../src/domain/errors.js';
import { copyStore, hashFiles, putContact, putWorkspace, readState, startWorker, tempDir, useTempDirs, wsId } from './helpers.js';

useTempDirs();

const WS = wsId('ro');

/** A store with a snapshot (revision 2) and journal entries after it (revisions 3 and 4). */
async function makeStore(): Promise<string> {
  const dir = tempDir('reachout-ro-');
  const store = await createJsonFileStore({ path: dir });
  let { revision } = await store.commit(WS, { expectedRevision: 0, operations: [putWorkspace('ro'), putContact('a')] });
  ({ revision } = await store.commit(WS, { expectedRevision: revision, operations: [putContact('b')] }));
  await store.compact();
  ({ revision } = await store.commit(WS, { expectedRevision: revision, operations: [putContact('c')] }));
  await store.commit(WS, { expectedRevision: revision, operations: [putContact('d')] });
  await store.close();
  return dir;
}

const STATE = { revision: 4, name: 'Workspace ro', contacts: { a: 'Contact a', b: 'Contact b', c: 'Contact c', d: 'Contact d' } };

async function stateOf(store: Awaited<ReturnType<typeof createJsonFileStore>>) {
  const found = await store.loadNetwork(WS);
  return {
    revision: found?.revision ?? 0,
    name: found?.network.workspace.name,
    contacts: Object.fromEntries((found?.network.contacts ?? []).map((contact) => [contact.id, contact.name])),
  };
}

interface Call {
  readonly method: keyof FileSystem;
  readonly path: string;
  readonly flags?: string | number;
}

const WRITES = new Set<keyof FileSystem>(['writeSync', 'fsyncSync', 'ftruncateSync', 'renameSync', 'linkSync', 'unlinkSync', 'mkdirSync']);

/**
 * The real file system, recording every call. With `mountedReadOnly`, each call that
 * would write (and each open for writing) fails with EROFS, as on a file system
 * mounted read-only; root can write through chmod, not through this.
 */
function recordingFs(mountedReadOnly: boolean): { fs: FileSystem; calls: Call[] } {
  const calls: Call[] = [];
  const paths = new Map<number, string>();
  const refuse = (call: Call) => {
    const error = new Error(`EROFS: read-only file system, ${call.method} ${call.path}`) as NodeJS.ErrnoException;
    error.code = 'EROFS';
    return error;
  };
  const fs = Object.fromEntries(
    Object.entries(nodeFileSystem).map(([name, real]) => [
      name,
      (...args: unknown[]) => {
        const method = name as keyof FileSystem;
        const target = typeof args[0] === 'number' ? (paths.get(args[0]) ?? `fd ${args[0]}`) : String(args[0]);
        const call: Call = method === 'openSync' ? { method, path: target, flags: args[1] as string | number } : { method, path: target };
        calls.push(call);
        if (mountedReadOnly && (WRITES.has(method) || (method === 'openSync' && call.flags !== 'r'))) throw refuse(call);
        const result = (real as (...a: unknown[]) => unknown)(...args);
        if (method === 'openSync') paths.set(result as number, target);
        return result;
      },
    ]),
  ) as unknown as FileSystem;
  return { fs, calls };
}

/** Every call that writes, opens for writing, or touches the lock. */
const writesIn = (calls: readonly Call[]) =>
  calls.filter((call) => WRITES.has(call.method) || (call.method === 'openSync' && call.flags !== 'r') || /[/\\](\.lock\.|lock)/.test(call.path));

describe('a read-only store', () => {
  it('opens and reads on a read-only file system; commit and compact throw StoreReadOnlyError and change nothing', async () => {
    const dir = await makeStore();
    const before = hashFiles(dir);
    // Without readOnly, opening needs the lock, which cannot be written here.
    const writable = await createJsonFileStore({ path: dir, fileSystem: recordingFs(true).fs }).catch((caught: unknown) => caught);
    expect(writable).toBeInstanceOf(StoreIoError);
    expect((writable as StoreIoError).errno).toBe('EROFS');

    const { fs, calls } = recordingFs(true);
    const store = await createJsonFileStore({ path: dir, fileSystem: fs, readOnly: true });
    expect(store.readOnly).toBe(true);
    expect((await store.listWorkspaces()).map((head) => [head.workspace.id, head.revision])).toEqual([['ro', 4]]);
    expect(await stateOf(store)).toEqual(STATE);
    for (const write of [
      () => store.commit(WS, { expectedRevision: 4, operations: [putContact('e')] }),
      // Refused as a write, before the change is even looked at.
      () => store.commit(WS, { expectedRevision: 0, operations: [putContact('not an id')] }),
      () => store.compact(),
    ]) {
      const error = await write().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreReadOnlyError);
      expect(error).toMatchObject({ code: 'store-read-only', path: dir });
    }
    expect(await stateOf(store)).toEqual(STATE);
    await store.close();
    expect(writesIn(calls)).toEqual([]);
    expect(calls.some((call) => call.method === 'openSync' && call.flags === 'r')).toBe(true);
    expect(hashFiles(dir)).toEqual(before);
  });

  it('in a directory made read-only (0o555, files 0o444) opens, reads and writes nothing', async () => {
    const dir = await makeStore();
    const before = hashFiles(dir);
    const names = readdirSync(dir);
    for (const name of names) chmodSync(join(dir, name), 0o444);
    chmodSync(dir, 0o555);
    try {
      // (As root, chmod does not stop writes: the seam test above is the strict one.)
      if (process.getuid?.() !== 0) await expect(createJsonFileStore({ path: dir, lockTimeoutMs: 200 })).rejects.toBeInstanceOf(StoreIoError);
      const store = await createJsonFileStore({ path: dir, readOnly: true });
      expect(await stateOf(store)).toEqual(STATE);
      await expect(store.commit(WS, { expectedRevision: 4, operations: [putContact('e')] })).rejects.toBeInstanceOf(StoreReadOnlyError);
      await expect(store.compact()).rejects.toBeInstanceOf(StoreReadOnlyError);
      await store.close();
      expect(readdirSync(dir).sort()).toEqual(names.sort());
      expect(hashFiles(dir)).toEqual(before);
      expect(statSync(dir).mode & 0o777).toBe(0o555);
    } finally {
      chmodSync(dir, 0o755);
      for (const name of names) chmodSync(join(dir, name), 0o644);
    }
  });

  it('opens at once while another process holds the write lock, and never waits for it', async () => {
    const dir = await makeStore();
    const holder = startWorker('lockHolder.ts', [dir]);
    await holder.waitFor((line) => line === 'locked');
    try {
      // The lock is really held: a writable open gives up.
      await expect(createJsonFileStore({ path: dir, lockTimeoutMs: 200 })).rejects.toBeInstanceOf(StoreLockedError);
      const started = performance.now();
      const store = await createJsonFileStore({ path: dir, readOnly: true, lockTimeoutMs: 60_000 });
      expect(await stateOf(store)).toEqual(STATE);
      await expect(store.commit(WS, { expectedRevision: 4, operations: [putContact('e')] })).rejects.toBeInstanceOf(StoreReadOnlyError);
      expect(performance.now() - started).toBeLessThan(2_000);
      await store.close();
    } finally {
      holder.child.stdin!.write('release\n');
      await holder.ended;
    }
  });

  it('follows a writer (commits, a compaction) without a single call that writes or touches the lock', async () => {
    const dir = await makeStore();
    const { fs, calls } = recordingFs(false);
    const reader = await createJsonFileStore({ path: dir, fileSystem: fs, readOnly: true });
    const writer = await createJsonFileStore({ path: dir });
    let revision = 4;
    for (const id of ['e', 'f', 'g']) {
      ({ revision } = await writer.commit(WS, { expectedRevision: revision, operations: [putContact(id)] }));
      expect((await reader.getWorkspace(WS))?.revision).toBe(revision);
    }
    await writer.compact();
    ({ revision } = await writer.commit(WS, { expectedRevision: revision, operations: [putContact('h', 'After compaction')] }));
    expect((await reader.getRecord(WS, 'contact', 'h'))?.name).toBe('After compaction');
    expect((await reader.loadNetwork(WS))?.revision).toBe(revision);
    expect(revision).toBe(8);
    await Promise.all([reader.close(), writer.close()]);
    expect(calls.length).toBeGreaterThan(10);
    expect(writesIn(calls)).toEqual([]);
  });

  it('skips a torn last entry in memory and reports it as not cut; a writer later cuts it and the reader reads on', async () => {
    const dir = await makeStore();
    const path = join(dir, 'journal.jsonl');
    appendFileSync(path, journalLine({ seq: 5, workspaceId: 'ro', expectedRevision: 4, operations: [] }).subarray(0, 25));
    const torn = readFileSync(path);
    const reports: unknown[] = [];
    const reader = await createJsonFileStore({ path: dir, readOnly: true, onRecovery: (report) => reports.push(report) });
    const report = { kind: 'torn-entry', file: path, line: 4, bytes: 25, repaired: false };
    expect(reader.recoveries).toEqual([report]);
    expect(reports).toEqual([report]);
    expect(await stateOf(reader)).toEqual(STATE);
    expect(readFileSync(path)).toEqual(torn);
    // A writer cuts it back and appends; the reader, which stopped before it, reads on.
    const writer = await createJsonFileStore({ path: dir });
    expect(writer.recoveries).toMatchObject([{ kind: 'torn-entry', repaired: true }]);
    await writer.commit(WS, { expectedRevision: 4, operations: [putContact('e')] });
    await writer.close();
    expect(await stateOf(reader)).toEqual({ ...STATE, revision: 5, contacts: { ...STATE.contacts, e: 'Contact e' } });
    await reader.close();
  });

  it('keeps a whole last entry without its newline and reports it as not repaired; reads on once a writer adds it', async () => {
    const dir = await makeStore();
    const path = join(dir, 'journal.jsonl');
    truncateSync(path, statSync(path).size - 1);
    const unterminated = readFileSync(path);
    const reader = await createJsonFileStore({ path: dir, readOnly: true });
    expect(reader.recoveries).toEqual([{ kind: 'missing-newline', file: path, line: 3, bytes: 1, repaired: false }]);
    expect(await stateOf(reader)).toEqual(STATE);
    expect(readFileSync(path)).toEqual(unterminated);
    const writer = await createJsonFileStore({ path: dir });
    await writer.commit(WS, { expectedRevision: 4, operations: [putContact('e')] });
    await writer.close();
    expect((await reader.getWorkspace(WS))?.revision).toBe(5);
    await reader.close();
  });

  it('reads again when a compaction replaces the files between its two reads; real damage still fails', async () => {
    const dir = await makeStore();
    // The files as they are after another process compacts.
    const compacted = copyStore(dir);
    const other = await createJsonFileStore({ path: compacted });
    await other.compact();
    await other.close();
    // Right after the reader opened the old snapshot, the compaction lands: new snapshot, new journal.
    let swapped = false;
    const fs: FileSystem = {
      ...nodeFileSystem,
      openSync: (file, flags, mode) => {
        const fd = nodeFileSystem.openSync(file, flags, mode);
        if (!swapped && file === join(dir, 'snapshot.json')) {
          swapped = true;
          renameSync(join(compacted, 'snapshot.json'), join(dir, 'snapshot.json'));
          renameSync(join(compacted, 'journal.jsonl'), join(dir, 'journal.jsonl'));
        }
        return fd;
      },
    };
    const store = await createJsonFileStore({ path: dir, fileSystem: fs, readOnly: true });
    expect(swapped).toBe(true);
    expect(await stateOf(store)).toEqual(STATE);
    await store.close();

    const damaged = await makeStore();
    const snapshot = readFileSync(join(damaged, 'snapshot.json'));
    snapshot[snapshot.length - 3]! ^= 1;
    writeFileSync(join(damaged, 'snapshot.json'), snapshot);
    await expect(createJsonFileStore({ path: damaged, readOnly: true })).rejects.toBeInstanceOf(StoreCorruptedError);
  });

  it('a missing directory is StoreIoError (nothing is created); an empty one is an empty store until a writer fills it', async () => {
    const missing = join(tempDir(), 'no-such-store');
    const error = await createJsonFileStore({ path: missing, readOnly: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreIoError);
    expect(error).toMatchObject({ errno: 'ENOENT', file: missing });
    expect(existsSync(missing)).toBe(false);

    const dir = tempDir();
    const reader = await createJsonFileStore({ path: dir, readOnly: true });
    expect(await reader.listWorkspaces()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
    const writer = await createJsonFileStore({ path: dir });
    await writer.commit(WS, { expectedRevision: 0, operations: [putWorkspace('ro')] });
    await writer.close();
    expect((await reader.getWorkspace(WS))?.revision).toBe(1);
    await reader.close();
    expect(await readState(dir, 'ro')).toMatchObject({ revision: 1 });
  });
});

// Fault injection through the file-system seam: every call a commit, a compaction or
// an open makes is failed in turn (ENOSPC, EIO, and a write that stops halfway). The
// error is typed, the previous state stays intact and readable, no temp file is left
// behind, and the store that saw the fault goes on working once the disk recovers.
import { appendFileSync, linkSync, readFileSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonFileStore, type JsonFileStore } from '../../../src/adapters/json/index.js';
import type { FileSystem } from '../../../src/adapters/json/fsSeam.js';
import { StoreIoError } from '../../../src/domain/errors.js';
import {
  FaultyFileSystem,
  STAMP,
  STORE_FILES,
  copyStore,
  putContact,
  putWorkspace,
  readState,
  tempDir,
  tempFiles,
  useTempDirs,
  wsId,
  type SeamCall,
} from './helpers.js';

useTempDirs();

const WS = wsId('faults');
const BIG = 1 << 30;

/** A store with a snapshot (after one compaction) and journal entries after it. */
async function makeTemplate(): Promise<string> {
  const dir = tempDir();
  const store = await createJsonFileStore({ path: dir, compactAfterBytes: BIG });
  let { revision } = await store.commit(WS, { expectedRevision: 0, operations: [putWorkspace('faults'), putContact('a')] });
  ({ revision } = await store.commit(WS, { expectedRevision: revision, operations: [putContact('b'), putContact('c')] }));
  await store.compact();
  ({ revision } = await store.commit(WS, { expectedRevision: revision, operations: [putContact('d')] }));
  await store.commit(WS, { expectedRevision: revision, operations: [{ op: 'delete', kind: 'contact', id: 'a' }] });
  await store.close();
  return dir;
}

type Operation = 'commit' | 'commit that compacts' | 'compact' | 'open after a torn append' | 'open after a lost newline';

interface Outcome {
  readonly call: SeamCall | undefined;
  readonly error: unknown;
}

/** Runs `operation` on a copy of `template`, failing seam call `faultAt` (-1: none). */
async function run(
  template: string,
  operation: Operation,
  fault: { at: number; errno: string; partial?: boolean },
): Promise<{ dir: string; faulty: FaultyFileSystem; outcome: Outcome; store: JsonFileStore | undefined }> {
  const dir = copyStore(template);
  if (operation === 'open after a torn append') appendFileSync(join(dir, 'journal.jsonl'), '0badc0de {"seq":5,"workspaceId":"fau');
  if (operation === 'open after a lost newline') truncateSync(join(dir, 'journal.jsonl'), statSync(join(dir, 'journal.jsonl')).size - 1);
  const faulty = new FaultyFileSystem();
  const options = { path: dir, fileSystem: faulty.fs, compactAfterBytes: operation === 'commit that compacts' ? 1 : BIG };
  faulty.faultAt = fault.at;
  faulty.errno = fault.errno;
  faulty.partialWrite = fault.partial ?? false;
  let store: JsonFileStore | undefined;
  let error: unknown;
  try {
    if (operation.startsWith('open')) {
      faulty.armed = true;
      store = await createJsonFileStore(options);
    } else {
      store = await createJsonFileStore(options);
      faulty.armed = true;
      if (operation === 'compact') await store.compact();
      else await store.commit(WS, { expectedRevision: 4, operations: [putContact('new', 'New')] });
    }
  } catch (caught) {
    error = caught;
  }
  faulty.armed = false;
  return { dir, faulty, outcome: { call: faulty.injected, error }, store };
}

const BEFORE = { revision: 4, name: 'Workspace faults', contacts: { b: 'Contact b', c: 'Contact c', d: 'Contact d' } };
const AFTER = { ...BEFORE, revision: 5, contacts: { ...BEFORE.contacts, new: 'New' } };

/** The calls whose failure must fail the operation: each step that makes data durable. */
const ESSENTIAL = new Set<keyof FileSystem>(['openSync', 'writeSync', 'fsyncSync', 'renameSync', 'linkSync']);

/** A seam call's path with the store directory and temp-file names made comparable across runs. */
const shape = (path: string, dir: string) => path.replace(dir, '<dir>').replace(/\.[0-9]+-[0-9a-f]+\.(tmp|stamp)$/, '.<unique>.$1');

async function checkEveryStep(operation: Operation) {
  const template = await makeTemplate();
  const trace = await run(template, operation, { at: -1, errno: 'EIO' });
  expect(trace.outcome.error).toBeUndefined();
  await trace.store?.close();
  const calls = trace.faulty.calls;
  // The seam sees each step the issue names.
  const methods = new Set(calls.map((call) => call.method));
  if (operation === 'commit that compacts' || operation === 'compact') {
    for (const method of ['openSync', 'writeSync', 'fsyncSync', 'renameSync', 'linkSync'] as const) expect(methods).toContain(method);
    // …including the directory's own fsync after each rename.
    expect(calls.some((call) => call.method === 'fsyncSync' && call.path === trace.dir)).toBe(true);
  }
  // A commit is acknowledged once its journal entry is fsynced; a fault before that
  // refuses it, a fault after it (compaction, releasing the lock) does not.
  const acknowledgedAt =
    operation === 'commit' || operation === 'commit that compacts'
      ? calls.findIndex((call) => call.method === 'fsyncSync' && call.path.endsWith('journal.jsonl'))
      : -1;
  if (operation.startsWith('commit')) expect(acknowledgedAt).toBeGreaterThan(0);

  let refused = 0;
  for (let at = 0; at < calls.length; at++) {
    const variants = [{ errno: 'ENOSPC' }, { errno: 'EIO' }, ...(calls[at]!.method === 'writeSync' ? [{ errno: 'ENOSPC', partial: true }] : [])];
    for (const variant of variants) {
      const { dir, outcome, store } = await run(template, operation, { at, ...variant });
      const context = `${operation}: ${variant.errno}${variant.partial ? ' after a partial write' : ''} at call ${at} (${calls[at]!.method} ${calls[at]!.path})`;
      // Each run makes the same calls (temp names aside), so the fault hits the step traced.
      expect(outcome.call?.method, context).toBe(calls[at]!.method);
      expect(shape(outcome.call!.path, dir), context).toBe(shape(calls[at]!.path, trace.dir));
      if (outcome.error !== undefined) {
        refused++;
        expect(outcome.error, context).toBeInstanceOf(StoreIoError);
        expect((outcome.error as StoreIoError).errno, context).toBe(variant.errno);
      }
      // Removing a temp file is the one step whose failure changes nothing that matters.
      const quiet = calls[at]!.method === 'unlinkSync' && calls[at]!.path.endsWith('.tmp');
      if (operation.startsWith('commit')) {
        if (at > acknowledgedAt) expect(outcome.error, context).toBeUndefined();
        else if (!quiet) expect(outcome.error, context).toBeDefined();
      } else if (ESSENTIAL.has(calls[at]!.method)) expect(outcome.error, context).toBeDefined();

      // No temp file is left, except one whose own removal was the failed call (the
      // next open removes it).
      const leftovers = tempFiles(dir).map((name) => join(dir, name));
      if (quiet) expect([[], [outcome.call!.path]], context).toContainEqual(leftovers);
      else expect(leftovers, context).toEqual([]);
      // A fresh store reads the previous state, or the new one once acknowledged.
      const committed = operation.startsWith('commit') && outcome.error === undefined;
      expect(await readState(dir, 'faults'), context).toEqual(committed ? AFTER : BEFORE);
      expect(tempFiles(dir), context).toEqual([]);

      // The store that saw the fault goes on working.
      if (store) {
        const base = committed ? 5 : 4;
        await expect(store.commit(WS, { expectedRevision: base, operations: [putContact('later')] }), context).resolves.toEqual({ revision: base + 1 });
        await store.close();
        const later = await readState(dir, 'faults');
        expect(later.revision, context).toBe(base + 1);
        expect(later.contacts.later, context).toBe('Contact later');
      }
    }
  }
  return { calls: calls.length, refused };
}

describe('fault injection at each file-system step', () => {
  it('commit: a fault before the entry is fsynced refuses it and changes nothing; after, it stands', async () => {
    const { calls, refused } = await checkEveryStep('commit');
    expect(calls).toBeGreaterThanOrEqual(6);
    expect(refused).toBeGreaterThan(0);
  });

  it('commit that triggers compaction: a failed compaction never fails the acknowledged commit', async () => {
    const { calls } = await checkEveryStep('commit that compacts');
    expect(calls).toBeGreaterThan(20);
  });

  it('compact(): open, write, fsync, rename, link and directory fsync faults give StoreIoError, state intact', async () => {
    const { calls, refused } = await checkEveryStep('compact');
    expect(calls).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });

  it('open cutting a torn append: a fault leaves the store readable with the same state', async () => {
    const { calls } = await checkEveryStep('open after a torn append');
    expect(calls).toBeGreaterThan(8);
  });

  it('open appending a lost newline: a fault leaves the store readable with the same state', async () => {
    const { calls } = await checkEveryStep('open after a lost newline');
    expect(calls).toBeGreaterThan(8);
  });
});

describe('rename retries and fallbacks', () => {
  it('retries a rename refused with EBUSY or EPERM (a virus scanner, an indexer) and succeeds', async () => {
    for (const errno of ['EBUSY', 'EPERM']) {
      const dir = copyStore(await makeTemplate());
      const faulty = new FaultyFileSystem();
      const store = await createJsonFileStore({ path: dir, fileSystem: faulty.fs });
      faulty.failMethods.set('renameSync', { errno, times: 3 });
      faulty.armed = true;
      await store.compact();
      faulty.armed = false;
      const renames = faulty.calls.filter((call) => call.method === 'renameSync');
      expect(renames.length).toBe(3 + 3); // backup, snapshot, journal; three tries refused
      expect(tempFiles(dir)).toEqual([]);
      await store.close();
      expect(await readState(dir, 'faults')).toEqual(BEFORE);
      expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
    }
  });

  it('gives up on a rename that stays refused after a bounded backoff, with StoreIoError', async () => {
    const dir = copyStore(await makeTemplate());
    const faulty = new FaultyFileSystem();
    const store = await createJsonFileStore({ path: dir, fileSystem: faulty.fs });
    faulty.failMethods.set('renameSync', { errno: 'EPERM', times: 1_000 });
    faulty.armed = true;
    const started = performance.now();
    const error = await store.compact().catch((caught: unknown) => caught);
    const elapsed = performance.now() - started;
    faulty.armed = false;
    expect(error).toBeInstanceOf(StoreIoError);
    expect((error as StoreIoError).errno).toBe('EPERM');
    expect(faulty.calls.filter((call) => call.method === 'renameSync')).toHaveLength(8);
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(elapsed).toBeLessThan(5_000);
    expect(tempFiles(dir)).toEqual([]);
    // Once renames work again, the same store compacts.
    await store.compact();
    await store.close();
    expect(await readState(dir, 'faults')).toEqual(BEFORE);
  });

  it('works where the file system has no hard links: locks are created directly, the backup is a copy', async () => {
    const dir = copyStore(await makeTemplate());
    const snapshot = readFileSync(join(dir, 'snapshot.json'));
    const faulty = new FaultyFileSystem();
    faulty.failMethods.set('linkSync', { errno: 'EPERM', times: 1_000 });
    faulty.armed = true;
    const store = await createJsonFileStore({ path: dir, fileSystem: faulty.fs });
    await store.commit(WS, { expectedRevision: 4, operations: [putContact('new', 'New')] });
    await store.compact();
    await store.close();
    faulty.armed = false;
    expect(faulty.calls.some((call) => call.method === 'linkSync')).toBe(true);
    expect(readFileSync(join(dir, 'snapshot.backup.json'))).toEqual(snapshot);
    expect(readdirSync(dir).sort()).toEqual(['journal.jsonl', 'snapshot.backup.json', 'snapshot.json']);
    expect(await readState(dir, 'faults')).toEqual(AFTER);
  });
});

describe('double faults', () => {
  it('an append that fails halfway and cannot be cut back stops that store; reopening recovers the previous state', async () => {
    const template = await makeTemplate();
    const trace = await run(template, 'commit', { at: -1, errno: 'EIO' });
    await trace.store?.close();
    const appendAt = trace.faulty.calls.findIndex((call) => call.method === 'writeSync' && call.path.endsWith('journal.jsonl'));
    expect(appendAt).toBeGreaterThan(0);

    const dir = copyStore(template);
    const faulty = new FaultyFileSystem();
    const store = await createJsonFileStore({ path: dir, fileSystem: faulty.fs });
    Object.assign(faulty, { faultAt: appendAt, errno: 'ENOSPC', partialWrite: true, armed: true });
    faulty.failMethods.set('ftruncateSync', { errno: 'EIO', times: 1 });
    const first = await store.commit(WS, { expectedRevision: 4, operations: [putContact('new')] }).catch((error: unknown) => error);
    faulty.armed = false;
    expect(first).toBeInstanceOf(StoreIoError);
    expect((first as StoreIoError).errno).toBe('ENOSPC');
    // The journal now ends in half an entry: this store refuses to append after it.
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8').endsWith('\n')).toBe(false);
    await expect(store.commit(WS, { expectedRevision: 4, operations: [putContact('other')] })).rejects.toBe(first);
    await store.close();

    const reopened = await createJsonFileStore({ path: dir });
    expect(reopened.recoveries).toHaveLength(1);
    expect(reopened.recoveries[0]!.line).toBe(4);
    await expect(reopened.commit(WS, { expectedRevision: 4, operations: [putContact('new', 'New')] })).resolves.toEqual({ revision: 5 });
    await reopened.close();
    expect(await readState(dir, 'faults')).toEqual(AFTER);
  });
});

describe('failed compactions', () => {
  /** The store's files as they must be after any failed compaction: at most one temp file, never one file under two names. */
  function expectTidy(dir: string, context: string) {
    const names = readdirSync(dir);
    const temps = tempFiles(dir);
    expect(temps.length, `${context}: ${temps.join(', ')}`).toBeLessThanOrEqual(1);
    // A lock whose removal failed is taken over by the next write; the open store has its stamp.
    const others = names.filter((name) => !temps.includes(name) && !STORE_FILES.includes(name) && name !== 'lock');
    expect(others.filter((name) => !STAMP.test(name)), context).toEqual([]);
    expect(others.length, `${context}: one writer, one stamp`).toBeLessThanOrEqual(1);
    const snapshot = statSync(join(dir, 'snapshot.json'));
    const backup = statSync(join(dir, 'snapshot.backup.json'), { throwIfNoEntry: false });
    if (backup) expect(backup.ino, `${context}: snapshot.json and snapshot.backup.json are one file`).not.toBe(snapshot.ino);
  }

  it('on a disk that stays full, 50 failed compactions leave no temp file, snapshot and backup apart, and lose nothing', async () => {
    const dir = copyStore(await makeTemplate());
    const faulty = new FaultyFileSystem();
    const store = await createJsonFileStore({ path: dir, fileSystem: faulty.fs, compactAfterBytes: BIG });
    await store.commit(WS, { expectedRevision: 4, operations: [putContact('new', 'New')] });
    // New data cannot be written; links, renames and the lock's few bytes still fit.
    faulty.failWhen = (call) => (call.method === 'writeSync' && /\.(snapshot|backup|journal)\.[^/]*\.tmp$/.test(call.path) ? 'ENOSPC' : undefined);
    faulty.armed = true;
    for (let attempt = 0; attempt < 50; attempt++) {
      const error = await store.compact().catch((caught: unknown) => caught);
      expect(error, `attempt ${attempt}`).toBeInstanceOf(StoreIoError);
      expect((error as StoreIoError).errno).toBe('ENOSPC');
      expectTidy(dir, `attempt ${attempt}`);
      expect(tempFiles(dir)).toEqual([]);
    }
    faulty.armed = false;
    await store.compact();
    expectTidy(dir, 'after the disk recovered');
    await store.close();
    expect(await readState(dir, 'faults')).toEqual(AFTER);
  });

  it('ENOSPC and EIO at every step of compaction, over and over on one store, leave at most one temp file and lose nothing', async () => {
    const template = await makeTemplate();
    const trace = await run(template, 'compact', { at: -1, errno: 'EIO' });
    await trace.store?.close();
    const steps = trace.faulty.calls.length;
    expect(steps).toBeGreaterThan(20);

    const dir = copyStore(template);
    const faulty = new FaultyFileSystem();
    const store = await createJsonFileStore({ path: dir, fileSystem: faulty.fs, compactAfterBytes: BIG });
    let revision = 4;
    const contacts: Record<string, string> = { ...BEFORE.contacts };
    let failed = 0;
    for (let round = 0; failed < 50; round++) {
      for (let at = 0; at < steps; at++) {
        const errno = (round + at) % 2 === 0 ? 'ENOSPC' : 'EIO';
        const context = `round ${round}: ${errno} at call ${at}`;
        faulty.calls.length = 0;
        Object.assign(faulty, { faultAt: at, errno, injected: undefined, armed: true });
        const error = await store.compact().catch((caught: unknown) => caught);
        faulty.armed = false;
        if (error !== undefined) {
          failed++;
          expect(error, context).toBeInstanceOf(StoreIoError);
        }
        expectTidy(dir, context);
        // Acknowledged changes go on between the failures.
        ({ revision } = await store.commit(WS, { expectedRevision: revision, operations: [putContact(`k${round}-${at}`, 'K')] }));
        contacts[`k${round}-${at}`] = 'K';
      }
    }
    await store.close();
    expect(await readState(dir, 'faults')).toEqual({ ...BEFORE, revision, contacts });
    expect(tempFiles(dir)).toEqual([]);
  });

  it('a backup that is the snapshot under a second name (left by an earlier version) is set right by the next compaction', async () => {
    const dir = copyStore(await makeTemplate());
    rmSync(join(dir, 'snapshot.backup.json'), { force: true });
    linkSync(join(dir, 'snapshot.json'), join(dir, 'snapshot.backup.json'));
    const snapshot = readFileSync(join(dir, 'snapshot.json'));
    const store = await createJsonFileStore({ path: dir });
    await store.commit(WS, { expectedRevision: 4, operations: [putContact('new', 'New')] });
    await store.compact();
    expect(tempFiles(dir)).toEqual([]);
    expectTidy(dir, 'after compaction');
    expect(readFileSync(join(dir, 'snapshot.backup.json'))).toEqual(snapshot);
    await store.close();
    expect(await readState(dir, 'faults')).toEqual(AFTER);
  });
});

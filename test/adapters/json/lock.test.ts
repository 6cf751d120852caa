// The lock file between processes: a live holder makes a write wait, then succeed
// once released, or fail with StoreLockedError after lockTimeoutMs; a lock left by a
// dead process is taken over at once; one from another host is judged by its age.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonFileStore } from '../../../src/adapters/json/index.js';
import { nodeFileSystem } from '../../../src/adapters/json/fsSeam.js';
import type { FileSystem } from '../../../src/adapters/json/fsSeam.js';
import { dropLockStamp, newLockStamp, withLock } from '../../../src/adapters/json/lock.js';
import { StoreLockedError } from '../../../src/domain/errors.js';
import { hashFiles, putContact, putWorkspace, startWorker, tempDir, useTempDirs, wsId } from './helpers.js';

useTempDirs();

const WS = wsId('locks');

async function newStore(options: { lockTimeoutMs?: number; staleLockMs?: number } = {}) {
  const dir = tempDir('reachout-lock-');
  const store = await createJsonFileStore({ path: dir, ...options });
  await store.commit(WS, { expectedRevision: 0, operations: [putWorkspace('locks')] });
  return { dir, store };
}

/** A pid that belonged to a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.status).toBe(0);
  return child.pid;
}

describe('a lock held by another live process', () => {
  it('makes a write wait, and the write succeeds once the lock is released', async () => {
    const { dir, store } = await newStore({ lockTimeoutMs: 20_000 });
    const reader = await createJsonFileStore({ path: dir });
    const holder = startWorker('lockHolder.ts', [dir]);
    await holder.waitFor((line) => line === 'locked');
    const started = performance.now();
    let settled = false;
    const commit = store.commit(WS, { expectedRevision: 1, operations: [putContact('waited')] }).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(settled).toBe(false);
    // Reads take no lock: another store reads while the writer waits.
    expect((await reader.getWorkspace(WS))?.revision).toBe(1);
    holder.child.stdin!.write('release\n');
    await expect(commit).resolves.toEqual({ revision: 2 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
    expect((await holder.ended).code).toBe(0);
    expect((await reader.getRecord(WS, 'contact', 'waited'))?.name).toBe('Contact waited');
    await Promise.all([store.close(), reader.close()]);
    expect(readdirSync(dir).sort()).toEqual(['journal.jsonl']);
  });

  it('gives StoreLockedError naming the holder after lockTimeoutMs, changing nothing', async () => {
    const { dir, store } = await newStore({ lockTimeoutMs: 300 });
    const holder = startWorker('lockHolder.ts', [dir]);
    await holder.waitFor((line) => line === 'locked');
    // Writers' stamps aside: each try at the lock rewrites the writer's own.
    const storeFiles = () => Object.fromEntries(Object.entries(hashFiles(dir)).filter(([name]) => !name.endsWith('.stamp')));
    const before = storeFiles();
    const started = performance.now();
    const error = await store.commit(WS, { expectedRevision: 1, operations: [putContact('refused')] }).catch((caught: unknown) => caught);
    const waited = performance.now() - started;
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as StoreLockedError).holder).toBe(`process ${holder.child.pid} on ${hostname()}`);
    expect((error as StoreLockedError).path).toBe(dir);
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(waited).toBeLessThan(3_000);
    expect(storeFiles()).toEqual(before);
    // Opening waits for the lock too.
    await expect(createJsonFileStore({ path: dir, lockTimeoutMs: 200 })).rejects.toBeInstanceOf(StoreLockedError);
    holder.child.stdin!.write('release\n');
    await holder.ended;
    await expect(store.commit(WS, { expectedRevision: 1, operations: [putContact('later')] })).resolves.toEqual({ revision: 2 });
    await store.close();
  });

  it('is taken over at once when its holder is killed while holding it', async () => {
    const { dir, store } = await newStore({ lockTimeoutMs: 20_000 });
    const holder = startWorker('lockHolder.ts', [dir]);
    await holder.waitFor((line) => line === 'locked');
    holder.child.kill('SIGKILL');
    await holder.ended;
    expect(existsSync(join(dir, 'lock'))).toBe(true);
    const started = performance.now();
    await expect(store.commit(WS, { expectedRevision: 1, operations: [putContact('after-kill')] })).resolves.toEqual({ revision: 2 });
    // Judged by its dead pid, not by age (staleLockMs is 30 s by default).
    expect(performance.now() - started).toBeLessThan(2_000);
    await store.close();
    expect(readdirSync(dir).sort()).toEqual(['journal.jsonl']);
  });
});

describe('lock files left behind', () => {
  const lockFile = (dir: string, content: string, ageMs = 0) => {
    const path = join(dir, 'lock');
    writeFileSync(path, content);
    if (ageMs > 0) utimesSync(path, new Date(Date.now() - ageMs), new Date(Date.now() - ageMs));
  };

  it('a lock of a dead process on this host is taken over at once', async () => {
    const { dir, store } = await newStore({ lockTimeoutMs: 5_000 });
    lockFile(dir, JSON.stringify({ pid: deadPid(), host: hostname(), token: 'dead' }));
    const started = performance.now();
    await expect(store.commit(WS, { expectedRevision: 1, operations: [putContact('x')] })).resolves.toEqual({ revision: 2 });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(existsSync(join(dir, 'lock'))).toBe(false);
    await store.close();
  });

  it('a lock from another host is honoured while fresh and taken over once older than staleLockMs', async () => {
    const { dir, store } = await newStore({ lockTimeoutMs: 200, staleLockMs: 60_000 });
    lockFile(dir, JSON.stringify({ pid: 4242, host: 'another-host', token: 'far' }));
    const error = await store.commit(WS, { expectedRevision: 1, operations: [putContact('x')] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as StoreLockedError).holder).toBe('process 4242 on another-host');
    lockFile(dir, JSON.stringify({ pid: 4242, host: 'another-host', token: 'far' }), 120_000);
    await expect(store.commit(WS, { expectedRevision: 1, operations: [putContact('x')] })).resolves.toEqual({ revision: 2 });
    await store.close();
  });

  it('an empty or unreadable lock is judged by its age alone', async () => {
    const { dir, store } = await newStore({ lockTimeoutMs: 200, staleLockMs: 60_000 });
    for (const content of ['', '{"pid":']) {
      lockFile(dir, content);
      await expect(store.commit(WS, { expectedRevision: 1, operations: [putContact('x')] })).rejects.toBeInstanceOf(StoreLockedError);
    }
    lockFile(dir, '{"pid":', 120_000);
    await expect(store.commit(WS, { expectedRevision: 1, operations: [putContact('x')] })).resolves.toEqual({ revision: 2 });
    await store.close();
  });

  it('a lock this process failed to remove (not one it holds) is taken over by its next write', async () => {
    const { dir, store } = await newStore({ lockTimeoutMs: 2_000 });
    lockFile(dir, JSON.stringify({ pid: process.pid, host: hostname(), token: 'released-badly' }));
    await expect(store.commit(WS, { expectedRevision: 1, operations: [putContact('x')] })).resolves.toEqual({ revision: 2 });
    expect(existsSync(join(dir, 'lock'))).toBe(false);
    await store.close();
  });

  it('a takeover file and lock temp files left by a dead process are cleared on open', async () => {
    const { dir, store } = await newStore();
    await store.close();
    writeFileSync(join(dir, 'lock.takeover'), JSON.stringify({ pid: deadPid(), host: hostname() }));
    writeFileSync(join(dir, `.lock.${deadPid()}-0123456789ab.tmp`), '{}');
    writeFileSync(join(dir, `.lock.${deadPid()}-0123456789ac.stamp`), '{}');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const reopened = await createJsonFileStore({ path: dir });
    await reopened.close();
    expect(readdirSync(dir).sort()).toEqual(['journal.jsonl', 'notes.txt']);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('a lock replaced while held (taken over as stale) is left to its new holder on release', async () => {
    const dir = tempDir('reachout-lock-');
    const lock = join(dir, 'lock');
    let replacement = '';
    await withLock({ fs: nodeFileSystem, dir, timeoutMs: 1_000, staleMs: 60_000, stamp: newLockStamp() }, () => {
      // Same length as ours, so only which file it is tells them apart (the inode may be reused).
      const ours = readFileSync(lock, 'utf8');
      replacement = ours.replace(/"token":"[^"]*"/, (token) => token.replace(/[0-9a-e]/g, 'f'));
      expect(replacement).toHaveLength(ours.length);
      expect(replacement).not.toBe(ours);
      unlinkSync(lock);
      writeFileSync(lock, replacement);
    });
    expect(readFileSync(lock, 'utf8')).toBe(replacement);
  });

  it('its own lock is removed on release, and its stamp when the writer drops it', async () => {
    const dir = tempDir('reachout-lock-');
    const stamp = newLockStamp();
    const seen = await withLock({ fs: nodeFileSystem, dir, timeoutMs: 1_000, staleMs: 60_000, stamp }, () => existsSync(join(dir, 'lock')));
    expect(seen).toBe(true);
    expect(readdirSync(dir)).toEqual([stamp.path!.slice(dir.length + 1)]);
    dropLockStamp(nodeFileSystem, stamp);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("a writer's lock stamp", () => {
  const options = (dir: string, fs: FileSystem = nodeFileSystem) => ({ fs, dir, timeoutMs: 1_000, staleMs: 60_000, stamp: newLockStamp() });
  const holding = (dir: string) => {
    const path = join(dir, 'lock');
    return { ino: statSync(path).ino, mtimeMs: statSync(path).mtimeMs, holder: JSON.parse(readFileSync(path, 'utf8')) as { pid: number; token: string } };
  };

  it('is the lock each time: one file rewritten, with a fresh token and a fresh age', async () => {
    const dir = tempDir('reachout-lock-');
    const lock = options(dir);
    const first = await withLock(lock, () => holding(dir));
    // Aged by an hour between writes: the next lock must not look an hour old.
    utimesSync(lock.stamp.path!, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    const second = await withLock(lock, () => holding(dir));
    expect(second.ino).toBe(first.ino);
    expect(second.ino).toBe(statSync(lock.stamp.path!).ino);
    expect(second.holder.pid).toBe(process.pid);
    expect(second.holder.token).not.toBe(first.holder.token);
    expect(Date.now() - second.mtimeMs).toBeLessThan(60_000);
    expect(existsSync(join(dir, 'lock'))).toBe(false);
  });

  it('swept by another writer (opening the store) is written anew', async () => {
    const dir = tempDir('reachout-lock-');
    const lock = options(dir);
    await withLock(lock, () => undefined);
    const swept = lock.stamp.path!;
    unlinkSync(swept);
    expect(await withLock(lock, () => existsSync(join(dir, 'lock')))).toBe(true);
    expect(lock.stamp.path).not.toBe(swept);
    expect(readdirSync(dir)).toEqual([lock.stamp.path!.slice(dir.length + 1)]);
  });

  it('is dropped, never rewritten, when its lock could not be removed; the next write takes that lock over', async () => {
    const dir = tempDir('reachout-lock-');
    let refuse = true;
    const fs: FileSystem = {
      ...nodeFileSystem,
      unlinkSync: (path) => {
        if (refuse && path === join(dir, 'lock')) throw Object.assign(new Error('EIO: refused'), { code: 'EIO' });
        nodeFileSystem.unlinkSync(path);
      },
    };
    const lock = options(dir, fs);
    const first = await withLock(lock, () => holding(dir));
    // The lock stayed, whole and unchanged; the stamp that was its file is gone.
    expect(lock.stamp.path).toBeUndefined();
    expect(readdirSync(dir)).toEqual(['lock']);
    const left = readFileSync(join(dir, 'lock'), 'utf8');
    expect(JSON.parse(left).token).toBe(first.holder.token);
    refuse = false;
    const second = await withLock(lock, () => holding(dir));
    expect(second.ino).not.toBe(first.ino);
    expect(second.holder.token).not.toBe(first.holder.token);
    expect(existsSync(join(dir, 'lock'))).toBe(false);
  });

  it('of a process that ends without close() is removed as it exits; of a killed one, by the next open', async () => {
    const dir = tempDir('reachout-lock-');
    const exits = startWorker('unclosedWriter.ts', [dir, 'exit']);
    await exits.waitFor((line) => line === 'committed');
    expect((await exits.ended).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['journal.jsonl']);

    const killed = startWorker('unclosedWriter.ts', [dir, 'wait']);
    await killed.waitFor((line) => line === 'committed');
    const stamps = () => readdirSync(dir).filter((name) => name.endsWith('.stamp'));
    const left = stamps();
    expect(left).toHaveLength(1);
    killed.child.kill('SIGKILL');
    await killed.ended;
    expect(stamps()).toEqual(left);
    const store = await createJsonFileStore({ path: dir });
    expect(stamps()).not.toContain(left[0]);
    await store.close();
    expect(readdirSync(dir).sort()).toEqual(['journal.jsonl']);
  });

  it('of a writer whose stamp another store swept on open: that writer writes on, and closing leaves no stamp', async () => {
    const { dir, store } = await newStore();
    const other = await createJsonFileStore({ path: dir });
    await expect(store.commit(WS, { expectedRevision: 1, operations: [putContact('after-sweep')] })).resolves.toEqual({ revision: 2 });
    await expect(other.commit(WS, { expectedRevision: 2, operations: [putContact('from-other')] })).resolves.toEqual({ revision: 3 });
    expect(readdirSync(dir).filter((name) => name.endsWith('.stamp'))).toHaveLength(2);
    await Promise.all([store.close(), other.close()]);
    expect(readdirSync(dir).sort()).toEqual(['journal.jsonl']);
  });
});

// The lock file between processes: a live holder makes a write wait, then succeed
// once released, or fail with StoreLockedError after lockTimeoutMs; a lock left by a
// dead process is taken over at once; one from another host is judged by its age.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonFileStore } from '../../../src/adapters/json/index.js';
import { nodeFileSystem } from '../../../src/adapters/json/fsSeam.js';
import { withLock } from '../../../src/adapters/json/lock.js';
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
    const before = hashFiles(dir);
    const started = performance.now();
    const error = await store.commit(WS, { expectedRevision: 1, operations: [putContact('refused')] }).catch((caught: unknown) => caught);
    const waited = performance.now() - started;
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as StoreLockedError).holder).toBe(`process ${holder.child.pid} on ${hostname()}`);
    expect((error as StoreLockedError).path).toBe(dir);
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(waited).toBeLessThan(3_000);
    expect(hashFiles(dir)).toEqual(before);
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
    await withLock({ fs: nodeFileSystem, dir, timeoutMs: 1_000, staleMs: 60_000 }, () => {
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

  it('its own lock is removed on release', async () => {
    const dir = tempDir('reachout-lock-');
    const seen = await withLock({ fs: nodeFileSystem, dir, timeoutMs: 1_000, staleMs: 60_000 }, () => existsSync(join(dir, 'lock')));
    expect(seen).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});

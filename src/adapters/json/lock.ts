import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { StoreIoError, StoreLockedError } from '../../domain/errors.js';
import type { FileSystem } from './fsSeam.js';

/** How a store waits for, and judges, the lock of another writer. */
export interface LockOptions {
  readonly fs: FileSystem;
  readonly dir: string;
  /** Give up with `StoreLockedError` after waiting this long (ms). */
  readonly timeoutMs: number;
  /** A lock older than this (ms) is taken to be left by a writer that died. */
  readonly staleMs: number;
  /** This writer's lock stamp, kept between writes (see {@link LockStamp}). */
  readonly stamp: LockStamp;
}

/**
 * A writer's lock stamp: a file beside the store, `.lock.<pid>-<id>.stamp`, holding the
 * next lock's content. Taking the lock rewrites it in place and hard-links it as
 * `lock`; releasing unlinks `lock` again. So a write creates and frees no file (a new
 * file per write costs an inode's creation and removal, which the journal's fsync then
 * also waits for), while the lock still appears whole. The store closes it.
 */
export interface LockStamp {
  path: string | undefined;
  fd: number | undefined;
  /** Bytes in the stamp: a shorter content is padded with spaces to it (JSON allows them). */
  size: number;
  /** The file system has no hard links: every lock is created directly. */
  linkless: boolean;
}

/** A writer's empty stamp; the file is created on its first lock. */
export const newLockStamp = (): LockStamp => ({ path: undefined, fd: undefined, size: 0, linkless: false });

/**
 * This process's stamp files, removed when it exits without closing its stores (a
 * script that never calls `close()` leaves none behind; a killed one does, and the
 * next writer to open the store, or to take the dead writer's lock over, removes it).
 */
const liveStamps = new Map<LockStamp, FileSystem>();
let exitHook = false;

function keepStamp(fs: FileSystem, stamp: LockStamp): void {
  liveStamps.set(stamp, fs);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const [stamp, fs] of liveStamps) dropLockStamp(fs, stamp);
  });
}

/** Closes and removes a stamp file (a failure leaves it to the next open's sweep). */
export function dropLockStamp(fs: FileSystem, stamp: LockStamp): void {
  liveStamps.delete(stamp);
  const { path, fd } = stamp;
  stamp.path = stamp.fd = undefined;
  stamp.size = 0;
  if (fd !== undefined) {
    try {
      fs.closeSync(fd);
    } catch {
      // The descriptor is gone either way.
    }
  }
  if (path !== undefined) removeQuietly(fs, path);
}

interface Holder {
  readonly pid?: number;
  readonly host?: string;
  readonly token?: string;
  readonly since?: string;
  /** The holder's stamp file (the lock's other name), removed with a lock taken over. */
  readonly stamp?: string;
}

/** The name of a writer's lock stamp (see {@link LockStamp}). */
export const STAMP_NAME = /^\.lock\.[0-9]+-[0-9a-f]+\.stamp$/;

const HOST = hostname();
// Lock tokens and temp names are this process's random nonce plus a counter: unique
// like a fresh random value each time, without a call to the CSPRNG on every write.
let nonce: string | undefined;
let issued = 0;
const uniqueSuffix = () => `${(nonce ??= randomBytes(6).toString('hex'))}${(issued++).toString(16)}`;
const LOCK = 'lock';
const TAKEOVER = 'lock.takeover';

/**
 * Tokens of the locks this process holds right now. A lock file naming this process
 * with a token not in here was left behind by a release that failed: it is stale.
 */
const held = new Set<string>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) === 'EPERM';
  }
}

function removeIfPresent(fs: FileSystem, path: string): void {
  try {
    fs.unlinkSync(path);
  } catch (error) {
    if (code(error) !== 'ENOENT') throw new StoreIoError('remove', path, code(error), { cause: error });
  }
}

/**
 * Which file a lock file is: its inode, and the time and size its content was written
 * with (a link or an unlink changes neither). A lock removed by a takeover and
 * replaced may reuse the inode, but not with the same nanosecond-resolution mtime.
 */
interface FileIdentity {
  readonly ino: number;
  readonly mtimeMs: number;
  readonly size: number;
}

const sameFile = (a: FileIdentity, b: FileIdentity) => a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size;

/**
 * Writes a whole new file (failing if `path` exists) and returns its identity; removes
 * it again if writing fails.
 */
function writeNew(fs: FileSystem, path: string, content: string): FileIdentity {
  const fd = fs.openSync(path, 'wx');
  let identity: FileIdentity;
  try {
    const bytes = Buffer.from(content);
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written, null);
    const { ino, mtimeMs, size } = fs.fstatSync(fd);
    identity = { ino, mtimeMs, size };
  } catch (error) {
    try {
      fs.closeSync(fd);
    } finally {
      removeQuietly(fs, path);
    }
    throw error;
  }
  try {
    fs.closeSync(fd);
  } catch (error) {
    removeQuietly(fs, path);
    throw error;
  }
  return identity;
}

function removeQuietly(fs: FileSystem, path: string): void {
  try {
    fs.unlinkSync(path);
  } catch {
    // Gone already, or left behind: a leftover temp file is removed on the next open.
  }
}

/** Link errors of file systems without hard links. */
const NO_LINKS = ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'];

/**
 * Creates `path` holding `content` unless it exists. The content is written to a
 * unique temp file first and hard-linked into place, so the file appears whole: a
 * writer killed at any instant never leaves an empty lock behind. (Where the file
 * system has no hard links, the file is created and then filled.)
 */
function createExclusive(fs: FileSystem, path: string, content: string): FileIdentity | undefined {
  for (let attempt = 0; ; attempt++) {
    const temp = join(dirname(path), `.lock.${process.pid}-${uniqueSuffix()}.tmp`);
    let identity: FileIdentity;
    try {
      identity = writeNew(fs, temp, content);
    } catch (error) {
      throw new StoreIoError('create', temp, code(error), { cause: error });
    }
    try {
      // A hard link is the same file: the lock has the temp file's identity.
      fs.linkSync(temp, path);
      return identity;
    } catch (error) {
      if (code(error) === 'EEXIST') return undefined;
      // Another process opening the store cleared our temp file: write it again.
      if (code(error) === 'ENOENT' && attempt < 5) continue;
      if (!NO_LINKS.includes(code(error) ?? '')) throw new StoreIoError('link', `${temp} to ${path}`, code(error), { cause: error });
      try {
        return writeNew(fs, path, content);
      } catch (fallback) {
        if (code(fallback) === 'EEXIST') return undefined;
        throw new StoreIoError('create', path, code(fallback), { cause: fallback });
      }
    } finally {
      removeQuietly(fs, temp);
    }
  }
}

/**
 * Takes the lock at `path` for `holder` through the writer's stamp: the stamp is
 * rewritten in place with the holder and the stamp's own name (it is never the lock
 * while we write it: a lock we could not remove drops the stamp) and hard-linked as
 * `path`. Returns undefined when another writer holds the lock.
 */
function linkStamp(fs: FileSystem, stamp: LockStamp, path: string, holder: Holder): FileIdentity | undefined {
  for (let attempt = 0; ; attempt++) {
    if (stamp.linkless) return createExclusive(fs, path, JSON.stringify(holder));
    let file = stamp.path;
    let identity: FileIdentity;
    try {
      if (file === undefined || stamp.fd === undefined) {
        file = join(dirname(path), `.lock.${process.pid}-${uniqueSuffix()}.stamp`);
        stamp.fd = fs.openSync(file, 'wx');
        stamp.path = file;
        keepStamp(fs, stamp);
      }
      const bytes = Buffer.from(JSON.stringify({ ...holder, stamp: basename(file) }).padEnd(stamp.size));
      let written = 0;
      while (written < bytes.length) written += fs.writeSync(stamp.fd, bytes, written, bytes.length - written, written);
      stamp.size = bytes.length;
      const { ino, mtimeMs, size } = fs.fstatSync(stamp.fd);
      identity = { ino, mtimeMs, size };
    } catch (error) {
      // A stamp in doubt (half rewritten) is replaced by a new one next time.
      dropLockStamp(fs, stamp);
      throw new StoreIoError('create', file ?? path, code(error), { cause: error });
    }
    try {
      fs.linkSync(file, path);
      return identity;
    } catch (error) {
      if (code(error) === 'EEXIST') return undefined;
      // Another process opening the store swept our stamp: write a new one.
      if (code(error) === 'ENOENT' && attempt < 5) {
        dropLockStamp(fs, stamp);
        continue;
      }
      if (!NO_LINKS.includes(code(error) ?? '')) throw new StoreIoError('link', `${file} to ${path}`, code(error), { cause: error });
      dropLockStamp(fs, stamp);
      stamp.linkless = true;
    }
  }
}

function readHolder(fs: FileSystem, path: string): { holder: Holder; raw: string; ageMs: number } | undefined {
  try {
    const raw = fs.readFileSync(path).toString('utf8');
    const ageMs = Date.now() - fs.statSync(path).mtimeMs;
    let holder: Holder = {};
    try {
      holder = (JSON.parse(raw) as Holder | null) ?? {};
    } catch {
      // A writer that died between creating and filling the file: judged by age alone.
    }
    return { holder, raw, ageMs };
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    throw new StoreIoError('read', path, code(error), { cause: error });
  }
}

function isStale(found: { holder: Holder; ageMs: number }, staleMs: number): boolean {
  const { holder } = found;
  if (holder.host === HOST && typeof holder.pid === 'number') {
    if (holder.pid === process.pid) return typeof holder.token !== 'string' || !held.has(holder.token);
    return !processAlive(holder.pid);
  }
  return found.ageMs > staleMs;
}

/**
 * Removes a dead writer's lock. Only one process at a time may do it (it holds the
 * takeover file), and it removes the lock only if it is still the one judged stale,
 * so two processes never both believe they took it over. Returns false when another
 * process is taking over right now.
 */
function takeOver(options: LockOptions, staleRaw: string): boolean {
  const { fs, dir } = options;
  const takeoverPath = join(dir, TAKEOVER);
  if (!createExclusive(fs, takeoverPath, JSON.stringify({ pid: process.pid, host: HOST }))) {
    const other = readHolder(fs, takeoverPath);
    if (other && isStale(other, Math.min(options.staleMs, 5_000))) removeIfPresent(fs, takeoverPath);
    return false;
  }
  try {
    const current = readHolder(fs, join(dir, LOCK));
    if (current && current.raw === staleRaw) {
      removeIfPresent(fs, join(dir, LOCK));
      const { stamp } = current.holder;
      if (typeof stamp === 'string' && STAMP_NAME.test(stamp)) removeQuietly(fs, join(dir, stamp));
    }
  } finally {
    removeIfPresent(fs, takeoverPath);
  }
  return true;
}

/**
 * Removes a takeover file left by a process that died mid-takeover. Called when
 * opening the store, holding the lock.
 */
export function clearStaleTakeover(options: LockOptions): void {
  const path = join(options.dir, TAKEOVER);
  const found = readHolder(options.fs, path);
  if (found && isStale(found, Math.min(options.staleMs, 5_000))) removeIfPresent(options.fs, path);
}

/** Removes our lock file if it is still ours: the same file we created (one stat, no read). */
function release(fs: FileSystem, path: string, ours: FileIdentity): void {
  let found: FileIdentity;
  try {
    found = fs.statSync(path);
  } catch (error) {
    if (code(error) === 'ENOENT') return;
    throw error;
  }
  if (sameFile(found, ours)) removeIfPresent(fs, path);
}

/**
 * Runs `work` holding the store's lock file. Waits (with a growing pause) while a live
 * writer holds it, takes over a lock whose writer died, and throws `StoreLockedError`
 * after `timeoutMs`.
 *
 * A lock that cannot be removed afterwards does not turn a finished `work` into a
 * failure (its result is durable): this process judges such a leftover lock stale,
 * and takes it over on its next write.
 */
export async function withLock<T>(options: LockOptions, work: () => T | Promise<T>): Promise<T> {
  const { fs, dir } = options;
  const path = join(dir, LOCK);
  const token = uniqueSuffix();
  const claim: Holder = { pid: process.pid, host: HOST, token, since: new Date().toISOString() };
  const started = performance.now();
  let pause = 1;
  let holder = 'another writer';
  let ours: FileIdentity | undefined;
  for (;;) {
    ours = linkStamp(fs, options.stamp, path, claim);
    if (ours) break;
    const found = readHolder(fs, path);
    if (found && isStale(found, options.staleMs) && takeOver(options, found.raw)) continue;
    if (found?.holder.pid !== undefined) holder = `process ${found.holder.pid} on ${found.holder.host ?? 'an unknown host'}`;
    const waited = performance.now() - started;
    if (waited >= options.timeoutMs) throw new StoreLockedError(dir, holder, Math.round(waited));
    await sleep(Math.min(pause + Math.random() * pause, Math.max(1, options.timeoutMs - waited)));
    pause = Math.min(pause * 2, 25);
  }
  held.add(token);
  try {
    return await work();
  } finally {
    held.delete(token);
    try {
      release(fs, path, ours);
    } catch {
      // Left behind: stale to this process (its token is no longer held), see above.
      // It is the stamp's file, so the stamp is dropped and never rewritten as the lock.
      dropLockStamp(fs, options.stamp);
    }
  }
}

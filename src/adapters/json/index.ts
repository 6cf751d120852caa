import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { StoreClosedError, StoreCorruptedError, StoreIoError, StoreReadOnlyError, ValidationError, ConflictError } from '../../domain/errors.js';
import type { WorkspaceId } from '../../domain/ids.js';
import type { Network } from '../../domain/network.js';
import { validate } from '../../domain/validate.js';
import { WorkspaceSchema } from '../../domain/workspace.js';
import type { NetworkStore, RecordKind, RecordTypes, StoreChange, StoreOperation, WorkspaceHead } from '../../domain/ports.js';
import {
  applyChange,
  checkChange,
  findRecord,
  fromNetwork,
  requireIds,
  toNetwork,
  validateChange,
  type WorkspaceState,
} from '../workspaceState.js';
import { RECORD_KINDS, RECORD_LISTS, RECORD_SCHEMAS } from '../../domain/records.js';
import {
  JOURNAL_START,
  STORE_SCHEMA_VERSION,
  journalHeader,
  journalLine,
  readJournal,
  checkSnapshot,
  windowedSnapshotBytes,
  readSnapshot,
  snapshotFile,
  type JournalEntry,
  type JournalPosition,
} from './format.js';
import { nodeFileSystem } from './fsSeam.js';
import { readSnapshotBatches } from './snapshotBatches.js';
import { readStoredRecord } from '../storedRecords.js';
import { STAMP_NAME, clearStaleTakeover, dropLockStamp, newLockStamp, withLock } from './lock.js';
import { checkOptions, type JsonFileStoreOptions, type RecoveryReport } from './options.js';

export { STORE_SCHEMA_VERSION } from './format.js';
export type { FileSystem } from './fsSeam.js';
export type { JsonFileStoreOptions, RecoveryReport } from './options.js';

/** The JSON-file store: the port, plus what only a file store has. */
export interface JsonFileStore extends NetworkStore {
  /** The store's directory, absolute. */
  readonly path: string;
  /** Whether the store was opened with `readOnly: true` (writes throw `StoreReadOnlyError`). */
  readonly readOnly: boolean;
  /** Torn last entries cut back and missing newlines appended since this store was opened. */
  readonly recoveries: readonly RecoveryReport[];
  /** Writes a new snapshot and empties the journal now (normally automatic). */
  compact(): Promise<void>;
}

const SNAPSHOT = 'snapshot.json';
const BACKUP = 'snapshot.backup.json';
const JOURNAL = 'journal.jsonl';
const TEMP = /^\.(snapshot|journal|backup|lock)\.[0-9]+-[0-9a-f]+\.tmp$/;
const RENAME_RETRIES = [5, 10, 20, 40, 80, 160, 320];

const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;
const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

interface JournalCursor {
  fd: number;
  ino: number;
  /** Where the whole lines read and applied end (`offset` is the byte length). */
  pos: JournalPosition;
}

interface Loaded {
  workspaces: Map<WorkspaceId, WorkspaceState>;
  /** The last change applied. */
  seq: number;
}

/**
 * Validates a stored workspace record by record, exactly as commits are validated:
 * whatever the store accepted, it can read back. (The network-wide checks of
 * `parseNetwork`, such as references between records, are not the store's to make:
 * a commit may leave a reference dangling, so a snapshot may hold one.)
 */
function parseStoredNetwork(file: string, at: string, raw: unknown): Network {
  const corrupted = (error: unknown): never => {
    if (!(error instanceof ValidationError)) throw error;
    const detail = error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new StoreCorruptedError(file, error.issues[0]?.path ?? at, `fails validation: ${detail}`, { cause: error });
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new StoreCorruptedError(file, at, 'not an object');
  const lists = new Set<string>(Object.values(RECORD_LISTS));
  for (const key of Object.keys(raw)) {
    if (key !== 'workspace' && !lists.has(key)) throw new StoreCorruptedError(file, `${at}.${key}`, 'unknown key');
  }
  const input = raw as Record<string, unknown>;
  const network: Record<string, unknown> = {};
  try {
    network.workspace = validate(WorkspaceSchema, input.workspace, 'snapshot', `${at}.workspace`);
  } catch (error) {
    corrupted(error);
  }
  for (const kind of RECORD_KINDS) {
    const name = RECORD_LISTS[kind];
    const list = input[name] ?? [];
    if (!Array.isArray(list)) throw new StoreCorruptedError(file, `${at}.${name}`, 'not a list');
    const seen = new Set<string>();
    const records: unknown[] = new Array(list.length);
    for (let index = 0; index < list.length; index++) {
      const where = `${at}.${name}[${index}]`;
      let parsed: RecordTypes[typeof kind] | undefined;
      try {
        // The plain reader gives exactly what the schema gives, or steps aside for the schema to judge.
        parsed = readStoredRecord(kind, list[index]) ?? validate(RECORD_SCHEMAS[kind], list[index], 'snapshot', where);
      } catch (error) {
        corrupted(error);
      }
      if (seen.has(parsed!.id)) throw new StoreCorruptedError(file, `${where}.id`, `duplicate id "${parsed!.id}"`);
      seen.add(parsed!.id);
      records[index] = parsed;
      // The JSON form (the list is the store's own parse of the file) is not needed once
      // validated: dropping it as we go keeps one form of each record alive, not two.
      list[index] = undefined;
    }
    network[name] = records;
  }
  return network as unknown as Network;
}

/**
 * Opens (or creates) a JSON-file store in the directory `path`: an append-only journal
 * of changes beside a snapshot, compacted as the journal grows. A write is durable
 * when its promise resolves; a crash at any instant leaves the old or the new state;
 * two processes never lose an update (see the README's durability guarantees).
 * Bad options are refused with `ValidationError` naming each one, before any file is touched.
 * With `readOnly: true` it takes no lock and writes nothing: for read-only file systems
 * and for reading beside a running writer.
 */
export async function createJsonFileStore(options: JsonFileStoreOptions): Promise<JsonFileStore> {
  // Before anything touches the disk: a bad option is a ValidationError naming it.
  checkOptions(options);
  const fs = options.fileSystem ?? nodeFileSystem;
  const dir = resolve(options.path);
  const snapshotPath = join(dir, SNAPSHOT);
  const backupPath = join(dir, BACKUP);
  const journalPath = join(dir, JOURNAL);
  const compactAfterBytes = options.compactAfterBytes ?? 4 * 1024 * 1024;
  const readOnly = options.readOnly ?? false;
  const lock = { fs, dir, timeoutMs: options.lockTimeoutMs ?? 10_000, staleMs: options.staleLockMs ?? 30_000, stamp: newLockStamp() };
  /** A file an earlier failure, or another writer, left: any temp file or stamp but our own stamp. */
  const isLeftover = (name: string) => (TEMP.test(name) || STAMP_NAME.test(name)) && join(dir, name) !== lock.stamp.path;
  const recoveries: RecoveryReport[] = [];

  let workspaces = new Map<WorkspaceId, WorkspaceState>();
  let seq = 0;
  let journal: JournalCursor | undefined;
  let closed = false;
  // Set when reading new journal lines failed halfway: memory may hold part of them,
  // so everything is read again before the next answer.
  let stale = false;
  // Set when a failed append could not be cut back: the journal may end in a partial
  // entry, so this store must not append again; reopening recovers.
  let broken: StoreIoError | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const io = <T>(operation: string, file: string, call: () => T): T => {
    try {
      return call();
    } catch (error) {
      if (error instanceof StoreIoError || error instanceof StoreCorruptedError) throw error;
      throw new StoreIoError(operation, file, code(error), { cause: error });
    }
  };

  const closeQuietly = (fd: number) => {
    try {
      fs.closeSync(fd);
    } catch {
      // The descriptor is released even when close reports an error.
    }
  };

  const syncDirectory = (path: string) => {
    let fd: number;
    try {
      fd = fs.openSync(path, 'r');
    } catch (error) {
      // Windows cannot open (or fsync) a directory; its renames are durable without it.
      if (process.platform === 'win32') return;
      throw new StoreIoError('open', path, code(error), { cause: error });
    }
    try {
      fs.fsyncSync(fd);
    } catch (error) {
      if (process.platform !== 'win32') throw new StoreIoError('fsync', path, code(error), { cause: error });
    } finally {
      closeQuietly(fd);
    }
  };

  const tempPath = (kind: 'snapshot' | 'journal' | 'backup') =>
    join(dir, `.${kind}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);

  const removeQuietly = (path: string) => {
    try {
      fs.unlinkSync(path);
    } catch {
      // Already gone, or the disk refuses: a leftover temp file is removed on the next open.
    }
  };

  const writeDurably = (path: string, bytes: Buffer) => {
    const fd = io('create', path, () => fs.openSync(path, 'wx', 0o644));
    try {
      let written = 0;
      while (written < bytes.length) {
        written += io('write', path, () => fs.writeSync(fd, bytes, written, bytes.length - written, null));
      }
      io('fsync', path, () => fs.fsyncSync(fd));
    } catch (error) {
      closeQuietly(fd);
      throw error;
    }
    io('close', path, () => fs.closeSync(fd));
  };

  const renameDurably = (from: string, to: string) => {
    for (let attempt = 0; ; attempt++) {
      try {
        fs.renameSync(from, to);
        break;
      } catch (error) {
        const busy = code(error) === 'EPERM' || code(error) === 'EBUSY' || code(error) === 'EACCES';
        if (!busy || attempt >= RENAME_RETRIES.length) throw new StoreIoError('rename', `${from} to ${to}`, code(error), { cause: error });
        sleepSync(RENAME_RETRIES[attempt]!);
      }
    }
    syncDirectory(dir);
  };

  /** Writes `bytes` to a fresh temp file, then renames it over `target`. */
  const replaceFile = (kind: 'snapshot' | 'journal', target: string, bytes: Buffer) => {
    const temp = tempPath(kind);
    try {
      writeDurably(temp, bytes);
      renameDurably(temp, target);
    } catch (error) {
      removeQuietly(temp);
      throw error;
    }
  };

  const readStat = (path: string) => {
    try {
      return fs.statSync(path);
    } catch (error) {
      if (code(error) === 'ENOENT') return undefined;
      throw new StoreIoError('stat', path, code(error), { cause: error });
    }
  };

  /**
   * Reads the snapshot through `fd`: checksum and records a window at a time (never the
   * whole file in memory beside its records); a file this version did not write, or
   * one the batch reader steps aside from, is read whole the ordinary way, which words
   * every error. One descriptor throughout, so a compaction renaming a new snapshot in
   * meanwhile changes nothing read.
   */
  const loadSnapshot = (fd: number): Loaded => {
    const size = io('stat', snapshotPath, () => fs.fstatSync(fd)).size;
    const readAt = (buffer: Buffer, position: number) => io('read', snapshotPath, () => fs.readSync(fd, buffer, 0, buffer.length, position));
    const windowed = windowedSnapshotBytes(size, readAt);
    const checked = checkSnapshot(snapshotPath, windowed);
    const batches = checked.version === STORE_SCHEMA_VERSION ? readSnapshotBatches(windowed, checked.bodyStart) : undefined;
    if (batches) return { workspaces: batches, seq: checked.lastSeq };
    // The whole file: one window the size of the file.
    let bytes: Buffer | undefined = windowedSnapshotBytes(size, readAt, size).slice(0, size);
    const loaded: Loaded = { workspaces: new Map(), seq: 0 };
    const { lastSeq, body } = readSnapshot(snapshotPath, () => {
      const handed = bytes!;
      bytes = undefined;
      return handed;
    });
    body.workspaces.forEach((entry, index) => {
      const at = `workspaces[${index}]`;
      if (!Number.isSafeInteger(entry?.revision) || entry.revision < 1) {
        throw new StoreCorruptedError(snapshotPath, `${at}.revision`, 'not a revision number');
      }
      const network = parseStoredNetwork(snapshotPath, `${at}.network`, entry.network);
      // The parsed JSON of this workspace is not needed once validated: let it go now.
      (entry as { network: unknown }).network = undefined;
      if (loaded.workspaces.has(network.workspace.id)) {
        throw new StoreCorruptedError(snapshotPath, `${at}.network.workspace.id`, `workspace "${network.workspace.id}" appears twice`);
      }
      loaded.workspaces.set(network.workspace.id, fromNetwork(network, entry.revision));
    });
    loaded.seq = lastSeq;
    return loaded;
  };

  const applyEntry = (target: Loaded, entry: JournalEntry, line: number) => {
    const where = `line ${line}`;
    if (entry.seq <= target.seq) return; // already folded into the snapshot
    if (entry.seq !== target.seq + 1) {
      throw new StoreCorruptedError(journalPath, where, `entry ${entry.seq} follows entry ${target.seq}: entries are missing`);
    }
    const workspaceId = entry.workspaceId as WorkspaceId;
    try {
      const change = { expectedRevision: entry.expectedRevision, operations: entry.operations as StoreOperation[] };
      const operations = validateChange(workspaceId, change);
      target.workspaces.set(workspaceId, applyChange(target.workspaces.get(workspaceId), workspaceId, change.expectedRevision, operations));
    } catch (error) {
      if (error instanceof ValidationError) {
        throw new StoreCorruptedError(journalPath, `${where}: ${error.issues.map((i) => i.path).join(', ')}`, `fails validation: ${error.message}`, { cause: error });
      }
      if (error instanceof ConflictError) {
        throw new StoreCorruptedError(journalPath, where, `revisions out of order: ${error.message}`, { cause: error });
      }
      throw error;
    }
    target.seq = entry.seq;
  };

  const report = (found: Omit<RecoveryReport, 'file'>) => {
    const entry = { ...found, file: journalPath };
    recoveries.push(entry);
    options.onRecovery?.(entry);
  };

  /** Cuts a torn last entry back (we hold the lock) and reports it. */
  const cutTornTail = (cursor: JournalCursor, torn: { line: number; bytes: number }) => {
    io('truncate', journalPath, () => fs.ftruncateSync(cursor.fd, cursor.pos.offset));
    io('fsync', journalPath, () => fs.fsyncSync(cursor.fd));
    report({ kind: 'torn-entry', line: torn.line, bytes: torn.bytes, repaired: true });
  };

  /**
   * Appends the newline a whole last entry lacks (we hold the lock), so the next entry
   * starts on a line of its own, and reports it.
   */
  const endLastLine = (cursor: JournalCursor) => {
    const { offset, line, version, after, lastSeq } = cursor.pos;
    io('append to', journalPath, () => {
      if (fs.writeSync(cursor.fd, Buffer.from('\n', 'latin1'), 0, 1, null) !== 1) throw new StoreIoError('append to', journalPath, undefined);
    });
    io('fsync', journalPath, () => fs.fsyncSync(cursor.fd));
    cursor.pos = { offset: offset + 1, line, version, after, lastSeq };
    report({ kind: 'missing-newline', line: line - 1, bytes: 1, repaired: true });
  };

  const openJournal = (): JournalCursor => {
    const fd = io('open', journalPath, () => fs.openSync(journalPath, readOnly ? 'r' : 'a+'));
    try {
      return { fd, ino: io('stat', journalPath, () => fs.fstatSync(fd)).ino, pos: JOURNAL_START };
    } catch (error) {
      closeQuietly(fd);
      throw error;
    }
  };

  const readRange = (cursor: JournalCursor, end: number): Buffer => {
    const bytes = Buffer.alloc(Math.max(0, end - cursor.pos.offset));
    let read = 0;
    while (read < bytes.length) {
      const n = io('read', journalPath, () => fs.readSync(cursor.fd, bytes, read, bytes.length - read, cursor.pos.offset + read));
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  };

  /**
   * Reads everything from the files; under the lock, or read-only (which changes
   * nothing). Every check runs before the one change it may make (cutting a torn last
   * entry, ending a whole one's line), so damaged files stay as found.
   */
  const loadAll = () => {
    let snapshotFd: number | undefined;
    try {
      snapshotFd = fs.openSync(snapshotPath, 'r');
    } catch (error) {
      if (code(error) !== 'ENOENT') throw new StoreIoError('read', snapshotPath, code(error), { cause: error });
    }
    const snapshotBytes = snapshotFd !== undefined;
    let loaded: Loaded;
    try {
      loaded = snapshotFd === undefined ? { workspaces: new Map<WorkspaceId, WorkspaceState>(), seq: 0 } : loadSnapshot(snapshotFd);
    } finally {
      if (snapshotFd !== undefined) closeQuietly(snapshotFd);
    }
    const snapshotSeq = loaded.seq;
    if (!readStat(journalPath)) {
      if (snapshotBytes) {
        throw new StoreCorruptedError(journalPath, 'the whole file', 'it is missing, but the snapshot exists: changes after the snapshot would be lost');
      }
      if (seq > 0) {
        throw new StoreCorruptedError(journalPath, 'the whole file', `it is missing, but this store instance has read up to entry ${seq}`);
      }
      if (readOnly) {
        // An empty directory reads as an empty store; a writer may create it later.
        if (journal) closeQuietly(journal.fd);
        journal = undefined;
        workspaces = loaded.workspaces;
        stale = false;
        return;
      }
      replaceFile('journal', journalPath, journalHeader(0));
    }
    const cursor = openJournal();
    try {
      const read = readJournal(journalPath, readRange(cursor, io('stat', journalPath, () => fs.fstatSync(cursor.fd)).size));
      const { after, lastSeq } = read.next;
      if (after > snapshotSeq) {
        throw snapshotBytes
          ? new StoreCorruptedError(snapshotPath, 'line 1 (header)', `lastSeq is ${snapshotSeq}, but the journal follows entry ${after}: the snapshot is older than the journal`)
          : new StoreCorruptedError(snapshotPath, 'the whole file', `it is missing, but the journal follows entry ${after}`);
      }
      if (lastSeq < snapshotSeq) {
        throw new StoreCorruptedError(snapshotPath, 'line 1 (header)', `lastSeq is ${snapshotSeq}, but the journal ends at entry ${lastSeq}`);
      }
      for (const { entry, line } of read.entries) applyEntry(loaded, entry, line);
      // Entries this store has read vanish only by outside damage (a journal cut at a
      // line end, an older copy put back): going back to fewer would lose them silently.
      if (loaded.seq < seq) {
        throw new StoreCorruptedError(journalPath, `line ${read.next.line}`, `the store ends at entry ${loaded.seq}, but this store instance has read up to entry ${seq}: entries were removed`);
      }
      cursor.pos = read.next;
      if (readOnly) {
        // Left as found: a torn entry is skipped (the position stays before it), a whole
        // one is kept and its newline expected first.
        if (read.tornTail) report({ kind: 'torn-entry', line: read.tornTail.line, bytes: read.tornTail.bytes, repaired: false });
        else if (cursor.pos.unterminated) report({ kind: 'missing-newline', line: cursor.pos.line - 1, bytes: 1, repaired: false });
      } else if (read.tornTail) cutTornTail(cursor, read.tornTail);
      else if (cursor.pos.unterminated) endLastLine(cursor);
    } catch (error) {
      closeQuietly(cursor.fd);
      throw error;
    }
    if (journal) closeQuietly(journal.fd);
    journal = cursor;
    workspaces = loaded.workspaces;
    seq = loaded.seq;
    stale = false;
  };

  /**
   * Reads everything without the lock (read-only mode). A writer compacting meanwhile
   * replaces the snapshot, then the journal: a read that caught one file before and the
   * other after looks damaged, so it is read again while either file changes under it.
   */
  const loadUnlocked = () => {
    const files = () => [readStat(snapshotPath)?.ino, readStat(journalPath)?.ino].join(' ');
    for (let attempt = 1; ; attempt++) {
      const before = files();
      try {
        loadAll();
        return;
      } catch (error) {
        if (!(error instanceof StoreCorruptedError) || attempt >= 5 || files() === before) throw error;
      }
    }
  };

  /** Reads everything again: under the lock, or read-only without it. */
  const reload = async (locked: boolean) => {
    if (readOnly) loadUnlocked();
    else if (locked) loadAll();
    else await withLock(lock, loadAll);
  };

  /**
   * Brings memory up to what other processes wrote. Without the lock it only reads
   * whole new lines; if the journal was replaced (another process compacted) or
   * shrank, everything is read again under the lock (read-only: without it).
   */
  const refresh = async (locked: boolean) => {
    const stat = readStat(journalPath);
    const cursor = journal;
    if (!cursor) {
      // Read-only on an empty directory: read once a writer has created the store.
      if (stat || stale) await reload(locked);
      return;
    }
    if (!stale && stat && stat.ino === cursor.ino && stat.size === cursor.pos.offset) return;
    if (!stale && stat && stat.ino === cursor.ino && stat.size > cursor.pos.offset) {
      try {
        const read = readJournal(journalPath, readRange(cursor, stat.size), cursor.pos);
        const state: Loaded = { workspaces, seq };
        for (const { entry, line } of read.entries) applyEntry(state, entry, line);
        seq = state.seq;
        cursor.pos = read.next;
        if (read.tornTail && locked) cutTornTail(cursor, read.tornTail);
      } catch (error) {
        stale = true;
        throw error;
      }
      return;
    }
    await reload(locked);
  };

  /**
   * Removes temp files earlier failures left (we hold the lock: no writer is mid-write),
   * and other writers' idle stamps (each writes a new one on its next write).
   */
  const sweepTemps = () => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return; // The next compaction, or the next open, tries again.
    }
    for (const name of names) if (isLeftover(name)) removeQuietly(join(dir, name));
  };

  /**
   * A temp file holding the current snapshot, to become the backup: a hard link, or a
   * copy where links fail. None when there is no snapshot yet, or when the backup is
   * already that very file (left so by an earlier version): renaming a link over
   * another link to the same file does nothing, and would leave the temp behind.
   */
  const holdBackup = (): string | undefined => {
    const current = readStat(snapshotPath);
    if (!current) return undefined;
    const backup = readStat(backupPath);
    if (backup && backup.ino === current.ino && backup.dev === current.dev) return undefined;
    const temp = tempPath('backup');
    try {
      try {
        fs.linkSync(snapshotPath, temp);
      } catch (error) {
        if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK', 'ENOSYS'].includes(code(error) ?? '')) {
          throw new StoreIoError('link', `${snapshotPath} to ${temp}`, code(error), { cause: error });
        }
        writeDurably(temp, io('read', snapshotPath, () => fs.readFileSync(snapshotPath)));
      }
    } catch (error) {
      removeQuietly(temp);
      throw error;
    }
    return temp;
  };

  /**
   * Folds the journal into a new snapshot, keeps the previous snapshot as the backup,
   * and starts an empty journal. The new snapshot is written in full before any name
   * changes, so a full disk changes nothing; the backup name receives the old snapshot
   * only after the snapshot name has moved on, so the two are never one file. Every
   * temp file is removed on failure (one whose removal fails is swept next time).
   */
  const compactLocked = () => {
    sweepTemps();
    const body = {
      workspaces: [...workspaces.values()]
        .sort((a, b) => (a.workspace.id < b.workspace.id ? -1 : 1))
        .map((state) => ({ revision: state.revision, network: toNetwork(state) })),
    };
    const snapshotTemp = tempPath('snapshot');
    let backupTemp: string | undefined;
    try {
      writeDurably(snapshotTemp, snapshotFile(seq, body));
      backupTemp = holdBackup();
      renameDurably(snapshotTemp, snapshotPath);
      if (backupTemp) renameDurably(backupTemp, backupPath);
    } catch (error) {
      removeQuietly(snapshotTemp);
      if (backupTemp) removeQuietly(backupTemp);
      throw error;
    }
    // From here the snapshot holds every entry; a crash before the journal is replaced
    // leaves entries the next open skips by their sequence numbers.
    const header = journalHeader(seq);
    replaceFile('journal', journalPath, header);
    const cursor = openJournal();
    closeQuietly(journal!.fd);
    journal = { ...cursor, pos: { offset: header.length, line: 2, version: STORE_SCHEMA_VERSION, after: seq, lastSeq: seq } };
  };

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const ensureOpen = () => {
    if (closed) throw new StoreClosedError(`JSON store at ${dir}`);
  };

  const ensureWritable = (operation: string) => {
    if (readOnly) throw new StoreReadOnlyError(dir, operation);
  };

  // Open: create the directory (its parents learn of it durably), clear leftover temp
  // files and idle stamps (no writer is mid-write while we hold the lock), read, recover.
  // Read-only: read.
  const missing: string[] = [];
  for (let path = dir; ; path = dirname(path)) {
    try {
      fs.statSync(path);
      break;
    } catch (error) {
      if (code(error) !== 'ENOENT' || dirname(path) === path) throw new StoreIoError('open', path, code(error), { cause: error });
      missing.push(path);
    }
  }
  if (readOnly) {
    if (missing.length > 0) throw new StoreIoError('open', dir, 'ENOENT');
    loadUnlocked();
  } else {
    if (missing.length > 0) {
      io('create', dir, () => fs.mkdirSync(dir, { recursive: true }));
      for (const created of missing) syncDirectory(dirname(created));
    }
    try {
      await withLock(lock, () => {
        for (const name of io('list', dir, () => fs.readdirSync(dir))) if (isLeftover(name)) removeQuietly(join(dir, name));
        clearStaleTakeover(lock);
        loadAll();
      });
    } catch (error) {
      // A store that did not open leaves no stamp behind.
      dropLockStamp(fs, lock.stamp);
      throw error;
    }
  }

  const read = <T>(answer: () => T): Promise<T> =>
    serial(async () => {
      ensureOpen();
      await refresh(false);
      return answer();
    });

  const head = (state: WorkspaceState): WorkspaceHead => ({ workspace: state.workspace, revision: state.revision });

  return {
    path: dir,
    readOnly,
    recoveries,
    listWorkspaces: () => read(() => [...workspaces.values()].map(head).sort((a, b) => (a.workspace.id < b.workspace.id ? -1 : 1))),
    getWorkspace: (workspaceId) =>
      read(() => {
        requireIds({ workspaceId });
        const state = workspaces.get(workspaceId);
        return state && head(state);
      }),
    getRecord: <K extends RecordKind>(workspaceId: WorkspaceId, kind: K, id: string) =>
      read(() => {
        requireIds({ workspaceId, id });
        return findRecord(workspaces.get(workspaceId), kind, id);
      }),
    loadNetwork: (workspaceId) =>
      read(() => {
        requireIds({ workspaceId });
        const state = workspaces.get(workspaceId);
        return state && { network: toNetwork(state), revision: state.revision };
      }),
    commit: (workspaceId: WorkspaceId, change: StoreChange) =>
      serial(async () => {
        ensureOpen();
        ensureWritable('commit');
        requireIds({ workspaceId });
        const operations = validateChange(workspaceId, change);
        return withLock(lock, async () => {
          if (broken) throw broken;
          await refresh(true);
          // A whole last entry read without its newline (a write cut short just before
          // it, or the newline lost): end its line before appending.
          if (journal!.pos.unterminated) endLastLine(journal!);
          // Never append current-version entries to an older journal: compact it first.
          if (journal!.pos.version !== STORE_SCHEMA_VERSION) compactLocked();
          checkChange(workspaces.get(workspaceId), workspaceId, change.expectedRevision, operations);
          const cursor = journal!;
          const line = journalLine({ seq: seq + 1, workspaceId, expectedRevision: change.expectedRevision, operations });
          try {
            let written = 0;
            while (written < line.length) written += fs.writeSync(cursor.fd, line, written, line.length - written, null);
            fs.fsyncSync(cursor.fd);
          } catch (error) {
            const failure = new StoreIoError('append to', journalPath, code(error), { cause: error });
            try {
              fs.ftruncateSync(cursor.fd, cursor.pos.offset);
              fs.fsyncSync(cursor.fd);
            } catch {
              broken = failure;
            }
            throw failure;
          }
          const state = applyChange(workspaces.get(workspaceId), workspaceId, change.expectedRevision, operations);
          workspaces.set(workspaceId, state);
          seq += 1;
          cursor.pos = { ...cursor.pos, offset: cursor.pos.offset + line.length, line: cursor.pos.line + 1, lastSeq: seq };
          if (cursor.pos.offset > compactAfterBytes) {
            try {
              compactLocked();
            } catch {
              // The change is durable in the journal; compaction is tried again after the next write.
            }
          }
          return { revision: state.revision };
        });
      }),
    compact: () =>
      serial(async () => {
        ensureOpen();
        ensureWritable('compact');
        await withLock(lock, async () => {
          await refresh(true);
          compactLocked();
        });
      }),
    close: () =>
      serial(async () => {
        if (closed) return;
        closed = true;
        if (journal) closeQuietly(journal.fd);
        if (!readOnly) dropLockStamp(fs, lock.stamp);
      }),
  };
}

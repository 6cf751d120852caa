// The JSON store's two files, byte for byte:
//
// snapshot.json  line 1: <crc32> {"format":"reachout/snapshot","schemaVersion":1,"lastSeq":N,"bytes":L,"crc32":"…"}
//                line 2: {"workspaces":[{"revision":R,"network":{…}}, …]}   (L bytes, checksummed by the header)
// journal.jsonl  line 1: <crc32> {"format":"reachout/journal","schemaVersion":1,"after":S}
//                then one line per committed change, numbered S+1, S+2, …:
//                <crc32> {"seq":N,"workspaceId":"…","expectedRevision":R,"operations":[…]}
//
// Every line ends in "\n"; <crc32> is 8 lowercase hex digits over the JSON that follows it.
// The envelope (a checksummed first line naming `format` and `schemaVersion`) is the same
// in every version, so any version can tell a newer file from a damaged one.
//
// `after` is the snapshot's `lastSeq` when the journal was started. A compaction writes
// the snapshot first, then a fresh journal: a crash between the two leaves an older
// journal whose last entry is exactly the snapshot's `lastSeq`, which the next open
// recognises and finishes.
import { crc32 } from 'node:zlib';
import { StoreCorruptedError, UnsupportedSchemaVersionError } from '../../domain/errors.js';

/** The schema version this library writes; files of any older version are migrated on open. */
export const STORE_SCHEMA_VERSION = 1;

/** A committed change as the journal holds it (records in their JSON form). */
export interface JournalEntry {
  readonly seq: number;
  readonly workspaceId: string;
  readonly expectedRevision: number;
  readonly operations: readonly unknown[];
}

/** The snapshot's body as read from disk, before validation. */
export interface SnapshotBody {
  readonly workspaces: readonly { readonly revision: number; readonly network: unknown }[];
}

/**
 * Pure migrations: `MIGRATIONS[n]` turns version-n data into version n+1. Version 1 is
 * the first, so there is none yet; each new version adds one here and a fixture of the
 * old files under `test/adapters/json/fixtures/`.
 */
const MIGRATIONS: Record<number, { snapshot(body: SnapshotBody): SnapshotBody; entry(entry: JournalEntry): JournalEntry }> = {};

function checkVersion(file: string, version: unknown): number {
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new StoreCorruptedError(file, 'line 1 (header)', `schemaVersion ${JSON.stringify(version)} is not a version number`);
  }
  if (version > STORE_SCHEMA_VERSION) throw new UnsupportedSchemaVersionError(file, version, STORE_SCHEMA_VERSION);
  return version;
}

/** Migrates a snapshot body from `version` to the current one. */
export function migrateSnapshot(body: SnapshotBody, version: number): SnapshotBody {
  let migrated = body;
  for (let v = version; v < STORE_SCHEMA_VERSION; v++) migrated = MIGRATIONS[v]!.snapshot(migrated);
  return migrated;
}

/** Migrates a journal entry from `version` to the current one. */
export function migrateEntry(entry: JournalEntry, version: number): JournalEntry {
  let migrated = entry;
  for (let v = version; v < STORE_SCHEMA_VERSION; v++) migrated = MIGRATIONS[v]!.entry(migrated);
  return migrated;
}

const hex = (n: number) => n.toString(16).padStart(8, '0');
const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** One checksummed line. */
export function journalLine(value: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  return Buffer.concat([Buffer.from(`${hex(crc32(json))} `, 'latin1'), json, Buffer.from('\n', 'latin1')]);
}

/** The journal's first line; `after` is the `lastSeq` of the snapshot the journal follows (0: none). */
export function journalHeader(after = 0): Buffer {
  return journalLine({ format: 'reachout/journal', schemaVersion: STORE_SCHEMA_VERSION, after });
}

/** A whole snapshot file. */
export function snapshotFile(lastSeq: number, body: SnapshotBody): Buffer {
  const json = Buffer.from(`${JSON.stringify(body)}\n`, 'utf8');
  const header = {
    format: 'reachout/snapshot',
    schemaVersion: STORE_SCHEMA_VERSION,
    lastSeq,
    bytes: json.length,
    crc32: hex(crc32(json)),
  };
  return Buffer.concat([journalLine(header), json]);
}

type LineCheck = { ok: true; value: unknown } | { ok: false; reason: string };

/** Checks one line (without its "\n"): checksum first, then JSON. */
function checkLine(line: Buffer): LineCheck {
  if (line.length < 10 || line[8] !== 0x20) return { ok: false, reason: 'not a checksummed line' };
  const sum = line.subarray(0, 8).toString('latin1');
  const json = line.subarray(9);
  if (hex(crc32(json)) !== sum) return { ok: false, reason: 'checksum mismatch: the line was changed after it was written' };
  try {
    return { ok: true, value: JSON.parse(json.toString('utf8')) };
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
}

/** Reads a checksummed header line, checking its format and version. */
function readHeader(file: string, line: Buffer, format: string): { version: number; header: Record<string, unknown> } {
  const check = checkLine(line);
  if (!check.ok) throw new StoreCorruptedError(file, 'line 1 (header)', check.reason);
  const header = check.value as Record<string, unknown> | null;
  if (typeof header !== 'object' || header === null || header.format !== format) {
    throw new StoreCorruptedError(file, 'line 1 (header)', `not a ${format} header`);
  }
  return { version: checkVersion(file, header.schemaVersion), header };
}

/** A snapshot file whose header, length and checksum passed. */
export interface CheckedSnapshot {
  readonly version: number;
  readonly lastSeq: number;
  /** Where the body (line 2) starts. */
  readonly bodyStart: number;
}

/**
 * A snapshot's bytes as the readers need them: a whole buffer, or the file read a
 * window at a time (a large store then never holds its file and its records at once).
 */
export interface SnapshotBytes {
  readonly length: number;
  /** Where ASCII `needle` first starts at or after `from`, or -1. */
  indexOf(needle: string, from: number): number;
  /** The bytes in `[start, end)`; valid until the next call (it may share the window). */
  slice(start: number, end: number): Buffer;
  /** The CRC-32 of the bytes from `start` to the end. */
  crc32From(start: number): number;
}

/** A whole buffer as {@link SnapshotBytes}. */
export function wholeSnapshotBytes(bytes: Buffer): SnapshotBytes {
  return {
    length: bytes.length,
    indexOf: (needle, from) => bytes.indexOf(needle, from, 'latin1'),
    slice: (start, end) => bytes.subarray(start, end),
    crc32From: (start) => crc32(bytes.subarray(start)),
  };
}

const WINDOW_BYTES = 1 << 20;

/**
 * A file of `length` bytes as {@link SnapshotBytes}, read through `read(buffer, position)`
 * (which fills `buffer` from `position` and says how many bytes it read) one window at
 * a time: forward scans and the batch reader's mostly forward reads reuse the window.
 */
export function windowedSnapshotBytes(
  length: number,
  read: (buffer: Buffer, position: number) => number,
  windowBytes = WINDOW_BYTES,
): SnapshotBytes {
  let window = Buffer.allocUnsafe(Math.min(windowBytes, length));
  let start = 0;
  let end = 0;
  const slice = (from: number, to: number): Buffer => {
    to = Math.min(to, length);
    if (from >= to) return window.subarray(0, 0);
    if (from < start || to > end) {
      if (to - from > window.length) window = Buffer.allocUnsafe(to - from);
      const size = Math.min(Math.max(windowBytes, to - from), window.length, length - from);
      let filled = 0;
      while (filled < size) {
        const n = read(window.subarray(filled, size), from + filled);
        if (n === 0) break;
        filled += n;
      }
      start = from;
      end = from + filled;
    }
    return window.subarray(from - start, Math.min(to, end) - start);
  };
  return {
    length,
    slice,
    indexOf: (needle, from) => {
      for (let at = from; at < length; ) {
        // Searched in the window already read when it holds `at`, else in a new one from `at`.
        const part = at >= start && at + needle.length <= end ? window.subarray(at - start, end - start) : slice(at, at + Math.max(windowBytes, 2 * needle.length));
        const found = part.indexOf(needle, 0, 'latin1');
        if (found >= 0) return at + found;
        if (at + part.length >= length || part.length < needle.length) return -1;
        // Go on from where a needle cut by the window's end would start.
        at += part.length - needle.length + 1;
      }
      return -1;
    },
    crc32From: (from) => {
      let sum = 0;
      for (let at = from; at < length; at += windowBytes) {
        const part = slice(at, at + windowBytes);
        sum = crc32(part, sum);
        if (part.length < windowBytes) break;
      }
      return sum;
    },
  };
}

/** Checks a snapshot file's header, body length and checksum. */
export function checkSnapshot(file: string, snapshot: Buffer | SnapshotBytes): CheckedSnapshot {
  const bytes = Buffer.isBuffer(snapshot) ? wholeSnapshotBytes(snapshot) : snapshot;
  const newline = bytes.indexOf('\n', 0);
  if (newline < 0) throw new StoreCorruptedError(file, `byte ${bytes.length}`, 'no whole header line (the file is truncated)');
  const { version, header } = readHeader(file, bytes.slice(0, newline), 'reachout/snapshot');
  const { lastSeq, bytes: length, crc32: sum } = header;
  if (!isSeq(lastSeq)) throw new StoreCorruptedError(file, 'line 1 (header)', 'lastSeq is not a sequence number');
  const bodyLength = bytes.length - newline - 1;
  if (bodyLength !== length) {
    throw new StoreCorruptedError(file, `byte ${newline + 1}`, `body is ${bodyLength} bytes, the header says ${String(length)}`);
  }
  if (hex(bytes.crc32From(newline + 1)) !== sum) {
    throw new StoreCorruptedError(file, `line 2 (byte ${newline + 1})`, 'checksum mismatch: the data was changed after it was written');
  }
  return { version, lastSeq, bodyStart: newline + 1 };
}

/** The checked snapshot and its body's text; the bytes stay behind, free to be collected. */
function decodeSnapshot(file: string, source: Buffer | (() => Buffer)): CheckedSnapshot & { text: string } {
  const bytes = typeof source === 'function' ? source() : source;
  const checked = checkSnapshot(file, bytes);
  return { ...checked, text: bytes.toString('utf8', checked.bodyStart) };
}

/**
 * Reads a snapshot file's bytes: header, checksum, version (migrating older ones). Given
 * a function handing the bytes over, it lets them go once decoded, before the parse (a
 * large store's bytes, text and parse each outweigh the file).
 */
export function readSnapshot(file: string, source: Buffer | (() => Buffer)): { lastSeq: number; body: SnapshotBody } {
  const { version, lastSeq, bodyStart, text } = decodeSnapshot(file, source);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StoreCorruptedError(file, `line 2 (byte ${bodyStart})`, `not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as SnapshotBody).workspaces)) {
    throw new StoreCorruptedError(file, 'line 2', 'no "workspaces" list');
  }
  return { lastSeq, body: migrateSnapshot(parsed as SnapshotBody, version) };
}

/** Where a journal read starts: the top of the file, or after lines already read. */
export interface JournalPosition {
  /** The file offset of the first byte given. */
  readonly offset: number;
  /** The number of the first line given (1 is the header). */
  readonly line: number;
  /** The journal's schema version (from its header, once read). */
  readonly version: number;
  /** The header's `after` (once read). */
  readonly after: number;
  /** The sequence number of the last entry read (or `after`). */
  readonly lastSeq: number;
  /**
   * Set when the last entry read was whole (its checksum matched) but its line end was
   * missing: `offset` is just past it, and the next byte must be that "\n".
   */
  readonly unterminated?: true;
}

/** The position of an unread journal. */
export const JOURNAL_START: JournalPosition = { offset: 0, line: 1, version: STORE_SCHEMA_VERSION, after: 0, lastSeq: 0 };

/** A journal read from disk: its entries, and where a torn last entry (if any) starts. */
export interface JournalRead {
  readonly entries: readonly { readonly entry: JournalEntry; readonly line: number }[];
  /** Byte length of the whole, valid lines given. */
  readonly validBytes: number;
  /** The position after the last whole line. */
  readonly next: JournalPosition;
  /** Set when the bytes after `validBytes` are an unterminated last line that is not a whole entry. */
  readonly tornTail?: { readonly line: number; readonly offset: number; readonly bytes: number };
}

/** Checks that a checksummed line's value is a journal entry numbered `lastSeq + 1`. */
function readEntry(file: string, where: string, value: unknown, lastSeq: number, version: number): JournalEntry {
  const { seq, workspaceId, expectedRevision, operations } = (value ?? {}) as Record<string, unknown>;
  if (!isSeq(seq) || typeof workspaceId !== 'string' || !isSeq(expectedRevision) || !Array.isArray(operations)) {
    throw new StoreCorruptedError(file, where, 'not a journal entry');
  }
  if (seq !== lastSeq + 1) {
    throw new StoreCorruptedError(file, where, `entry ${seq} follows entry ${lastSeq}: entries are missing or repeated`);
  }
  return migrateEntry(value as JournalEntry, version);
}

/**
 * Reads journal bytes that start at `from` (the top of the file, or after lines read
 * before). An unterminated last line that fails its checksum or does not parse is a
 * torn tail: a crash mid-append, or another process still writing it; the caller
 * decides which. An unterminated last line that is a whole entry (checksum and shape
 * match, next in sequence) was written in full and is kept, with `next.unterminated`
 * set. Anything else that fails is corruption: a whole line that fails its checksum or
 * shape, entries out of sequence, a torn header (the journal is created whole, by
 * rename), or a last line that is a whole entry followed by a stray byte (its newline
 * was damaged).
 */
export function readJournal(file: string, bytes: Buffer, from: JournalPosition = JOURNAL_START): JournalRead {
  let { line, version, after, lastSeq } = from;
  let start = 0;
  const at = (position: number) => `line ${line} (byte ${from.offset + position})`;
  const entries: { entry: JournalEntry; line: number }[] = [];
  if (from.unterminated && bytes.length > 0) {
    // The entry read last lacked its newline: the first new byte must be it.
    if (bytes[0] !== 0x0a) throw new StoreCorruptedError(file, `line ${line - 1} (byte ${from.offset})`, 'a whole entry is followed by a damaged line end');
    start = 1;
  }
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    if (newline < 0) {
      // A crash mid-append leaves a prefix of one line. A header is never torn (the
      // journal is created whole), and a whole line plus one more byte is a damaged
      // newline, not a prefix.
      if (line === 1) throw new StoreCorruptedError(file, at(start), 'the header line is incomplete (the file is truncated)');
      const whole = checkLine(bytes.subarray(start));
      if (whole.ok) {
        // Only its newline is missing: the entry was written in full. (A prefix of a
        // line never passes: its checksum covers the whole JSON object.)
        entries.push({ entry: readEntry(file, at(start), whole.value, lastSeq, version), line });
        lastSeq += 1;
        const next = { offset: from.offset + bytes.length, line: line + 1, version, after, lastSeq, unterminated: true as const };
        return { entries, validBytes: bytes.length, next };
      }
      if (bytes.length - start > 10 && checkLine(bytes.subarray(start, bytes.length - 1)).ok) {
        throw new StoreCorruptedError(file, at(bytes.length - 1), 'a whole entry is followed by a damaged line end');
      }
      const next = { offset: from.offset + start, line, version, after, lastSeq };
      return { entries, validBytes: start, next, tornTail: { line, offset: from.offset + start, bytes: bytes.length - start } };
    }
    if (line === 1) {
      const { version: found, header } = readHeader(file, bytes.subarray(start, newline), 'reachout/journal');
      if (!isSeq(header.after)) throw new StoreCorruptedError(file, 'line 1 (header)', '"after" is not a sequence number');
      version = found;
      after = header.after;
      lastSeq = after;
    } else {
      const check = checkLine(bytes.subarray(start, newline));
      if (!check.ok) throw new StoreCorruptedError(file, at(start), check.reason);
      entries.push({ entry: readEntry(file, at(start), check.value, lastSeq, version), line });
      lastSeq += 1;
    }
    start = newline + 1;
    line++;
  }
  if (line === 1) throw new StoreCorruptedError(file, 'byte 0', 'the file is empty: no header line');
  if (from.unterminated && bytes.length === 0) return { entries, validBytes: 0, next: from };
  return { entries, validBytes: start, next: { offset: from.offset + start, line, version, after, lastSeq } };
}

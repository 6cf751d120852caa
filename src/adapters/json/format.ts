// The JSON store's two files, byte for byte:
//
// snapshot.json  line 1: {"format":"reachout/snapshot","schemaVersion":1,"lastSeq":N,"bytes":L,"crc32":"…"}
//                line 2: {"workspaces":[{"revision":R,"network":{…}}, …]}   (L bytes, checksummed)
// journal.jsonl  line 1: <crc32> {"format":"reachout/journal","schemaVersion":1}
//                then one line per committed change:
//                <crc32> {"seq":N,"workspaceId":"…","expectedRevision":R,"operations":[…]}
//
// Every line ends in "\n"; <crc32> is 8 lowercase hex digits over the JSON that follows it.
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
    throw new StoreCorruptedError(file, 'header', `schemaVersion ${JSON.stringify(version)} is not a version number`);
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

/** One checksummed journal line. */
export function journalLine(value: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  return Buffer.concat([Buffer.from(`${hex(crc32(json))} `, 'latin1'), json, Buffer.from('\n', 'latin1')]);
}

/** The journal's first line. */
export function journalHeader(): Buffer {
  return journalLine({ format: 'reachout/journal', schemaVersion: STORE_SCHEMA_VERSION });
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
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), json]);
}

function parseJson(file: string, where: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StoreCorruptedError(file, where, `not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

/** Reads a snapshot file's bytes: header, checksum, version (migrating older ones). */
export function readSnapshot(file: string, bytes: Buffer): { lastSeq: number; body: SnapshotBody } {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) throw new StoreCorruptedError(file, 'byte 0', 'no header line (the file is truncated)');
  const header = parseJson(file, 'line 1 (header)', bytes.subarray(0, newline).toString('utf8'));
  if (typeof header !== 'object' || header === null || (header as { format?: unknown }).format !== 'reachout/snapshot') {
    throw new StoreCorruptedError(file, 'line 1 (header)', 'not a reachout snapshot header');
  }
  const { schemaVersion, lastSeq, bytes: length, crc32: sum } = header as Record<string, unknown>;
  const version = checkVersion(file, schemaVersion);
  const body = bytes.subarray(newline + 1);
  if (body.length !== length) {
    throw new StoreCorruptedError(file, `byte ${newline + 1}`, `body is ${body.length} bytes, the header says ${String(length)}`);
  }
  if (!Number.isSafeInteger(lastSeq) || (lastSeq as number) < 0) {
    throw new StoreCorruptedError(file, 'line 1 (header)', 'lastSeq is not a sequence number');
  }
  const parsed = parseJson(file, `line 2 (byte ${newline + 1})`, body.toString('utf8'));
  if (hex(crc32(body)) !== sum) {
    throw new StoreCorruptedError(file, `line 2 (byte ${newline + 1})`, 'checksum mismatch: the data was changed after it was written');
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as SnapshotBody).workspaces)) {
    throw new StoreCorruptedError(file, 'line 2', 'no "workspaces" list');
  }
  return { lastSeq: lastSeq as number, body: migrateSnapshot(parsed as SnapshotBody, version) };
}

/** A journal read from disk: its entries, and where a torn last entry (if any) starts. */
export interface JournalRead {
  readonly version: number;
  readonly entries: readonly { entry: JournalEntry; line: number; end: number }[];
  /** Byte length of the whole, valid lines (header included). */
  readonly validBytes: number;
  /** Set when the bytes after `validBytes` are an incomplete or damaged last entry. */
  readonly tornTail?: { readonly line: number; readonly bytes: number };
}

type LineCheck = { ok: true; value: unknown } | { ok: false; reason: string };

function checkLine(line: Buffer): LineCheck {
  if (line.length < 10 || line[8] !== 0x20) return { ok: false, reason: 'not a checksummed line' };
  const sum = line.subarray(0, 8).toString('latin1');
  const json = line.subarray(9);
  if (hex(crc32(json)) !== sum) return { ok: false, reason: 'checksum mismatch' };
  try {
    return { ok: true, value: JSON.parse(json.toString('utf8')) };
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
}

/**
 * Reads journal bytes starting at `offset` (0 for the whole file, header included).
 * A damaged or incomplete last line is a torn tail (a crash mid-append); a damaged
 * line with whole lines after it is corruption. With `partialIsPending`, an
 * incomplete last line is left alone (another process may be writing it).
 */
export function readJournal(
  file: string,
  bytes: Buffer,
  options: { offset?: number; firstLine?: number; version?: number } = {},
): JournalRead {
  let start = options.offset ?? 0;
  let line = options.firstLine ?? 1;
  let version = options.version ?? STORE_SCHEMA_VERSION;
  const entries: { entry: JournalEntry; line: number; end: number }[] = [];
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline + 1;
    const check = newline < 0 ? ({ ok: false, reason: 'incomplete line' } as const) : checkLine(bytes.subarray(start, newline));
    if (!check.ok) {
      if (end >= bytes.length) return { version, entries, validBytes: start, tornTail: { line, bytes: bytes.length - start } };
      throw new StoreCorruptedError(file, `line ${line} (byte ${start})`, `${check.reason}, with later entries after it`);
    }
    const value = check.value as Record<string, unknown>;
    if (line === 1) {
      if (value?.format !== 'reachout/journal') throw new StoreCorruptedError(file, 'line 1 (header)', 'not a reachout journal header');
      version = checkVersion(file, value.schemaVersion);
    } else {
      const { seq, workspaceId, expectedRevision, operations } = value ?? {};
      if (!Number.isSafeInteger(seq) || typeof workspaceId !== 'string' || !Number.isSafeInteger(expectedRevision) || !Array.isArray(operations)) {
        throw new StoreCorruptedError(file, `line ${line} (byte ${start})`, 'not a journal entry');
      }
      entries.push({ entry: migrateEntry(value as unknown as JournalEntry, version), line, end });
    }
    start = end;
    line++;
  }
  return { version, entries, validBytes: start };
}

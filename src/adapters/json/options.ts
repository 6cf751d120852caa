import { ValidationError, type FieldIssue } from '../../domain/errors.js';
import { formatPath } from '../../domain/validate.js';
import type { FileSystem } from './fsSeam.js';

/** Options of `createJsonFileStore`. */
export interface JsonFileStoreOptions {
  /** A directory of the user's choosing; created if missing. Record ids never become file names. */
  readonly path: string;
  /**
   * Compact (rewrite the snapshot, empty the journal) once the journal passes this many
   * bytes: a whole number from 0 to `Number.MAX_SAFE_INTEGER` (compact only when asked).
   * Default 4 MiB.
   */
  readonly compactAfterBytes?: number;
  /** How long a write waits for another process's lock before `StoreLockedError` (0 to 2^31 − 1 ms). Default 10 s. */
  readonly lockTimeoutMs?: number;
  /** A lock older than this is taken to be left by a writer on another machine that died (0 to 2^31 − 1 ms). Default 30 s. */
  readonly staleLockMs?: number;
  /**
   * Called when the journal's last line is set right: a torn entry (a crash mid-append)
   * cut back, or a whole entry's missing newline appended; on open, or before a write
   * appends after another process that died mid-append. Read-only, when such a line is
   * found and left as it is (`repaired: false`).
   */
  readonly onRecovery?: (report: RecoveryReport) => void;
  /** The file-system calls to use; tests inject faults here. */
  readonly fileSystem?: FileSystem;
  /**
   * Open for reading only (a read-only file system, a backup, a viewer beside a running
   * writer): no lock is taken or waited for, nothing is created, repaired or compacted,
   * and `commit` and `compact` throw `StoreReadOnlyError`. A torn last entry is skipped
   * in memory and reported with `repaired: false`. Default false.
   */
  readonly readOnly?: boolean;
}

/** A journal whose last line was not as a finished append leaves it, and what was done. */
export interface RecoveryReport {
  /**
   * `torn-entry`: the last line has no newline and fails its checksum or does not parse,
   * the prefix of an append that never finished (never an acknowledged change: those
   * are whole); it is cut back. `missing-newline`: the last line is a whole entry whose
   * checksum matches, only its newline is missing; it was written in full, so it is
   * kept, and the newline is appended (and fsynced) before the next append.
   */
  readonly kind: 'torn-entry' | 'missing-newline';
  readonly file: string;
  /** The journal line the entry is on. */
  readonly line: number;
  /** The torn entry's length in bytes; 1 (the newline) for a missing newline. */
  readonly bytes: number;
  /**
   * Whether the file was set right (cut back, or the newline appended). False in
   * read-only mode: the file is left as found, a torn entry only skipped in memory (it
   * may also be another process's append still in progress).
   */
  readonly repaired: boolean;
}

/** Every call of {@link FileSystem}; a `fileSystem` option must have each. */
const FILE_SYSTEM_CALLS = [
  'openSync',
  'closeSync',
  'writeSync',
  'readSync',
  'fsyncSync',
  'ftruncateSync',
  'fstatSync',
  'statSync',
  'readFileSync',
  'renameSync',
  'linkSync',
  'unlinkSync',
  'mkdirSync',
  'readdirSync',
] as const satisfies readonly (keyof FileSystem)[];

// Node.js keeps timers up to 2^31 − 1 ms (about 24.8 days); a longer wait is a mistake.
const MAX_MS = 2 ** 31 - 1;

type Check = (value: unknown, name: string) => FieldIssue[];

const milliseconds: Check = (value, name) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_MS
    ? []
    : [{ path: name, message: `expected a number of milliseconds from 0 to ${MAX_MS}, got ${shown(value)}` }];

const CHECKS: Record<keyof JsonFileStoreOptions, Check> = {
  path: (value, name) => {
    if (typeof value !== 'string') return [{ path: name, message: `expected the store directory as a string, got ${shown(value)}` }];
    if (value === '') return [{ path: name, message: 'must not be empty (use "." for the working directory)' }];
    if (value.includes('\0')) return [{ path: name, message: 'must not contain a NUL character' }];
    return [];
  },
  compactAfterBytes: (value, name) =>
    Number.isSafeInteger(value) && (value as number) >= 0
      ? []
      : [{ path: name, message: `expected a whole number of bytes from 0 to Number.MAX_SAFE_INTEGER, got ${shown(value)}` }],
  lockTimeoutMs: milliseconds,
  staleLockMs: milliseconds,
  onRecovery: (value, name) => (typeof value === 'function' ? [] : [{ path: name, message: `expected a function, got ${shown(value)}` }]),
  fileSystem: (value, name) => {
    if (typeof value !== 'object' || value === null) return [{ path: name, message: `expected an object of file-system calls, got ${shown(value)}` }];
    // Read through the object (not its own keys only): a class instance's methods live on its prototype.
    return FILE_SYSTEM_CALLS.filter((call) => typeof (value as Record<string, unknown>)[call] !== 'function')
      .sort()
      .map((call) => ({ path: `${name}.${call}`, message: 'expected a function' }));
  },
  readOnly: (value, name) => (typeof value === 'boolean' ? [] : [{ path: name, message: `expected true or false, got ${shown(value)}` }]),
};

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Checks every option before the store touches the disk; throws `ValidationError`
 * naming each bad option (`path`, `lockTimeoutMs`, `fileSystem.renameSync`, …) and
 * each unknown one (a typo would otherwise be ignored).
 */
export function checkOptions(options: unknown): JsonFileStoreOptions {
  if (options === undefined) {
    throw new ValidationError('JSON file store options', [{ path: 'path', message: 'required: pass { path: "<store directory>" }' }]);
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError('JSON file store options', [
      { path: '(root)', message: `expected an options object such as { path: "<store directory>" }, got ${shown(options)}` },
    ]);
  }
  const input = options as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  for (const [name, check] of Object.entries(CHECKS)) {
    const value = input[name];
    // An option left out (or undefined, as JavaScript callers may pass) takes its default.
    if (value === undefined && name !== 'path') continue;
    issues.push(...check(value, name));
  }
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(CHECKS, key)) issues.push({ path: formatPath([key]), message: 'unknown option' });
  }
  if (issues.length > 0) throw new ValidationError('JSON file store options', issues);
  return options as JsonFileStoreOptions;
}

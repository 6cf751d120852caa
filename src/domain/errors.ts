/** Every stable error code the library throws. */
export type ReachoutErrorCode =
  | 'validation'
  | 'invalid-policy'
  | 'referral-cycle'
  | 'not-found'
  | 'workspace-exists'
  | 'conflict'
  | 'clock-backwards'
  | 'store-closed'
  | 'store-locked'
  | 'store-read-only'
  | 'store-corrupted'
  | 'store-io'
  | 'store-unavailable'
  | 'unsupported-schema-version'
  | 'import-format';

/** Base class of every error the library throws; `code` is stable across versions. */
export abstract class ReachoutError extends Error {
  /** Stable, machine-readable code. */
  abstract readonly code: ReachoutErrorCode;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Whether `error` is a reachout error, optionally of one `code`. */
export function isReachoutError<C extends ReachoutErrorCode>(
  error: unknown,
  code?: C,
): error is ReachoutError & { code: C } {
  return error instanceof ReachoutError && (code === undefined || error.code === code);
}

/** One failing field: where (`contacts[3].emails[0]`) and what is wrong. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** Most issues an error carries; the rest are only counted, so hostile input cannot grow an error without bound. */
export const MAX_ISSUES = 100;

/** The first {@link MAX_ISSUES} issues as one line, with a count of the rest. */
function describeIssues(issues: readonly FieldIssue[], omitted: number): string {
  const lines = issues.map((issue) => `${issue.path}: ${issue.message}`);
  return lines.join('; ') + (omitted > 0 ? `; and ${omitted} more` : '');
}

/** Input that does not fit its schema; nothing was changed. */
export class ValidationError extends ReachoutError {
  readonly code = 'validation';
  /** The failing fields, in the order found: the first {@link MAX_ISSUES}. */
  readonly issues: readonly FieldIssue[];
  /** How many more issues were found and left out of `issues`. */
  readonly omittedIssues: number;

  constructor(subject: string, issues: readonly FieldIssue[]) {
    const kept = issues.slice(0, MAX_ISSUES);
    const omitted = issues.length - kept.length;
    super(`invalid ${subject}: ${describeIssues(kept, omitted)}`);
    this.issues = kept;
    this.omittedIssues = omitted;
  }
}

/** A policy that cannot be followed (say 5 attempts with at most 2 emails and 1 call). */
export class PolicyError extends ReachoutError {
  readonly code = 'invalid-policy';
  /** Every reason the policy is impossible, each naming its field. */
  readonly issues: readonly FieldIssue[];

  /** How many more issues were found and left out of `issues`. */
  readonly omittedIssues: number;

  constructor(issues: readonly FieldIssue[]) {
    const kept = issues.slice(0, MAX_ISSUES);
    const omitted = issues.length - kept.length;
    super(`invalid policy: ${describeIssues(kept, omitted)}`);
    this.issues = kept;
    this.omittedIssues = omitted;
  }
}

/** Introductions would form a cycle, or someone would introduce themselves. */
export class ReferralCycleError extends ReachoutError {
  readonly code = 'referral-cycle';

  /** @param cycle the contacts on the cycle, starting and ending with the same id. */
  constructor(readonly cycle: readonly string[]) {
    super(
      cycle.length <= 2
        ? `contact "${cycle[0]}" cannot introduce themselves`
        : `introductions would form a cycle: ${cycle.join(' -> ')}`,
    );
  }
}

/** A record that was asked for by id does not exist. */
export class NotFoundError extends ReachoutError {
  readonly code = 'not-found';

  constructor(
    readonly subject: string,
    readonly id: string,
  ) {
    // Never let a caller's odd value (a symbol, a null-prototype object) break the message.
    super(`${subject} ${typeof id === 'string' ? `"${id}"` : `(a ${typeof id})`} not found`);
  }
}

/** A workspace with that id exists already; nothing was changed. */
export class WorkspaceExistsError extends ReachoutError {
  readonly code = 'workspace-exists';

  constructor(readonly workspaceId: string) {
    super(`a workspace "${workspaceId}" already exists: open it with playbook.workspace("${workspaceId}"), or use ensureWorkspace to open or create it`);
  }
}

/** A write was based on a stale revision; nothing was changed. */
export class ConflictError extends ReachoutError {
  readonly code = 'conflict';

  constructor(
    readonly subject: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${subject} changed meanwhile: expected revision ${expected}, found ${actual}`);
  }
}

/** A manual clock was asked to go back in time. */
export class ClockError extends ReachoutError {
  readonly code = 'clock-backwards';

  constructor(
    readonly current: Date,
    readonly requested: Date,
  ) {
    super(
      `a clock never goes backwards: it reads ${current.toISOString()}, asked for ${requested.toISOString()}`,
    );
  }
}

/** The store was closed; open a new one to go on. */
export class StoreClosedError extends ReachoutError {
  readonly code = 'store-closed';

  constructor(readonly store: string) {
    super(`${store} is closed`);
  }
}

/** Another writer holds the store's lock longer than the wait allowed. */
export class StoreLockedError extends ReachoutError {
  readonly code = 'store-locked';

  constructor(
    readonly path: string,
    readonly holder: string,
    readonly waitedMs: number,
  ) {
    super(`store at ${path} is locked by ${holder}; gave up after ${waitedMs} ms`);
  }
}

/** A write (`commit`, `compact`) was asked of a store opened read-only; nothing was changed. */
export class StoreReadOnlyError extends ReachoutError {
  readonly code = 'store-read-only';

  /**
   * @param path the store's directory
   * @param operation the write that was refused
   */
  constructor(
    readonly path: string,
    readonly operation: string,
  ) {
    super(`store at ${path} was opened read-only: ${operation} refused, nothing was changed`);
  }
}

/** A store's files are damaged or fail validation; they were left exactly as found. */
export class StoreCorruptedError extends ReachoutError {
  readonly code = 'store-corrupted';

  /**
   * @param file the damaged file
   * @param where a byte offset, line number or field path inside it
   * @param detail what is wrong
   */
  constructor(
    readonly file: string,
    readonly where: string,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(`store file ${file} is damaged at ${where}: ${detail}. The files were not changed.`, options);
  }
}

/**
 * A file-system call failed (disk full, permissions), or a database refused a statement
 * for a reason other than its connection (a missing privilege, a full disk on the
 * server); the change it was part of was not acknowledged. The original error is `cause`.
 */
export class StoreIoError extends ReachoutError {
  readonly code = 'store-io';

  /**
   * @param operation what the store was doing (`fsync`, `commit`, …)
   * @param file the file, or for a database store its schema (`postgres schema "reachout"`)
   * @param errno the system error code (`ENOSPC`) or the database's SQLSTATE (`42501`), when known
   */
  constructor(
    readonly operation: string,
    readonly file: string,
    readonly errno: string | undefined,
    options?: ErrorOptions,
  ) {
    super(`${operation} ${file} failed${errno ? ` (${errno})` : ''}`, options);
  }
}

/**
 * The database a store would use cannot be reached, or its connection broke during a
 * call. Nothing is half-written: a change is one transaction, so it was applied whole
 * or not at all. When the connection broke while the transaction was committing,
 * `maybeCommitted` is true and only reading the workspace's revision tells which; else
 * the change was not applied. The driver's error is `cause`. The store works again
 * once the database is back.
 */
export class StoreUnavailableError extends ReachoutError {
  readonly code = 'store-unavailable';

  /**
   * @param store which store (`postgres schema "reachout"`)
   * @param operation what it was doing (`commit`, `loadNetwork`, …)
   * @param maybeCommitted whether a change may have been committed after all
   */
  constructor(
    readonly store: string,
    readonly operation: string,
    readonly maybeCommitted: boolean,
    options?: ErrorOptions,
  ) {
    const reason = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(
      `${store} is unavailable (${operation})${reason}. ` +
        (maybeCommitted
          ? 'The connection broke while the change was committing: it was applied whole or not at all; read the revision to know which.'
          : 'Nothing was changed.'),
      options,
    );
  }
}

/**
 * A store whose data is of a schema version this reachout does not read: written by a
 * newer reachout (`found > supported`: upgrade reachout), or a database not migrated
 * yet (`found < supported`, with migrations left to the app: apply reachout's SQL).
 */
export class UnsupportedSchemaVersionError extends ReachoutError {
  readonly code = 'unsupported-schema-version';

  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      found > supported
        ? `${file} has schema version ${found}; this reachout reads up to ${supported}. Upgrade reachout to open it.`
        : `${file} has schema version ${found}; this reachout needs ${supported}. Apply its migrations first (or let the store migrate).`,
    );
  }
}

/** Which kind of file an import reader was given. */
export type ImportFormat = 'linkedin-csv' | 'google-csv' | 'vcard';

/** What kept a file from being read at all. */
export type ImportFormatProblem =
  | 'empty'
  | 'binary'
  | 'encoding'
  | 'too-large'
  | 'header'
  | 'malformed'
  | 'unsupported-version';

const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = {
  'linkedin-csv': 'LinkedIn Connections.csv',
  'google-csv': 'Google Contacts CSV',
  vcard: 'vCard file',
};

/**
 * A file an import reader cannot read at all (empty, binary, too large, no header, a
 * quote never closed, vCard 2.1); nothing was read. Rows a reader can pass over are
 * reported in its result instead.
 */
export class ImportFormatError extends ReachoutError {
  readonly code = 'import-format';

  /**
   * @param format the file the reader expected
   * @param problem what is wrong, for an app to choose its message
   * @param detail what is wrong and what to do, in a sentence
   * @param line the line of the file it was found at, when there is one
   */
  constructor(
    readonly format: ImportFormat,
    readonly problem: ImportFormatProblem,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(`cannot read this ${FORMAT_NAMES[format]}${line === undefined ? '' : ` (line ${line})`}: ${detail}`);
  }
}

// The in-memory shape both our adapters keep: per workspace its settings, revision and
// one map of records per kind. Validation and the revision check live here once.
import { ConflictError, ValidationError, type FieldIssue } from '../domain/errors.js';
import type { WorkspaceId } from '../domain/ids.js';
import type { Network } from '../domain/network.js';
import type { RecordKind, RecordTypes, StoreChange, StoreOperation, ValidatedOperation } from '../domain/ports.js';
import { RECORD_KINDS, RECORD_LISTS, RECORD_SCHEMAS } from '../domain/records.js';
import { formatPath, toFieldIssues, unstorableTextIssues, validate } from '../domain/validate.js';
import { WorkspaceSchema, type Workspace } from '../domain/workspace.js';

/** One workspace as a store holds it. */
export interface WorkspaceState {
  workspace: Workspace;
  revision: number;
  records: { [K in RecordKind]: Map<string, RecordTypes[K]> };
}

function emptyRecords(): WorkspaceState['records'] {
  return {
    contact: new Map(),
    organization: new Map(),
    outreach: new Map(),
    meeting: new Map(),
    thankYou: new Map(),
    checkIn: new Map(),
    referral: new Map(),
    outcome: new Map(),
  };
}

/**
 * The prototype of every date a store holds: a `Date` whose setters throw.
 * `Object.freeze` alone does not stop `date.setTime(…)` (the time lives in an internal
 * slot). Such a date is still `instanceof Date` with `Date` as its constructor, and
 * compares, clones and serializes like any other; swapping the prototype costs about
 * as much as freezing.
 */
const READ_ONLY_DATE: Date = Object.create(
  Date.prototype,
  Object.fromEntries(
    Object.getOwnPropertyNames(Date.prototype)
      .filter((name) => name.startsWith('set'))
      .map((name) => [
        name,
        {
          value() {
            throw new TypeError(`Cannot call ${name} on a date held by a store: copy it first (new Date(date))`);
          },
        },
      ]),
  ),
);

/** Freezes a parsed record all the way down, dates included, so readers cannot change what the store holds. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    if (value instanceof Date) {
      Object.setPrototypeOf(value, READ_ONLY_DATE);
      return Object.freeze(value);
    }
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/**
 * Throws `ValidationError` for an argument of a store method that is not a string where
 * an id belongs (a symbol, an object, a number): such a call can find nothing and
 * must not reach string operations that would throw a `TypeError`.
 */
export function requireIds(ids: { readonly [name: string]: unknown }): void {
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(ids)) {
    if (typeof value !== 'string') issues.push({ path: name, message: `an id is a string, not ${value === null ? 'null' : typeof value}` });
  }
  if (issues.length > 0) throw new ValidationError('store call', issues);
}

/** Whether `kind` names a record kind. */
export function isRecordKind(kind: unknown): kind is RecordKind {
  return typeof kind === 'string' && (RECORD_KINDS as readonly string[]).includes(kind);
}

/**
 * Validates every operation of a change (records against their schemas) and returns
 * them parsed and frozen, so the store keeps its own immutable copies. Throws
 * `ValidationError` naming `operations[i]…` paths; nothing has been applied yet.
 */
export function validateChange(workspaceId: WorkspaceId, change: StoreChange): ValidatedOperation[] {
  const issues: FieldIssue[] = [];
  const { expectedRevision, operations } = change ?? {};
  if (!Number.isSafeInteger(expectedRevision) || expectedRevision < 0) {
    issues.push({ path: 'expectedRevision', message: 'a whole number, 0 or more' });
  }
  if (typeof workspaceId === 'string') issues.push(...unstorableTextIssues(workspaceId, 'workspaceId'));
  if (!Array.isArray(operations) || operations.length === 0) {
    issues.push({ path: 'operations', message: 'at least one operation' });
    throw new ValidationError('change', issues);
  }
  const parsed: ValidatedOperation[] = [];
  operations.forEach((operation: StoreOperation, index) => {
    const at = (...path: PropertyKey[]) => formatPath(['operations', index, ...path]);
    if (operation?.op === 'put-workspace') {
      const result = WorkspaceSchema.safeParse(operation.workspace);
      if (!result.success) issues.push(...toFieldIssues(result.error, at('workspace')));
      else if (result.data.id !== workspaceId) {
        issues.push({ path: at('workspace', 'id'), message: `is "${result.data.id}", not the workspace "${workspaceId}"` });
      } else {
        const text = unstorableTextIssues(result.data, at('workspace'));
        if (text.length > 0) issues.push(...text);
        else parsed.push({ op: 'put-workspace', workspace: deepFreeze(result.data) });
      }
    } else if (operation?.op === 'put' && isRecordKind(operation.kind)) {
      try {
        const record = validate(RECORD_SCHEMAS[operation.kind], operation.record, 'change', at('record'));
        const text = unstorableTextIssues(record, at('record'));
        if (text.length > 0) issues.push(...text);
        else parsed.push({ op: 'put', kind: operation.kind, record: deepFreeze(record) } as ValidatedOperation);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        issues.push(...error.issues);
      }
    } else if (operation?.op === 'delete' && isRecordKind(operation.kind) && typeof operation.id === 'string') {
      const text = unstorableTextIssues(operation.id, at('id'));
      if (text.length > 0) issues.push(...text);
      else parsed.push({ op: 'delete', kind: operation.kind, id: operation.id });
    } else {
      issues.push({ path: at(), message: 'not a put, delete or put-workspace operation of a known record kind' });
    }
  });
  if (issues.length > 0) throw new ValidationError('change', issues);
  return parsed;
}

/**
 * Checks a validated change against the workspace without applying it: throws
 * `ConflictError` for a stale revision, `ValidationError` when the workspace does not
 * exist and the change does not create it. Returns the workspace settings after it.
 */
export function checkChange(
  state: WorkspaceState | undefined,
  workspaceId: WorkspaceId,
  expectedRevision: number,
  operations: readonly ValidatedOperation[],
): Workspace {
  const actual = state?.revision ?? 0;
  if (expectedRevision !== actual) throw new ConflictError(`workspace "${workspaceId}"`, expectedRevision, actual);
  let workspace = state?.workspace;
  for (const operation of operations) if (operation.op === 'put-workspace') workspace = operation.workspace;
  if (!workspace) {
    throw new ValidationError('change', [
      { path: 'operations', message: `workspace "${workspaceId}" does not exist: its first change must put the workspace` },
    ]);
  }
  return workspace;
}

/**
 * Checks `expectedRevision` against the workspace and applies validated operations.
 * Throws `ConflictError` (stale revision) or `ValidationError` (no workspace yet)
 * before touching anything. Returns the new state; `state` itself is changed in place
 * when it exists, as the adapters own it.
 */
export function applyChange(
  state: WorkspaceState | undefined,
  workspaceId: WorkspaceId,
  expectedRevision: number,
  operations: readonly ValidatedOperation[],
): WorkspaceState {
  const workspace = checkChange(state, workspaceId, expectedRevision, operations);
  const actual = state?.revision ?? 0;
  const next = state ?? { workspace, revision: 0, records: emptyRecords() };
  next.workspace = workspace;
  for (const operation of operations) {
    if (operation.op === 'put') (next.records[operation.kind] as Map<string, unknown>).set(operation.record.id, operation.record);
    else if (operation.op === 'delete') next.records[operation.kind].delete(operation.id);
  }
  next.revision = actual + 1;
  return next;
}

/** The workspace's records as a network, each list in the order records were first put. */
export function toNetwork(state: WorkspaceState): Network {
  const { records } = state;
  return {
    workspace: state.workspace,
    contacts: [...records.contact.values()],
    organizations: [...records.organization.values()],
    outreaches: [...records.outreach.values()],
    meetings: [...records.meeting.values()],
    thankYous: [...records.thankYou.values()],
    checkIns: [...records.checkIn.values()],
    referrals: [...records.referral.values()],
    outcomes: [...records.outcome.values()],
  };
}

/** Builds a workspace's state from a validated network and its revision. */
export function fromNetwork(network: Network, revision: number): WorkspaceState {
  const records = emptyRecords();
  for (const kind of RECORD_KINDS) {
    const map = records[kind] as Map<string, unknown>;
    for (const record of network[RECORD_LISTS[kind]]) map.set(record.id, deepFreeze(record));
  }
  return { workspace: deepFreeze(network.workspace), revision, records };
}

/** One record of a workspace, or `undefined`; a kind that is not a record kind finds nothing. */
export function findRecord<K extends RecordKind>(state: WorkspaceState | undefined, kind: K, id: string): RecordTypes[K] | undefined {
  if (!state || !Object.hasOwn(state.records, kind)) return undefined;
  return state.records[kind].get(id) as RecordTypes[K] | undefined;
}

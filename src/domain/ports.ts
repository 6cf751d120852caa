import type { Contact, ContactInput } from './contact.js';
import type { CheckIn, CheckInInput, ThankYou, ThankYouInput } from './followUp.js';
import type { WorkspaceId } from './ids.js';
import type { Meeting, MeetingInput } from './meeting.js';
import type { Network } from './network.js';
import type { Organization, OrganizationInput } from './organization.js';
import type { Outreach, OutreachInput } from './outreach.js';
import type { Outcome, OutcomeInput, Referral, ReferralInput } from './referral.js';
import type { Workspace, WorkspaceInput } from './workspace.js';

/** Every kind of record a workspace holds, with its type. */
export interface RecordTypes {
  contact: Contact;
  organization: Organization;
  outreach: Outreach;
  meeting: Meeting;
  thankYou: ThankYou;
  checkIn: CheckIn;
  referral: Referral;
  outcome: Outcome;
}

/**
 * Every kind of record as a store accepts it: fields with defaults may be left out and
 * instants may be ISO strings; the store parses each record with its schema.
 */
export interface RecordInputTypes {
  contact: ContactInput;
  organization: OrganizationInput;
  outreach: OutreachInput;
  meeting: MeetingInput;
  thankYou: ThankYouInput;
  checkIn: CheckInInput;
  referral: ReferralInput;
  outcome: OutcomeInput;
}

/** A kind of record: `contact`, `outreach`, `meeting`, … */
export type RecordKind = keyof RecordTypes;

/** A record tagged with its kind. */
export type TaggedRecord = { [K in RecordKind]: { readonly kind: K; readonly record: RecordTypes[K] } }[RecordKind];

/** A record as a store accepts it, tagged with its kind. */
export type TaggedRecordInput = {
  [K in RecordKind]: { readonly kind: K; readonly record: RecordInputTypes[K] };
}[RecordKind];

/**
 * One part of a change: create or replace a record, delete one, or replace the
 * workspace's settings. Records are given as input (defaults may be left out); the
 * store validates and parses them before applying anything.
 */
export type StoreOperation =
  | ({ readonly op: 'put' } & TaggedRecordInput)
  | { readonly op: 'delete'; readonly kind: RecordKind; readonly id: string }
  | { readonly op: 'put-workspace'; readonly workspace: WorkspaceInput };

/** An operation after validation: every record parsed (defaults filled in, instants as `Date`). */
export type ValidatedOperation =
  | ({ readonly op: 'put' } & TaggedRecord)
  | { readonly op: 'delete'; readonly kind: RecordKind; readonly id: string }
  | { readonly op: 'put-workspace'; readonly workspace: Workspace };

/**
 * A change to one workspace, applied all or nothing. `expectedRevision` is the revision
 * the change was based on (0 for a workspace that does not exist yet); a store whose
 * workspace is at another revision refuses it with `ConflictError` and changes nothing.
 */
export interface StoreChange {
  readonly expectedRevision: number;
  readonly operations: readonly StoreOperation[];
}

/** A workspace's settings and its revision (the number of changes committed to it). */
export interface WorkspaceHead {
  readonly workspace: Workspace;
  readonly revision: number;
}

/** A workspace's records and the revision they were read at. */
export interface NetworkSnapshot {
  readonly network: Network;
  readonly revision: number;
}

/**
 * The storage port. Records belong to a workspace; a store holds many workspaces and
 * no call ever returns another workspace's records. Each workspace has one revision:
 * a change states the revision it was based on and is refused if that is stale. A
 * missing workspace or record is `undefined`, never an error.
 *
 * The shape maps onto SQL directly: a `workspaces` table holding the revision, a
 * table of records keyed by (workspace, kind, id), and `commit` as one transaction
 * guarded by `UPDATE … SET revision = revision + 1 WHERE revision = expected`.
 */
export interface NetworkStore {
  /** Every workspace's settings and revision, by id. */
  listWorkspaces(): Promise<WorkspaceHead[]>;
  /** One workspace's settings and revision. */
  getWorkspace(workspaceId: WorkspaceId): Promise<WorkspaceHead | undefined>;
  /** One record of a workspace. */
  getRecord<K extends RecordKind>(workspaceId: WorkspaceId, kind: K, id: string): Promise<RecordTypes[K] | undefined>;
  /** Every record of a workspace, read at one revision. */
  loadNetwork(workspaceId: WorkspaceId): Promise<NetworkSnapshot | undefined>;
  /**
   * Applies a change to one workspace, all or nothing, and returns the new revision.
   * Throws `ConflictError` for a stale `expectedRevision` and `ValidationError` for a
   * record that does not fit its schema; either way nothing is written. Durable when
   * the promise resolves (for stores that persist).
   */
  commit(workspaceId: WorkspaceId, change: StoreChange): Promise<{ revision: number }>;
  /** Releases files, connections and locks. The store is unusable afterwards. */
  close(): Promise<void>;
}

// A NetworkStore as you might write one for your own storage. Each workspace is kept as
// one JSON string in a Map — a stand-in for a key-value store (Redis, localStorage, a
// KV table). Reads re-validate with reachout's schemas, as for any data from outside;
// writes check the revision, then build the new state on a private copy and store it
// in one step, so a bad change stores nothing.
//
// Prove it with the contract suite: examples/custom-adapter/mapStore.test.ts.
import {
  CheckInSchema,
  ConflictError,
  ContactSchema,
  MeetingSchema,
  NetworkSchema,
  OrganizationSchema,
  OutcomeSchema,
  OutreachSchema,
  ReferralSchema,
  StoreClosedError,
  ThankYouSchema,
  ValidationError,
  WorkspaceSchema,
  unstorableTextIssues,
  validate,
  type Network,
  type NetworkSnapshot,
  type NetworkStore,
  type RecordKind,
  type RecordTypes,
  type StoreChange,
  type Workspace,
  type WorkspaceId,
} from 'reachout';

/** Where each kind of record lives in a network, and the schema that checks it. */
const KINDS = {
  contact: { list: 'contacts', schema: ContactSchema },
  organization: { list: 'organizations', schema: OrganizationSchema },
  outreach: { list: 'outreaches', schema: OutreachSchema },
  meeting: { list: 'meetings', schema: MeetingSchema },
  thankYou: { list: 'thankYous', schema: ThankYouSchema },
  checkIn: { list: 'checkIns', schema: CheckInSchema },
  referral: { list: 'referrals', schema: ReferralSchema },
  outcome: { list: 'outcomes', schema: OutcomeSchema },
} as const;

/** A workspace's records while a change is applied: the workspace itself may not exist yet. */
type Draft = Omit<Network, 'workspace'> & { workspace?: Workspace };

const emptyDraft = (): Draft => ({
  contacts: [],
  organizations: [],
  outreaches: [],
  meetings: [],
  thankYous: [],
  checkIns: [],
  referrals: [],
  outcomes: [],
});

const invalid = (path: string, message: string) => new ValidationError('change', [{ path, message }]);

/** Refuses text no store can keep (U+0000, an unpaired surrogate), as every store does, so data moves between stores unchanged. */
function storable<T>(value: T, path: string): T {
  const issues = unstorableTextIssues(value, path);
  if (issues.length > 0) throw new ValidationError('change', issues);
  return value;
}

/**
 * A store over `data`: workspace id -> JSON text of `{ revision, network }`. Pass the
 * same Map to a new store to "reopen" it.
 */
export function createMapStore(data: Map<string, string> = new Map()): NetworkStore {
  let closed = false;

  const ensureOpen = () => {
    if (closed) throw new StoreClosedError('map store');
  };

  /** Ids come from callers: a symbol or an object where a string belongs is bad input, not a crash. */
  const requireId = (value: unknown, path: string) => {
    if (typeof value !== 'string') throw invalid(path, 'an id is a string');
  };

  /** Reads and re-validates one workspace; JSON gives dates back as ISO strings, the schemas make them Dates. */
  const read = (workspaceId: string): NetworkSnapshot | undefined => {
    ensureOpen();
    requireId(workspaceId, 'workspaceId');
    const text = data.get(workspaceId);
    if (text === undefined) return undefined; // missing is undefined, never an error
    const stored = JSON.parse(text) as { revision: number; network: unknown };
    return { revision: stored.revision, network: validate(NetworkSchema, stored.network, 'stored network') };
  };

  return {
    async listWorkspaces() {
      ensureOpen();
      return [...data.keys()].sort().map((id) => {
        const { network, revision } = read(id)!;
        return { workspace: network.workspace, revision };
      });
    },

    async getWorkspace(workspaceId) {
      const snapshot = read(workspaceId);
      return snapshot && { workspace: snapshot.network.workspace, revision: snapshot.revision };
    },

    async getRecord<K extends RecordKind>(workspaceId: WorkspaceId, kind: K, id: string) {
      requireId(id, 'id');
      const records = read(workspaceId)?.network[KINDS[kind].list] as readonly { id: string }[] | undefined;
      return records?.find((record) => record.id === id) as RecordTypes[K] | undefined;
    },

    async loadNetwork(workspaceId) {
      return read(workspaceId);
    },

    async commit(workspaceId: WorkspaceId, change: StoreChange) {
      // Nothing below awaits, so two commits cannot interleave. A store with real I/O
      // needs the same guarantee from a transaction or a lock: in SQL,
      // UPDATE workspaces SET revision = revision + 1 WHERE id = $1 AND revision = $expected.
      const current = read(workspaceId);

      // 1. The revision check: the change must be based on what is stored now.
      const actual = current?.revision ?? 0;
      if (change.expectedRevision !== actual) {
        throw new ConflictError(`workspace "${workspaceId}"`, change.expectedRevision, actual);
      }
      if (change.operations.length === 0) throw invalid('operations', 'at least one operation');

      // 2. Apply every operation to a private copy (freshly parsed, so ours to change),
      //    validating each record with reachout's schema. Any error leaves `data` untouched.
      const draft: Draft = current?.network ?? emptyDraft();
      change.operations.forEach((operation, index) => {
        const at = `operations[${index}]`;
        if (operation.op === 'put-workspace') {
          const workspace = storable(validate(WorkspaceSchema, operation.workspace, 'change', `${at}.workspace`), `${at}.workspace`);
          if (workspace.id !== workspaceId) throw invalid(`${at}.workspace.id`, `is not "${workspaceId}"`);
          draft.workspace = workspace;
        } else if (operation.op === 'put' && Object.hasOwn(KINDS, operation.kind)) {
          const { list, schema } = KINDS[operation.kind];
          const record = storable(validate(schema, operation.record, 'change', `${at}.record`), `${at}.record`);
          const records = draft[list] as { id: string }[];
          const found = records.findIndex((other) => other.id === record.id);
          if (found >= 0) records[found] = record;
          else records.push(record);
        } else if (operation.op === 'delete' && Object.hasOwn(KINDS, operation.kind)) {
          const records = draft[KINDS[operation.kind].list] as { id: string }[];
          const found = records.findIndex((other) => other.id === storable(operation.id, `${at}.id`));
          if (found >= 0) records.splice(found, 1);
        } else {
          throw invalid(at, 'not a put, delete or put-workspace of a known kind');
        }
      });
      if (!draft.workspace) throw invalid('operations', `workspace "${workspaceId}" does not exist: put it first`);

      // 3. Store the new state in one step. JSON.stringify writes dates as ISO strings.
      const revision = actual + 1;
      data.set(workspaceId, JSON.stringify({ revision, network: draft }));
      return { revision };
    },

    async close() {
      closed = true;
    },
  };
}

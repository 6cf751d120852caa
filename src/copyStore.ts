// Moving a store: every workspace, record and revision from one store to another,
// through the port only, so it works between any two adapters (the JSON file to
// PostgreSQL, PostgreSQL to memory for a test, your own).
import { ConflictError, ValidationError, WorkspaceExistsError, type FieldIssue } from './domain/errors.js';
import type { NetworkStore, StoreOperation } from './domain/ports.js';
import { RECORD_KINDS, RECORD_LISTS } from './domain/records.js';

/** How far {@link copyStore} has got, after each workspace. */
export interface CopyProgress {
  /** The workspace just copied. */
  readonly workspaceId: string;
  /** Workspaces copied so far, this one included. */
  readonly workspaces: number;
  /** Workspaces to copy in all. */
  readonly totalWorkspaces: number;
  /** Records copied so far. */
  readonly records: number;
}

/** Options of {@link copyStore}. */
export interface CopyStoreOptions {
  /** Called after each workspace is copied, with the counts so far. */
  readonly onProgress?: (progress: CopyProgress) => void;
}

/** What {@link copyStore} copied. */
export interface CopyStoreResult {
  readonly workspaces: number;
  readonly records: number;
}

/**
 * Copies every workspace of `from`, with its records and its revision, into `to`,
 * through the `NetworkStore` port only. Each workspace arrives whole, in one commit
 * (then one commit per further revision, so that revisions carry over: a workspace at
 * revision 40 costs 40 commits). Refuses with `WorkspaceExistsError`, before writing
 * anything, when a workspace already exists in `to`; never overwrites. A record `to`
 * cannot keep is a `ValidationError` naming the workspace and the record's path in its
 * network (`contacts[3].name`); the workspaces copied before it stay copied. Stop
 * writers to `from` first: each workspace is copied as one snapshot, later changes
 * are not followed.
 */
export async function copyStore(from: NetworkStore, to: NetworkStore, options: CopyStoreOptions = {}): Promise<CopyStoreResult> {
  const heads = await from.listWorkspaces();
  for (const { workspace } of heads) {
    if (await to.getWorkspace(workspace.id)) throw new WorkspaceExistsError(workspace.id);
  }
  let records = 0;
  let workspaces = 0;
  for (const head of heads) {
    const workspaceId = head.workspace.id;
    // Read one workspace at a time: the copy holds one network in memory, not the store.
    const snapshot = await from.loadNetwork(workspaceId);
    if (!snapshot) continue; // removed from `from` meanwhile (a store of your own may allow it)
    const { network, revision } = snapshot;
    const operations: StoreOperation[] = [{ op: 'put-workspace', workspace: network.workspace }];
    // Where each operation came from, to name a refused record by its place in the network.
    const origins: string[] = ['workspace'];
    for (const kind of RECORD_KINDS) {
      network[RECORD_LISTS[kind]].forEach((record, index) => {
        operations.push({ op: 'put', kind, record } as StoreOperation);
        origins.push(`${RECORD_LISTS[kind]}[${index}]`);
      });
    }
    try {
      await to.commit(workspaceId, { expectedRevision: 0, operations });
    } catch (error) {
      // Created in `to` since the check above.
      if (error instanceof ConflictError) throw new WorkspaceExistsError(workspaceId);
      if (error instanceof ValidationError) throw new ValidationError(`copy of workspace "${workspaceId}"`, error.issues.map((issue) => renamed(issue, origins)));
      throw error;
    }
    // The same settings again, once per revision the workspace had: the port's only way to move a revision on.
    for (let next = 1; next < revision; next++) {
      await to.commit(workspaceId, { expectedRevision: next, operations: [{ op: 'put-workspace', workspace: network.workspace }] });
    }
    records += operations.length - 1;
    workspaces++;
    options.onProgress?.({ workspaceId, workspaces, totalWorkspaces: heads.length, records });
  }
  return { workspaces, records };
}

/** `operations[5].record.name` as `contacts[3].name`: where the record is in the network copied. */
function renamed(issue: FieldIssue, origins: readonly string[]): FieldIssue {
  const match = /^operations\[(\d+)\]\.(?:record|workspace)(.*)$/.exec(issue.path);
  const origin = match && origins[Number(match[1])];
  return origin ? { path: `${origin}${match[2]}`, message: issue.message } : issue;
}

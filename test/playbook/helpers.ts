// Shared by the Playbook tests: store wrappers that count or refuse calls, predictable
// ids, and a snapshot of what a store holds for one workspace.
import {
  ConflictError,
  WorkspaceIdSchema,
  type Network,
  type NetworkStore,
  type StoreChange,
  type WorkspaceId,
} from '../../src/index.js';

/** Ids `prefix-1`, `prefix-2`, … in the order they are asked for. */
export function sequentialIds(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

/** A branded workspace id. */
export const wid = (id: string): WorkspaceId => WorkspaceIdSchema.parse(id);

/** The port's reading and writing calls. */
export type StoreCall = 'listWorkspaces' | 'getWorkspace' | 'getRecord' | 'loadNetwork' | 'commit';

/** A store that counts every call it passes on to `inner`. */
export function countingStore(inner: NetworkStore): { store: NetworkStore; calls: Record<StoreCall, number>; reset(): void } {
  const calls: Record<StoreCall, number> = { listWorkspaces: 0, getWorkspace: 0, getRecord: 0, loadNetwork: 0, commit: 0 };
  const store: NetworkStore = {
    listWorkspaces: () => {
      calls.listWorkspaces++;
      return inner.listWorkspaces();
    },
    getWorkspace: (workspaceId) => {
      calls.getWorkspace++;
      return inner.getWorkspace(workspaceId);
    },
    getRecord: (workspaceId, kind, id) => {
      calls.getRecord++;
      return inner.getRecord(workspaceId, kind, id);
    },
    loadNetwork: (workspaceId) => {
      calls.loadNetwork++;
      return inner.loadNetwork(workspaceId);
    },
    commit: (workspaceId, change) => {
      calls.commit++;
      return inner.commit(workspaceId, change);
    },
    close: () => inner.close(),
  };
  const reset = () => {
    for (const key of Object.keys(calls) as StoreCall[]) calls[key] = 0;
  };
  return { store, calls, reset };
}

/**
 * A store whose `commit` runs `before` first (another writer getting in), then passes
 * the change on. `before` gets the call's number, counting from 1.
 */
export function interceptedStore(
  inner: NetworkStore,
  before: (call: number, workspaceId: WorkspaceId, change: StoreChange) => Promise<void>,
): NetworkStore {
  let call = 0;
  return {
    ...inner,
    listWorkspaces: () => inner.listWorkspaces(),
    getWorkspace: (workspaceId) => inner.getWorkspace(workspaceId),
    getRecord: (workspaceId, kind, id) => inner.getRecord(workspaceId, kind, id),
    loadNetwork: (workspaceId) => inner.loadNetwork(workspaceId),
    commit: async (workspaceId, change) => {
      await before(++call, workspaceId, change);
      return inner.commit(workspaceId, change);
    },
    close: () => inner.close(),
  };
}

/** A store that refuses every commit as stale, as if another writer always got in first. */
export function alwaysConflictingStore(inner: NetworkStore): { store: NetworkStore; commits: () => number } {
  let commits = 0;
  const store = interceptedStore(inner, async (call, workspaceId, change) => {
    commits = call;
    throw new ConflictError(`workspace "${workspaceId}"`, change.expectedRevision, change.expectedRevision + 1);
  });
  return { store, commits: () => commits };
}

/** What a store holds for one workspace: its revision and every record. */
export async function holdings(
  store: NetworkStore,
  workspaceId: string,
): Promise<{ revision: number | undefined; network: Network | undefined }> {
  const id = wid(workspaceId);
  const head = await store.getWorkspace(id);
  const snapshot = await store.loadNetwork(id);
  return { revision: head?.revision, network: snapshot?.network };
}

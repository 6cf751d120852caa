import { StoreClosedError } from '../../domain/errors.js';
import type { WorkspaceId } from '../../domain/ids.js';
import type { NetworkStore, RecordKind, StoreChange, WorkspaceHead } from '../../domain/ports.js';
import { applyChange, findRecord, requireIds, toNetwork, validateChange, type WorkspaceState } from '../workspaceState.js';

/**
 * A store in memory: every guarantee of the port (isolation, revisions, all-or-nothing
 * changes, validation) without persistence. For tests, demos and apps that keep their
 * own data elsewhere.
 */
export function createMemoryStore(): NetworkStore {
  const workspaces = new Map<WorkspaceId, WorkspaceState>();
  let closed = false;
  const open = () => {
    if (closed) throw new StoreClosedError('memory store');
  };
  const head = (state: WorkspaceState): WorkspaceHead => ({ workspace: state.workspace, revision: state.revision });

  return {
    async listWorkspaces() {
      open();
      return [...workspaces.values()].map(head).sort((a, b) => (a.workspace.id < b.workspace.id ? -1 : 1));
    },
    async getWorkspace(workspaceId) {
      open();
      requireIds({ workspaceId });
      const state = workspaces.get(workspaceId);
      return state && head(state);
    },
    async getRecord<K extends RecordKind>(workspaceId: WorkspaceId, kind: K, id: string) {
      open();
      requireIds({ workspaceId, id });
      return findRecord(workspaces.get(workspaceId), kind, id);
    },
    async loadNetwork(workspaceId) {
      open();
      requireIds({ workspaceId });
      const state = workspaces.get(workspaceId);
      return state && { network: toNetwork(state), revision: state.revision };
    },
    async commit(workspaceId: WorkspaceId, change: StoreChange) {
      open();
      requireIds({ workspaceId });
      const operations = validateChange(workspaceId, change);
      const state = applyChange(workspaces.get(workspaceId), workspaceId, change.expectedRevision, operations);
      workspaces.set(workspaceId, state);
      return { revision: state.revision };
    },
    async close() {
      closed = true;
    },
  };
}

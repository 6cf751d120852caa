// Shared by the crash worker and its test: the change each revision makes, and the
// workspace every revision leaves behind, so the test can tell exactly what a store
// at revision R must hold.
import type { WorkspaceId } from '../../../../src/domain/ids.js';
import type { StoreChange, StoreOperation } from '../../../../src/domain/ports.js';

export const WS = 'crash-ws' as WorkspaceId;
const CREATED = '2024-03-01T09:00:00.000Z';
const SLOTS = 40;

const workspaceOp = (name: string): StoreOperation =>
  ({ op: 'put-workspace', workspace: { id: WS, name, timeZone: 'Europe/Berlin', createdAt: CREATED } }) as unknown as StoreOperation;

const contactOp = (id: string, name: string): StoreOperation =>
  ({ op: 'put', kind: 'contact', record: { id, name, tie: 'alumni', emails: [`${id}@example.org`], createdAt: CREATED } }) as unknown as StoreOperation;

/** The operations of the change that takes the workspace to `revision`. */
export function operationsFor(revision: number): StoreOperation[] {
  if (revision === 1) return [workspaceOp('W1')];
  const operations = [contactOp(`c${revision % SLOTS}`, `rev ${revision}`)];
  if (revision % 7 === 0) operations.push({ op: 'delete', kind: 'contact', id: `c${(revision + SLOTS / 2) % SLOTS}` });
  if (revision % 11 === 0) operations.push(workspaceOp(`W${revision}`));
  return operations;
}

/** The change that takes the workspace from `revision - 1` to `revision`. */
export function changeFor(revision: number): StoreChange {
  return { expectedRevision: revision - 1, operations: operationsFor(revision) };
}

/** What the workspace holds at `revision`: its name, and each contact's name by id. */
export function modelAt(revision: number): { name: string | undefined; contacts: Map<string, string> } {
  let name: string | undefined;
  const contacts = new Map<string, string>();
  for (let r = 1; r <= revision; r++) {
    for (const op of operationsFor(r)) {
      if (op.op === 'put-workspace') name = op.workspace.name;
      else if (op.op === 'put' && op.kind === 'contact') contacts.set(op.record.id, op.record.name);
      else if (op.op === 'delete') contacts.delete(op.id);
    }
  }
  return { name, contacts };
}

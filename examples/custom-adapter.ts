// Writing your own adapter: a NetworkStore over a Map of JSON strings (see
// examples/custom-adapter/mapStore.ts), used the way the playbook uses any store.
// Run: npx tsx examples/custom-adapter.ts
import { ContactSchema, WorkspaceSchema, isReachoutError } from 'reachout';
import { createMapStore } from './custom-adapter/mapStore.js';

const store = createMapStore();
const workspace = WorkspaceSchema.parse({
  id: 'sam',
  name: 'Sam Rivera',
  timeZone: 'America/New_York',
  createdAt: '2026-08-01T09:00:00-04:00',
});
const lena = ContactSchema.parse({
  id: 'lena',
  name: 'Lena Ortiz',
  emails: ['lena@example.org'],
  tie: 'event',
  createdAt: '2026-08-01T09:30:00-04:00',
});

// A new workspace starts at revision 0; its first change puts the workspace itself.
const { revision } = await store.commit(workspace.id, {
  expectedRevision: 0,
  operations: [
    { op: 'put-workspace', workspace },
    { op: 'put', kind: 'contact', record: lena },
  ],
});

const head = await store.getWorkspace(workspace.id);
const contact = await store.getRecord(workspace.id, 'contact', 'lena');
console.log(`workspace "${head?.workspace.name}" at revision ${revision}: ${contact?.name} <${contact?.emails[0]}>, added ${contact?.createdAt.toISOString()}`);

// A second writer that read revision 0 is refused instead of overwriting.
try {
  await store.commit(workspace.id, { expectedRevision: 0, operations: [{ op: 'put-workspace', workspace }] });
} catch (error) {
  if (!isReachoutError(error, 'conflict')) throw error;
  console.log(`stale write refused: ${error.message}`);
}
await store.close();

// One of two writers on one workspace: makes <count> changes, each based on the
// revision it just read, retrying with a fresh read (and a new change id) on
// ConflictError. Logs "ack <id> <revision>" after a commit resolved and
// "refused <id>" after a conflict. Starts when stdin says "go".
// argv: <store dir> <writer name> <count> <compactAfterBytes>
import { writeSync } from 'node:fs';
import { createJsonFileStore } from '../../../../src/adapters/json/index.js';
import { isReachoutError } from '../../../../src/domain/errors.js';
import type { WorkspaceId } from '../../../../src/domain/ids.js';
import type { StoreOperation } from '../../../../src/domain/ports.js';

const [dir, name, count, compactAfterBytes] = process.argv.slice(2);
const WS = 'shared' as WorkspaceId;
const contact = (id: string, label: string) =>
  ({ op: 'put', kind: 'contact', record: { id, name: label, tie: 'colleague', createdAt: '2024-03-01T09:00:00Z' } }) as unknown as StoreOperation;

const store = await createJsonFileStore({ path: dir!, compactAfterBytes: Number(compactAfterBytes), lockTimeoutMs: 30_000 });
writeSync(1, 'ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.pause();
for (let i = 0; i < Number(count); i++) {
  for (let attempt = 0; ; attempt++) {
    const id = `${name}-${i}-${attempt}`;
    const head = await store.getWorkspace(WS);
    try {
      const { revision } = await store.commit(WS, {
        expectedRevision: head!.revision,
        // The change's own record, and one record both writers overwrite.
        operations: [contact(id, id), contact('last', id)],
      });
      writeSync(1, `ack ${id} ${revision}\n`);
      break;
    } catch (error) {
      if (!isReachoutError(error, 'conflict')) throw error;
      writeSync(1, `refused ${id}\n`);
    }
  }
}
await store.close();
writeSync(1, 'done\n');

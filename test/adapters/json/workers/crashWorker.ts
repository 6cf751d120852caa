// Commits the model's changes in a loop until killed. Each acknowledged revision is
// written to stdout (a synchronous write to the pipe) only after its commit resolved.
// argv: <store dir> <compactAfterBytes>
import { writeSync } from 'node:fs';
import { createJsonFileStore } from '../../../../src/adapters/json/index.js';
import { WS, changeFor } from './model.js';

const [dir, compactAfterBytes] = process.argv.slice(2);
writeSync(1, 'opening\n');
const store = await createJsonFileStore({ path: dir!, compactAfterBytes: Number(compactAfterBytes), lockTimeoutMs: 20_000 });
let revision = (await store.getWorkspace(WS))?.revision ?? 0;
writeSync(1, `ready ${revision}\n`);
for (;;) {
  ({ revision } = await store.commit(WS, changeFor(revision + 1)));
  writeSync(1, `ack ${revision}\n`);
}

// Opens a store, commits the model's first change and ends without close(): on its
// own (argv[3] "exit") or by waiting to be killed ("wait"). Prints "committed" first.
// argv: <store dir> <exit|wait>
import { writeSync } from 'node:fs';
import { createJsonFileStore } from '../../../../src/adapters/json/index.js';
import { WS, changeFor } from './model.js';

const [dir, ending] = process.argv.slice(2);
const store = await createJsonFileStore({ path: dir! });
await store.commit(WS, changeFor(((await store.getWorkspace(WS))?.revision ?? 0) + 1));
writeSync(1, 'committed\n');
if (ending === 'wait') await new Promise(() => setInterval(() => {}, 1_000));

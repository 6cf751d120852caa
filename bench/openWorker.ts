// Child process of the store benchmark: opens the store and reads the process's peak
// RSS (the store's own, as nothing else has run yet), then times a bare JSON.parse of
// the snapshot's bytes read the same way (one file read, one parse).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createJsonFileStore } from '../src/adapters/json/index.js';

const dir = process.argv[2]!;
let started = performance.now();
const store = await createJsonFileStore({ path: dir });
const openMs = performance.now() - started;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
await store.close();
started = performance.now();
const bytes = readFileSync(join(dir, 'snapshot.json'));
JSON.parse(bytes.subarray(bytes.indexOf(0x0a) + 1).toString('utf8'));
const parseMs = performance.now() - started;
console.log(JSON.stringify({ openMs, parseMs, peakRssMb }));

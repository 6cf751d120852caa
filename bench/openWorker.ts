// Child process of the store benchmark: times a bare JSON.parse of the snapshot's bytes,
// then opening the store over the same files, and reports the process's peak RSS.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createJsonFileStore } from '../src/adapters/json/index.js';

const dir = process.argv[2]!;
const bytes = readFileSync(join(dir, 'snapshot.json'), 'utf8');
let started = performance.now();
const body = bytes.slice(bytes.indexOf('\n') + 1);
JSON.parse(body);
const parseMs = performance.now() - started;
started = performance.now();
const store = await createJsonFileStore({ path: dir });
const openMs = performance.now() - started;
await store.close();
console.log(JSON.stringify({ openMs, parseMs, peakRssMb: process.resourceUsage().maxRSS / 1024 }));

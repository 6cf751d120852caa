// Child process of the coaching-scale benchmark, so its memory is the store's own:
// opens the store, times `playbook.overview()` while sampling RSS and heap, then times
// recording one attempt through the Playbook in workspaces across the store. Run with
// a capped heap: an overview that held every network at once would run out of it.
// argv: pglite <data dir> | server <url> <schema>; then <workspaces> <attempts>
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPostgresStore, type PostgresStore } from '../src/adapters/postgres/index.js';
import { createPlaybook, fixedClock } from '../src/index.js';

const NOW = '2026-11-22T15:00:00Z';
const [lane, where, ...rest] = process.argv.slice(2);
const schema = lane === 'server' ? rest.shift()! : 'reachout';
const [workspaces, attempts] = rest.map(Number) as [number, number];

let close: () => Promise<void>;
let store: PostgresStore;
if (lane === 'pglite') {
  const pglite = new PGlite(where!);
  store = await createPostgresStore({ pglite });
  close = () => pglite.close();
} else {
  const pool = new pg.Pool({ connectionString: where, max: 2 });
  store = await createPostgresStore({ pool, schema });
  close = () => pool.end();
}
const playbook = createPlaybook({ store, clock: fixedClock(NOW) });
// Warm the code paths on one workspace, so the overview's figures are its own.
await playbook.workspace('ws-0').agenda();

const mb = (bytes: number) => bytes / 1_048_576;
const collect = () => {
  if (!globalThis.gc) throw new Error('run with --expose-gc');
  globalThis.gc();
};
// What one workspace weighs in memory: the networks of up to ten, read and held, averaged.
collect();
let heapBefore = process.memoryUsage().heapUsed;
const held = [];
for (let i = 0; i < Math.min(10, workspaces); i++) held.push(await store.loadNetwork(`ws-${i}`));
collect();
const workspaceMb = mb(process.memoryUsage().heapUsed - heapBefore) / held.length;
held.length = 0;

collect();
heapBefore = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
let heapPeak = heapBefore;
const sample = () => {
  const { rss, heapUsed } = process.memoryUsage();
  rssPeak = Math.max(rssPeak, rss);
  heapPeak = Math.max(heapPeak, heapUsed);
};
const sampler = setInterval(sample, 5);
let started = performance.now();
const overview = await playbook.overview();
const overviewMs = performance.now() - started;
clearInterval(sampler);
sample();
// The answer itself (every workspace's overdue actions) is held on purpose; the rest is working memory.
collect();
const resultMb = mb(process.memoryUsage().heapUsed - heapBefore);
if (overview.workspaces.length !== workspaces) throw new Error(`overview saw ${overview.workspaces.length} workspaces, not ${workspaces}`);
const overdue = overview.workspaces.reduce((sum, entry) => sum + entry.overdue.length, 0);

/** An outreach still open in the workspace (an attempt after the reply is refused), found before the timing. */
async function openOutreach(workspaceId: string, k: number): Promise<string> {
  for (let j = 0; j < 100; j++) {
    const id = `o-${(k * 13 + j) % 100}`;
    const outreach = await store.getRecord(workspaceId, 'outreach', id);
    if (outreach && !outreach.reply && !outreach.withdrawnAt) return id;
  }
  throw new Error(`no open outreach in ${workspaceId}`);
}

const times: number[] = [];
// The first ten warm the code paths and are not timed.
for (let k = 0; k < attempts + 10; k++) {
  const workspaceId = `ws-${(k * 37) % workspaces}`;
  const seeker = playbook.workspace(workspaceId);
  const outreachId = await openOutreach(workspaceId, k);
  started = performance.now();
  await seeker.recordAttempt(outreachId, { channel: 'email', note: `bench ${k}` });
  if (k >= 10) times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
await store.close();
await close();
console.log(
  JSON.stringify({
    overviewMs,
    overdue,
    workspaceMb,
    resultMb,
    heapBeforeMb: mb(heapBefore),
    heapPeakMb: mb(heapPeak),
    rssBeforeMb: mb(rssBefore),
    rssPeakMb: mb(rssPeak),
    attemptMedianMs: times[Math.floor(times.length / 2)]!,
  }),
);

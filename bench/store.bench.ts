// Stores with 100 / 10,000 / 100,000 contacts (about ten records each): the cost of
// recording one attempt in reachout's JSON store and in lowdb 7 on the same data, the
// open time against a bare JSON.parse of the same bytes, and peak memory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSONFile } from 'lowdb/node';
import { Low } from 'lowdb';
import { createJsonFileStore } from '../src/adapters/json/index.js';
import { journalHeader, snapshotFile } from '../src/adapters/json/format.js';
import type { Network, NetworkStore, Outreach } from '../src/index.js';
import { syntheticNetwork } from './network.js';

const NOW = new Date('2026-11-22T15:00:00Z');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Writes `network` as a JSON store's files in `dir` (a snapshot and an empty journal); returns the snapshot's size. */
export function seedStore(dir: string, network: Network): number {
  const bytes = snapshotFile(0, { workspaces: [{ revision: 1, network }] });
  writeFileSync(join(dir, 'snapshot.json'), bytes);
  writeFileSync(join(dir, 'journal.jsonl'), journalHeader());
  return bytes.length;
}

/** The outreach the `i`-th measured attempt goes to: spread over the whole list. */
export const attemptTarget = (network: Network, i: number): string => network.outreaches[(i * 7919) % network.outreaches.length]!.id;

/** One measured attempt: read the outreach, commit it with one more attempt, revision-checked; returns the new revision. */
export async function recordAttempt(store: NetworkStore, workspaceId: string, outreachId: string, revision: number): Promise<number> {
  const outreach = (await store.getRecord(workspaceId, 'outreach', outreachId)) as Outreach;
  const next = { ...outreach, attempts: [...outreach.attempts, { channel: 'email' as const, at: NOW, result: 'sent' as const }] };
  return (await store.commit(workspaceId, { expectedRevision: revision, operations: [{ op: 'put', kind: 'outreach', record: next }] })).revision;
}

async function recordAttempts(dir: string, network: Network, count: number): Promise<number[]> {
  const store = await createJsonFileStore({ path: dir, compactAfterBytes: Number.MAX_SAFE_INTEGER });
  const workspaceId = network.workspace.id;
  let revision = (await store.getWorkspace(workspaceId))!.revision;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = attemptTarget(network, i);
    const started = performance.now();
    revision = await recordAttempt(store, workspaceId, id, revision);
    times.push(performance.now() - started);
  }
  await store.close();
  return times;
}

async function lowdbAttempts(dir: string, network: Network, count: number): Promise<number[]> {
  const file = join(dir, 'lowdb.json');
  writeFileSync(file, JSON.stringify(network));
  const db = new Low<Network>(new JSONFile<Network>(file), network);
  await db.read();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const index = (i * 7919) % db.data.outreaches.length;
    const started = performance.now();
    const outreach = db.data.outreaches[index]!;
    db.data.outreaches[index] = { ...outreach, attempts: [...outreach.attempts, { channel: 'email', at: NOW, result: 'sent' }] };
    await db.write();
    times.push(performance.now() - started);
  }
  return times;
}

/** Opens the store in a fresh process, so its peak RSS is the store's own. */
function openInChild(dir: string): { openMs: number; parseMs: number; peakRssMb: number } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'openWorker.ts'), dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`open worker failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { openMs: number; parseMs: number; peakRssMb: number };
}

/** Runs the store benchmark and prints its table and ratios. */
export async function benchStores(sizes: readonly number[] = [100, 10_000, 100_000]): Promise<void> {
  console.log('\nStores (median per write; reachout = read the outreach + one revision-checked commit, fsynced)');
  console.log('contacts   file MB   reachout ms   lowdb ms   lowdb/reachout   open ms   JSON.parse ms   open/parse   peak RSS MB');
  const perAttempt: number[] = [];
  const opens: { openMs: number; parseMs: number; peakRssMb: number; bytes: number }[] = [];
  for (const size of sizes) {
    const network = syntheticNetwork(size, NOW);
    const dir = mkdtempSync(join(tmpdir(), 'reachout-bench-'));
    try {
      const bytes = seedStore(dir, network);
      const ours = median(await recordAttempts(dir, network, size >= 100_000 ? 40 : 100));
      const lowdb = median(await lowdbAttempts(dir, network, size >= 100_000 ? 5 : size >= 10_000 ? 20 : 100));
      const open = openInChild(dir);
      perAttempt.push(ours);
      opens.push({ ...open, bytes });
      console.log(
        `${String(size).padStart(8)} ${(bytes / 1e6).toFixed(1).padStart(9)} ${ours.toFixed(2).padStart(13)} ${lowdb.toFixed(2).padStart(10)} ${(lowdb / ours).toFixed(1).padStart(16)} ${open.openMs.toFixed(0).padStart(9)} ${open.parseMs.toFixed(0).padStart(15)} ${(open.openMs / open.parseMs).toFixed(1).padStart(12)} ${open.peakRssMb.toFixed(0).padStart(13)}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(
    `recording one attempt: ${sizes.at(-1)} contacts / ${sizes[0]} contacts = ${(perAttempt.at(-1)! / perAttempt[0]!).toFixed(2)} (target ≤ 1.5)`,
  );
  const last = opens.at(-1)!;
  console.log(`open vs bare JSON.parse at ${sizes.at(-1)} contacts: ${(last.openMs / last.parseMs).toFixed(2)}× (target ≤ 2)`);
  console.log(`peak RSS opening a ${(last.bytes / 1e6).toFixed(0)} MB store: ${(last.peakRssMb / (last.bytes / 2 ** 20)).toFixed(2)}× the file size (target ≤ 4)`);
}

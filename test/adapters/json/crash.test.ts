// A child process commits in a loop and is killed with SIGKILL at a random moment,
// 200 times (two lanes of 100 trials, each lane on one store that lives through all
// of its trials, so every open also recovers from the kill before it). After each kill
// the store opens and holds exactly the acknowledged changes, perhaps plus the one in
// flight; no file is torn. Compaction runs every few commits, so kills land in it too.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonFileStore } from '../../../src/adapters/json/index.js';
import { readJournal, readSnapshot } from '../../../src/adapters/json/format.js';
import { STORE_FILES, startWorker, tempDir, useTempDirs } from './helpers.js';
import { WS, modelAt } from './workers/model.js';

useTempDirs();

const TRIALS = 200;
const LANES = 2;
const COMPACT_AFTER_BYTES = 3_000;

/** A small seeded generator, so a failing run can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface TrialLog {
  trial: number;
  killedAfter: string;
  acknowledged: number;
  found: number;
  recoveries: number;
}

async function runLane(lane: number, trials: number, seed: number): Promise<TrialLog[]> {
  const next = random(seed);
  const dir = join(tempDir(`reachout-crash-${lane}-`), 'store');
  const log: TrialLog[] = [];
  let revision = 0;
  for (let trial = 0; trial < trials; trial++) {
    const worker = startWorker('crashWorker.ts', [dir, String(COMPACT_AFTER_BYTES)]);
    // Most kills land while commits (and compactions) run; some while the store opens
    // (taking over the dead writer's lock, cutting a torn entry).
    const duringOpen = next() < 0.15;
    // A committing trial first lets 1 to 8 changes be acknowledged, so every trial does
    // real work however loaded the machine is, then kills at a random moment after.
    const acksFirst = 1 + Math.floor(next() * 8);
    const delay = duringOpen ? next() * 4 : next() * 30;
    await worker.waitFor((line) => (duringOpen ? line === 'opening' : line === `ack ${revision + acksFirst}`));
    await new Promise((resolve) => setTimeout(resolve, delay));
    worker.child.kill('SIGKILL');
    const { signal, code, stderr } = await worker.ended;
    const context = `lane ${lane} (seed ${seed}) trial ${trial}, killed ${duringOpen ? 'opening' : 'committing'} after ${delay.toFixed(1)} ms`;
    // The worker never fails on its own: it was killed (or, very rarely, had not yet
    // started reading its output when killed, which is still a SIGKILL).
    expect(signal, `${context}: exit ${code} ${stderr}`).toBe('SIGKILL');

    const ready = worker.lines.find((line) => line.startsWith('ready '));
    if (ready) expect(Number(ready.slice(6)), context).toBe(revision);
    const acks = worker.lines.filter((line) => line.startsWith('ack ')).map((line) => Number(line.slice(4)));
    acks.forEach((ack, index) => expect(ack, context).toBe(revision + index + 1));
    const acknowledged = acks.at(-1) ?? revision;

    // No file is torn: the snapshot reads whole; the journal has whole entries and at
    // most an unterminated last one.
    if (existsSync(join(dir, 'snapshot.json'))) {
      expect(() => readSnapshot('snapshot.json', readFileSync(join(dir, 'snapshot.json'))), context).not.toThrow();
    }
    if (existsSync(join(dir, 'journal.jsonl'))) {
      expect(() => readJournal('journal.jsonl', readFileSync(join(dir, 'journal.jsonl'))), context).not.toThrow();
    }

    const store = await createJsonFileStore({ path: dir, compactAfterBytes: COMPACT_AFTER_BYTES, lockTimeoutMs: 5_000 });
    const found = await store.loadNetwork(WS);
    const foundRevision = found?.revision ?? 0;
    expect([acknowledged, acknowledged + 1], context).toContain(foundRevision);
    const model = modelAt(foundRevision);
    expect(found?.network.workspace.name, context).toBe(model.name);
    expect(new Map(found?.network.contacts.map((contact) => [contact.id, contact.name]) ?? []), context).toEqual(model.contacts);
    // At most the one entry being appended was cut back, and only as the last line.
    expect(store.recoveries.length, context).toBeLessThanOrEqual(1);
    await store.close();
    // The open removed any temp file the kill left, and released the dead writer's lock.
    expect(readdirSync(dir).filter((name) => !STORE_FILES.includes(name)), context).toEqual([]);

    log.push({ trial, killedAfter: duringOpen ? 'opening' : 'ready', acknowledged, found: foundRevision, recoveries: store.recoveries.length });
    revision = foundRevision;
  }
  return log;
}

describe('JSON store killed with SIGKILL at random moments', () => {
  it(`always opens holding exactly the acknowledged changes, over ${TRIALS} kills`, { timeout: 280_000 }, async () => {
    const seed = Date.now() % 1_000_000;
    const lanes = await Promise.all(
      Array.from({ length: LANES }, (_, lane) => runLane(lane, TRIALS / LANES, seed + lane)),
    );
    const trials = lanes.flat();
    expect(trials).toHaveLength(TRIALS);
    // The kills really landed mid-work: many trials had acknowledged changes, the
    // stores went through many compactions, and some kills caught a commit in flight.
    const committing = trials.filter((trial) => trial.killedAfter === 'ready');
    const progressed = committing.filter((trial, index) => trial.acknowledged > (index === 0 ? 0 : 1));
    expect(progressed.length).toBeGreaterThan(committing.length / 2);
    const finalRevisions = lanes.map((lane) => lane.at(-1)!.found);
    for (const revision of finalRevisions) expect(revision).toBeGreaterThan(100 * (COMPACT_AFTER_BYTES / 1_000));
  });
});

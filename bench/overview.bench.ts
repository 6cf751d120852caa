// A coach's overview: 1,000 workspaces of 100 contacts each in one JSON store, against
// 1,000 single-workspace agendas of 100 contacts over the same networks in memory (the
// rules' own work). The ratio is what the store and the playbook add around the rules.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agenda, createPlaybook, fixedClock, resolvePolicies, type Network } from '../src/index.js';
import { createJsonFileStore } from '../src/adapters/json/index.js';
import { journalHeader, snapshotFile } from '../src/adapters/json/format.js';
import { syntheticNetwork } from './network.js';

const NOW = new Date('2026-11-22T15:00:00Z');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function networks(workspaces: number, contacts: number): Network[] {
  return Array.from({ length: workspaces }, (_, i) => {
    const network = syntheticNetwork(contacts, NOW, 1000 + i);
    return { ...network, workspace: { ...network.workspace, id: `seeker-${i}` as Network['workspace']['id'], name: `Seeker ${i}` } };
  });
}

export interface OverviewFigures {
  overviewMs: number;
  agendasMs: number;
}

/** Runs the overview benchmark and prints its row. */
export async function benchOverview(workspaces = 1_000, contacts = 100, runs = 3): Promise<OverviewFigures> {
  const all = networks(workspaces, contacts);
  const dir = mkdtempSync(join(tmpdir(), 'reachout-overview-'));
  try {
    writeFileSync(join(dir, 'snapshot.json'), snapshotFile(0, { workspaces: all.map((network) => ({ revision: 1, network })) }));
    writeFileSync(join(dir, 'journal.jsonl'), journalHeader());
    const store = await createJsonFileStore({ path: dir });
    const policies = resolvePolicies();
    const playbook = createPlaybook({ store, clock: fixedClock(NOW), policies });
    const overview: number[] = [];
    const agendas: number[] = [];
    let overdue = 0;
    // One warm-up of each, then alternate so both see the same machine load.
    await playbook.overview();
    for (const network of all) agenda(network, { from: NOW, to: NOW, policies, now: NOW });
    for (let run = 0; run < runs; run++) {
      let started = performance.now();
      const result = await playbook.overview();
      overview.push(performance.now() - started);
      overdue = result.workspaces.reduce((sum, w) => sum + w.overdue.length, 0);
      started = performance.now();
      for (const network of all) agenda(network, { from: NOW, to: NOW, policies, now: NOW }).filter((a) => a.overdue);
      agendas.push(performance.now() - started);
    }
    await store.close();
    const figures = { overviewMs: median(overview), agendasMs: median(agendas) };
    console.log(`\nCoach overview (${workspaces} workspaces × ${contacts} contacts, JSON store; median of ${runs})`);
    console.log(`overview ms   ${workspaces} agendas ms   overview/agendas   overdue actions`);
    console.log(
      `${figures.overviewMs.toFixed(0).padStart(11)} ${figures.agendasMs.toFixed(0).padStart(18)} ${(figures.overviewMs / figures.agendasMs).toFixed(2).padStart(18)} ${String(overdue).padStart(17)}`,
    );
    console.log(`overview vs ${workspaces} single-workspace agendas: ${(figures.overviewMs / figures.agendasMs).toFixed(2)}× (target ≤ 1.5)`);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

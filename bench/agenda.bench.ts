// Agenda over 1,000 / 10,000 / 100,000 contacts against a minimal hand-written pass
// (each contact's last touch plus the cadence interval) over the same records.
import { addMonths } from 'date-fns';
import { Bench } from 'tinybench';
import { agenda, resolvePolicies, type ContactId, type Network } from '../src/index.js';
import { fromWallClock, toWallClock } from '../src/domain/zone.js';
import { recordCount, syntheticNetwork } from './network.js';

const NOW = new Date('2026-11-22T15:00:00Z');
const WINDOW = { from: new Date('2026-11-16T05:00:00Z'), to: new Date('2026-11-30T05:00:00Z') };
const POLICIES = resolvePolicies();

/**
 * The least any agenda must do: find each contact's last touch and add the cadence,
 * with the same zone-aware month arithmetic the rules use (so the ratio measures the
 * rules' extra work, not a cheaper date library).
 */
function minimalPass(network: Network): number {
  const last = new Map<ContactId, number>();
  const touch = (id: ContactId, time: number) => {
    if (time > (last.get(id) ?? -Infinity)) last.set(id, time);
  };
  for (const m of network.meetings) if (m.status === 'held') touch(m.contactId, m.startAt.getTime() + m.minutes * 60_000);
  for (const t of network.thankYous) touch(t.contactId, t.sentAt.getTime());
  for (const c of network.checkIns) touch(c.contactId, c.at.getTime());
  for (const o of network.outreaches) if (o.reply) touch(o.contactId, o.reply.at.getTime());
  const zone = network.workspace.timeZone;
  let due = 0;
  for (const contact of network.contacts) {
    const time = last.get(contact.id);
    if (time === undefined) continue;
    if (fromWallClock(addMonths(toWallClock(time, zone), 3), zone).getTime() < WINDOW.to.getTime()) due++;
  }
  return due;
}

export interface AgendaFigures {
  contacts: number;
  records: number;
  actions: number;
  agendaMs: number;
  minimalMs: number;
  perContactUs: number;
}

async function measure(contacts: number): Promise<AgendaFigures> {
  const network = syntheticNetwork(contacts, NOW);
  let actions = 0;
  // The smaller sizes run first and briefly: with one warm-up the 1,000-contact median
  // still caught the compiler at work (8 to 18 ms across identical runs), which swung the
  // linearity ratio from 0.9 to 2. They get more warm-ups and runs; 100,000 stays at three.
  const iterations = contacts >= 100_000 ? 3 : contacts >= 10_000 ? 10 : 50;
  const warmupIterations = contacts >= 100_000 ? 1 : contacts >= 10_000 ? 3 : 20;
  const bench = new Bench({ iterations, time: 0, warmupIterations, warmupTime: 0 });
  bench
    .add('agenda', () => {
      actions = agenda(network, { ...WINDOW, policies: POLICIES, now: NOW }).length;
    })
    .add('minimal pass', () => {
      minimalPass(network);
    });
  await bench.run();
  const median = (name: string) => {
    const result = bench.getTask(name)?.result;
    if (!result || !('latency' in result)) throw new Error(`benchmark task "${name}" did not complete`);
    return result.latency.p50;
  };
  const agendaMs = median('agenda');
  return {
    contacts,
    records: recordCount(network),
    actions,
    agendaMs,
    minimalMs: median('minimal pass'),
    perContactUs: (agendaMs * 1000) / contacts,
  };
}

/** Runs the agenda benchmark and prints its table and ratios. */
export async function benchAgenda(sizes: readonly number[] = [1_000, 10_000, 100_000]): Promise<AgendaFigures[]> {
  const figures: AgendaFigures[] = [];
  console.log('\nAgenda (median of runs; minimal pass = last touch + cadence per contact)');
  console.log('contacts   records    actions   agenda ms   µs/contact   minimal ms   agenda/minimal');
  for (const size of sizes) {
    const f = await measure(size);
    figures.push(f);
    console.log(
      `${String(f.contacts).padStart(8)} ${String(f.records).padStart(9)} ${String(f.actions).padStart(10)} ${f.agendaMs.toFixed(1).padStart(11)} ${f.perContactUs.toFixed(2).padStart(12)} ${f.minimalMs.toFixed(1).padStart(12)} ${(f.agendaMs / f.minimalMs).toFixed(2).padStart(16)}`,
    );
  }
  const small = figures[0]!;
  const large = figures.at(-1)!;
  console.log(
    `linearity: µs/contact at ${large.contacts} / at ${small.contacts} = ${(large.perContactUs / small.perContactUs).toFixed(2)} (target ≤ 1.2)`,
  );
  console.log(`agenda vs minimal pass at ${large.contacts}: ${(large.agendaMs / large.minimalMs).toFixed(2)}× (target ≤ 3)`);
  return figures;
}

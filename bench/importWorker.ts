// Child process of the import benchmark: reads and plans LinkedIn rows in a fresh
// process, so the peak memory it reports is the import's own. `time` runs five times
// (median times); `memory` runs once (peak RSS of one read, plan and re-plan).
import { emptyNetwork, type Network, type WorkspaceId } from '../src/index.js';
import { importedRecords, planImport, readLinkedInConnections } from '../src/import/index.js';
import { seeded } from './network.js';

const rows = Number(process.argv[2] ?? 10_000);
const runs = process.argv[3] === 'memory' ? 1 : 5;
const random = seeded(7);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const COMPANIES = Array.from({ length: 800 }, (_, i) => (i % 5 === 0 ? `"Company ${i}, Inc."` : `Company ${i}`));

/** A Connections.csv as LinkedIn writes it: preamble, CRLF, most e-mails empty, some companies quoted. */
function connectionsCsv(count: number): string {
  const lines = [
    'Notes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  ];
  for (let i = 0; i < count; i++) {
    const email = random() < 0.1 ? `person${i}@example.com` : '';
    const company = random() < 0.85 ? COMPANIES[Math.floor(random() * COMPANIES.length)] : '';
    const day = `${1 + Math.floor(random() * 28)} ${MONTHS[Math.floor(random() * 12)]} ${2010 + Math.floor(random() * 16)}`;
    lines.push(`First${i},Last${i},https://www.linkedin.com/in/person-${i},${email},${company},Senior Engineer ${i % 50},${day}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const time = <T>(run: () => T): { ms: number; value: T } => {
  const started = performance.now();
  const value = run();
  return { ms: performance.now() - started, value };
};

const csv = connectionsCsv(rows);
const empty: Network = emptyNetwork({
  id: 'bench' as WorkspaceId,
  name: 'Bench seeker',
  timeZone: 'UTC',
  phase: { kind: 'searching' },
  holidays: [],
  createdAt: new Date('2026-01-01T00:00:00Z'),
});
const baselineRssMb = process.memoryUsage().rss / 1024 / 1024;
const reads: number[] = [];
const plans: number[] = [];
const replans: number[] = [];
let contacts = 0;
let unchanged = 0;
for (let run = 0; run < runs; run++) {
  const read = time(() => readLinkedInConnections(csv));
  reads.push(read.ms);
  contacts = read.value.contacts.length;
  const plan = time(() => planImport(empty, read.value.contacts));
  plans.push(plan.ms);
  // The same file again, over a network that holds it: every row a duplicate with nothing to add.
  let id = 0;
  const records = importedRecords(empty, plan.value, { now: new Date('2026-01-02T00:00:00Z'), newId: () => `id-${++id}` });
  const imported: Network = { ...empty, contacts: records.added, organizations: records.organizations };
  const replan = time(() => planImport(imported, read.value.contacts));
  replans.push(replan.ms);
  unchanged = replan.value.counts.unchanged;
}
console.log(
  JSON.stringify({
    rows,
    bytes: Buffer.byteLength(csv),
    contacts,
    unchanged,
    readMs: median(reads),
    planMs: median(plans),
    replanMs: median(replans),
    baselineRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);

// Bringing a LinkedIn network in: read Connections.csv, preview what the import would
// do (new, duplicate, conflict, with the reason for each), commit it as one change,
// and see that importing the same file again adds nothing. Then take the network out
// again: the whole workspace as JSON, and the contacts as vCard.
import { createPlaybook, fixedClock } from 'reachout';
import { createMemoryStore } from 'reachout/adapters/memory';
import { planImport, readLinkedInConnections, writeVCards } from 'reachout/import';

// Connections.csv as LinkedIn's "Get a copy of your data" gives it (shortened).
const connectionsCsv = [
  'Notes:',
  '"When exporting your connection data, you may notice that some of the email addresses are missing."',
  '',
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Lena,Ortiz,https://www.linkedin.com/in/lena-ortiz,,Northwind Health,Director of Partnerships,15 Mar 2024',
  'Raj,Patel,https://www.linkedin.com/in/rajpatel,raj.patel@example.com,"Contoso, Ltd.",Senior Engineer,3 Feb 2021',
  'Dana,Kim,https://www.linkedin.com/in/dana-kim,,"Fabrikam, Inc.","VP, Product",28 Nov 2019',
  ',,,,,,12 Jun 2020',
  'Tom,Becker,https://www.linkedin.com/in/tombecker,,Northwind Health,Account Manager,2024-31-12',
].join('\r\n');

const playbook = createPlaybook({ store: createMemoryStore(), clock: fixedClock('2026-03-02T09:00:00-05:00') });
await playbook.createWorkspace({ id: 'sam', name: 'Sam Rivera', timeZone: 'America/New_York' });
const sam = playbook.workspace('sam');
// Sam met Raj at an event before connecting on LinkedIn: he is in the network already.
await sam.addContact({ name: 'Raj Patel', tie: 'event', emails: ['raj.patel@example.com'] });

// 1. Read. Every row that was not read, and every value left out, comes with a reason.
const read = readLinkedInConnections(connectionsCsv, { tags: ['linkedin'] });
console.log(`Read ${read.contacts.length} connections.`);
for (const row of read.skipped) console.log(`  row ${row.row} (line ${row.line}) skipped: ${row.reason}`);
for (const value of read.dropped) console.log(`  row ${value.row}: ${value.field} "${value.value}" left out: ${value.reason}`);

// 2. Preview: nothing is written yet.
const plan = planImport(await sam.network(), read.contacts);
console.log(`\nPreview: ${plan.counts.new} new, ${plan.counts.duplicate} already in the network, ${plan.counts.conflict} to decide; ${plan.counts.newOrganizations} new organizations.`);
for (const entry of plan.entries) console.log(`  ${entry.draft.name}: ${entry.reason}`);

// 3. Commit: one all-or-nothing change, however many rows.
const result = await sam.importContacts(plan, {
  onProgress: ({ stage, done, total }) => console.log(`  … ${stage} ${done}/${total}`),
});
console.log(`\nImported: ${result.added.length} added, ${result.merged.length} merged, ${result.organizationsAdded.length} organizations created.`);
const raj = result.merged[0];
if (raj) console.log(`  ${raj.name} now has the profile ${raj.profileUrl} and notes "${raj.researchNotes}".`);

// 4. The same file again adds nothing.
const again = await sam.importContacts(planImport(await sam.network(), read.contacts));
console.log(`Imported again: ${again.added.length} added, ${again.merged.length} merged (${again.plan.counts.unchanged} unchanged).`);

// 5. Out again: the workspace as one JSON document, the contacts as vCard 4.0.
const document = await sam.exportWorkspace();
const network = await sam.network();
console.log(`\nExport: ${document.format} v${document.version}, ${JSON.stringify(document).length} bytes, ${network.contacts.length} contacts.`);
console.log(writeVCards(network.contacts.slice(0, 1), { organizations: network.organizations }).trimEnd());

// A coaching tool: one store, one workspace per client, and the coach's Monday view of
// every client's overdue actions. Workspaces never see each other's records.
import { createPlaybook, fixedClock } from 'reachout';
import { createMemoryStore } from 'reachout/adapters/memory';

const store = createMemoryStore();
const clock = fixedClock('2026-11-23T14:00:00Z');
// Each client is set up as of a few weeks ago, then the coach looks on Monday.
const past = createPlaybook({ store, clock: fixedClock('2026-10-26T14:00:00Z') });
const coach = createPlaybook({ store, clock });

for (const client of [
  { id: 'ana', name: 'Ana Lima', timeZone: 'America/Sao_Paulo' },
  { id: 'ben', name: 'Ben Osei', timeZone: 'Europe/London' },
  { id: 'chloe', name: 'Chloé Martin', timeZone: 'Europe/Paris' },
]) {
  await past.createWorkspace(client);
}

// Ana emailed a contact four weeks ago and heard nothing: two attempts are overdue by now.
const ana = past.workspace('ana');
const rui = await ana.addContact({ name: 'Rui Costa', tie: 'alumni', emails: ['rui@example.com'], phones: ['+55 11 5555 0100'] });
const toRui = await ana.startOutreach({ contactId: rui.id });
await ana.recordAttempt(toRui.id, { channel: 'email' });

// Ben met someone on Friday and has not sent the thank-you.
const ben = past.workspace('ben');
const priya = await ben.addContact({ name: 'Priya Nair', tie: 'event', emails: ['priya@example.co.uk'] });
const coffee = await ben.scheduleMeeting({ contactId: priya.id, startAt: new Date('2026-11-20T09:00:00Z') });
await coach.workspace('ben').holdMeeting(coffee.id, { notes: ['Their team hires in January'] });

// Chloé is up to date.
await past.workspace('chloe').addContact({ name: 'Léa Bernard', tie: 'friend-of-a-friend' });

const { now, workspaces } = await coach.overview();
console.log(`Overdue on ${now.toISOString().slice(0, 10)}:`);
for (const { workspace, overdue } of workspaces) {
  console.log(`\n${workspace.name} (${workspace.timeZone}): ${overdue.length === 0 ? 'nothing overdue' : ''}`);
  for (const action of overdue) console.log(`  - ${action.title}: ${action.reason}`);
}

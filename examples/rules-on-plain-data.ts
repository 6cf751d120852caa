// Rules on plain data: an app with its own database loads one seeker's records, hands
// them to the rules, and gets answers with reasons. No store, no clock, no I/O.
import {
  agenda,
  funnel,
  nextCheckIn,
  nextOutreachStep,
  parseNetwork,
  referralChain,
  resolvePolicies,
  thankYouStatus,
  type ContactId,
} from 'reachout';

// Rows as they might come out of an app's own tables, dates as ISO strings.
const network = parseNetwork({
  workspace: { id: 'sam', name: 'Sam Rivera', timeZone: 'America/New_York', createdAt: '2026-08-01T09:00:00-04:00' },
  organizations: [{ id: 'northwind', name: 'Northwind Health', createdAt: '2026-08-01T09:00:00-04:00' }],
  contacts: [
    { id: 'lena', name: 'Lena Ortiz', emails: ['lena@example.org'], tie: 'event', createdAt: '2026-08-01T09:00:00-04:00' },
    {
      id: 'marcus',
      name: 'Marcus Webb',
      emails: ['marcus@northwind.example'],
      phones: ['+1 617 555 0142'],
      organizationId: 'northwind',
      tie: 'friend-of-a-friend',
      introducedBy: 'lena',
      createdAt: '2026-09-10T09:00:00-04:00',
    },
  ],
  outreaches: [
    {
      id: 'to-lena',
      contactId: 'lena',
      startedAt: '2026-08-03T09:00:00-04:00',
      attempts: [{ channel: 'email', at: '2026-08-03T09:15:00-04:00' }],
      reply: { at: '2026-08-04T16:00:00-04:00', channel: 'email', answer: 'accepted' },
    },
    {
      id: 'to-marcus',
      contactId: 'marcus',
      startedAt: '2026-11-09T09:00:00-05:00',
      attempts: [{ channel: 'email', at: '2026-11-09T10:00:00-05:00' }],
    },
  ],
  meetings: [{ id: 'coffee-lena', contactId: 'lena', status: 'held', startAt: '2026-08-12T08:30:00-04:00' }],
  thankYous: [{ id: 'thanks-lena', meetingId: 'coffee-lena', contactId: 'lena', sentAt: '2026-08-12T19:00:00-04:00' }],
  referrals: [
    { id: 'lena-to-marcus', introducerId: 'lena', kind: 'introduction-made', contactId: 'marcus', status: 'done', offeredAt: '2026-08-12T09:00:00-04:00' },
  ],
});

const now = new Date('2026-11-23T14:00:00Z');
const policies = resolvePolicies(); // the method's defaults: 5 attempts, 3 emails + 2 calls, 7 business days…
const ctx = { now, timeZone: network.workspace.timeZone, holidays: network.workspace.holidays };
const [lena, marcus] = network.contacts;
const toMarcus = network.outreaches[1]!;

const step = nextOutreachStep(toMarcus, policies.outreach, ctx, marcus);
console.log(`${step.rule}: ${step.reason}`);

const thanks = thankYouStatus(network.meetings[0]!, network, policies.thankYou, ctx, lena);
console.log(`${thanks.rule}: ${thanks.state} — ${thanks.reason}`);

const history = {
  contact: lena!,
  outreaches: network.outreaches,
  meetings: network.meetings,
  thankYous: network.thankYous,
  checkIns: network.checkIns,
};
const checkIn = nextCheckIn(history, network.workspace.phase, policies.checkIn, ctx);
if (checkIn) console.log(`${checkIn.rule}: ${checkIn.state} — ${checkIn.reason}`);

console.log(referralChain('marcus' as ContactId, network.contacts).reason);

console.log('\nThis week:');
const week = { from: new Date('2026-11-23T05:00:00Z'), to: new Date('2026-11-30T05:00:00Z') };
for (const action of agenda(network, { ...week, policies, now })) {
  console.log(`${action.overdue ? 'OVERDUE ' : ''}${action.dueAt.toISOString().slice(0, 10)}  ${action.title}\n    ${action.reason}`);
}

const { stages } = funnel(network);
console.log(`\nFunnel: ${stages.map((s) => `${s.stage} ${s.count}`).join(' → ')}`);

// Custom policies: a seeker who caps outreach at 4 attempts (2 emails, 2 calls), tries
// again after 5 business days, and takes local holidays off. Policies are data,
// validated like any input; an impossible one is refused with a PolicyError.
import { ContactSchema, isReachoutError, nextOutreachStep, OutreachSchema, resolvePolicies, type Outreach } from 'reachout';

const policies = resolvePolicies({
  outreach: { maxAttempts: 4, maxPerChannel: { email: 2, phone: 2 }, retryAfterBusinessDays: 5 },
  checkIn: { searching: { everyMonths: 2, overdueAfterMonths: 3 } },
});
// Berlin, with a bridge day and a company day off (weekend holidays change nothing).
const ctx = { now: new Date('2026-10-01T08:00:00Z'), timeZone: 'Europe/Berlin', holidays: ['2026-10-02', '2026-10-09'] };
const jonas = ContactSchema.parse({
  id: 'jonas',
  name: 'Jonas Weber',
  tie: 'alumni',
  emails: ['jonas@example.de'],
  phones: ['+49 30 5555 0100'],
  createdAt: '2026-09-01T09:00:00+02:00',
});

let outreach: Outreach = OutreachSchema.parse({ id: 'to-jonas', contactId: 'jonas', startedAt: '2026-09-28T09:00:00+02:00' });
for (;;) {
  const step = nextOutreachStep(outreach, policies.outreach, ctx, jonas);
  if (step.kind === 'stop') {
    console.log(`stop (${step.why}): ${step.reason}`);
    break;
  }
  if (step.kind !== 'attempt') throw new Error(`unexpected step: ${step.kind}`); // Jonas has no mutual contacts
  console.log(`attempt ${step.attempt} by ${step.channel}, due ${step.dueAt.toISOString()}: ${step.reason}`);
  // The first attempt goes out at once; later ones at 10:00 on the day they fall due.
  const at = step.attempt === 1 ? step.dueAt : new Date(step.dueAt.getTime() + 10 * 3_600_000);
  outreach = { ...outreach, attempts: [...outreach.attempts, { channel: step.channel, at, result: 'sent' }] };
}

try {
  resolvePolicies({ outreach: { maxAttempts: 5, maxPerChannel: { email: 2, phone: 1 } } });
} catch (error) {
  if (isReachoutError(error, 'invalid-policy')) console.log(`refused: ${error.message}`);
  else throw error;
}

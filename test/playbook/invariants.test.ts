// No sequence of Playbook calls yields a network that breaks the method's invariants
// (the README's table): whatever is called, with whatever times, each call either
// records something that could have happened or is refused with a typed error.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import { TIME_LIMITS, createPlaybook, isReachoutError, manualClock, type Network, type SeekerPlaybook } from '../../src/index.js';
import { sequentialIds } from './helpers.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const CONTACTS = ['ana', 'ben', 'cy', 'dee'] as const;

/** Every invariant the README lists, checked from the records alone; returns the broken ones. */
function brokenInvariants(network: Network, now: Date): string[] {
  const broken: string[] = [];
  const happenedLimit = now.getTime() + TIME_LIMITS.happenedMinutes * MINUTE;
  const plannedLimit = now.getTime() + TIME_LIMITS.plannedDays * DAY;
  const happened = (what: string, at: Date | undefined) => {
    if (at && at.getTime() > happenedLimit) broken.push(`${what} ${at.toISOString()} is ahead of ${now.toISOString()}`);
  };
  const planned = (what: string, at: Date | undefined) => {
    if (at && at.getTime() > plannedLimit) broken.push(`${what} is past the planning horizon`);
  };
  const meetings = new Map(network.meetings.map((m) => [m.id, m]));
  const contacts = new Set(network.contacts.map((c) => c.id));
  for (const outreach of network.outreaches) {
    planned(`outreach ${outreach.id} start`, outreach.startedAt);
    const start = outreach.startedAt.getTime();
    for (const attempt of outreach.attempts) {
      happened(`attempt on ${outreach.id}`, attempt.at);
      if (attempt.at.getTime() < start) broken.push(`attempt on ${outreach.id} before it started`);
    }
    const first = Math.min(...outreach.attempts.map((a) => a.at.getTime()), Infinity);
    if (outreach.reply) {
      happened(`reply on ${outreach.id}`, outreach.reply.at);
      if (outreach.reply.at.getTime() < (Number.isFinite(first) ? first : start)) broken.push(`reply on ${outreach.id} before its first attempt`);
    }
    happened(`withdrawal of ${outreach.id}`, outreach.withdrawnAt);
    if (outreach.withdrawnAt && outreach.withdrawnAt.getTime() < start) broken.push(`${outreach.id} withdrawn before it started`);
  }
  for (const meeting of network.meetings) {
    planned(`meeting ${meeting.id}`, meeting.startAt);
    if (meeting.status === 'held' && meeting.startAt.getTime() > now.getTime()) broken.push(`meeting ${meeting.id} held before it starts`);
  }
  for (const thankYou of network.thankYous) {
    happened(`thank-you ${thankYou.id}`, thankYou.sentAt);
    const meeting = meetings.get(thankYou.meetingId);
    if (meeting?.status !== 'held') broken.push(`thank-you ${thankYou.id} for a meeting not held`);
    else if (thankYou.sentAt.getTime() < meeting.startAt.getTime()) broken.push(`thank-you ${thankYou.id} before its meeting`);
  }
  for (const checkIn of network.checkIns) happened(`check-in ${checkIn.id}`, checkIn.at);
  for (const referral of network.referrals) {
    happened(`referral ${referral.id} offered`, referral.offeredAt);
    happened(`referral ${referral.id} done`, referral.doneAt);
    if (referral.doneAt && referral.doneAt.getTime() < referral.offeredAt.getTime()) broken.push(`referral ${referral.id} done before offered`);
  }
  for (const outcome of network.outcomes) {
    planned(`outcome ${outcome.id}`, outcome.at);
    for (const id of outcome.contactIds) if (!contacts.has(id)) broken.push(`outcome ${outcome.id} credits unknown ${id}`);
  }
  for (const contact of network.contacts) {
    happened(`introduction of ${contact.id}`, contact.introducedAt);
    planned(`snooze of ${contact.id}`, contact.checkInSnoozedUntil);
  }
  if (network.workspace.phase.kind === 'employed') happened('employed since', network.workspace.phase.since);
  return broken;
}

/** A time relative to the clock: anywhere from 20 days before to 20 days after, or years ahead. */
const offset = fc.oneof(
  fc.integer({ min: -20 * 24 * 60, max: 20 * 24 * 60 }).map((minutes) => minutes * MINUTE),
  fc.integer({ min: -20, max: 20 }).map((minutes) => minutes * MINUTE),
  fc.constant(10 * 366 * DAY),
);
const maybeOffset = fc.option(offset, { nil: undefined });
const contactArb = fc.constantFrom(...CONTACTS);
const pick = fc.nat({ max: 20 });

type Step = (seeker: SeekerPlaybook, network: Network, at: (offset: number | undefined) => string | undefined, advance: (ms: number) => void) => Promise<unknown>;
const nth = <T,>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);
const when = (field: string, value: string | undefined) => (value === undefined ? {} : { [field]: value });

const step: fc.Arbitrary<[string, Step]> = fc.oneof(
  fc.integer({ min: 0, max: 6 * DAY }).map((ms) => ['advance', async (_s, _n, _at, advance) => advance(ms)] as [string, Step]),
  fc.tuple(contactArb, maybeOffset).map(([contactId, off]) => ['startOutreach', (s, _n, at) => s.startOutreach({ contactId, ...when('startedAt', at(off)) })] as [string, Step]),
  fc.tuple(pick, fc.constantFrom('email', 'phone', 'introduction-request'), maybeOffset).map(([n, channel, off]) => ['recordAttempt', async (s, net, at) => {
    const outreach = nth(net.outreaches, n);
    return outreach && s.recordAttempt(outreach.id, { channel, ...when('at', at(off)) });
  }] as [string, Step]),
  fc.tuple(pick, fc.constantFrom('accepted', 'declined'), maybeOffset).map(([n, answer, off]) => ['recordReply', async (s, net, at) => {
    const outreach = nth(net.outreaches, n);
    return outreach && s.recordReply(outreach.id, { answer, ...when('at', at(off)) });
  }] as [string, Step]),
  fc.tuple(pick, maybeOffset).map(([n, off]) => ['withdrawOutreach', async (s, net, at) => {
    const outreach = nth(net.outreaches, n);
    return outreach && s.withdrawOutreach(outreach.id, when('at', at(off)));
  }] as [string, Step]),
  fc.tuple(contactArb, offset).map(([contactId, off]) => ['scheduleMeeting', (s, _n, at) => s.scheduleMeeting({ contactId, startAt: at(off)! })] as [string, Step]),
  fc.tuple(pick, offset).map(([n, off]) => ['moveMeeting', async (s, net, at) => {
    const meeting = nth(net.meetings, n);
    return meeting && s.moveMeeting(meeting.id, { startAt: at(off)! });
  }] as [string, Step]),
  pick.map((n) => ['holdMeeting', async (s, net) => {
    const meeting = nth(net.meetings, n);
    return meeting && s.holdMeeting(meeting.id);
  }] as [string, Step]),
  pick.map((n) => ['cancelMeeting', async (s, net) => {
    const meeting = nth(net.meetings, n);
    return meeting && s.cancelMeeting(meeting.id);
  }] as [string, Step]),
  fc.tuple(pick, maybeOffset).map(([n, off]) => ['recordThankYou', async (s, net, at) => {
    const meeting = nth(net.meetings, n);
    return meeting && s.recordThankYou({ meetingId: meeting.id, ...when('sentAt', at(off)) });
  }] as [string, Step]),
  fc.tuple(contactArb, maybeOffset).map(([contactId, off]) => ['recordCheckIn', (s, _n, at) => s.recordCheckIn({ contactId, kind: 'article', ...when('at', at(off)) })] as [string, Step]),
  fc.tuple(contactArb, offset).map(([contactId, off]) => ['snoozeCheckIn', (s, _n, at) => s.snoozeCheckIn(contactId, { until: at(off)! })] as [string, Step]),
  fc.tuple(contactArb, contactArb, fc.constantFrom('offered', 'done'), maybeOffset).map(([introducerId, contactId, status, off]) => ['recordReferral', (s, _n, at) =>
    s.recordReferral({ introducerId, contactId, kind: 'introduction-made', status, ...when('offeredAt', at(off)) })] as [string, Step]),
  fc.tuple(pick, maybeOffset).map(([n, off]) => ['completeReferral', async (s, net, at) => {
    const referral = nth(net.referrals, n);
    return referral && s.completeReferral(referral.id, when('at', at(off)));
  }] as [string, Step]),
  fc.tuple(fc.subarray([...CONTACTS, 'stranger'], { minLength: 1 }), maybeOffset).map(([contactIds, off]) => ['recordOutcome', (s, _n, at) =>
    s.recordOutcome({ kind: 'interview', contactIds, ...when('at', at(off)) })] as [string, Step]),
  maybeOffset.map((off) => ['changePhase', (s, _n, at) => s.changePhase({ kind: 'employed', ...when('since', at(off)) })] as [string, Step]),
);

describe('the Playbook keeps the method’s invariants', () => {
  test.prop([fc.array(step, { minLength: 1, maxLength: 40 })], { numRuns: 300 })(
    'no sequence of calls yields a network that breaks them; every refusal is a typed error',
    async (steps) => {
      const store = createMemoryStore();
      const clock = manualClock('2025-03-03T09:00:00-05:00');
      const playbook = createPlaybook({ store, clock, newId: sequentialIds('r') });
      await playbook.createWorkspace({ id: 'sam', name: 'Sam', timeZone: 'America/New_York' });
      const seeker = playbook.workspace('sam');
      for (const id of CONTACTS) await seeker.addContact({ id, name: id.toUpperCase(), tie: 'alumni', emails: [`${id}@example.org`] });
      const at = (off: number | undefined) => (off === undefined ? undefined : new Date(clock.now().getTime() + off).toISOString());
      for (const [name, run] of steps) {
        const network = await seeker.network();
        try {
          await run(seeker, network, at, (ms) => clock.advance(ms));
        } catch (error) {
          if (!isReachoutError(error)) throw new Error(`${name} threw a non-library error: ${String(error)}`, { cause: error });
        }
        expect(brokenInvariants(await seeker.network(), clock.now()), `after ${name}`).toEqual([]);
      }
    },
  );
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  ContactSchema,
  OutreachSchema,
  PolicyError,
  directAttempts,
  nextOutreachStep,
  outreachStatus,
  resolvePolicies,
  secondContactView,
  suggestSecondContact,
  type Channel,
  type Contact,
  type DirectChannel,
  type Outreach,
  type OutreachInput,
  type OutreachPolicy,
  type RuleContext,
} from '../../src/index.js';

type AttemptInput = NonNullable<OutreachInput['attempts']>[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const DIRECT: readonly DirectChannel[] = ['email', 'phone', 'linkedin', 'in-person'];
const CHANNELS: readonly Channel[] = [...DIRECT, 'introduction-request'];
const ZONES = ['America/New_York', 'Europe/Berlin', 'Pacific/Auckland', 'Asia/Kolkata', 'America/St_Johns', 'UTC'];

// ---------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------

const cap = fc.integer({ min: 0, max: 5 });

/** Any outreach policy resolvePolicies accepts; impossible ones are dropped. */
const policyArb: fc.Arbitrary<OutreachPolicy> = fc
  .record({
    maxAttempts: fc.integer({ min: 1, max: 8 }),
    maxPerChannel: fc.record({ email: cap, phone: cap, linkedin: cap, 'in-person': cap }, { requiredKeys: [] }),
    sequence: fc.array(fc.constantFrom(...DIRECT), { minLength: 1, maxLength: 5 }),
    retryAfterBusinessDays: fc.integer({ min: 1, max: 15 }),
    secondContactAfterBusinessDays: fc.integer({ min: 1, max: 10 }),
    countFromNextDayAt: fc.constantFrom('00:00', '09:30', '12:00', '17:45', '23:59'),
    warmIntroductionFirst: fc.boolean(),
  })
  .map((outreach) => {
    try {
      return resolvePolicies({ outreach }).outreach;
    } catch (error) {
      if (error instanceof PolicyError) return undefined;
      throw error;
    }
  })
  .filter((policy): policy is OutreachPolicy => policy !== undefined);

const startArb = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) }).map((ms) => ms - (ms % MINUTE));

/** A few local days off within the year after `start`. */
const holidaysArb = fc.array(fc.integer({ min: 0, max: 365 }), { maxLength: 8 });
const holidaysFrom = (start: number, offsets: readonly number[]) =>
  offsets.map((days) => new Date(start + days * DAY).toISOString().slice(0, 10));

/** Which addresses the contact has; `in-person` needs none. */
const reachArb = fc.record({ email: fc.boolean(), phone: fc.boolean(), profile: fc.boolean() });
type Reach = { email: boolean; phone: boolean; profile: boolean };

function contactWith(
  reach: Reach,
  extra: { id?: string; mutualContacts?: string[]; introducedBy?: string; organizationId?: string } = {},
): Contact {
  return ContactSchema.parse({
    id: 'sam',
    name: 'Sam Okafor',
    emails: reach.email ? ['sam@example.com'] : [],
    phones: reach.phone ? ['+1 646 555 0199'] : [],
    ...(reach.profile ? { profileUrl: 'https://example.com/in/sam' } : {}),
    tie: 'event',
    createdAt: '2024-01-01T00:00:00Z',
    ...extra,
  });
}

function reaches(contact: Contact | undefined, channel: DirectChannel): boolean {
  if (!contact) return true;
  if (channel === 'email') return contact.emails.length > 0;
  if (channel === 'phone') return contact.phones.length > 0;
  if (channel === 'linkedin') return contact.profileUrl !== undefined;
  return true;
}

/** An attempt some hours after the start; small offsets make attempts at the same instant likely. */
const attemptArb = fc.record({
  channel: fc.constantFrom(...CHANNELS),
  hours: fc.oneof(fc.integer({ min: 0, max: 48 }), fc.integer({ min: 0, max: 24 * 120 })),
  result: fc.constantFrom('sent', 'voicemail', 'no-answer', 'bounced'),
  note: fc.option(fc.constantFrom('left a message', 'asked about the team'), { nil: undefined }),
});
type RandomAttempt = { channel: Channel; hours: number; result: AttemptInput['result']; note: string | undefined };

function attemptAt(base: number, attempt: RandomAttempt): AttemptInput {
  return {
    channel: attempt.channel,
    at: new Date(base + attempt.hours * HOUR),
    ...(attempt.result === undefined ? {} : { result: attempt.result }),
    ...(attempt.note === undefined ? {} : { note: attempt.note }),
  };
}

function outreachOf(start: number, attempts: readonly AttemptInput[], extra: Partial<OutreachInput> = {}): Outreach {
  return OutreachSchema.parse({ id: 'to-sam', contactId: 'sam', startedAt: new Date(start), attempts: [...attempts], ...extra });
}

/** A whole situation: any policy, zone, attempts in any state, a contact with colleagues. */
const scenarioArb = fc.record({
  policy: policyArb,
  zone: fc.constantFrom(...ZONES),
  start: startArb,
  holidays: holidaysArb,
  attempts: fc.array(attemptArb, { maxLength: 12 }),
  reach: reachArb,
  mutual: fc.subarray(['lee', 'mo']),
  introduced: fc.boolean(),
  withContact: fc.boolean(),
  reply: fc.option(fc.record({ hours: fc.integer({ min: 0, max: 24 * 120 }), answer: fc.constantFrom('accepted', 'declined') }), {
    nil: undefined,
  }),
  withdrawnHours: fc.option(fc.integer({ min: 0, max: 24 * 120 }), { nil: undefined }),
  colleagueReached: fc.boolean(),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

/** Everything the outreach rules answer about one scenario, with attempts in the order given. */
function answers(scenario: Scenario, attempts: readonly AttemptInput[]) {
  const { policy, zone, start, reply, withdrawnHours } = scenario;
  const ctx: RuleContext = { now: new Date(start), timeZone: zone, holidays: holidaysFrom(start, scenario.holidays) };
  const contact = scenario.withContact
    ? contactWith(scenario.reach, {
        mutualContacts: scenario.mutual,
        organizationId: 'acme',
        ...(scenario.introduced ? { introducedBy: 'lee' } : {}),
      })
    : undefined;
  const outreach = outreachOf(start, attempts, {
    ...(reply ? { reply: { at: new Date(start + reply.hours * HOUR), channel: 'email', answer: reply.answer } } : {}),
    ...(withdrawnHours === undefined ? {} : { withdrawnAt: new Date(start + withdrawnHours * HOUR) }),
  });
  const colleagues = ['kim', 'ash'].map((id) => contactWith(scenario.reach, { id, organizationId: 'acme' }));
  const toKim = OutreachSchema.parse({ id: 'to-kim', contactId: 'kim', startedAt: new Date(start) });
  const view = contact
    ? secondContactView(contact, {
        contacts: [contact, ...colleagues],
        outreaches: scenario.colleagueReached ? [outreach, toKim] : [outreach],
      })
    : undefined;
  return {
    step: nextOutreachStep(outreach, policy, ctx, contact),
    status: outreachStatus(outreach, policy, contact),
    direct: directAttempts(outreach),
    second: view && suggestSecondContact(outreach, view, policy, ctx),
  };
}

const attemptsOf = (scenario: Scenario) => scenario.attempts.map((attempt) => attemptAt(scenario.start, attempt));

// ---------------------------------------------------------------------------------
// Local-calendar reference, independent of date-fns: Intl for the zone, UTC arithmetic
// for civil days.
// ---------------------------------------------------------------------------------

const formats = new Map<string, Intl.DateTimeFormat>();

function localParts(instant: Date, timeZone: string) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
    weekday: part('weekday'),
  };
}

/** The local day (`YYYY-MM-DD`) `days` business days after the 3B7 count start of `instant`. */
function expectedDueDay(instant: Date, days: number, timeZone: string, holidays: readonly string[], cutOff: string): string {
  const { date, time } = localParts(instant, timeZone);
  const isBusinessDay = (day: number) => {
    const weekday = new Date(day).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !holidays.includes(new Date(day).toISOString().slice(0, 10));
  };
  const nextBusinessDay = (day: number) => {
    let next = day + DAY;
    while (!isBusinessDay(next)) next += DAY;
    return next;
  };
  let day = Date.parse(`${date}T00:00:00Z`);
  if (!isBusinessDay(day) || time >= cutOff) day = nextBusinessDay(day);
  for (let i = 0; i < days; i++) day = nextBusinessDay(day);
  return new Date(day).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------

describe('outreach retry invariants', () => {
  test.prop(
    {
      policy: policyArb,
      zone: fc.constantFrom(...ZONES),
      start: startArb,
      holidays: holidaysArb,
      reach: fc.option(reachArb, { nil: undefined }),
      // How the seeker keeps to the proposals: late by some minutes, or early (any time after the last attempt).
      timings: fc.array(fc.record({ early: fc.boolean(), minutes: fc.integer({ min: 0, max: 40 * 24 * 60 }) }), {
        minLength: 9,
        maxLength: 9,
      }),
    },
    { numRuns: 300 },
  )('following the proposals never goes over the limits, and each due date comes after the attempt it follows', ({ policy, zone, start, holidays, reach, timings }) => {
    const ctx: RuleContext = { now: new Date(start), timeZone: zone, holidays: holidaysFrom(start, holidays) };
    const contact = reach ? contactWith(reach) : undefined;
    const attempts: AttemptInput[] = [];
    let latest: number | undefined;
    let step = nextOutreachStep(outreachOf(start, attempts), policy, ctx, contact);
    for (const { early, minutes } of timings) {
      if (step.kind !== 'attempt') break;
      if (latest === undefined) expect(step.dueAt.getTime()).toBe(start);
      else expect(step.dueAt.getTime()).toBeGreaterThan(latest);
      expect(step.attempt).toBe(attempts.length + 1);
      expect(reaches(contact, step.channel)).toBe(true);
      const madeAt = (early ? (latest ?? start) : step.dueAt.getTime()) + minutes * MINUTE;
      latest = Math.max(latest ?? madeAt, madeAt);
      attempts.push({ channel: step.channel, at: new Date(madeAt) });
      step = nextOutreachStep(outreachOf(start, attempts), policy, ctx, contact);
    }

    // maxAttempts is at most 8, so 9 proposals always reach the end.
    expect(step).toMatchObject({ kind: 'stop', why: 'exhausted' });
    expect(step.reason).toContain('move on');
    expect(outreachStatus(outreachOf(start, attempts), policy, contact)).toBe('exhausted');
    expect(attempts.length).toBeLessThanOrEqual(policy.maxAttempts);
    for (const channel of DIRECT) {
      const made = attempts.filter((attempt) => attempt.channel === channel).length;
      expect(made).toBeLessThanOrEqual(policy.maxPerChannel[channel] ?? Infinity);
    }
    if (step.kind === 'stop' && latest !== undefined) expect(step.at.getTime()).toBeGreaterThan(latest);
    // Reachable on every channel, a feasible policy is used to the full.
    if (!reach || (reach.email && reach.phone && reach.profile)) expect(attempts.length).toBe(policy.maxAttempts);
  });

  test.prop({ scenario: scenarioArb, reply: fc.record({ hours: fc.integer({ min: 0, max: 24 * 120 }), answer: fc.constantFrom('accepted', 'declined') }), later: fc.array(attemptArb, { minLength: 1, maxLength: 6 }) }, { numRuns: 200 })(
    'once a reply is recorded the step is stop, whatever attempts come after it',
    ({ scenario, reply, later }) => {
      const replied = { ...scenario, reply };
      const replyAt = scenario.start + reply.hours * HOUR;
      const withdrawnAt = scenario.withdrawnHours === undefined ? undefined : scenario.start + scenario.withdrawnHours * HOUR;
      const withdrawnFirst = withdrawnAt !== undefined && withdrawnAt < replyAt;
      const expected = withdrawnFirst
        ? { kind: 'stop', why: 'withdrawn', at: new Date(withdrawnAt) }
        : { kind: 'stop', why: reply.answer === 'accepted' ? 'replied' : 'declined', at: new Date(replyAt) };

      const before = answers(replied, attemptsOf(replied));
      const after = answers(replied, [...attemptsOf(replied), ...later.map((attempt) => attemptAt(replyAt, attempt))]);
      for (const { step, status, second } of [before, after]) {
        expect(step).toMatchObject(expected);
        expect(status).toBe(expected.why);
        expect(second).toBeUndefined();
      }
    },
  );

  test.prop({ scenario: scenarioArb, keys: fc.array(fc.integer(), { minLength: 12, maxLength: 12 }) }, { numRuns: 200 })(
    'the answer does not depend on the order the attempts are given in',
    ({ scenario, keys }) => {
      const attempts = attemptsOf(scenario);
      const shuffled = attempts
        .map((attempt, i) => ({ attempt, key: keys[i] ?? 0, i }))
        .sort((a, b) => a.key - b.key || b.i - a.i)
        .map(({ attempt }) => attempt);
      expect(answers(scenario, shuffled)).toEqual(answers(scenario, attempts));
    },
  );

  test.prop({ scenario: scenarioArb }, { numRuns: 60 })(
    'the answer is the same whatever the process time zone',
    ({ scenario }) => {
      const attempts = attemptsOf(scenario);
      const here = answers(scenario, attempts);
      // 2026-01-15T12:00Z read in each zone's local hours, to show the switch took effect.
      for (const [zone, localHour] of [
        ['Pacific/Auckland', 1],
        ['Asia/Kolkata', 17],
        ['America/Los_Angeles', 4],
      ] as const) {
        const there = inProcessTimeZone(zone, () => {
          expect(new Date(Date.UTC(2026, 0, 15, 12)).getHours()).toBe(localHour);
          return answers(scenario, attempts);
        });
        expect(there).toEqual(here);
      }
    },
  );
});

function inProcessTimeZone<T>(zone: string, run: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return run();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

describe('business-day due dates across daylight-saving changes', () => {
  // The switches of 2024 to 2027, each a Sunday.
  const SWITCHES = {
    'America/New_York': ['2024-03-10', '2024-11-03', '2025-03-09', '2025-11-02', '2026-03-08', '2026-11-01', '2027-03-14', '2027-11-07'],
    'Europe/Berlin': ['2024-03-31', '2024-10-27', '2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'],
  } as const;
  const nearSwitch = fc
    .constantFrom(...(Object.keys(SWITCHES) as (keyof typeof SWITCHES)[]))
    .chain((zone) => fc.record({ zone: fc.constant(zone), day: fc.constantFrom(...SWITCHES[zone]) }));

  test.prop(
    {
      near: nearSwitch,
      minutes: fc.integer({ min: -21 * 24 * 60, max: 21 * 24 * 60 }),
      days: fc.integer({ min: 1, max: 10 }),
      cutOff: fc.constantFrom('09:30', '12:00', '17:45'),
      holidayOffsets: fc.array(fc.integer({ min: -21, max: 35 }), { maxLength: 4 }),
    },
    { numRuns: 300 },
  )('the next attempt and the second contact fall due at local midnight of the right business day', ({ near, minutes, days, cutOff, holidayOffsets }) => {
    const { zone, day } = near;
    const switchDay = Date.parse(`${day}T00:00:00Z`);
    const holidays = holidayOffsets.map((offset) => new Date(switchDay + offset * DAY).toISOString().slice(0, 10));
    // Around noon UTC of the switch day, give or take three weeks.
    const attemptAt = new Date(switchDay + 12 * HOUR + minutes * MINUTE);
    const policy = resolvePolicies({
      outreach: { retryAfterBusinessDays: days, secondContactAfterBusinessDays: days, countFromNextDayAt: cutOff },
    }).outreach;
    const ctx: RuleContext = { now: attemptAt, timeZone: zone, holidays };
    const contact = contactWith({ email: true, phone: true, profile: false }, { organizationId: 'acme' });
    const outreach = outreachOf(attemptAt.getTime() - HOUR, [{ channel: 'email', at: attemptAt }]);

    const step = nextOutreachStep(outreach, policy, ctx, contact);
    const second = suggestSecondContact(outreach, secondContactView(contact, { contacts: [contact], outreaches: [outreach] }), policy, ctx);
    if (step.kind !== 'attempt' || !second) throw new Error('expected a retry and a second-contact suggestion');

    const expected = expectedDueDay(attemptAt, days, zone, holidays, cutOff);
    for (const dueAt of [step.dueAt, second.dueAt]) {
      const local = localParts(dueAt, zone);
      expect(local).toMatchObject({ date: expected, time: '00:00' });
      expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(local.weekday);
      // Local midnight exactly: a minute earlier is still the day before.
      expect(localParts(new Date(dueAt.getTime() - MINUTE), zone).date < expected).toBe(true);
    }
  });
});

import { TZDate } from '@date-fns/tz';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  CheckInPolicySchema,
  CheckInSchema,
  ContactSchema,
  DEFAULT_POLICIES,
  MeetingSchema,
  OutreachSchema,
  PhaseSchema,
  ThankYouSchema,
  resolvePolicies,
  type CheckIn,
  type CheckInPolicy,
  type Contact,
  type ContactInput,
  type Meeting,
  type Outreach,
  type Phase,
  type ThankYou,
} from '../../src/domain/index.js';
import { lastTouch, nextCheckIn, type CheckInStatus, type ContactHistory } from '../../src/rules/checkInCadence.js';
import type { RuleContext } from '../../src/rules/context.js';

const NEW_YORK = 'America/New_York';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const SEARCHING: Phase = PhaseSchema.parse({ kind: 'searching' });
const EMPLOYED: Phase = PhaseSchema.parse({ kind: 'employed', since: '2024-03-01T09:00:00-05:00' });

function priya(overrides: Partial<ContactInput> = {}): Contact {
  return ContactSchema.parse({
    id: 'c-priya',
    name: 'Priya Raman',
    tie: 'friend-of-a-friend',
    createdAt: '2023-12-01T10:00:00-05:00',
    ...overrides,
  });
}

// Priya replied to the first email, met the seeker for a 20-minute coffee on 10 Jan 2024
// at 08:00 in New York, and got a thank-you that evening at 18:00 (23:00Z).
const outreach: Outreach = OutreachSchema.parse({
  id: 'o-priya',
  contactId: 'c-priya',
  startedAt: '2023-12-04T09:00:00-05:00',
  attempts: [{ channel: 'email', at: '2023-12-04T09:00:00-05:00' }],
  reply: { at: '2023-12-06T14:00:00-05:00', channel: 'email', answer: 'accepted' },
});
const coffee: Meeting = MeetingSchema.parse({
  id: 'm-coffee-priya',
  contactId: 'c-priya',
  outreachId: 'o-priya',
  status: 'held',
  startAt: '2024-01-10T08:00:00-05:00',
});
const thanks: ThankYou = ThankYouSchema.parse({
  id: 't-priya',
  meetingId: 'm-coffee-priya',
  contactId: 'c-priya',
  sentAt: '2024-01-10T18:00:00-05:00',
});

function history(parts: Partial<ContactHistory> = {}): ContactHistory {
  return {
    contact: priya(),
    outreaches: [outreach],
    meetings: [coffee],
    thankYous: [thanks],
    checkIns: [],
    ...parts,
  };
}

const at = (now: string | Date, timeZone = NEW_YORK): RuleContext => ({ now: new Date(now), timeZone });

function check(
  h: ContactHistory,
  now: string | Date,
  phase: Phase = SEARCHING,
  policy: CheckInPolicy = DEFAULT_POLICIES.checkIn,
  timeZone = NEW_YORK,
): CheckInStatus {
  const result = nextCheckIn(h, phase, policy, at(now, timeZone));
  expect(result).toBeDefined();
  return result!;
}

const checkIn = (id: string, when: string, contactId = 'c-priya'): CheckIn =>
  CheckInSchema.parse({ id, contactId, at: when, kind: 'article', note: 'Sent the piece on embedded finance' });

describe('nextCheckIn: while searching, about every three months', () => {
  test('due 3 calendar months after the last touch (kept at 18:00 across DST), overdue after 4', () => {
    const result = check(history(), '2024-02-01T12:00:00Z');
    expect(result.rule).toBe('check-in.cadence');
    expect(result.contactId).toBe('c-priya');
    expect(result.phase).toBe('searching');
    expect(result.lastTouch).toEqual({ kind: 'thank-you', at: new Date('2024-01-10T23:00:00Z') });
    expect(result.dueAt.toISOString()).toBe('2024-04-10T22:00:00.000Z'); // 18:00 EDT
    expect(result.overdueAt.toISOString()).toBe('2024-05-10T22:00:00.000Z');
    expect(result.state).toBe('not-due');
    expect(result.reason).toContain('Priya Raman');
    expect(result.reason).toContain('your thank-you on 2024-01-10');
    expect(result.reason).toContain('every 3 months');
  });

  test.each([
    ['2024-04-10T21:59:59.999Z', 'not-due'],
    ['2024-04-10T22:00:00.000Z', 'due'],
    ['2024-05-10T21:59:59.999Z', 'due'],
    ['2024-05-10T22:00:00.000Z', 'overdue'],
    ['2024-09-01T12:00:00.000Z', 'overdue'],
  ] as const)('at %s it is %s', (now, state) => {
    const result = check(history(), now);
    expect(result.state).toBe(state);
    expect(result.dueAt.toISOString()).toBe('2024-04-10T22:00:00.000Z');
  });

  test('the reason gives the last touch as a local date in the seeker zone', () => {
    // 23:30 in New York on 10 January is already 11 January in UTC.
    const late = ThankYouSchema.parse({ ...thanks, sentAt: '2024-01-10T23:30:00-05:00' });
    const result = check(history({ thankYous: [late] }), '2024-02-01T12:00:00Z');
    expect(result.reason).toContain('2024-01-10');
    expect(result.reason).not.toContain('2024-01-11');
  });
});

describe('nextCheckIn: once employed, every six months', () => {
  test('due after 6 months; overdue only after 12', () => {
    const result = check(history(), '2024-11-01T12:00:00Z', EMPLOYED);
    expect(result.phase).toBe('employed');
    expect(result.dueAt.toISOString()).toBe('2024-07-10T22:00:00.000Z'); // 18:00 EDT
    expect(result.overdueAt.toISOString()).toBe('2025-01-10T23:00:00.000Z'); // 18:00 EST
    expect(result.state).toBe('due'); // 10 months on: still only due
    expect(result.reason).toContain('every 6 months');
    expect(result.reason).toContain('overdue only after 12');
  });

  test.each([
    ['2024-07-10T21:59:59.999Z', 'not-due'],
    ['2024-07-10T22:00:00.000Z', 'due'],
    ['2025-01-10T22:59:59.999Z', 'due'],
    ['2025-01-10T23:00:00.000Z', 'overdue'],
  ] as const)('at %s it is %s', (now, state) => {
    expect(check(history(), now, EMPLOYED).state).toBe(state);
  });
});

describe('nextCheckIn: any touch resets the clock', () => {
  // On 20 April the January thank-you's check-in (due 10 April) is due; a touch on
  // 5 March at 12:00 EST moves it to 5 June at 12:00 EDT.
  const NOW = '2024-04-20T12:00:00Z';
  const lunch = MeetingSchema.parse({
    id: 'm-lunch-priya',
    contactId: 'c-priya',
    status: 'held',
    format: 'in-person',
    startAt: '2024-03-05T11:40:00-05:00',
  });
  const secondReply = OutreachSchema.parse({
    id: 'o-priya-2',
    contactId: 'c-priya',
    startedAt: '2024-03-01T09:00:00-05:00',
    attempts: [{ channel: 'email', at: '2024-03-01T09:00:00-05:00' }],
    reply: { at: '2024-03-05T12:00:00-05:00', channel: 'email', answer: 'accepted' },
  });
  const secondThanks = ThankYouSchema.parse({
    ...thanks,
    id: 't-priya-2',
    meetingId: 'm-lunch-priya',
    sentAt: '2024-03-05T12:00:00-05:00',
  });

  test('without a new touch the check-in is due', () => {
    expect(check(history(), NOW).state).toBe('due');
  });

  test.each([
    ['meeting', { meetings: [coffee, lunch] }],
    ['thank-you', { thankYous: [thanks, secondThanks] }],
    ['check-in', { checkIns: [checkIn('ci-1', '2024-03-05T12:00:00-05:00')] }],
    ['reply', { outreaches: [outreach, secondReply] }],
  ] as const)('a %s resets it', (kind, parts) => {
    const result = check(history(parts), NOW);
    expect(result.lastTouch).toEqual({ kind, at: new Date('2024-03-05T17:00:00Z') });
    expect(result.dueAt.toISOString()).toBe('2024-06-05T16:00:00.000Z');
    expect(result.overdueAt.toISOString()).toBe('2024-07-05T16:00:00.000Z');
    expect(result.state).toBe('not-due');
  });

  test('a held meeting counts from its end, not its start', () => {
    const long = MeetingSchema.parse({ ...lunch, minutes: 90 });
    const result = check(history({ meetings: [coffee, long] }), NOW);
    expect(result.lastTouch).toEqual({ kind: 'meeting', at: new Date('2024-03-05T18:10:00Z') });
  });

  test('scheduled, moved and cancelled meetings and unanswered attempts are not touches', () => {
    const upcoming = MeetingSchema.parse({ ...lunch, id: 'm-upcoming', status: 'scheduled' });
    const moved = MeetingSchema.parse({ ...lunch, id: 'm-moved', status: 'moved' });
    const cancelled = MeetingSchema.parse({ ...lunch, id: 'm-cancelled', status: 'cancelled' });
    const unanswered = OutreachSchema.parse({ ...secondReply, reply: undefined });
    const result = check(
      history({ meetings: [coffee, upcoming, moved, cancelled], outreaches: [outreach, unanswered] }),
      NOW,
    );
    expect(result.lastTouch.kind).toBe('thank-you');
    expect(result.state).toBe('due');
  });

  test('touches after now are ignored', () => {
    const h = history({ checkIns: [checkIn('ci-future', '2024-04-25T10:00:00-04:00')] });
    const result = check(h, NOW);
    expect(result.lastTouch.kind).toBe('thank-you');
    expect(result.state).toBe('due');
    expect(lastTouch(h, new Date(NOW))?.kind).toBe('thank-you');
    // Once that instant has passed, the check-in counts.
    expect(check(h, '2024-04-26T12:00:00Z').lastTouch.kind).toBe('check-in');
  });

  test("another contact's records are ignored", () => {
    const result = check(history({ checkIns: [checkIn('ci-other', '2024-03-05T12:00:00-05:00', 'c-other')] }), NOW);
    expect(result.lastTouch.kind).toBe('thank-you');
    expect(result.state).toBe('due');
  });
});

describe('nextCheckIn: never two touches within the minimum gap', () => {
  const monthly = resolvePolicies({
    checkIn: { searching: { everyMonths: 1, overdueAfterMonths: 2 }, minGapDays: 45 },
  }).checkIn;

  test('every month with a 45-day minimum gap gives 45 days', () => {
    const result = check(history(), '2024-02-15T12:00:00Z', SEARCHING, monthly);
    expect(result.dueAt.toISOString()).toBe('2024-02-24T23:00:00.000Z'); // 18:00 EST, 45 days on
    expect(result.overdueAt.toISOString()).toBe('2024-03-10T22:00:00.000Z'); // 18:00 EDT, 2 months on
    expect(result.state).toBe('not-due');
  });

  test('with the default 30-day gap a monthly cadence is not held back', () => {
    const policy = resolvePolicies({ checkIn: { searching: { everyMonths: 1, overdueAfterMonths: 2 } } }).checkIn;
    expect(check(history(), '2024-01-20T12:00:00Z', SEARCHING, policy).dueAt.toISOString()).toBe(
      '2024-02-10T23:00:00.000Z',
    );
  });

  test('the gap is counted in local calendar days, across the spring-forward change', () => {
    const h = history({ checkIns: [checkIn('ci-feb', '2024-02-20T18:00:00-05:00')] });
    const result = check(h, '2024-03-01T12:00:00Z', SEARCHING, monthly);
    expect(result.dueAt.toISOString()).toBe('2024-04-05T22:00:00.000Z'); // 18:00 EDT on 5 April
  });
});

describe('nextCheckIn: snooze', () => {
  test('a snooze moves dueAt later and says so', () => {
    const h = history({ contact: priya({ checkInSnoozedUntil: '2024-05-01T09:00:00-04:00' }) });
    const result = check(h, '2024-04-20T12:00:00Z');
    expect(result.dueAt.toISOString()).toBe('2024-05-01T13:00:00.000Z');
    expect(result.overdueAt.toISOString()).toBe('2024-05-10T22:00:00.000Z');
    expect(result.state).toBe('not-due');
    expect(result.reason).toContain('snoozed until 2024-05-01');
    expect(check(h, '2024-05-01T13:00:00Z').state).toBe('due');
  });

  test('a snooze that ends before the cadence changes nothing', () => {
    const h = history({ contact: priya({ checkInSnoozedUntil: '2024-03-01T09:00:00-05:00' }) });
    const result = check(h, '2024-02-01T12:00:00Z');
    expect(result.dueAt.toISOString()).toBe('2024-04-10T22:00:00.000Z');
    expect(result.reason).not.toContain('snoozed');
  });

  test('a snooze never brings the check-in before the minimum gap', () => {
    const monthly = resolvePolicies({
      checkIn: { searching: { everyMonths: 1, overdueAfterMonths: 2 }, minGapDays: 45 },
    }).checkIn;
    // After the 1-month cadence (10 Feb) but before the 45-day gap (24 Feb).
    const h = history({ contact: priya({ checkInSnoozedUntil: '2024-02-15T09:00:00-05:00' }) });
    expect(check(h, '2024-02-01T12:00:00Z', SEARCHING, monthly).dueAt.toISOString()).toBe('2024-02-24T23:00:00.000Z');
  });

  test('a snooze past the overdue point keeps overdueAt no earlier than dueAt', () => {
    const h = history({ contact: priya({ checkInSnoozedUntil: '2024-06-15T09:00:00-04:00' }) });
    const result = check(h, '2024-05-20T12:00:00Z');
    expect(result.dueAt.toISOString()).toBe('2024-06-15T13:00:00.000Z');
    expect(result.overdueAt.getTime()).toBeGreaterThanOrEqual(result.dueAt.getTime());
    expect(result.state).toBe('not-due');
  });
});

describe('nextCheckIn: only for contacts met and kept in touch with', () => {
  test('a contact who replied but has not been met yet gives undefined', () => {
    const upcoming = MeetingSchema.parse({ ...coffee, status: 'scheduled' });
    const h = history({ meetings: [upcoming], thankYous: [] });
    expect(nextCheckIn(h, SEARCHING, DEFAULT_POLICIES.checkIn, at('2024-01-05T12:00:00Z'))).toBeUndefined();
    // The reply is still their last touch.
    expect(lastTouch(h, new Date('2024-01-05T12:00:00Z'))?.kind).toBe('reply');
  });

  test('a cancelled meeting is not a meeting held', () => {
    const cancelled = MeetingSchema.parse({ ...coffee, status: 'cancelled' });
    expect(
      nextCheckIn(
        history({ meetings: [cancelled], thankYous: [] }),
        SEARCHING,
        DEFAULT_POLICIES.checkIn,
        at('2024-03-01T12:00:00Z'),
      ),
    ).toBeUndefined();
  });

  test('asked before the meeting has happened, there is nothing to keep up yet', () => {
    // Recorded as held, but `now` is the week before it: the December reply must not start the cadence.
    expect(nextCheckIn(history(), SEARCHING, DEFAULT_POLICIES.checkIn, at('2024-01-03T12:00:00Z'))).toBeUndefined();
  });

  test('keepInTouch: false gives undefined', () => {
    const h = history({ contact: priya({ keepInTouch: false }) });
    expect(nextCheckIn(h, SEARCHING, DEFAULT_POLICIES.checkIn, at('2024-06-01T12:00:00Z'))).toBeUndefined();
  });

  test("another contact's held meeting does not count as meeting this one", () => {
    const theirs = MeetingSchema.parse({ ...coffee, id: 'm-other', contactId: 'c-other' });
    expect(
      nextCheckIn(history({ meetings: [theirs] }), SEARCHING, DEFAULT_POLICIES.checkIn, at('2024-06-01T12:00:00Z')),
    ).toBeUndefined();
  });
});

describe('nextCheckIn: calendar months in the seeker zone', () => {
  const endOfMonth = MeetingSchema.parse({ ...coffee, startAt: '2024-01-31T09:00:00-05:00', minutes: 30 });
  const h = history({ meetings: [endOfMonth], thankYous: [], outreaches: [] });

  test('a touch on 31 January is due on 30 April and overdue on 31 May', () => {
    const result = check(h, '2024-02-15T12:00:00Z');
    expect(result.lastTouch.at.toISOString()).toBe('2024-01-31T14:30:00.000Z');
    expect(result.dueAt.toISOString()).toBe('2024-04-30T13:30:00.000Z'); // 09:30 EDT
    expect(result.overdueAt.toISOString()).toBe('2024-05-31T13:30:00.000Z');
  });

  test('once employed: 31 July and 31 January', () => {
    const result = check(h, '2024-02-15T12:00:00Z', EMPLOYED);
    expect(result.dueAt.toISOString()).toBe('2024-07-31T13:30:00.000Z');
    expect(result.overdueAt.toISOString()).toBe('2025-01-31T14:30:00.000Z');
  });

  test('a touch on 30 November is due on 29 February in a leap year', () => {
    const nov = MeetingSchema.parse({ ...coffee, startAt: '2023-11-30T09:00:00-05:00', minutes: 30 });
    const result = check(history({ meetings: [nov], thankYous: [], outreaches: [] }), '2023-12-15T12:00:00Z');
    expect(result.dueAt.toISOString()).toBe('2024-02-29T14:30:00.000Z');
    expect(result.overdueAt.toISOString()).toBe('2024-03-30T13:30:00.000Z'); // 09:30 EDT
  });

  test.each([
    ['spring', '2024-01-15T09:00:00+01:00', '2024-04-15T07:20:00.000Z'],
    ['autumn', '2024-08-20T09:00:00+02:00', '2024-11-20T08:20:00.000Z'],
  ] as const)('in Berlin the local hour is kept across the %s clock change', (_, start, due) => {
    const met = MeetingSchema.parse({ ...coffee, startAt: start });
    const h = history({ meetings: [met], thankYous: [], outreaches: [] });
    const result = check(
      h,
      new Date(new Date(start).getTime() + DAY),
      SEARCHING,
      DEFAULT_POLICIES.checkIn,
      'Europe/Berlin',
    );
    expect(result.dueAt.toISOString()).toBe(due);
    const dueLocal = new TZDate(result.dueAt.getTime(), 'Europe/Berlin');
    expect([dueLocal.getHours(), dueLocal.getMinutes()]).toEqual([9, 20]);
  });
});

describe('lastTouch', () => {
  test('the latest touch at or before now, of this contact only', () => {
    expect(lastTouch(history(), new Date('2024-02-01T00:00:00Z'))).toEqual({
      kind: 'thank-you',
      at: new Date('2024-01-10T23:00:00Z'),
    });
    expect(lastTouch(history(), new Date('2024-01-10T13:20:00Z'))).toEqual({
      kind: 'meeting',
      at: new Date('2024-01-10T13:20:00Z'),
    });
    expect(lastTouch(history(), new Date('2023-12-01T00:00:00Z'))).toBeUndefined();
  });

  test('ties go to the kind listed first: meeting, thank-you, check-in, reply', () => {
    const end = '2024-01-10T08:20:00-05:00';
    const tiedThanks = ThankYouSchema.parse({ ...thanks, sentAt: end });
    const tiedCheckIn = checkIn('ci-tied', end);
    const tiedReply = OutreachSchema.parse({
      ...outreach,
      id: 'o-tied',
      reply: { at: end, channel: 'phone', answer: 'accepted' },
    });
    const now = new Date('2024-02-01T00:00:00Z');
    expect(
      lastTouch(history({ thankYous: [tiedThanks], checkIns: [tiedCheckIn], outreaches: [tiedReply] }), now)?.kind,
    ).toBe('meeting');
    expect(
      lastTouch(
        history({ meetings: [], thankYous: [tiedThanks], checkIns: [tiedCheckIn], outreaches: [tiedReply] }),
        now,
      )?.kind,
    ).toBe('thank-you');
    expect(
      lastTouch(history({ meetings: [], thankYous: [], checkIns: [tiedCheckIn], outreaches: [tiedReply] }), now)?.kind,
    ).toBe('check-in');
  });
});

// ---------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Pacific/Auckland',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Kolkata',
  'America/St_Johns',
] as const;
const CONTACT = 'c-priya';
const OTHER = 'c-other';
// Records over two years and `now` mostly after them, so most scenarios have a touch to count from.
const MIN_MS = Date.UTC(2024, 0, 1);
const MAX_MS = Date.UTC(2026, 0, 1);

const msArb = fc.integer({ min: MIN_MS, max: MAX_MS });
const nowArb = fc.integer({ min: Date.UTC(2024, 2, 1), max: Date.UTC(2027, 0, 1) });
const whoArb = fc.constantFrom(CONTACT, CONTACT, CONTACT, OTHER);

const cadenceArb = fc
  .tuple(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 24 }))
  .map(([everyMonths, extra]) => ({ everyMonths, overdueAfterMonths: everyMonths + extra }));

const policyArb = fc
  .record({
    searching: cadenceArb,
    employed: cadenceArb,
    minGapDays: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 365 })),
  })
  .map((p) => CheckInPolicySchema.parse(p));

const phaseArb = fc.oneof(
  fc.constant(SEARCHING),
  msArb.map((since) => PhaseSchema.parse({ kind: 'employed', since: new Date(since) })),
);

const recordsArb = fc.record({
  meetings: fc
    .tuple(
      // The first is a conversation held with the contact (whether it ended by `now` varies).
      fc.record({
        who: fc.constant(CONTACT),
        startMs: msArb,
        minutes: fc.integer({ min: 5, max: 600 }),
        status: fc.constant('held' as const),
      }),
      fc.array(
        fc.record({
          who: whoArb,
          startMs: msArb,
          minutes: fc.integer({ min: 5, max: 600 }),
          status: fc.constantFrom(
            'held' as const,
            'held' as const,
            'scheduled' as const,
            'moved' as const,
            'cancelled' as const,
          ),
        }),
        { maxLength: 3 },
      ),
    )
    .map(([first, rest]) => [first, ...rest]),
  thankYous: fc.array(fc.record({ who: whoArb, ms: msArb }), { maxLength: 3 }),
  checkIns: fc.array(fc.record({ who: whoArb, ms: msArb }), { maxLength: 4 }),
  outreaches: fc.array(
    fc.record({
      who: whoArb,
      startMs: msArb,
      replyAfterMinutes: fc.option(fc.integer({ min: 0, max: 20 * 24 * 60 }), { nil: undefined }),
    }),
    { maxLength: 2 },
  ),
});
type RecordSeeds = typeof recordsArb extends fc.Arbitrary<infer T> ? T : never;

function buildHistory(seeds: RecordSeeds, contact: Contact): ContactHistory {
  return {
    contact,
    meetings: seeds.meetings.map((m, i) =>
      MeetingSchema.parse({
        id: `m-${i}`,
        contactId: m.who,
        status: m.status,
        startAt: new Date(m.startMs),
        minutes: m.minutes,
      }),
    ),
    thankYous: seeds.thankYous.map((t, i) =>
      ThankYouSchema.parse({ id: `t-${i}`, meetingId: `m-${i}`, contactId: t.who, sentAt: new Date(t.ms) }),
    ),
    checkIns: seeds.checkIns.map((c, i) =>
      CheckInSchema.parse({ id: `ci-${i}`, contactId: c.who, at: new Date(c.ms) }),
    ),
    outreaches: seeds.outreaches.map((o, i) =>
      OutreachSchema.parse({
        id: `o-${i}`,
        contactId: o.who,
        startedAt: new Date(o.startMs),
        ...(o.replyAfterMinutes === undefined
          ? {}
          : {
              reply: { at: new Date(o.startMs + o.replyAfterMinutes * MINUTE), channel: 'email', answer: 'accepted' },
            }),
      }),
    ),
  };
}

/** Every touch instant of `CONTACT` in the history, computed independently of the rule. */
function touchTimes(h: ContactHistory): number[] {
  return [
    ...h.meetings
      .filter((m) => m.contactId === CONTACT && m.status === 'held')
      .map((m) => m.startAt.getTime() + m.minutes * MINUTE),
    ...h.thankYous.filter((t) => t.contactId === CONTACT).map((t) => t.sentAt.getTime()),
    ...h.checkIns.filter((c) => c.contactId === CONTACT).map((c) => c.at.getTime()),
    ...h.outreaches.flatMap((o) => (o.contactId === CONTACT && o.reply ? [o.reply.at.getTime()] : [])),
  ];
}

/** Local calendar day number (days since 1970-01-01) of `ms` in `zone`. */
function localDay(ms: number, zone: string): number {
  const local = new TZDate(ms, zone);
  return Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY;
}

/** The local day `months` calendar months after `ms`'s local day, clamped to the month's end. */
function localDayMonthsLater(ms: number, months: number, zone: string): number {
  const local = new TZDate(ms, zone);
  const firstOfTarget = new Date(Date.UTC(local.getFullYear(), local.getMonth() + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  return (
    Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth(), Math.min(local.getDate(), lastDay)) / DAY
  );
}

const scenarioArb = fc.record({
  seeds: recordsArb,
  policy: policyArb,
  phase: phaseArb,
  zone: fc.constantFrom(...ZONES),
  now: nowArb,
  keepInTouch: fc.constantFrom(true, true, true, true, true, false),
  snooze: fc.option(msArb, { nil: undefined }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function contactOf(s: Scenario, withSnooze = true): Contact {
  return priya({
    keepInTouch: s.keepInTouch,
    ...(withSnooze && s.snooze !== undefined ? { checkInSnoozedUntil: new Date(s.snooze) } : {}),
  });
}

const evaluate = (s: Scenario, h: ContactHistory, now = s.now): CheckInStatus | undefined =>
  nextCheckIn(h, s.phase, s.policy, { now: new Date(now), timeZone: s.zone });

/** The history without any record whose touch (or meeting end) comes after `now`. */
function pastOnly(h: ContactHistory, now: number): ContactHistory {
  return {
    ...h,
    meetings: h.meetings.filter((m) => m.startAt.getTime() + m.minutes * MINUTE <= now),
    thankYous: h.thankYous.filter((t) => t.sentAt.getTime() <= now),
    checkIns: h.checkIns.filter((c) => c.at.getTime() <= now),
    outreaches: h.outreaches.filter((o) => !o.reply || o.reply.at.getTime() <= now),
  };
}

const shuffle = <T>(items: readonly T[]) =>
  fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

describe('nextCheckIn properties', () => {
  test.prop([scenarioArb], { numRuns: 400 })(
    'dueAt is never within minGapDays of the last touch, nor before the cadence or a snooze; dueAt ≤ overdueAt',
    (s) => {
      const h = buildHistory(s.seeds, contactOf(s));
      const result = evaluate(s, h);
      const past = touchTimes(h).filter((t) => t <= s.now);
      const met = h.meetings.some(
        (m) => m.contactId === CONTACT && m.status === 'held' && m.startAt.getTime() + m.minutes * MINUTE <= s.now,
      );
      if (!s.keepInTouch || !met || past.length === 0) {
        expect(result).toBeUndefined();
        return;
      }
      expect(result).toBeDefined();
      const { dueAt, overdueAt, lastTouch: touch, state } = result!;
      const last = Math.max(...past);
      const due = dueAt.getTime();
      const cadence = s.policy[s.phase.kind];
      expect(touch.at.getTime()).toBe(last);
      // The minimum gap, in local calendar days and in elapsed time (a DST change moves it by at most an hour).
      expect(localDay(due, s.zone) - localDay(last, s.zone)).toBeGreaterThanOrEqual(s.policy.minGapDays);
      expect(due - last).toBeGreaterThanOrEqual(s.policy.minGapDays * DAY - HOUR);
      // The cadence, in calendar months (clamped to the month's end).
      expect(localDay(due, s.zone)).toBeGreaterThanOrEqual(localDayMonthsLater(last, cadence.everyMonths, s.zone));
      expect(localDay(overdueAt.getTime(), s.zone)).toBeGreaterThanOrEqual(
        localDayMonthsLater(last, cadence.overdueAfterMonths, s.zone),
      );
      if (s.snooze !== undefined) expect(due).toBeGreaterThanOrEqual(s.snooze);
      expect(due).toBeLessThanOrEqual(overdueAt.getTime());
      expect(state).toBe(s.now < due ? 'not-due' : s.now < overdueAt.getTime() ? 'due' : 'overdue');
    },
  );

  test.prop([scenarioArb], { numRuns: 300 })(
    'a snooze gives max(dueAt without it, the snooze) and leaves the rest alone',
    (s) => {
      const snoozed = evaluate(s, buildHistory(s.seeds, contactOf(s, true)));
      const plain = evaluate(s, buildHistory(s.seeds, contactOf(s, false)));
      if (!plain) {
        expect(snoozed).toBeUndefined();
        return;
      }
      const expected = s.snooze === undefined ? plain.dueAt.getTime() : Math.max(plain.dueAt.getTime(), s.snooze);
      expect(snoozed?.dueAt.getTime()).toBe(expected);
      expect(snoozed?.lastTouch).toEqual(plain.lastTouch);
      expect(snoozed!.overdueAt.getTime()).toBe(Math.max(plain.overdueAt.getTime(), expected));
    },
  );

  test.prop([scenarioArb], { numRuns: 200 })(
    'state changes not-due → due → overdue exactly at dueAt and overdueAt',
    (s) => {
      const h = pastOnly(buildHistory(s.seeds, contactOf(s)), s.now);
      const result = evaluate(s, h);
      if (!result) return;
      const due = result.dueAt.getTime();
      const overdue = result.overdueAt.getTime();
      const stateAt = (ms: number) => {
        const later = evaluate(s, h, ms);
        expect(later?.dueAt.getTime()).toBe(due);
        return later?.state;
      };
      // Every touch is at or before the last one, which comes before dueAt.
      expect(stateAt(due - 1)).toBe('not-due');
      expect(stateAt(due)).toBe(due < overdue ? 'due' : 'overdue');
      if (overdue - 1 >= due) expect(stateAt(overdue - 1)).toBe('due');
      expect(stateAt(overdue)).toBe('overdue');
    },
  );

  test.prop(
    [
      scenarioArb.chain((s) => {
        const h = buildHistory(s.seeds, contactOf(s));
        return fc.tuple(
          fc.constant(s),
          fc.constant(h),
          fc.record({
            meetings: shuffle(h.meetings),
            thankYous: shuffle(h.thankYous),
            checkIns: shuffle(h.checkIns),
            outreaches: shuffle(h.outreaches),
          }),
        );
      }),
    ],
    { numRuns: 200 },
  )('the answer does not depend on the order records are given in', ([s, h, shuffled]) => {
    expect(evaluate(s, { ...h, ...shuffled })).toEqual(evaluate(s, h));
    expect(lastTouch({ ...h, ...shuffled }, new Date(s.now))).toEqual(lastTouch(h, new Date(s.now)));
  });

  test.prop([scenarioArb, recordsArb], { numRuns: 200 })('records dated after now change nothing', (s, extra) => {
    const h = buildHistory(s.seeds, contactOf(s));
    // Push every extra record past now.
    const future = buildHistory(
      {
        meetings: extra.meetings.map((m) => ({ ...m, startMs: s.now + 1 + (m.startMs - MIN_MS) })),
        thankYous: extra.thankYous.map((t) => ({ ...t, ms: s.now + 1 + (t.ms - MIN_MS) })),
        checkIns: extra.checkIns.map((c) => ({ ...c, ms: s.now + 1 + (c.ms - MIN_MS) })),
        outreaches: extra.outreaches.map((o) => ({ ...o, startMs: s.now + 1 + (o.startMs - MIN_MS) })),
      },
      h.contact,
    );
    const rename = <T extends { id: string }>(items: readonly T[]) =>
      items.map((item) => ({ ...item, id: `${item.id}-later` } as T));
    const combined: ContactHistory = {
      ...h,
      meetings: [...h.meetings, ...rename(future.meetings)],
      thankYous: [...h.thankYous, ...rename(future.thankYous)],
      checkIns: [...h.checkIns, ...rename(future.checkIns)],
      outreaches: [...h.outreaches, ...rename(future.outreaches)],
    };
    expect(evaluate(s, combined)).toEqual(evaluate(s, h));
  });

  test.prop([scenarioArb], { numRuns: 40 })('does not depend on the process time zone', (s) => {
    const h = buildHistory(s.seeds, contactOf(s));
    const saved = process.env.TZ;
    try {
      const answers = ['UTC', 'Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kathmandu'].map((processZone) => {
        process.env.TZ = processZone;
        return evaluate(s, h);
      });
      for (const other of answers.slice(1)) expect(other).toEqual(answers[0]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

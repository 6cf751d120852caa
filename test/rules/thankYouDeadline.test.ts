import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  ContactSchema,
  DEFAULT_POLICIES,
  MeetingSchema,
  ReferralSchema,
  ThankYouPolicySchema,
  ThankYouSchema,
  resolvePolicies,
  type Meeting,
  type MeetingInput,
  type Referral,
  type ReferralInput,
  type ThankYou,
  type ThankYouInput,
  type ThankYouPolicy,
} from '../../src/domain/index.js';
import type { RuleContext } from '../../src/rules/context.js';
import { meetingEnd, thankYouStatus, type ThankYouStatus } from '../../src/rules/thankYouDeadline.js';

const BERLIN = 'Europe/Berlin';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Coffee with Jonas in Berlin, Tuesday 11 June 2024 at 10:00, held; 20 minutes by default. */
function meeting(overrides: Partial<MeetingInput> = {}): Meeting {
  return MeetingSchema.parse({
    id: 'm-coffee-jonas',
    contactId: 'c-jonas',
    status: 'held',
    startAt: '2024-06-11T10:00:00+02:00',
    notes: ['Started in support, moved to data after a year', 'Team hires analysts in Q3'],
    ...overrides,
  });
}

const jonas = ContactSchema.parse({
  id: 'c-jonas',
  name: 'Jonas Becker',
  tie: 'alumni',
  createdAt: '2024-05-20T09:00:00+02:00',
});

function thankYou(overrides: Partial<ThankYouInput> & { sentAt: ThankYouInput['sentAt'] }): ThankYou {
  return ThankYouSchema.parse({
    id: 't-jonas',
    meetingId: 'm-coffee-jonas',
    contactId: 'c-jonas',
    referencedNotes: ['Team hires analysts in Q3'],
    ...overrides,
  });
}

function referral(overrides: Partial<ReferralInput> = {}): Referral {
  return ReferralSchema.parse({
    id: 'r-lena',
    introducerId: 'c-jonas',
    kind: 'introduction-made',
    contactId: 'c-lena',
    offeredAt: '2024-06-11T10:15:00+02:00',
    ...overrides,
  });
}

const at = (iso: string): RuleContext => ({ now: new Date(iso), timeZone: BERLIN });

function check(
  m: Meeting,
  now: string,
  records: { thankYous?: ThankYou[]; referrals?: Referral[] } = {},
  policy: ThankYouPolicy = DEFAULT_POLICIES.thankYou,
): ThankYouStatus {
  return thankYouStatus(
    m,
    { thankYous: records.thankYous ?? [], referrals: records.referrals ?? [] },
    policy,
    at(now),
    jonas,
  );
}

// Meeting 10:00–10:20 CEST = 08:00–08:20Z; the thank-you is due 24 hours after its end.
const END = '2024-06-11T08:20:00.000Z';
const DUE = '2024-06-12T08:20:00.000Z';

describe('meetingEnd', () => {
  test('the default 20-minute coffee ends 20 minutes after it starts', () => {
    expect(meetingEnd(meeting()).toISOString()).toBe(END);
  });

  test('a longer call ends after its own length', () => {
    expect(meetingEnd(meeting({ minutes: 45, format: 'call' })).toISOString()).toBe('2024-06-11T08:45:00.000Z');
  });
});

describe('thankYouStatus: the 24-hour thank-you', () => {
  test('due 24 hours after a 10:00 coffee of 20 minutes ends', () => {
    const result = check(meeting(), '2024-06-11T12:00:00Z');
    expect(result.meetingId).toBe('m-coffee-jonas');
    expect(result.rule).toBe('thank-you.deadline');
    expect(result.meetingEndsAt.toISOString()).toBe(END);
    expect(result.dueAt.toISOString()).toBe(DUE);
    expect(result.state).toBe('due');
    expect(result.sentAt).toBeUndefined();
    expect(result.reason).toContain('24 hours');
    expect(result.reason).toContain('Jonas Becker');
    expect(result.reason).toContain('notes');
  });

  test.each([
    ['just after the meeting', '2024-06-11T08:20:00.000Z', 'due'],
    ['a millisecond before the deadline', '2024-06-12T08:19:59.999Z', 'due'],
    ['exactly at the deadline', DUE, 'overdue'],
    ['two days later', '2024-06-13T10:00:00.000Z', 'overdue'],
  ] as const)('with nothing sent, %s it is %s', (_, now, expected) => {
    const result = check(meeting(), now);
    expect(result.state).toBe(expected);
    expect(result.reason).toContain('24 hours');
    if (expected === 'overdue') expect(result.reason).toContain('overdue');
  });

  test.each(['scheduled', 'moved', 'cancelled'] as const)(
    'a %s meeting is not due, even long after its time',
    (status) => {
      const m = meeting({ status, ...(status === 'moved' ? { previousStarts: ['2024-06-04T10:00:00+02:00'] } : {}) });
      const result = check(m, '2024-07-01T12:00:00Z');
      expect(result.state).toBe('not-due');
      expect(result.sentAt).toBeUndefined();
      expect(result.dueAt.toISOString()).toBe(DUE);
      if (status === 'cancelled') expect(result.reason).toContain('cancelled');
      else expect(result.reason).toContain('24 hours');
    },
  );

  test('sent the same evening: sent on time, whatever now is', () => {
    const note = thankYou({ sentAt: '2024-06-11T18:30:00+02:00' });
    for (const now of ['2024-06-11T17:00:00Z', '2024-06-20T12:00:00Z']) {
      const result = check(meeting(), now, { thankYous: [note] });
      expect(result.state).toBe('sent-on-time');
      expect(result.sentAt?.toISOString()).toBe('2024-06-11T16:30:00.000Z');
      expect(result.reason).toContain('24 hours');
    }
  });

  test('sent exactly at the deadline counts as on time', () => {
    const result = check(meeting(), '2024-06-12T09:00:00Z', { thankYous: [thankYou({ sentAt: DUE })] });
    expect(result.state).toBe('sent-on-time');
  });

  test('sent a millisecond after the deadline is late', () => {
    const result = check(meeting(), '2024-06-12T09:00:00Z', {
      thankYous: [thankYou({ sentAt: '2024-06-12T08:20:00.001Z' })],
    });
    expect(result.state).toBe('sent-late');
    expect(result.reason).toContain('24 hours');
  });

  test('a card sent three days later is late', () => {
    const card = thankYou({ sentAt: '2024-06-14T11:00:00+02:00', channel: 'card' });
    const result = check(meeting(), '2024-06-20T12:00:00Z', { thankYous: [card] });
    expect(result.state).toBe('sent-late');
    expect(result.sentAt?.toISOString()).toBe('2024-06-14T09:00:00.000Z');
  });

  test('the earliest thank-you counts when there are several, in any order', () => {
    const late = thankYou({ id: 't-card', channel: 'card', sentAt: '2024-06-14T11:00:00+02:00' });
    const onTime = thankYou({ id: 't-email', sentAt: '2024-06-11T15:00:00+02:00' });
    for (const thankYous of [
      [late, onTime],
      [onTime, late],
    ]) {
      const result = check(meeting(), '2024-06-20T12:00:00Z', { thankYous });
      expect(result.state).toBe('sent-on-time');
      expect(result.sentAt?.toISOString()).toBe('2024-06-11T13:00:00.000Z');
    }
  });

  test("thank-yous of other meetings are ignored, even the same contact's", () => {
    const earlierMeetingNote = thankYou({
      id: 't-old',
      meetingId: 'm-call-jonas',
      sentAt: '2024-06-11T18:00:00+02:00',
    });
    const otherContactNote = thankYou({
      id: 't-lena',
      meetingId: 'm-coffee-lena',
      contactId: 'c-lena',
      sentAt: '2024-06-11T19:00:00+02:00',
    });
    const result = check(meeting(), '2024-06-12T10:00:00Z', { thankYous: [earlierMeetingNote, otherContactNote] });
    expect(result.state).toBe('overdue');
    expect(result.sentAt).toBeUndefined();
  });

  test('the deadline is 24 elapsed hours, also across the autumn clock change', () => {
    // Saturday 26 October 2024 at 10:00 CEST; Berlin falls back overnight.
    const result = check(meeting({ startAt: '2024-10-26T10:00:00+02:00' }), '2024-10-26T12:00:00Z');
    expect(result.meetingEndsAt.toISOString()).toBe('2024-10-26T08:20:00.000Z');
    expect(result.dueAt.toISOString()).toBe('2024-10-27T08:20:00.000Z'); // 09:20 CET on the wall clock
  });

  test('a policy of 48 hours moves the deadline and the reason', () => {
    const policy = resolvePolicies({ thankYou: { dueWithinHours: 48 } }).thankYou;
    const result = check(meeting(), '2024-06-12T10:00:00Z', {}, policy);
    expect(result.dueAt.toISOString()).toBe('2024-06-13T08:20:00.000Z');
    expect(result.state).toBe('due');
    expect(result.reason).toContain('48 hours');
  });
});

describe('thankYouStatus: ask for an introduction', () => {
  test('no introduction offered: the note should ask for one, and the reason says so', () => {
    const result = check(meeting(), '2024-06-11T12:00:00Z');
    expect(result.askForIntroduction).toBe(true);
    expect(result.reason).toContain('introduction');
  });

  test('an introduction offered during the meeting: no need to ask', () => {
    const result = check(meeting(), '2024-06-11T12:00:00Z', { referrals: [referral()] });
    expect(result.askForIntroduction).toBe(false);
    expect(result.reason).not.toContain('introduction');
  });

  test('a name suggested the day after the meeting also counts', () => {
    const suggested = referral({ kind: 'name-suggested', offeredAt: '2024-06-12T09:00:00+02:00' });
    expect(check(meeting(), '2024-06-12T08:00:00Z', { referrals: [suggested] }).askForIntroduction).toBe(false);
  });

  test('a referral tied to the meeting by its id counts even if recorded with an earlier time', () => {
    const tied = referral({ meetingId: 'm-coffee-jonas', offeredAt: '2024-06-10T17:00:00+02:00' });
    expect(check(meeting(), '2024-06-11T12:00:00Z', { referrals: [tied] }).askForIntroduction).toBe(false);
  });

  test('an introduction offered before the meeting, not tied to it, does not count', () => {
    const before = referral({ offeredAt: '2024-05-28T12:00:00+02:00' });
    expect(check(meeting(), '2024-06-11T12:00:00Z', { referrals: [before] }).askForIntroduction).toBe(true);
  });

  test("another meeting's referral, or someone else's, does not count", () => {
    const otherMeeting = referral({ id: 'r-other-meeting', meetingId: 'm-call-jonas' });
    const otherIntroducer = referral({ id: 'r-other-person', introducerId: 'c-lena', contactId: 'c-max' });
    const result = check(meeting(), '2024-06-11T12:00:00Z', { referrals: [otherMeeting, otherIntroducer] });
    expect(result.askForIntroduction).toBe(true);
  });

  test('the policy can turn asking off', () => {
    const policy = ThankYouPolicySchema.parse({ askForIntroduction: false });
    const result = check(meeting(), '2024-06-11T12:00:00Z', {}, policy);
    expect(result.askForIntroduction).toBe(false);
    expect(result.state).toBe('due');
    expect(result.reason).not.toContain('introduction');
  });

  test('the overdue reason also asks for an introduction', () => {
    const result = check(meeting(), '2024-06-13T12:00:00Z');
    expect(result.state).toBe('overdue');
    expect(result.reason).toContain('introduction');
  });
});

// ---------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------

const MEETING_ID = 'm-coffee-jonas';
const OTHER_MEETING = 'm-other';

const meetingArb = fc.record({
  status: fc.constantFrom(
    'scheduled' as const,
    'moved' as const,
    'held' as const,
    'held' as const,
    'cancelled' as const,
  ),
  startMs: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
  minutes: fc.integer({ min: 5, max: 600 }),
});

const policyArb = fc.record({
  dueWithinHours: fc.integer({ min: 1, max: 24 * 14 }),
  askForIntroduction: fc.boolean(),
});

const scenarioArb = fc
  .record({
    meeting: meetingArb,
    policy: policyArb,
    // Offsets from the meeting end, in minutes.
    nowOffset: fc.integer({ min: -120, max: 30 * 24 * 60 }),
    thankYous: fc.array(
      fc.record({
        own: fc.boolean(),
        offset: fc.integer({ min: -60, max: 20 * 24 * 60 }),
        channel: fc.constantFrom('email' as const, 'card' as const),
      }),
      { maxLength: 4 },
    ),
    referrals: fc.array(
      fc.record({
        introducer: fc.constantFrom('c-jonas', 'c-lena'),
        meetingId: fc.constantFrom(MEETING_ID, OTHER_MEETING, undefined),
        offset: fc.integer({ min: -30 * 24 * 60, max: 30 * 24 * 60 }),
      }),
      { maxLength: 3 },
    ),
  })
  .map((s) => {
    const m = meeting({
      status: s.meeting.status,
      startAt: new Date(s.meeting.startMs),
      minutes: s.meeting.minutes,
    });
    const endMs = s.meeting.startMs + s.meeting.minutes * MINUTE;
    const thankYous = s.thankYous.map((t, i) =>
      thankYou({
        id: `t-${i}`,
        meetingId: t.own ? MEETING_ID : OTHER_MEETING,
        sentAt: new Date(endMs + t.offset * MINUTE),
        channel: t.channel,
      }),
    );
    const referrals = s.referrals.map((r, i) =>
      referral({
        id: `r-${i}`,
        introducerId: r.introducer,
        contactId: r.introducer === 'c-lena' ? 'c-max' : 'c-lena',
        ...(r.meetingId === undefined ? {} : { meetingId: r.meetingId }),
        offeredAt: new Date(endMs + r.offset * MINUTE),
      }),
    );
    return {
      meeting: m,
      policy: ThankYouPolicySchema.parse(s.policy),
      now: new Date(endMs + s.nowOffset * MINUTE),
      thankYous,
      referrals,
    };
  });
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

const evaluate = (s: Scenario, thankYous = s.thankYous, referrals = s.referrals): ThankYouStatus =>
  thankYouStatus(s.meeting, { thankYous, referrals }, s.policy, { now: s.now, timeZone: BERLIN }, jonas);

/** A scenario with its records in another order. */
const shuffledArb = scenarioArb.chain((s) =>
  fc.tuple(
    fc.constant(s),
    fc.shuffledSubarray(s.thankYous, { minLength: s.thankYous.length, maxLength: s.thankYous.length }),
    fc.shuffledSubarray(s.referrals, { minLength: s.referrals.length, maxLength: s.referrals.length }),
  ),
);

describe('thankYouStatus properties', () => {
  test.prop([meetingArb, policyArb], { numRuns: 300 })(
    'dueAt − meeting end is exactly dueWithinHours hours, and the end is start + minutes, for any meeting',
    (m, p) => {
      const result = thankYouStatus(
        meeting({ status: m.status, startAt: new Date(m.startMs), minutes: m.minutes }),
        { thankYous: [], referrals: [] },
        ThankYouPolicySchema.parse(p),
        { now: new Date(m.startMs), timeZone: BERLIN },
      );
      expect(result.meetingEndsAt.getTime() - m.startMs).toBe(m.minutes * MINUTE);
      expect(result.dueAt.getTime() - result.meetingEndsAt.getTime()).toBe(p.dueWithinHours * HOUR);
    },
  );

  test.prop([scenarioArb], { numRuns: 300 })(
    'the state follows the earliest own thank-you, or now against the deadline',
    (s) => {
      const result = evaluate(s);
      const due = result.dueAt.getTime();
      const own = s.thankYous.filter((t) => t.meetingId === MEETING_ID).map((t) => t.sentAt.getTime());
      if (s.meeting.status !== 'held') {
        expect(result.state).toBe('not-due');
      } else if (own.length > 0) {
        const first = Math.min(...own);
        expect(result.sentAt?.getTime()).toBe(first);
        expect(result.state).toBe(first <= due ? 'sent-on-time' : 'sent-late');
      } else {
        expect(result.sentAt).toBeUndefined();
        expect(result.state).toBe(s.now.getTime() < due ? 'due' : 'overdue');
      }
      if (result.state === 'due' || result.state === 'overdue') {
        expect(result.reason).toContain(`${s.policy.dueWithinHours} hours`);
        if (result.askForIntroduction) expect(result.reason).toContain('introduction');
      }
      if (!s.policy.askForIntroduction) expect(result.askForIntroduction).toBe(false);
    },
  );

  test.prop([scenarioArb], { numRuns: 200 })('referrals by someone else never change the answer', (s) => {
    const fromJonas = s.referrals.filter((r) => r.introducerId === 'c-jonas');
    expect(evaluate(s, s.thankYous, fromJonas)).toEqual(evaluate(s));
  });

  test.prop([shuffledArb], { numRuns: 200 })(
    'the answer does not depend on the order records are given in',
    ([s, thankYous, referrals]) => {
      expect(evaluate(s, thankYous, referrals)).toEqual(evaluate(s));
    },
  );

  test.prop([scenarioArb], { numRuns: 40 })('does not depend on the process time zone', (s) => {
    const saved = process.env.TZ;
    try {
      const answers = ['UTC', 'Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kathmandu'].map((processZone) => {
        process.env.TZ = processZone;
        return evaluate(s);
      });
      for (const other of answers.slice(1)) expect(other).toEqual(answers[0]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

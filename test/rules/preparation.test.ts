import { TZDate } from '@date-fns/tz';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  ContactSchema,
  DEFAULT_POLICIES,
  MeetingSchema,
  PREPARATION_QUESTIONS,
  PREPARATION_QUESTION_TEXT,
  PreparationPolicySchema,
  resolvePolicies,
  type Meeting,
  type MeetingInput,
  type PreparationQuestion,
} from '../../src/domain/index.js';
import type { RuleContext } from '../../src/rules/context.js';
import { preparationStatus, type PreparationStatus } from '../../src/rules/preparation.js';

const NEW_YORK = 'America/New_York';
const DAY = 86_400_000;

/** A 20-minute coffee with Dana, scheduled for Thursday 16 May 2024 at 10:00 in New York. */
function coffee(overrides: Partial<MeetingInput> = {}): Meeting {
  return MeetingSchema.parse({
    id: 'm-coffee-dana',
    contactId: 'c-dana',
    startAt: '2024-05-16T10:00:00-04:00',
    ...overrides,
  });
}

const dana = ContactSchema.parse({
  id: 'c-dana',
  name: 'Dana Whitfield',
  tie: 'alumni',
  createdAt: '2024-04-02T09:00:00-04:00',
});

const ctx = (timeZone = NEW_YORK, now = '2024-05-10T12:00:00Z'): RuleContext => ({ now: new Date(now), timeZone });

const ALL_ANSWERED: Record<PreparationQuestion, string> = {
  'know-the-company': 'Payments platform, 2,000 people, IPO in 2021.',
  'what-it-stands-for': 'Making small businesses get paid faster.',
  'why-interested': 'I built invoicing tools in my capstone.',
  'about-the-person': 'Dana leads product for merchant onboarding; alumna of my program.',
  'what-i-want': 'Understand how product analysts grow there.',
  'next-steps': 'Ask whom else to talk to on the risk team.',
};

/** Asserts the status exists (the meeting is still ahead) and returns it. */
function status(meeting: Meeting, policy = DEFAULT_POLICIES.preparation, context = ctx()): PreparationStatus {
  const result = preparationStatus(meeting, policy, context, dana);
  expect(result).toBeDefined();
  return result!;
}

describe('preparationStatus: the six questions and questions to ask', () => {
  test('lists exactly the open questions, in the method order, and flags missing questions to ask', () => {
    const meeting = coffee({
      preparation: {
        // Given out of order: the answer must still follow the method's order.
        answers: {
          'what-i-want': 'Learn how analysts move into product.',
          'know-the-company': 'Payments, 2,000 people.',
          'why-interested': 'Capstone on invoicing.',
        },
      },
    });
    const result = status(meeting);
    expect(result.openQuestions).toEqual(['what-it-stands-for', 'about-the-person', 'next-steps']);
    expect(result.questionsToAsk).toBe(0);
    expect(result.ready).toBe(false);
    expect(result.rule).toBe('preparation');
    expect(result.meetingId).toBe('m-coffee-dana');
    expect(result.reason).toContain('3 of the six questions');
    expect(result.reason).toContain('no questions to ask');
    expect(result.reason).toContain('Dana Whitfield');
    // The open questions are named as the seeker reads them, in order.
    const named = result.openQuestions.map((q) => result.reason.indexOf(PREPARATION_QUESTION_TEXT[q]));
    expect(named.every((at) => at >= 0)).toBe(true);
    expect([...named].sort((a, b) => a - b)).toEqual(named);
    expect(result.reason).not.toContain(PREPARATION_QUESTION_TEXT['know-the-company']);
  });

  test('is ready once all six are answered and a question to ask is listed', () => {
    const result = status(
      coffee({
        preparation: {
          answers: ALL_ANSWERED,
          questionsToAsk: ['How did you start here?', 'What does a career path look like here?'],
        },
      }),
    );
    expect(result.ready).toBe(true);
    expect(result.openQuestions).toEqual([]);
    expect(result.questionsToAsk).toBe(2);
    expect(result.reason).toContain('Ready');
    expect(result.reason).toContain('2 questions to ask');
  });

  test('all six answered but no questions to ask is not ready', () => {
    const result = status(coffee({ preparation: { answers: ALL_ANSWERED } }));
    expect(result.openQuestions).toEqual([]);
    expect(result.ready).toBe(false);
    expect(result.reason).toContain('no questions to ask');
    expect(result.reason).not.toContain('of the six questions');
  });

  test('a blank or whitespace-only answer counts as open', () => {
    const result = status(
      coffee({
        preparation: {
          answers: { ...ALL_ANSWERED, 'about-the-person': '   \n\t ', 'next-steps': '' },
          questionsToAsk: ['What is the culture like?'],
        },
      }),
    );
    expect(result.openQuestions).toEqual(['about-the-person', 'next-steps']);
    expect(result.ready).toBe(false);
    expect(result.reason).toContain('2 of the six questions');
  });

  test('nothing prepared: all six open, named with the count', () => {
    const result = status(coffee());
    expect(result.openQuestions).toEqual([...PREPARATION_QUESTIONS]);
    expect(result.reason).toContain('all six questions still open');
  });

  test('minQuestionsToAsk: three wanted, two listed is not ready and says so', () => {
    const policy = resolvePolicies({ preparation: { minQuestionsToAsk: 3 } }).preparation;
    const result = status(
      coffee({
        preparation: { answers: ALL_ANSWERED, questionsToAsk: ['How did you start here?', 'What is the culture?'] },
      }),
      policy,
    );
    expect(result.ready).toBe(false);
    expect(result.openQuestions).toEqual([]);
    expect(result.reason).toContain('only 2 questions to ask listed, 3 wanted');
  });

  test('minQuestionsToAsk: 0 makes six answers enough', () => {
    const policy = PreparationPolicySchema.parse({ minQuestionsToAsk: 0 });
    const result = status(coffee({ preparation: { answers: ALL_ANSWERED } }), policy);
    expect(result.ready).toBe(true);
  });
});

describe('preparationStatus: due the day before, in the seeker zone', () => {
  test('due at local midnight the day before; overdue at the end of that day', () => {
    const result = status(coffee());
    expect(result.dueAt.toISOString()).toBe('2024-05-15T04:00:00.000Z'); // Wed 00:00 EDT
    expect(result.overdueAt.toISOString()).toBe('2024-05-16T04:00:00.000Z'); // Thu 00:00 EDT
  });

  test('across the spring-forward change the due day is 23 hours long', () => {
    // New York springs forward on Sunday 10 March 2024; coffee on Monday 11 March at 09:30.
    const result = status(coffee({ startAt: '2024-03-11T09:30:00-04:00' }));
    expect(result.dueAt.toISOString()).toBe('2024-03-10T05:00:00.000Z'); // Sun 00:00 EST
    expect(result.overdueAt.toISOString()).toBe('2024-03-11T04:00:00.000Z'); // Mon 00:00 EDT
    expect(result.overdueAt.getTime() - result.dueAt.getTime()).toBe(23 * 3_600_000);
  });

  test('across the fall-back change in Berlin the due day is 25 hours long', () => {
    // Berlin falls back on Sunday 27 October 2024; video call on Monday 28 October at 09:00.
    const result = status(
      coffee({ startAt: '2024-10-28T09:00:00+01:00', format: 'video' }),
      undefined,
      ctx('Europe/Berlin'),
    );
    expect(result.dueAt.toISOString()).toBe('2024-10-26T22:00:00.000Z'); // Sun 00:00 CEST
    expect(result.overdueAt.toISOString()).toBe('2024-10-27T23:00:00.000Z'); // Mon 00:00 CET
    expect(result.overdueAt.getTime() - result.dueAt.getTime()).toBe(25 * 3_600_000);
    expect(result.reason).toContain('video');
  });

  test('when local midnight does not exist (Santiago, 8 Sep 2024), the due day starts at its first instant', () => {
    const result = status(coffee({ startAt: '2024-09-09T10:00:00-03:00' }), undefined, ctx('America/Santiago'));
    expect(result.dueAt.toISOString()).toBe('2024-09-08T04:00:00.000Z'); // 01:00 -03, clocks skipped 00:00–01:00
    expect(result.overdueAt.toISOString()).toBe('2024-09-09T03:00:00.000Z'); // Mon 00:00 -03
  });

  test('counts the day in the seeker zone, not in UTC', () => {
    // 08:00 in Tokyo on 16 May is still 15 May in UTC.
    const tokyo = status(coffee({ startAt: '2024-05-16T08:00:00+09:00' }), undefined, ctx('Asia/Tokyo'));
    expect(tokyo.dueAt.toISOString()).toBe('2024-05-14T15:00:00.000Z'); // 15 May 00:00 JST
    expect(tokyo.overdueAt.toISOString()).toBe('2024-05-15T15:00:00.000Z');
    // 18:00 in Los Angeles on 16 May is already 17 May in UTC.
    const la = status(coffee({ startAt: '2024-05-16T18:00:00-07:00' }), undefined, ctx('America/Los_Angeles'));
    expect(la.dueAt.toISOString()).toBe('2024-05-15T07:00:00.000Z'); // 15 May 00:00 PDT
  });

  test('dueDaysBefore 0: due at the start of the meeting day, overdue at the meeting start', () => {
    const policy = resolvePolicies({ preparation: { dueDaysBefore: 0 } }).preparation;
    const result = status(coffee({ startAt: '2024-05-16T08:30:00-04:00' }), policy);
    expect(result.dueAt.toISOString()).toBe('2024-05-16T04:00:00.000Z');
    expect(result.overdueAt.toISOString()).toBe('2024-05-16T12:30:00.000Z');
    expect(result.reason).toContain('the same day');
  });

  test('dueDaysBefore 0 on the day Berlin springs forward', () => {
    const policy = resolvePolicies({ preparation: { dueDaysBefore: 0 } }).preparation;
    const result = status(coffee({ startAt: '2024-03-31T11:00:00+02:00' }), policy, ctx('Europe/Berlin'));
    expect(result.dueAt.toISOString()).toBe('2024-03-30T23:00:00.000Z'); // 00:00 CET
    expect(result.overdueAt.toISOString()).toBe('2024-03-31T09:00:00.000Z'); // the start
  });

  test('dueDaysBefore 3: due on the Friday before a Monday meeting, overdue at the end of that Friday', () => {
    const policy = resolvePolicies({ preparation: { dueDaysBefore: 3 } }).preparation;
    const result = status(coffee({ startAt: '2024-05-20T10:00:00-04:00' }), policy);
    expect(result.dueAt.toISOString()).toBe('2024-05-17T04:00:00.000Z');
    expect(result.overdueAt.toISOString()).toBe('2024-05-18T04:00:00.000Z');
    expect(result.reason).toContain('3 days before');
  });

  test('a meeting at local midnight is overdue at its own start, which is the end of the due day', () => {
    const result = status(coffee({ startAt: '2024-05-16T00:00:00-04:00' }));
    expect(result.dueAt.toISOString()).toBe('2024-05-15T04:00:00.000Z');
    expect(result.overdueAt.toISOString()).toBe('2024-05-16T04:00:00.000Z');
  });

  test('does not depend on now', () => {
    const early = status(coffee(), undefined, ctx(NEW_YORK, '2024-04-01T00:00:00Z'));
    const late = status(coffee(), undefined, ctx(NEW_YORK, '2024-06-01T00:00:00Z'));
    expect(late).toEqual(early);
  });
});

describe('preparationStatus: only for meetings still ahead', () => {
  test.each(['held', 'cancelled'] as const)('a %s meeting gives undefined', (meetingStatus) => {
    expect(
      preparationStatus(coffee({ status: meetingStatus }), DEFAULT_POLICIES.preparation, ctx(), dana),
    ).toBeUndefined();
  });

  test('a moved meeting is prepared for at its new time', () => {
    const result = status(
      coffee({ status: 'moved', startAt: '2024-05-23T10:00:00-04:00', previousStarts: ['2024-05-16T10:00:00-04:00'] }),
    );
    expect(result.dueAt.toISOString()).toBe('2024-05-22T04:00:00.000Z');
  });

  test('without a contact the reason still reads well', () => {
    const result = preparationStatus(coffee(), DEFAULT_POLICIES.preparation, ctx());
    expect(result?.reason).toMatch(/^Prepare for the coffee 1 day before: all six questions still open/);
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
  'America/Havana',
  'Asia/Beirut',
  'Asia/Kolkata',
  'America/St_Johns',
] as const;

/** The local calendar day of `ms` in `zone`, as a day number (days since 1970-01-01). */
function localDay(ms: number, zone: string): number {
  const local = new TZDate(ms, zone);
  return Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY;
}

const ANSWER_TEXTS = ['', '   ', '\n', 'Yes.', 'Payments for small shops.', ' Dana leads onboarding. '];

const caseArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  startMs: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
  status: fc.constantFrom('scheduled' as const, 'moved' as const),
  answers: fc.record(
    Object.fromEntries(PREPARATION_QUESTIONS.map((q) => [q, fc.constantFrom(...ANSWER_TEXTS)])) as Record<
      PreparationQuestion,
      fc.Arbitrary<string>
    >,
    { requiredKeys: [] },
  ),
  questionsToAsk: fc.array(fc.constantFrom('How did you start here?', 'What is the culture?', 'Where might I fit?'), {
    maxLength: 4,
  }),
  dueDaysBefore: fc.integer({ min: 0, max: 14 }),
  minQuestionsToAsk: fc.integer({ min: 0, max: 5 }),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function run(c: Case): { meeting: Meeting; result: PreparationStatus } {
  const meeting = coffee({
    status: c.status,
    startAt: new Date(c.startMs),
    preparation: { answers: c.answers, questionsToAsk: c.questionsToAsk },
  });
  const policy = PreparationPolicySchema.parse({
    dueDaysBefore: c.dueDaysBefore,
    minQuestionsToAsk: c.minQuestionsToAsk,
  });
  const result = preparationStatus(meeting, policy, { now: new Date(c.startMs), timeZone: c.zone });
  if (!result) throw new Error('an upcoming meeting must have a preparation status');
  return { meeting, result };
}

describe('preparationStatus properties', () => {
  test.prop([caseArb], { numRuns: 300 })(
    'dueAt starts the local day dueDaysBefore days before the meeting, and comes strictly before it when ≥ 1',
    (c) => {
      const { result } = run(c);
      const due = result.dueAt.getTime();
      expect(localDay(c.startMs, c.zone) - localDay(due, c.zone)).toBe(c.dueDaysBefore);
      // The first instant of its local day: a millisecond earlier is the day before.
      expect(localDay(due - 1, c.zone)).toBe(localDay(due, c.zone) - 1);
      if (c.dueDaysBefore >= 1) expect(due).toBeLessThan(c.startMs);
      else expect(due).toBeLessThanOrEqual(c.startMs);
    },
  );

  test.prop([caseArb], { numRuns: 300 })(
    'overdueAt is the end of the due day or the meeting start, whichever is earlier',
    (c) => {
      const { result } = run(c);
      const due = result.dueAt.getTime();
      const overdue = result.overdueAt.getTime();
      expect(due).toBeLessThanOrEqual(overdue);
      expect(overdue).toBeLessThanOrEqual(c.startMs);
      if (overdue !== c.startMs) {
        // The end of the due day: its last millisecond is still the due day, then the next day starts.
        expect(localDay(overdue - 1, c.zone)).toBe(localDay(due, c.zone));
        expect(localDay(overdue, c.zone)).toBe(localDay(due, c.zone) + 1);
      } else {
        expect(localDay(c.startMs, c.zone)).toBeLessThanOrEqual(localDay(due, c.zone) + 1);
      }
    },
  );

  test.prop([caseArb], { numRuns: 300 })(
    'open questions are the blank ones in method order; ready means none open and enough to ask',
    (c) => {
      const { result } = run(c);
      const open = PREPARATION_QUESTIONS.filter((q) => (c.answers[q] ?? '').trim() === '');
      expect(result.openQuestions).toEqual(open);
      expect(result.questionsToAsk).toBe(c.questionsToAsk.length);
      expect(result.ready).toBe(open.length === 0 && c.questionsToAsk.length >= c.minQuestionsToAsk);
      if (open.length > 0) expect(result.reason).toContain(open.length === 6 ? 'all six questions still open' : `${open.length} of the six questions`);
    },
  );

  test.prop([caseArb], { numRuns: 40 })('does not depend on the process time zone', (c) => {
    const saved = process.env.TZ;
    try {
      const answers = ['UTC', 'Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kathmandu'].map((processZone) => {
        process.env.TZ = processZone;
        return run(c).result;
      });
      for (const other of answers.slice(1)) expect(other).toEqual(answers[0]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

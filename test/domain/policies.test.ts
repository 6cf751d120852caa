import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  DEFAULT_POLICIES,
  PolicyError,
  ReachoutError,
  describeChannelCounts,
  isReachoutError,
  resolvePolicies,
  type DirectChannel,
  type PoliciesInput,
} from '../../src/domain/index.js';

function policyError(input: unknown): PolicyError {
  let caught: unknown;
  try {
    resolvePolicies(input as PoliciesInput);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PolicyError);
  expect(caught).toBeInstanceOf(ReachoutError);
  expect(isReachoutError(caught, 'invalid-policy')).toBe(true);
  const error = caught as PolicyError;
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(issue.path.length).toBeGreaterThan(0);
    expect(error.message).toContain(`${issue.path}: ${issue.message}`);
  }
  return error;
}

const DEFAULTS = {
  outreach: {
    maxAttempts: 5,
    maxPerChannel: { email: 3, phone: 2 },
    sequence: ['email', 'phone'],
    retryAfterBusinessDays: 7,
    secondContactAfterBusinessDays: 3,
    countFromNextDayAt: '12:00',
    warmIntroductionFirst: true,
  },
  preparation: { dueDaysBefore: 1, minQuestionsToAsk: 1 },
  thankYou: { dueWithinHours: 24, askForIntroduction: true },
  checkIn: {
    searching: { everyMonths: 3, overdueAfterMonths: 4 },
    employed: { everyMonths: 6, overdueAfterMonths: 12 },
    minGapDays: 30,
  },
  referral: { followUpAfterDays: 7 },
};

describe('resolvePolicies', () => {
  it('gives the DESIGN defaults', () => {
    expect(resolvePolicies()).toStrictEqual(DEFAULTS);
    expect(resolvePolicies({})).toStrictEqual(DEFAULTS);
    expect(DEFAULT_POLICIES).toStrictEqual(DEFAULTS);
  });

  it('completes a partial policy with the defaults', () => {
    const policies = resolvePolicies({ outreach: { maxAttempts: 4 }, checkIn: { minGapDays: 45 } });
    expect(policies.outreach).toStrictEqual({ ...DEFAULTS.outreach, maxAttempts: 4 });
    expect(policies.checkIn).toStrictEqual({ ...DEFAULTS.checkIn, minGapDays: 45 });
    expect(policies.thankYou).toStrictEqual(DEFAULTS.thankYou);
  });

  it('says why 5 attempts with 2 emails and 1 phone call is impossible', () => {
    const error = policyError({ outreach: { maxAttempts: 5, maxPerChannel: { email: 2, phone: 1 } } });
    expect(error.issues).toEqual([
      { path: 'outreach.maxAttempts', message: '5 attempts cannot be made with at most 2 emails and 1 phone call' },
    ]);
    expect(error.message).toContain('5 attempts cannot be made with at most 2 emails and 1 phone call');
    expect(error.code).toBe('invalid-policy');
  });

  it('accepts caps that exactly add up, and channels without a cap', () => {
    expect(resolvePolicies({ outreach: { maxAttempts: 3, maxPerChannel: { email: 2, phone: 1 } } }).outreach.maxAttempts).toBe(3);
    expect(resolvePolicies({ outreach: { maxAttempts: 9, maxPerChannel: { email: 1 } } }).outreach.maxPerChannel).toEqual({ email: 1 });
  });

  it('rejects a first channel capped at 0', () => {
    const error = policyError({ outreach: { maxAttempts: 2, maxPerChannel: { email: 0, phone: 2 } } });
    expect(error.issues).toEqual([{ path: 'outreach.sequence[0]', message: 'the first channel "email" is capped at 0' }]);
  });

  it.each([
    ['searching', { everyMonths: 3, overdueAfterMonths: 2 }],
    ['employed', { everyMonths: 6, overdueAfterMonths: 5 }],
  ] as const)('rejects %s check-ins overdue before they are due', (phase, cadence) => {
    const error = policyError({ checkIn: { [phase]: cadence } });
    expect(error.issues).toEqual([
      {
        path: `checkIn.${phase}.overdueAfterMonths`,
        message: `overdue after ${cadence.overdueAfterMonths} months comes before due after ${cadence.everyMonths}`,
      },
    ]);
  });

  it('accepts overdue in the same month it is due', () => {
    expect(resolvePolicies({ checkIn: { employed: { everyMonths: 6, overdueAfterMonths: 6 } } }).checkIn.employed).toEqual({
      everyMonths: 6,
      overdueAfterMonths: 6,
    });
  });

  it.each<[string, unknown, string]>([
    ['a string count', { outreach: { maxAttempts: '5' } }, 'outreach.maxAttempts'],
    ['zero attempts', { outreach: { maxAttempts: 0 } }, 'outreach.maxAttempts'],
    ['a fractional count', { outreach: { retryAfterBusinessDays: 1.5 } }, 'outreach.retryAfterBusinessDays'],
    ['a negative cap', { outreach: { maxPerChannel: { phone: -1 } } }, 'outreach.maxPerChannel.phone'],
    ['an unknown channel', { outreach: { maxPerChannel: { fax: 1 } } }, 'outreach.maxPerChannel.fax'],
    ['an empty sequence', { outreach: { sequence: [] } }, 'outreach.sequence'],
    ['an indirect channel in the sequence', { outreach: { sequence: ['email', 'introduction-request'] } }, 'outreach.sequence[1]'],
    ['a bad time of day', { outreach: { countFromNextDayAt: '24:00' } }, 'outreach.countFromNextDayAt'],
    ['hours out of range', { thankYou: { dueWithinHours: 0 } }, 'thankYou.dueWithinHours'],
    ['a cadence without overdue', { checkIn: { searching: { everyMonths: 3 } } }, 'checkIn.searching.overdueAfterMonths'],
    ['a zero gap', { checkIn: { minGapDays: 0 } }, 'checkIn.minGapDays'],
    ['NaN days', { referral: { followUpAfterDays: Number.NaN } }, 'referral.followUpAfterDays'],
    ['an unknown key', { outreach: { maxAttempt: 5 } }, 'outreach.maxAttempt'],
    ['an unknown part', { agenda: {} }, 'agenda'],
    ['null', null, '(root)'],
    ['a number', 7, '(root)'],
  ])('rejects %s with a PolicyError naming %s', (_label, input, path) => {
    expect(policyError(input).issues.map((i) => i.path)).toContain(path);
  });

  const channel = fc.constantFrom<DirectChannel>('email', 'phone', 'linkedin', 'in-person');
  test.prop(
    [
      fc.integer({ min: 1, max: 20 }),
      fc.dictionary(channel, fc.integer({ min: 0, max: 20 }), { maxKeys: 4 }),
      fc.array(channel, { minLength: 1, maxLength: 5 }),
    ],
    { numRuns: 300 },
  )('is impossible exactly when the capped channels cannot reach maxAttempts or the first is capped at 0', (maxAttempts, caps, sequence) => {
    const used = [...new Set(sequence)];
    const tooFew = used.every((c) => caps[c] !== undefined) && used.reduce((sum, c) => sum + caps[c]!, 0) < maxAttempts;
    const firstClosed = caps[sequence[0]!] === 0;
    const input = { outreach: { maxAttempts, maxPerChannel: caps, sequence } };
    if (!tooFew && !firstClosed) {
      expect(resolvePolicies(input).outreach).toMatchObject(input.outreach);
      return;
    }
    const paths = policyError(input).issues.map((i) => i.path);
    expect(paths.includes('outreach.maxAttempts')).toBe(tooFew);
    expect(paths.includes('outreach.sequence[0]')).toBe(firstClosed);
  });

  test.prop([fc.anything({ withBigInt: true, withDate: true, withMap: true, withNullPrototype: true })], { numRuns: 200 })(
    'any input either resolves or throws a PolicyError, never anything else',
    (input) => {
      try {
        const policies = resolvePolicies(input as PoliciesInput);
        expect(policies.outreach.maxAttempts).toBeGreaterThanOrEqual(1);
      } catch (error) {
        expect(error).toBeInstanceOf(PolicyError);
      }
    },
  );

  // Zod copies a default only shallowly: shared nested arrays would let one caller's
  // `resolvePolicies().outreach.sequence.push(…)` change every later default.
  it('returns policies that share no mutable parts with DEFAULT_POLICIES', () => {
    const a = resolvePolicies();
    const b = resolvePolicies();
    expect(a.outreach.sequence).not.toBe(b.outreach.sequence);
    expect(a.outreach.sequence).not.toBe(DEFAULT_POLICIES.outreach.sequence);
    expect(a.outreach.maxPerChannel).not.toBe(DEFAULT_POLICIES.outreach.maxPerChannel);
    expect(a.checkIn.searching).not.toBe(DEFAULT_POLICIES.checkIn.searching);
  });
});

describe('describeChannelCounts', () => {
  it.each([
    [{ email: 3, phone: 2 }, '3 emails and 2 phone calls'],
    [{ email: 1 }, '1 email'],
    [{}, 'nothing'],
    [{ email: 2, phone: 1, linkedin: 1 }, '2 emails, 1 phone call and 1 LinkedIn message'],
  ])('%j reads "%s"', (counts, text) => {
    expect(describeChannelCounts(counts)).toBe(text);
  });
});

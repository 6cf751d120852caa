import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DEFAULT_POLICIES, agenda, resolvePolicies, type Policies } from '../../src/index.js';
import { network as networkArb } from '../../src/testing/arbitraries.js';
import { agendaReference } from './agendaReference.js';

const DAY = 24 * 60 * 60 * 1000;
const POLICY_VARIANTS: readonly Policies[] = [
  DEFAULT_POLICIES,
  resolvePolicies({ outreach: { retryAfterBusinessDays: 2, secondContactAfterBusinessDays: 1, countFromNextDayAt: '17:00' } }),
  resolvePolicies({ checkIn: { minGapDays: 60 }, referral: { followUpAfterDays: 1 }, preparation: { dueDaysBefore: 0 } }),
  resolvePolicies({ outreach: { warmIntroductionFirst: false, maxAttempts: 2 }, thankYou: { askForIntroduction: false } }),
];

const scenario = fc.record({
  network: networkArb({ maxContacts: 12 }),
  nowMinutes: fc.integer({ min: 0, max: 800 * 24 * 60 }),
  fromOffsetDays: fc.integer({ min: -60, max: 30 }),
  lengthDays: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
  includeEarlier: fc.option(fc.boolean(), { nil: undefined }),
  policies: fc.option(fc.constantFrom(...POLICY_VARIANTS), { nil: undefined }),
});

describe('agenda: the optimized pass equals the reference implementation', () => {
  test.prop([scenario], { numRuns: 300 })('same actions, same order, same fields, key order included', (s) => {
    const now = new Date(s.network.workspace.createdAt.getTime() + s.nowMinutes * 60_000);
    const from = new Date(now.getTime() + s.fromOffsetDays * DAY);
    const options = {
      now,
      ...(s.fromOffsetDays === 0 ? {} : { from }),
      ...(s.lengthDays === undefined ? {} : { to: new Date(from.getTime() + s.lengthDays * DAY) }),
      ...(s.includeEarlier === undefined ? {} : { includeEarlier: s.includeEarlier }),
      ...(s.policies === undefined ? {} : { policies: s.policies }),
    };
    const actual = agenda(s.network, options);
    const expected = agendaReference(s.network, options);
    expect(actual).toEqual(expected);
    // toEqual ignores key order; JSON does not (callers serialize actions).
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  });
});

import type { FieldIssue } from './errors.js';
import type { DirectChannel, Policies } from './policies.js';
import type { DIRECT_CHANNELS } from './vocabulary.js';

// Kept apart from the schemas so the rules can use the defaults without the schema library.

// Frozen: every caller shares this one object, so no caller may change it for the others.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The default policies, as the method gives them (sources in each policy's schema).
 * Typed by its shape here; `policies.ts` checks it is a complete `Policies`.
 */
export const DEFAULT_POLICIES = deepFreeze({
  outreach: {
    maxAttempts: 5,
    maxPerChannel: { email: 3, phone: 2 },
    sequence: ['email', 'phone'] as (typeof DIRECT_CHANNELS)[number][],
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
});

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const CHANNEL_WORDS: Record<DirectChannel, string> = {
  email: 'email',
  phone: 'phone call',
  linkedin: 'LinkedIn message',
  'in-person': 'in-person visit',
};

/** Describes a per-channel count the way a person says it: "3 emails and 2 phone calls". */
export function describeChannelCounts(counts: Partial<Record<DirectChannel, number>>): string {
  const parts = (Object.keys(counts) as DirectChannel[])
    .filter((channel) => counts[channel] !== undefined)
    .map((channel) => plural(counts[channel]!, CHANNEL_WORDS[channel]));
  if (parts.length <= 1) return parts[0] ?? 'nothing';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

// A plain-JavaScript caller may hand over partial policies; name what is missing
// instead of failing on it deep inside a rule.
function shapeProblems(value: unknown, model: unknown, path: string): FieldIssue[] {
  if (typeof model !== 'object' || model === null || Array.isArray(model)) {
    const same = Array.isArray(model) ? Array.isArray(value) : typeof value === typeof model;
    return same ? [] : [{ path: path || '(root)', message: `expected a ${Array.isArray(model) ? 'list' : typeof model}; build policies with resolvePolicies()` }];
  }
  if (typeof value !== 'object' || value === null) {
    return [{ path: path || '(root)', message: 'missing; build policies with resolvePolicies()' }];
  }
  // maxPerChannel is a partial map: any subset of channels is complete.
  if (path.endsWith('maxPerChannel')) return [];
  return Object.keys(model).flatMap((key) =>
    shapeProblems((value as Record<string, unknown>)[key], (model as Record<string, unknown>)[key], path ? `${path}.${key}` : key),
  );
}

/**
 * What makes complete policies impossible to follow (say 5 attempts with at most 2
 * emails and 1 call), each with its field path; empty when they can be followed.
 */
export function policyProblems(policies: Policies): FieldIssue[] {
  const missing = shapeProblems(policies, DEFAULT_POLICIES, '');
  if (missing.length > 0) return missing;
  const issues: FieldIssue[] = [];
  const { outreach, checkIn } = policies;
  const channels = [...new Set(outreach.sequence)];
  const capped = channels.every((channel) => outreach.maxPerChannel[channel] !== undefined);
  const reachable = channels.reduce<number>((sum, channel) => sum + (outreach.maxPerChannel[channel] ?? Infinity), 0);
  if (capped && reachable < outreach.maxAttempts) {
    const caps = Object.fromEntries(channels.map((c) => [c, outreach.maxPerChannel[c]]));
    issues.push({
      path: 'outreach.maxAttempts',
      message: `${plural(outreach.maxAttempts, 'attempt')} cannot be made with at most ${describeChannelCounts(caps)}`,
    });
  }
  if (outreach.maxPerChannel[outreach.sequence[0]!] === 0) {
    issues.push({ path: 'outreach.sequence[0]', message: `the first channel "${outreach.sequence[0]}" is capped at 0` });
  }
  for (const phase of ['searching', 'employed'] as const) {
    const cadence = checkIn[phase];
    if (cadence.overdueAfterMonths < cadence.everyMonths) {
      issues.push({
        path: `checkIn.${phase}.overdueAfterMonths`,
        message: `overdue after ${cadence.overdueAfterMonths} months comes before due after ${cadence.everyMonths}`,
      });
    }
  }
  return issues;
}


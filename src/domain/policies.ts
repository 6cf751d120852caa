import * as z from 'zod';
import { PolicyError, type FieldIssue } from './errors.js';
import { ChannelSchema } from './outreach.js';
import { toFieldIssues } from './validate.js';

/** A channel that reaches the contact directly (an introduction request does not). */
export const DirectChannelSchema = ChannelSchema.exclude(['introduction-request']);
/** A channel that reaches the contact directly. */
export type DirectChannel = z.infer<typeof DirectChannelSchema>;

const count = (max: number) => z.number().int().min(0).max(max);

/**
 * Outreach retry and spacing. Defaults: at most 5 attempts, 3 emails and 2 calls, first
 * by email then alternating (Groundwork, "random reach outs"); the next attempt 7
 * business days after an unanswered one, and a second person at the organization after
 * 3 (the 3B7 routine of The 2-Hour Job Search).
 */
export const OutreachPolicySchema = z.strictObject({
  maxAttempts: count(20).min(1).default(5),
  /** Cap per channel; a channel with no cap here is limited only by `maxAttempts`. */
  maxPerChannel: z.partialRecord(DirectChannelSchema, count(20)).default({ email: 3, phone: 2 }),
  /** First channel, then the order to alternate in. */
  sequence: z.array(DirectChannelSchema).min(1).max(5).default(['email', 'phone']),
  retryAfterBusinessDays: count(60).min(1).default(7),
  secondContactAfterBusinessDays: count(60).min(1).default(3),
  /** An attempt made at or after this local time counts from the next business day. */
  countFromNextDayAt: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'a time of day as HH:mm' })
    .default('12:00'),
  /** Suggest asking a mutual contact for an introduction before a cold email. */
  warmIntroductionFirst: z.boolean().default(true),
});
/** Outreach retry and spacing policy. */
export type OutreachPolicy = z.infer<typeof OutreachPolicySchema>;

/** Preparation before a meeting: due the day before (The 411 on Informational Interviews). */
export const PreparationPolicySchema = z.strictObject({
  dueDaysBefore: count(14).default(1),
  minQuestionsToAsk: count(20).default(1),
});
/** Preparation policy. */
export type PreparationPolicy = z.infer<typeof PreparationPolicySchema>;

/** Thank-you deadline: within 24 hours of the meeting's end (the common advice). */
export const ThankYouPolicySchema = z.strictObject({
  dueWithinHours: z.number().int().min(1).max(24 * 14).default(24),
  /** Ask for an introduction in the thank-you when the meeting brought none. */
  askForIntroduction: z.boolean().default(true),
});
/** Thank-you policy. */
export type ThankYouPolicy = z.infer<typeof ThankYouPolicySchema>;

/** How often to check in during one phase, in months after the last touch. */
export const CadenceSchema = z.strictObject({
  everyMonths: z.number().int().min(1).max(60),
  overdueAfterMonths: z.number().int().min(1).max(120),
});
/** How often to check in during one phase. */
export type Cadence = z.infer<typeof CadenceSchema>;

/**
 * Check-in cadence. Searching: about every 3 months (overdue a month later, since the
 * advice is "about"); employed: every 6 months, overdue only after 12; never two
 * touches within 30 days (The 411; Benefits of Informational Interviews; Groundwork).
 */
export const CheckInPolicySchema = z.strictObject({
  searching: CadenceSchema.default({ everyMonths: 3, overdueAfterMonths: 4 }),
  employed: CadenceSchema.default({ everyMonths: 6, overdueAfterMonths: 12 }),
  minGapDays: count(365).min(1).default(30),
});
/** Check-in cadence policy. */
export type CheckInPolicy = z.infer<typeof CheckInPolicySchema>;

/** Referral follow-up: a promised introduction not made after 7 days gets a nudge. */
export const ReferralPolicySchema = z.strictObject({
  followUpAfterDays: count(90).min(1).default(7),
});
/** Referral follow-up policy. */
export type ReferralPolicy = z.infer<typeof ReferralPolicySchema>;

/** Every rule's policy. Each part may be left out or given in part. */
export const PoliciesSchema = z.strictObject({
  outreach: OutreachPolicySchema.default(OutreachPolicySchema.parse({})),
  preparation: PreparationPolicySchema.default(PreparationPolicySchema.parse({})),
  thankYou: ThankYouPolicySchema.default(ThankYouPolicySchema.parse({})),
  checkIn: CheckInPolicySchema.default(CheckInPolicySchema.parse({})),
  referral: ReferralPolicySchema.default(ReferralPolicySchema.parse({})),
});
/** Every rule's policy, complete. */
export type Policies = z.infer<typeof PoliciesSchema>;
/** Policies as accepted on input: any part may be left out. */
export type PoliciesInput = z.input<typeof PoliciesSchema>;

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

function impossibilities(policies: Policies): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { outreach, checkIn } = policies;
  const channels = [...new Set(outreach.sequence)];
  const capped = channels.every((channel) => outreach.maxPerChannel[channel] !== undefined);
  const reachable = channels.reduce((sum, channel) => sum + (outreach.maxPerChannel[channel] ?? Infinity), 0);
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

/**
 * Completes and validates policies: every part left out gets its default. Throws
 * `PolicyError` for input that is malformed or cannot be followed.
 */
export function resolvePolicies(input: PoliciesInput = {}): Policies {
  const result = PoliciesSchema.safeParse(input);
  if (!result.success) throw new PolicyError(toFieldIssues(result.error));
  const issues = impossibilities(result.data);
  if (issues.length > 0) throw new PolicyError(issues);
  return result.data;
}

/** The default policies, as DESIGN's rules table gives them. */
export const DEFAULT_POLICIES: Policies = resolvePolicies();

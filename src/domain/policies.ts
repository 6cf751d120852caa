import * as z from 'zod';
import { PolicyError } from './errors.js';
import { DEFAULT_POLICIES as DEFAULTS, policyProblems } from './policyDefaults.js';
import { inputShapeIssues, toFieldIssues } from './validate.js';
import { DIRECT_CHANNELS } from './vocabulary.js';

/** A channel that reaches the contact directly (an introduction request does not). */
export const DirectChannelSchema = z.enum(DIRECT_CHANNELS);
/** A channel that reaches the contact directly. */
export type DirectChannel = z.infer<typeof DirectChannelSchema>;

// Defaults are fresh copies: zod copies a default only shallowly, and DEFAULT_POLICIES is shared.
const count = (max: number) => z.number().int().min(0).max(max);

/**
 * Outreach retry and spacing. Defaults: at most 5 attempts, 3 emails and 2 calls, first
 * by email then alternating (Groundwork, "random reach outs"); the next attempt 7
 * business days after an unanswered one, and a second person at the organization after
 * 3 (the 3B7 routine of The 2-Hour Job Search).
 */
export const OutreachPolicySchema = z.strictObject({
  maxAttempts: count(20).min(1).default(DEFAULTS.outreach.maxAttempts),
  /** Cap per channel; a channel with no cap here is limited only by `maxAttempts`. */
  maxPerChannel: z.partialRecord(DirectChannelSchema, count(20)).default(() => structuredClone(DEFAULTS.outreach.maxPerChannel)),
  /** First channel, then the order to alternate in. */
  sequence: z.array(DirectChannelSchema).min(1).max(5).default(() => structuredClone(DEFAULTS.outreach.sequence)),
  retryAfterBusinessDays: count(60).min(1).default(DEFAULTS.outreach.retryAfterBusinessDays),
  secondContactAfterBusinessDays: count(60).min(1).default(DEFAULTS.outreach.secondContactAfterBusinessDays),
  /** An attempt made at or after this local time counts from the next business day. */
  countFromNextDayAt: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'a time of day as HH:mm' })
    .default(DEFAULTS.outreach.countFromNextDayAt),
  /** Suggest asking a mutual contact for an introduction before a cold email. */
  warmIntroductionFirst: z.boolean().default(DEFAULTS.outreach.warmIntroductionFirst),
});
/** Outreach retry and spacing policy. */
export type OutreachPolicy = z.infer<typeof OutreachPolicySchema>;

/** Preparation before a meeting: due the day before (The 411 on Informational Interviews). */
export const PreparationPolicySchema = z.strictObject({
  dueDaysBefore: count(14).default(DEFAULTS.preparation.dueDaysBefore),
  minQuestionsToAsk: count(20).default(DEFAULTS.preparation.minQuestionsToAsk),
});
/** Preparation policy. */
export type PreparationPolicy = z.infer<typeof PreparationPolicySchema>;

/** Thank-you deadline: within 24 hours of the meeting's end (the common advice). */
export const ThankYouPolicySchema = z.strictObject({
  dueWithinHours: z.number().int().min(1).max(24 * 14).default(DEFAULTS.thankYou.dueWithinHours),
  /** Ask for an introduction in the thank-you when the meeting brought none. */
  askForIntroduction: z.boolean().default(DEFAULTS.thankYou.askForIntroduction),
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
  searching: CadenceSchema.default(() => structuredClone(DEFAULTS.checkIn.searching)),
  employed: CadenceSchema.default(() => structuredClone(DEFAULTS.checkIn.employed)),
  minGapDays: count(365).min(1).default(DEFAULTS.checkIn.minGapDays),
});
/** Check-in cadence policy. */
export type CheckInPolicy = z.infer<typeof CheckInPolicySchema>;

/** Referral follow-up: a promised introduction not made after 7 days gets a nudge. */
export const ReferralPolicySchema = z.strictObject({
  followUpAfterDays: count(90).min(1).default(DEFAULTS.referral.followUpAfterDays),
});
/** Referral follow-up policy. */
export type ReferralPolicy = z.infer<typeof ReferralPolicySchema>;

/** Every rule's policy. Each part may be left out or given in part. */
export const PoliciesSchema = z.strictObject({
  outreach: OutreachPolicySchema.default(() => structuredClone(DEFAULTS.outreach)),
  preparation: PreparationPolicySchema.default(() => structuredClone(DEFAULTS.preparation)),
  thankYou: ThankYouPolicySchema.default(() => structuredClone(DEFAULTS.thankYou)),
  checkIn: CheckInPolicySchema.default(() => structuredClone(DEFAULTS.checkIn)),
  referral: ReferralPolicySchema.default(() => structuredClone(DEFAULTS.referral)),
});
/** Every rule's policy, complete. */
export type Policies = z.infer<typeof PoliciesSchema>;
/** Policies as accepted on input: any part may be left out. */
export type PoliciesInput = z.input<typeof PoliciesSchema>;

/**
 * Completes and validates policies: every part left out gets its default. Throws
 * `PolicyError` for input that is malformed or cannot be followed.
 */
export function resolvePolicies(input: PoliciesInput = {}): Policies {
  const forbidden = inputShapeIssues(input);
  if (forbidden.length > 0) throw new PolicyError(forbidden);
  const result = PoliciesSchema.safeParse(input);
  if (!result.success) throw new PolicyError(toFieldIssues(result.error));
  const issues = policyProblems(result.data);
  if (issues.length > 0) throw new PolicyError(issues);
  return result.data;
}


export { describeChannelCounts, policyProblems } from './policyDefaults.js';

/** The default policies, as DESIGN's rules table gives them. */
export const DEFAULT_POLICIES: Policies = DEFAULTS;

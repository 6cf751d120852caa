import type { LocalDate } from '../domain/primitives.js';

/** What every rule is told about time: now, and the seeker's calendar. */
export interface RuleContext {
  /** The instant the answer is for. Rules never read the system clock. */
  readonly now: Date;
  /** The seeker's IANA time zone: days, business days and noon are counted there. */
  readonly timeZone: string;
  /** Local days (`YYYY-MM-DD`) that are not business days. */
  readonly holidays?: readonly LocalDate[];
}

/** The stable id of every rule; each answer names the rule that gave it. */
export type RuleId =
  | 'outreach.retry'
  | 'outreach.warm-introduction'
  | 'outreach.second-contact'
  | 'preparation'
  | 'thank-you.deadline'
  | 'check-in.cadence'
  | 'referral.chain'
  | 'referral.credit'
  | 'referral.follow-up'
  | 'funnel'
  | 'draft.message';

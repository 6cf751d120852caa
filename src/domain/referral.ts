import * as z from 'zod';
import { ContactIdSchema, MeetingIdSchema, OrganizationIdSchema, OutcomeIdSchema, ReferralIdSchema } from './ids.js';
import { InstantSchema, LIST_MAX, LongTextSchema } from './primitives.js';
import { OUTCOME_KINDS, REFERRAL_KINDS, REFERRAL_STATUSES } from './vocabulary.js';

/** What an introducer did for the seeker, from lightest to strongest. */
export const ReferralKindSchema = z.enum(REFERRAL_KINDS);
/** What an introducer did for the seeker. */
export type ReferralKind = z.infer<typeof ReferralKindSchema>;

/** Where a referral stands: offered (promised), done, or not going to happen. */
export const ReferralStatusSchema = z.enum(REFERRAL_STATUSES);
/** Where a referral stands. */
export type ReferralStatus = z.infer<typeof ReferralStatusSchema>;

/**
 * An introducer's help: suggesting a name, introducing the seeker to a contact,
 * forwarding a resume or recommending the seeker to HR at an organization.
 */
export const ReferralSchema = z.strictObject({
  id: ReferralIdSchema,
  introducerId: ContactIdSchema,
  kind: ReferralKindSchema,
  /** The person the seeker is introduced to, when there is one. */
  contactId: ContactIdSchema.optional(),
  organizationId: OrganizationIdSchema.optional(),
  /** The meeting where it was offered, when it came out of one. */
  meetingId: MeetingIdSchema.optional(),
  status: ReferralStatusSchema.default('offered'),
  offeredAt: InstantSchema,
  doneAt: InstantSchema.optional(),
  note: LongTextSchema.optional(),
});
/** An introducer's help. */
export type Referral = z.infer<typeof ReferralSchema>;
/** A referral as accepted on input. */
export type ReferralInput = z.input<typeof ReferralSchema>;

/** What came of the networking. */
export const OutcomeKindSchema = z.enum(OUTCOME_KINDS);
/** What came of the networking. */
export type OutcomeKind = z.infer<typeof OutcomeKindSchema>;

/** An interview, internship, offer or hire, with the contacts it came through. */
export const OutcomeSchema = z.strictObject({
  id: OutcomeIdSchema,
  kind: OutcomeKindSchema,
  organizationId: OrganizationIdSchema.optional(),
  /** The contacts it came through directly; their introducers are credited too. */
  contactIds: z.array(ContactIdSchema).min(1).max(LIST_MAX),
  at: InstantSchema,
  note: LongTextSchema.optional(),
});
/** An interview, internship, offer or hire. */
export type Outcome = z.infer<typeof OutcomeSchema>;
/** An outcome as accepted on input. */
export type OutcomeInput = z.input<typeof OutcomeSchema>;

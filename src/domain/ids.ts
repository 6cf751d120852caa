import * as z from 'zod';

// Ids are opaque to the library and plain strings in its types (an app passes its own
// ids as they are); this shape keeps them safe in file names, SQL keys and iCalendar UIDs.
const idText = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'ids use only letters, digits, "_" and "-"' });

/** Id of any record: letters, digits, `_` and `-`, 1 to 128 characters. */
export const RecordIdSchema = idText;

/** Id of a workspace: one job seeker's network. */
export const WorkspaceIdSchema = idText;
/** Id of a workspace. */
export type WorkspaceId = z.infer<typeof WorkspaceIdSchema>;
/** Id of a contact. */
export const ContactIdSchema = idText;
/** Id of a contact. */
export type ContactId = z.infer<typeof ContactIdSchema>;
/** Id of an organization. */
export const OrganizationIdSchema = idText;
/** Id of an organization. */
export type OrganizationId = z.infer<typeof OrganizationIdSchema>;
/** Id of an outreach. */
export const OutreachIdSchema = idText;
/** Id of an outreach. */
export type OutreachId = z.infer<typeof OutreachIdSchema>;
/** Id of a meeting. */
export const MeetingIdSchema = idText;
/** Id of a meeting. */
export type MeetingId = z.infer<typeof MeetingIdSchema>;
/** Id of a thank-you. */
export const ThankYouIdSchema = idText;
/** Id of a thank-you. */
export type ThankYouId = z.infer<typeof ThankYouIdSchema>;
/** Id of a check-in. */
export const CheckInIdSchema = idText;
/** Id of a check-in. */
export type CheckInId = z.infer<typeof CheckInIdSchema>;
/** Id of a referral. */
export const ReferralIdSchema = idText;
/** Id of a referral. */
export type ReferralId = z.infer<typeof ReferralIdSchema>;
/** Id of an outcome. */
export const OutcomeIdSchema = idText;
/** Id of an outcome. */
export type OutcomeId = z.infer<typeof OutcomeIdSchema>;

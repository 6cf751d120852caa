import * as z from 'zod';
import { CheckInIdSchema, ContactIdSchema, MeetingIdSchema, ThankYouIdSchema } from './ids.js';
import { InstantSchema, LIST_MAX, LongTextSchema } from './primitives.js';
import { CHECK_IN_CHANNELS, CHECK_IN_KINDS, THANK_YOU_CHANNELS } from './vocabulary.js';

/** How a thank-you was sent. */
export const ThankYouChannelSchema = z.enum(THANK_YOU_CHANNELS);
/** How a thank-you was sent. */
export type ThankYouChannel = z.infer<typeof ThankYouChannelSchema>;

/** The thank-you after a meeting. */
export const ThankYouSchema = z.strictObject({
  id: ThankYouIdSchema,
  meetingId: MeetingIdSchema,
  contactId: ContactIdSchema,
  sentAt: InstantSchema,
  channel: ThankYouChannelSchema.default('email'),
  /** The points from the meeting notes it refers to. */
  referencedNotes: z.array(LongTextSchema).max(LIST_MAX).default([]),
  /** Whether it asked the contact to suggest someone else to speak with. */
  askedForIntroduction: z.boolean().default(false),
});
/** The thank-you after a meeting. */
export type ThankYou = z.infer<typeof ThankYouSchema>;
/** A thank-you as accepted on input. */
export type ThankYouInput = z.input<typeof ThankYouSchema>;

/** What a check-in carried. */
export const CheckInKindSchema = z.enum(CHECK_IN_KINDS);
/** What a check-in carried. */
export type CheckInKind = z.infer<typeof CheckInKindSchema>;

/** How a check-in was made. */
export const CheckInChannelSchema = z.enum(CHECK_IN_CHANNELS);
/** How a check-in was made. */
export type CheckInChannel = z.infer<typeof CheckInChannelSchema>;

/** A later touch that keeps a relationship warm. */
export const CheckInSchema = z.strictObject({
  id: CheckInIdSchema,
  contactId: ContactIdSchema,
  at: InstantSchema,
  channel: CheckInChannelSchema.default('email'),
  kind: CheckInKindSchema.default('update'),
  note: LongTextSchema.optional(),
});
/** A later touch that keeps a relationship warm. */
export type CheckIn = z.infer<typeof CheckInSchema>;
/** A check-in as accepted on input. */
export type CheckInInput = z.input<typeof CheckInSchema>;

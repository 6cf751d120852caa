import * as z from 'zod';
import { ContactIdSchema, OutreachIdSchema } from './ids.js';
import { InstantSchema, LIST_MAX, LongTextSchema } from './primitives.js';
import { ATTEMPT_RESULTS, CHANNELS } from './vocabulary.js';

/**
 * How an attempt was made. An `introduction-request` goes to a mutual contact, not to
 * the person sought, so it does not count against the attempt limits.
 */
export const ChannelSchema = z.enum(CHANNELS);
/** How an attempt was made. */
export type Channel = z.infer<typeof ChannelSchema>;

/** What came of one attempt at the moment it was made. */
export const AttemptResultSchema = z.enum(ATTEMPT_RESULTS);
/** What came of one attempt at the moment it was made. */
export type AttemptResult = z.infer<typeof AttemptResultSchema>;

/** One try at reaching a contact. */
export const AttemptSchema = z.strictObject({
  channel: ChannelSchema,
  at: InstantSchema,
  result: AttemptResultSchema.default('sent'),
  note: LongTextSchema.optional(),
});
/** One try at reaching a contact. */
export type Attempt = z.infer<typeof AttemptSchema>;

/** The contact's answer: yes to a conversation, or no. */
export const ReplySchema = z.strictObject({
  at: InstantSchema,
  channel: ChannelSchema,
  answer: z.enum(['accepted', 'declined']),
  note: LongTextSchema.optional(),
});
/** The contact's answer. */
export type Reply = z.infer<typeof ReplySchema>;

/**
 * One effort to get a conversation with one contact. How it ended is derived by the
 * rules: a reply ends it (replied or declined), `withdrawnAt` ends it, and running
 * out of attempts under the policy exhausts it.
 */
export const OutreachSchema = z.strictObject({
  id: OutreachIdSchema,
  contactId: ContactIdSchema,
  startedAt: InstantSchema,
  attempts: z.array(AttemptSchema).max(LIST_MAX).default([]),
  reply: ReplySchema.optional(),
  withdrawnAt: InstantSchema.optional(),
});
/** One effort to get a conversation with one contact. */
export type Outreach = z.infer<typeof OutreachSchema>;
/** An outreach as accepted on input. */
export type OutreachInput = z.input<typeof OutreachSchema>;

import * as z from 'zod';
import { ContactIdSchema, MeetingIdSchema, OutreachIdSchema } from './ids.js';
import { InstantSchema, LIST_MAX, LongTextSchema, ShortTextSchema } from './primitives.js';
import { MEETING_FORMATS, MEETING_STATUSES, PREPARATION_QUESTIONS } from './vocabulary.js';

/** The six questions to be able to answer before an informational interview. */
export const PreparationQuestionSchema = z.enum(PREPARATION_QUESTIONS);
/** One of the six preparation questions. */
export type PreparationQuestion = z.infer<typeof PreparationQuestionSchema>;


/** What the seeker prepared for a meeting. */
export const PreparationSchema = z.strictObject({
  /** The seeker's answer to each of the six questions; a missing or blank one is open. */
  answers: z.partialRecord(PreparationQuestionSchema, LongTextSchema).default({}),
  research: LongTextSchema.default(''),
  /** Questions to ask (how did you start here, what is the culture, …). */
  questionsToAsk: z.array(ShortTextSchema).max(50).default([]),
});
/** What the seeker prepared for a meeting. */
export type Preparation = z.infer<typeof PreparationSchema>;

/** A meeting's state: `moved` is still upcoming, at a new time. */
export const MeetingStatusSchema = z.enum(MEETING_STATUSES);
/** A meeting's state. */
export type MeetingStatus = z.infer<typeof MeetingStatusSchema>;

/** How the conversation happens. */
export const MeetingFormatSchema = z.enum(MEETING_FORMATS);
/** How the conversation happens. */
export type MeetingFormat = z.infer<typeof MeetingFormatSchema>;

/** An informational interview. */
export const MeetingSchema = z.strictObject({
  id: MeetingIdSchema,
  contactId: ContactIdSchema,
  outreachId: OutreachIdSchema.optional(),
  status: MeetingStatusSchema.default('scheduled'),
  startAt: InstantSchema,
  /** Length in minutes; the method's default is a 20-minute coffee. */
  minutes: z.number().int().min(5).max(600).default(20),
  format: MeetingFormatSchema.default('coffee'),
  /** Earlier start times, oldest first, when the meeting was moved. */
  previousStarts: z.array(InstantSchema).max(LIST_MAX).default([]),
  // A function, so every meeting gets its own answers and questions (zod copies a default only shallowly).
  preparation: PreparationSchema.default(() => ({ answers: {}, research: '', questionsToAsk: [] })),
  /** Brief notes taken during the conversation, one point each. */
  notes: z.array(LongTextSchema).max(LIST_MAX).default([]),
  nextSteps: z.array(ShortTextSchema).max(LIST_MAX).default([]),
});
/** An informational interview. */
export type Meeting = z.infer<typeof MeetingSchema>;
/** A meeting as accepted on input. */
export type MeetingInput = z.input<typeof MeetingSchema>;

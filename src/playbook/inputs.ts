// What each Playbook method accepts. Derived from the record schemas, so a field means
// the same thing (and has the same limits) on the way in as in the store.
import * as z from 'zod';
import { ContactSchema } from '../domain/contact.js';
import { CheckInSchema, ThankYouSchema } from '../domain/followUp.js';
import {
  ContactIdSchema,
  MeetingIdSchema,
  OrganizationIdSchema,
  OutreachIdSchema,
  WorkspaceIdSchema,
} from '../domain/ids.js';
import { MeetingSchema, PreparationSchema } from '../domain/meeting.js';
import { OrganizationSchema } from '../domain/organization.js';
import { AttemptSchema, ChannelSchema, ReplySchema } from '../domain/outreach.js';
import { InstantSchema, LIST_MAX, LongTextSchema, ShortTextSchema } from '../domain/primitives.js';
import { OutcomeSchema, ReferralSchema } from '../domain/referral.js';
import { WorkspaceSchema } from '../domain/workspace.js';

/**
 * The same partial object schema with every field's default taken out. Zod 4 applies a
 * default even to an optional field that is left out, so `.partial()` of a record
 * schema would turn "change the name" into "change the name and reset the emails,
 * phones, tags, …". A change lists only what it changes.
 */
function withoutDefaults<S extends z.ZodObject>(partial: S): S {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(partial.shape as Record<string, z.ZodType>)) {
    const inner = field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
    shape[key] = inner instanceof z.ZodDefault ? (inner.unwrap() as z.ZodType).optional() : field;
  }
  return partial.extend(shape) as unknown as S;
}

/** A new workspace: its id is made up when left out. */
export const NewWorkspaceSchema = WorkspaceSchema.omit({ createdAt: true }).extend({ id: WorkspaceIdSchema.optional() });
/** A new workspace. */
export type NewWorkspace = z.input<typeof NewWorkspaceSchema>;

/** A new contact: its id is made up when left out. */
export const NewContactSchema = ContactSchema.omit({ createdAt: true }).extend({ id: ContactIdSchema.optional() });
/** A new contact. */
export type NewContact = z.input<typeof NewContactSchema>;

/** Changes to a contact: any field but its id. */
export const ContactChangesSchema = withoutDefaults(ContactSchema.omit({ id: true, createdAt: true }).partial());
/** Changes to a contact. */
export type ContactChanges = z.input<typeof ContactChangesSchema>;

/** A new organization: its id is made up when left out. */
export const NewOrganizationSchema = OrganizationSchema.omit({ createdAt: true }).extend({
  id: OrganizationIdSchema.optional(),
});
/** A new organization. */
export type NewOrganization = z.input<typeof NewOrganizationSchema>;

/** Changes to an organization: any field but its id. */
export const OrganizationChangesSchema = withoutDefaults(OrganizationSchema.omit({ id: true, createdAt: true }).partial());
/** Changes to an organization. */
export type OrganizationChanges = z.input<typeof OrganizationChangesSchema>;

/** A new outreach to a contact; it starts now unless `startedAt` says otherwise. */
export const NewOutreachSchema = z.strictObject({
  id: OutreachIdSchema.optional(),
  contactId: ContactIdSchema,
  startedAt: InstantSchema.optional(),
});
/** A new outreach. */
export type NewOutreach = z.input<typeof NewOutreachSchema>;

/** One attempt; made now unless `at` says otherwise. */
export const NewAttemptSchema = AttemptSchema.extend({ at: InstantSchema.optional() });
/** One attempt. */
export type NewAttempt = z.input<typeof NewAttemptSchema>;

/** The contact's answer; received now, by email, unless said otherwise. */
export const NewReplySchema = ReplySchema.extend({
  at: InstantSchema.optional(),
  channel: ChannelSchema.default('email'),
});
/** The contact's answer. */
export type NewReply = z.input<typeof NewReplySchema>;

/** A meeting to schedule. */
export const NewMeetingSchema = MeetingSchema.pick({
  contactId: true,
  outreachId: true,
  startAt: true,
  minutes: true,
  format: true,
  preparation: true,
}).extend({ id: MeetingIdSchema.optional() });
/** A meeting to schedule. */
export type NewMeeting = z.input<typeof NewMeetingSchema>;

/** A meeting's new start. */
export const MeetingMoveSchema = z.strictObject({ startAt: InstantSchema });
/** A meeting's new start. */
export type MeetingMove = z.input<typeof MeetingMoveSchema>;

/** Answers to the six questions, research and questions to ask; given fields replace, answers merge. */
export const PreparationChangesSchema = withoutDefaults(PreparationSchema.partial());
/** Preparation changes. */
export type PreparationChanges = z.input<typeof PreparationChangesSchema>;

/** Notes and next steps to add to a meeting. */
export const MeetingNotesSchema = z.strictObject({
  notes: z.array(LongTextSchema).max(LIST_MAX).default([]),
  nextSteps: z.array(ShortTextSchema).max(LIST_MAX).default([]),
});
/** Notes and next steps to add. */
export type MeetingNotes = z.input<typeof MeetingNotesSchema>;

/** A thank-you sent; now unless `sentAt` says otherwise. Its contact is the meeting's. */
export const NewThankYouSchema = ThankYouSchema.omit({ contactId: true })
  .partial({ id: true })
  .extend({ sentAt: InstantSchema.optional() });
/** A thank-you sent. */
export type NewThankYou = z.input<typeof NewThankYouSchema>;

/** A check-in made; now unless `at` says otherwise. */
export const NewCheckInSchema = CheckInSchema.partial({ id: true }).extend({ at: InstantSchema.optional() });
/** A check-in made. */
export type NewCheckIn = z.input<typeof NewCheckInSchema>;

/** Until when no check-in is proposed. */
export const SnoozeSchema = z.strictObject({ until: InstantSchema });
/** A snooze. */
export type Snooze = z.input<typeof SnoozeSchema>;

/** A referral offered or made; offered now unless `offeredAt` says otherwise. */
export const NewReferralSchema = ReferralSchema.partial({ id: true }).extend({ offeredAt: InstantSchema.optional() });
/** A referral offered or made. */
export type NewReferral = z.input<typeof NewReferralSchema>;

/** An outcome; now unless `at` says otherwise. */
export const NewOutcomeSchema = OutcomeSchema.partial({ id: true }).extend({ at: InstantSchema.optional() });
/** An outcome. */
export type NewOutcome = z.input<typeof NewOutcomeSchema>;

/** A phase change: back to searching, or employed (since now unless said otherwise). */
export const PhaseChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('searching') }),
  z.strictObject({ kind: z.literal('employed'), since: InstantSchema.optional() }),
]);
/** A phase change. */
export type PhaseChange = z.input<typeof PhaseChangeSchema>;

/** When something happened; now unless `at` says otherwise. */
export const WhenSchema = z.strictObject({ at: InstantSchema.optional() });
/** When something happened. */
export type When = z.input<typeof WhenSchema>;

/** The agenda window; this week from now unless said otherwise. */
export const AgendaWindowSchema = z.strictObject({ from: InstantSchema.optional(), to: InstantSchema.optional() });
/** The agenda window. */
export type AgendaWindowInput = z.input<typeof AgendaWindowSchema>;

import * as z from 'zod';
import { ContactIdSchema, OrganizationIdSchema } from './ids.js';
import {
  EmailSchema,
  InstantSchema,
  LIST_MAX,
  LongTextSchema,
  PhoneSchema,
  ShortTextSchema,
  TagSchema,
  WebUrlSchema,
} from './primitives.js';
import { TIE_KINDS } from './vocabulary.js';

/** How the seeker knows a contact: the tie the first message leans on. */
export const TieKindSchema = z.enum(TIE_KINDS);
/** How the seeker knows a contact. */
export type TieKind = z.infer<typeof TieKindSchema>;

/** A person the seeker may talk to. */
export const ContactSchema = z.strictObject({
  id: ContactIdSchema,
  name: ShortTextSchema,
  emails: z.array(EmailSchema).max(10).default([]),
  phones: z.array(PhoneSchema).max(10).default([]),
  profileUrl: WebUrlSchema.optional(),
  organizationId: OrganizationIdSchema.optional(),
  role: ShortTextSchema.optional(),
  tie: TieKindSchema,
  /** Who introduced this contact: an edge of the referral forest. */
  introducedBy: ContactIdSchema.optional(),
  /** When that introduction was made: a first message is due from then, not from an earlier request. */
  introducedAt: InstantSchema.optional(),
  /** People in the network who know this contact and could introduce the seeker. */
  mutualContacts: z.array(ContactIdSchema).max(LIST_MAX).default([]),
  researchNotes: LongTextSchema.default(''),
  tags: z.array(TagSchema).max(50).default([]),
  /** False once the seeker decides not to keep in touch (no check-ins proposed). */
  keepInTouch: z.boolean().default(true),
  /** No check-in is proposed before this instant. */
  checkInSnoozedUntil: InstantSchema.optional(),
  createdAt: InstantSchema,
});
/** A person the seeker may talk to. */
export type Contact = z.infer<typeof ContactSchema>;
/** A contact as accepted on input. */
export type ContactInput = z.input<typeof ContactSchema>;

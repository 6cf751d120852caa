import * as z from 'zod';
import { ContactSchema } from './contact.js';
import { LocalDateSchema, ShortTextSchema } from './primitives.js';

/**
 * A contact read from a file (or made by an app) before it is matched and imported:
 * the fields `addContact` takes for a person, plus the organization's name (matched to
 * an organization on import) and the day the seeker connected with them.
 */
export const ContactDraftSchema = ContactSchema.pick({
  name: true,
  emails: true,
  phones: true,
  profileUrl: true,
  role: true,
  tie: true,
  researchNotes: true,
  tags: true,
}).extend({
  /** The organization's name; an import links it to the organization of that name, or creates one. */
  organizationName: ShortTextSchema.optional(),
  /** The day the seeker connected with them (LinkedIn's "Connected On"), `YYYY-MM-DD`. */
  connectedOn: LocalDateSchema.optional(),
  /** Where a reader found it: the data row (1 = the first row after the header) or the card number. */
  row: z.int().min(1).optional(),
});
/** A contact before it is matched and imported. */
export type ContactDraft = z.infer<typeof ContactDraftSchema>;
/** A contact draft as accepted on input (lists and notes may be left out). */
export type ContactDraftInput = z.input<typeof ContactDraftSchema>;

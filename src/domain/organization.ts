import * as z from 'zod';
import { OrganizationIdSchema } from './ids.js';
import { InstantSchema, LongTextSchema, ShortTextSchema, WebUrlSchema } from './primitives.js';

/** A company or institution the seeker researches. */
export const OrganizationSchema = z.strictObject({
  id: OrganizationIdSchema,
  name: ShortTextSchema,
  website: WebUrlSchema.optional(),
  /** What it stands for: mission, products, recent news. */
  standsFor: LongTextSchema.default(''),
  /** Why the seeker is interested in it. */
  whyInterested: LongTextSchema.default(''),
  createdAt: InstantSchema,
});
/** A company or institution the seeker researches. */
export type Organization = z.infer<typeof OrganizationSchema>;
/** An organization as accepted on input. */
export type OrganizationInput = z.input<typeof OrganizationSchema>;

import * as z from 'zod';
import { WorkspaceIdSchema } from './ids.js';
import { InstantSchema, LocalDateSchema, ShortTextSchema, TimeZoneSchema } from './primitives.js';

/** Where the seeker stands: still searching, or employed since a date. */
export const PhaseSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('searching') }),
  z.strictObject({ kind: z.literal('employed'), since: InstantSchema }),
]);
/** Where the seeker stands: still searching, or employed since a date. */
export type Phase = z.infer<typeof PhaseSchema>;

/** One job seeker's network: every record belongs to exactly one workspace. */
export const WorkspaceSchema = z.strictObject({
  id: WorkspaceIdSchema,
  /** The seeker's name, for a coach's overview. */
  name: ShortTextSchema,
  /** IANA zone where business days and "the day before" are counted. */
  timeZone: TimeZoneSchema,
  phase: PhaseSchema.default({ kind: 'searching' }),
  /** Local days that are not business days (public holidays, time off). */
  holidays: z.array(LocalDateSchema).max(1_000).default([]),
  createdAt: InstantSchema,
});
/** One job seeker's network settings. */
export type Workspace = z.infer<typeof WorkspaceSchema>;
/** A workspace as accepted on input (defaults not yet applied, dates as ISO or `Date`). */
export type WorkspaceInput = z.input<typeof WorkspaceSchema>;

import * as z from 'zod';
import {
  DEFAULT_DRAFT_TEMPLATES,
  DRAFT_TEMPLATE_NAMES,
  TEMPLATE_TEXT_MAX,
  draftTemplateIssues,
  type DraftTemplateOverrides,
  type DraftTemplates,
} from './draftTemplates.js';
import { ValidationError } from './errors.js';
import { LongTextSchema, ShortTextSchema } from './primitives.js';
import { validate } from './validate.js';

// The schemas of what a user gives the drafting rule. Kept out of the rule itself, which
// checks templates with the schema-free draftTemplateIssues, so drafting pulls in no zod.

const TemplateTextSchema = z.string().max(TEMPLATE_TEXT_MAX);

/**
 * Templates to use instead of the defaults, in part or whole: any template by name, and
 * the `locale` dates are written in. Placeholders are checked by {@link resolveDraftTemplates}.
 */
export const DraftTemplateOverridesSchema = z.strictObject({
  locale: z.string().max(64).optional(),
  ...Object.fromEntries(DRAFT_TEMPLATE_NAMES.map((name) => [name, TemplateTextSchema.optional()])),
}) as unknown as z.ZodType<DraftTemplateOverrides>;

/** What a draft may be told besides the action and the records (without policies: the Playbook brings its own). */
export const DraftOptionsSchema = z.strictObject({
  templates: DraftTemplateOverridesSchema.optional(),
  /** Signs the message; the workspace's name unless given. May span lines. */
  signature: z.string().trim().min(1).max(1_000).optional(),
  /** The seeker's phone number, left on a voicemail. */
  phone: ShortTextSchema.optional(),
  /** One line of news a check-in shares. */
  news: LongTextSchema.max(2_000).optional(),
});
/** What a draft may be told besides the action and the records. */
export type DraftOptionsInput = z.input<typeof DraftOptionsSchema>;

/**
 * A complete template set: `overrides` over `base` (the English defaults unless given).
 * Throws `ValidationError` naming each template and what is wrong with it
 * (`thank-you.body: unknown placeholder {{nickname}}`).
 *
 * ```ts
 * const templates = resolveDraftTemplates({ 'thank-you.subject': 'Thanks for {{meeting}}!' });
 * ```
 */
export function resolveDraftTemplates(overrides: unknown = {}, base: DraftTemplates = DEFAULT_DRAFT_TEMPLATES): DraftTemplates {
  const parsed = validate(DraftTemplateOverridesSchema, overrides, 'draft templates');
  const missing = DRAFT_TEMPLATE_NAMES.filter((name) => typeof (base as Partial<DraftTemplates>)[name] !== 'string');
  const issues = [
    ...missing.map((name) => ({ path: `base.${name}`, message: 'missing: a base set has every template' })),
    ...draftTemplateIssues(base),
    ...draftTemplateIssues(parsed),
  ];
  if (issues.length > 0) throw new ValidationError('draft templates', issues);
  const merged: Record<string, string> = { ...base };
  for (const [name, text] of Object.entries(parsed)) if (text !== undefined) merged[name] = text;
  return Object.freeze(merged) as DraftTemplates;
}

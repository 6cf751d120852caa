import * as z from 'zod';

/** Longest single-line text field (names, roles, titles). */
export const SHORT_TEXT_MAX = 200;
/** Longest free-text field (notes, research). */
export const LONG_TEXT_MAX = 20_000;
/** Most entries in any list held by one record. */
export const LIST_MAX = 200;

/** A single-line, trimmed text of 1 to {@link SHORT_TEXT_MAX} characters. */
export const ShortTextSchema = z.string().trim().min(1).max(SHORT_TEXT_MAX);
/** Free text up to {@link LONG_TEXT_MAX} characters. */
export const LongTextSchema = z.string().max(LONG_TEXT_MAX);

/** What a date that cannot be read is told: the forms that can. */
export const INSTANT_FORMS =
  'not a date: write an ISO-8601 time with its offset (2026-08-10T08:30:00-04:00 or 2026-08-10T12:30:00Z) or pass a Date; ' +
  "Playbook inputs also take a local time in the workspace's zone (2026-08-10T08:30)";

/**
 * An instant in time. In memory a `Date`; in JSON an ISO-8601 string with an offset.
 * One codec serves both directions: `parse` accepts either form and returns a fresh
 * `Date`; `z.encode` (or `JSON.stringify`) writes the ISO form.
 */
export const InstantSchema = z.codec(
  z.union([z.iso.datetime({ offset: true, error: () => INSTANT_FORMS }), z.date({ error: () => INSTANT_FORMS })], { error: () => INSTANT_FORMS }),
  // Years 0 to 9999: what an ISO-8601 string can carry, so every instant read can be written back.
  z.date().min(new Date('0000-01-01T00:00:00.000Z')).max(new Date('9999-12-31T23:59:59.999Z')),
  {
    decode: (value) => new Date(value),
    encode: (date) => date.toISOString(),
  },
);

/** A calendar day in the seeker's time zone, `YYYY-MM-DD` (used for holidays). */
export const LocalDateSchema = z.iso.date();
/** A calendar day, `YYYY-MM-DD`. */
export type LocalDate = z.infer<typeof LocalDateSchema>;

// Only names that turned out valid are remembered, so bad input cannot grow the cache.
const knownZones = new Set<string>();

/** Whether `zone` is an IANA time zone this runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  if (knownZones.size < 1_000) knownZones.add(zone);
  return true;
}

/** An IANA time zone name. */
export const TimeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, { message: 'not an IANA time zone (like "Europe/Berlin")' });

const DOMAIN_LABEL = /^[A-Za-z0-9-]+$/;

/**
 * Whether `text` looks like an email address. A plain scan instead of one big regex:
 * no nested quantifiers, so no input can make it backtrack.
 */
export function isEmailAddress(text: string): boolean {
  if (text.length > 254) return false;
  const at = text.indexOf('@');
  if (at < 1 || at !== text.lastIndexOf('@') || at > 64) return false;
  const local = text.slice(0, at);
  if (/\s/.test(local)) return false;
  const labels = text.slice(at + 1).split('.');
  if (labels.length < 2) return false;
  return labels.every(
    (label) => label.length > 0 && label.length <= 63 && DOMAIN_LABEL.test(label),
  );
}

/** An email address. */
export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .refine(isEmailAddress, { message: 'not an email address' });

/** A phone number: digits with optional `+`, spaces, dots, dashes and parentheses. */
export const PhoneSchema = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^\+?[0-9 ().-]+$/, { message: 'not a phone number' });

/** An http(s) URL, such as a profile page. */
export const WebUrlSchema = z
  .string()
  .trim()
  .max(2_000)
  .refine(
    (text) => {
      if (!URL.canParse(text)) return false;
      const { protocol } = new URL(text);
      return protocol === 'http:' || protocol === 'https:';
    },
    { message: 'not an http(s) URL' },
  );

/** A tag a seeker puts on contacts (`fintech`, `alumni-2019`). */
export const TagSchema = z
  .string()
  .trim()
  .min(1)
  .max(60);

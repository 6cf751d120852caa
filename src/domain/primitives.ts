import * as z from 'zod';
import { isTimeZone } from './zone.js';

/** Longest single-line text field (names, roles, titles). */
export const SHORT_TEXT_MAX = 200;
/** Longest free-text field (notes, research). */
export const LONG_TEXT_MAX = 20_000;
/** Most entries in any list held by one record. */
export const LIST_MAX = 200;

// CR, LF, NEL and the Unicode line and paragraph separators: anything a reader shows as a new line.
const LINE_BREAKS = /[\r\n\u0085\u2028\u2029]+/g;

/**
 * A single-line, trimmed text of 1 to {@link SHORT_TEXT_MAX} characters. Line breaks
 * become one space each run (`"Lena\r\nOrtiz"` is `"Lena Ortiz"`), so a name never
 * splits a line in a table, a calendar or a message.
 */
export const ShortTextSchema = z
  .string()
  .overwrite((text) => text.replace(LINE_BREAKS, ' '))
  .trim()
  .min(1)
  .max(SHORT_TEXT_MAX);
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

/** Whether a name is an IANA time zone this runtime knows; kept beside the zone math, which needs no schema library. */
export { isTimeZone };

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

// C0 controls (CR, LF, TAB, …) and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** An http(s) URL, such as a profile page. */
export const WebUrlSchema = z
  .string()
  .trim()
  .max(2_000)
  .refine(
    (text) => {
      // The URL parser quietly drops tabs and line breaks; a link with them is not one a person wrote.
      if (CONTROL_CHARACTERS.test(text) || !URL.canParse(text)) return false;
      const { protocol } = new URL(text);
      return protocol === 'http:' || protocol === 'https:';
    },
    { message: 'not an http(s) URL' },
  );

/** A tag a seeker puts on contacts (`fintech`, `alumni-2019`). */
export const TagSchema = z
  .string()
  .overwrite((text) => text.replace(LINE_BREAKS, ' '))
  .trim()
  .min(1)
  .max(60);

// From what a format holds to a contact draft: the one place that decides, value by
// value, what is kept, what is left out and why. Each reader maps its columns or
// properties to a RawContact; this file applies the record schemas' own rules.
import { TieKindSchema, type TieKind } from '../domain/contact.js';
import type { ContactDraft } from '../domain/contactDraft.js';
import { EmailSchema, LongTextSchema, PhoneSchema, ShortTextSchema, TagSchema, WebUrlSchema } from '../domain/primitives.js';
import { validate } from '../domain/validate.js';
import * as z from 'zod';

/** Options every reader takes. */
export interface ReadOptions {
  /** How the seeker knows these people; `other` unless given. */
  readonly tie?: TieKind;
  /** Tags put on every contact read (say `linkedin`). */
  readonly tags?: readonly string[];
  /** Largest file to read, in bytes (characters for a string); 32 MiB unless given. */
  readonly maxBytes?: number;
}

/** A row (or card) that was not read, and why. */
export interface SkippedRow {
  /** The data row (1 = the first row after the header) or the card number. */
  readonly row: number;
  /** The line of the file it starts on. */
  readonly line: number;
  readonly reason: string;
}

/** A value left out of a contact that was read, and why. */
export interface DroppedValue {
  readonly row: number;
  readonly line: number;
  /** The column or property it was in (`Email Address`, `TEL`). */
  readonly field: string;
  /** The value as found (at most 200 characters of it). */
  readonly value: string;
  readonly reason: string;
}

/** What a reader found: the contacts, and a complete account of what it left out. */
export interface ReadResult {
  readonly contacts: ContactDraft[];
  readonly skipped: SkippedRow[];
  readonly dropped: DroppedValue[];
}

/** One value with the column or property it came from. */
export interface RawValue {
  readonly field: string;
  readonly value: string;
}

/** One contact as a format holds it, before any value is checked. */
export interface RawContact {
  /** The name as the format gives it ('' when it has none). */
  readonly name: string;
  readonly emails: readonly RawValue[];
  readonly phones: readonly RawValue[];
  /** Web addresses; the first LinkedIn profile, or else the first of them, becomes the profile URL. */
  readonly urls: readonly RawValue[];
  readonly role?: RawValue | undefined;
  readonly organization?: RawValue | undefined;
  readonly notes?: RawValue | undefined;
  readonly tags: readonly RawValue[];
  readonly connectedOn?: RawValue | undefined;
}

// C0 controls but tab and line feed, DEL and C1 controls: never part of a name or a note.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` without control characters (tabs and line feeds kept, for notes). */
export const withoutControls = (text: string) => text.replace(CONTROL, '');
/** `text` on one line: control characters removed, tabs and line breaks as spaces, trimmed. */
const oneLine = (text: string) => withoutControls(text).replace(/[\t\n]/g, ' ').trim();

const MAX_REPORTED = 200;
const shown = (value: string) => (value.length > MAX_REPORTED ? `${value.slice(0, MAX_REPORTED)}…` : value);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const LINKEDIN_DATE = /^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A "Connected On" day as `YYYY-MM-DD`: LinkedIn writes `15 Mar 2024`; an ISO date
 * (`2024-03-15`) is read too. Anything else (`3/15/2024` could be either order) is
 * `undefined`: never guessed.
 */
export function readConnectedOn(text: string): string | undefined {
  let year: number;
  let month: number;
  let day: number;
  const linkedIn = LINKEDIN_DATE.exec(text);
  const iso = ISO_DATE.exec(text);
  if (linkedIn) {
    day = Number(linkedIn[1]);
    month = MONTHS.indexOf(linkedIn[2]!.toLowerCase()) + 1;
    year = Number(linkedIn[3]);
  } else if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const isLinkedIn = (url: string) => {
  const host = new URL(url).hostname.toLowerCase();
  return host === 'linkedin.com' || host.endsWith('.linkedin.com');
};

const ReadOptionsSchema = z.object({
  tie: TieKindSchema.optional(),
  tags: z.array(TagSchema).max(50).optional(),
  maxBytes: z.number().positive().optional(),
});

/** A reader's options, checked: `ValidationError` for a tie kind or tag that is not one. */
export function readOptions(options: unknown): { tie: TieKind; tags: string[]; maxBytes: number | undefined } {
  const parsed = validate(ReadOptionsSchema, options ?? {}, 'read options');
  return { tie: parsed.tie ?? 'other', tags: parsed.tags ?? [], maxBytes: parsed.maxBytes };
}

/** Collects what a reader finds, row by row. */
export class ReadReport {
  readonly contacts: ContactDraft[] = [];
  readonly skipped: SkippedRow[] = [];
  readonly dropped: DroppedValue[] = [];

  constructor(private readonly options: { readonly tie: TieKind; readonly tags: readonly string[] }) {}

  /** The result so far. */
  result(): ReadResult {
    return { contacts: this.contacts, skipped: this.skipped, dropped: this.dropped };
  }

  /** Passes over a row, saying why. */
  skip(row: number, line: number, reason: string): void {
    this.skipped.push({ row, line, reason });
  }

  /** Checks every value of `raw` and keeps the contact (true), or skips it when it has no usable name (false). */
  add(raw: RawContact, row: number, line: number): boolean {
    const name = ShortTextSchema.safeParse(oneLine(raw.name));
    if (!name.success) {
      this.skip(row, line, oneLine(raw.name) === '' ? 'no name: a contact needs one' : 'the name is longer than 200 characters');
      return false;
    }
    const drop = (value: RawValue, reason: string) => this.drop(row, line, value, reason);

    const list = <T>(values: readonly RawValue[], max: number, noun: { one: string; many: string }, check: (text: string) => T | undefined, key: (value: T) => string, prepare = oneLine) => {
      const kept: T[] = [];
      const seen = new Set<string>();
      for (const raw of values) {
        const text = prepare(raw.value);
        if (text === '') continue;
        const value = check(text);
        if (value === undefined) drop(raw, `not ${noun.one}`);
        else if (seen.has(key(value))) continue;
        else if (kept.length >= max) drop(raw, `a contact keeps at most ${max} ${noun.many}`);
        else {
          seen.add(key(value));
          kept.push(value);
        }
      }
      return kept;
    };
    const parsed = <S extends z.ZodType<string>>(schema: S) => (text: string) => {
      const result = schema.safeParse(text);
      return result.success ? (result.data as string) : undefined;
    };

    const emails = list(raw.emails, 10, { one: 'an e-mail address', many: 'e-mail addresses' }, parsed(EmailSchema), (email) => email.toLowerCase());
    const phones = list(raw.phones, 10, { one: 'a phone number', many: 'phone numbers' }, parsed(PhoneSchema), (phone) => phone.replace(/\D/g, ''), (text) => oneLine(text).replace(/^tel:/i, ''));
    const urls = list(raw.urls, Number.MAX_SAFE_INTEGER, { one: 'an http(s) URL', many: 'URLs' }, parsed(WebUrlSchema), (url) => url);
    const profileUrl = urls.find(isLinkedIn) ?? urls[0];
    const tags = list([...raw.tags, ...this.options.tags.map((tag) => ({ field: 'options.tags', value: tag }))], 50, { one: 'a tag of at most 60 characters', many: 'tags' }, parsed(TagSchema), (tag) => tag.toLowerCase());

    const single = (value: RawValue | undefined, noun: string) => {
      if (value === undefined) return undefined;
      const text = oneLine(value.value);
      if (text === '') return undefined;
      const result = ShortTextSchema.safeParse(text);
      if (result.success) return result.data;
      drop(value, `${noun} is longer than 200 characters`);
      return undefined;
    };
    const role = single(raw.role, 'the role');
    const organizationName = single(raw.organization, 'the organization');

    let researchNotes = '';
    if (raw.notes !== undefined) {
      const text = withoutControls(raw.notes.value).trim();
      if (LongTextSchema.safeParse(text).success) researchNotes = text;
      else drop(raw.notes, 'notes longer than 20,000 characters');
    }
    let connectedOn: string | undefined;
    if (raw.connectedOn !== undefined && raw.connectedOn.value.trim() !== '') {
      connectedOn = readConnectedOn(raw.connectedOn.value.trim());
      if (connectedOn === undefined) drop(raw.connectedOn, 'not a date like "15 Mar 2024" (or 2024-03-15); left out rather than guessed');
    }

    this.contacts.push({
      name: name.data,
      emails,
      phones,
      ...(profileUrl === undefined ? {} : { profileUrl }),
      ...(role === undefined ? {} : { role }),
      ...(organizationName === undefined ? {} : { organizationName }),
      tie: this.options.tie,
      researchNotes,
      tags,
      ...(connectedOn === undefined ? {} : { connectedOn }),
      row,
    });
    return true;
  }

  /** Reports a value left out of the contact of `row`. */
  drop(row: number, line: number, value: RawValue, reason: string): void {
    this.dropped.push({ row, line, field: value.field, value: shown(value.value), reason });
  }
}

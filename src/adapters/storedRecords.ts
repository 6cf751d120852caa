// A fast path for reading back stored records (a JSON snapshot's, a PostgreSQL row's).
// Per record kind, a plain check of what its zod schema accepts, giving what the schema
// returns: the same keys in the same order, defaults, trimmed and single-line text,
// `Date`s. Zod stays the judge: what this path is not sure of (any invalid value, and
// valid forms our stores never write) goes to the schema, which words every error. A
// full schema pass costs about twice the JSON parse and builds a second copy of every
// record; this path converts the parsed JSON in place, and only into values the schema
// reads the same way, so when zod takes over it sees what it would have seen.
import { TieKindSchema } from '../domain/contact.js';
import { CheckInChannelSchema, CheckInKindSchema, ThankYouChannelSchema } from '../domain/followUp.js';
import { MeetingFormatSchema, MeetingStatusSchema, PreparationQuestionSchema } from '../domain/meeting.js';
import { AttemptResultSchema, ChannelSchema, ReplySchema } from '../domain/outreach.js';
import type { RecordKind, RecordTypes } from '../domain/ports.js';
import { InstantSchema, LIST_MAX, LONG_TEXT_MAX, SHORT_TEXT_MAX, WebUrlSchema, isEmailAddress } from '../domain/primitives.js';
import { OutcomeKindSchema, ReferralKindSchema, ReferralStatusSchema } from '../domain/referral.js';

/** What a reader returns for a value it leaves to the schema. */
const UNSURE = Symbol('unsure');
type Read = (value: unknown) => unknown;
/** A schema key, its reader, and what its absence means: required (no third entry), optional, or a default. */
type Field = readonly [key: string, read: Read, missing?: 'optional' | (() => unknown)];

// As in src/domain (the property test in test/adapters/storedRecords.test.ts holds them equal).
const LINE_BREAKS = /[\r\n\u0085\u2028\u2029]+/g;
const ID = /^[A-Za-z0-9_-]+$/;
const PHONE = /^\+?[0-9 ().-]+$/;

/** An object as JSON.parse makes it (arrays and class instances go to the schema). */
const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

const id: Read = (value) => (typeof value === 'string' && value.length <= 128 && ID.test(value) ? value : UNSURE);
const text =
  (max: number): Read =>
  (value) =>
    typeof value === 'string' && value.length <= max ? value : UNSURE;
/** Trimmed single-line text; a raw text longer than `max` goes to the schema (trimming may bring it under). */
const line =
  (max: number): Read =>
  (value) => {
    if (typeof value !== 'string' || value.length > max) return UNSURE;
    const single = value.replace(LINE_BREAKS, ' ').trim();
    return single.length > 0 ? single : UNSURE;
  };
const email: Read = (value) => {
  if (typeof value !== 'string' || value.length > 254) return UNSURE;
  const address = value.trim();
  return isEmailAddress(address) ? address : UNSURE;
};
const phone: Read = (value) => {
  if (typeof value !== 'string' || value.length > 40) return UNSURE;
  const number = value.trim();
  return number.length >= 3 && PHONE.test(number) ? number : UNSURE;
};
/** Rare in a record, so the schema itself checks it (the raw text within every limit). */
const bySchema =
  (schema: typeof WebUrlSchema | typeof InstantSchema, max: number): Read =>
  (value) => {
    if (typeof value !== 'string' || value.length > max) return UNSURE;
    const result = schema.safeParse(value);
    return result.success ? result.data : UNSURE;
  };
const url = bySchema(WebUrlSchema, 2_000);
const otherInstant = bySchema(InstantSchema, LONG_TEXT_MAX);

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}
/** `YYYY-MM-DDTHH:MM:SS.sssZ` naming a real day and time, as `Date#toISOString` writes it. */
function isIsoUtc(text: string): boolean {
  if (text.length !== 24 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':' || text[19] !== '.' || text[23] !== 'Z') {
    return false;
  }
  const century = twoDigits(text, 0);
  const year = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (century < 0 || year < 0 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month]!) return false;
  if (month === 2 && day === 29 && (year === 0 ? century % 4 !== 0 : year % 4 !== 0)) return false;
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const last = text.charCodeAt(22) - 48;
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && twoDigits(text, 20) >= 0 && last >= 0 && last <= 9;
}
// Years 0000 to 9999 only, so every such date is within the schema's range.
const instant: Read = (value) => (typeof value === 'string' && isIsoUtc(value) ? new Date(value) : otherInstant(value));

const oneOf = (values: readonly string[]): Read => {
  const set = new Set<unknown>(values);
  return (value) => (set.has(value) ? value : UNSURE);
};
const boolean: Read = (value) => (typeof value === 'boolean' ? value : UNSURE);
const minutes: Read = (value) => (typeof value === 'number' && Number.isInteger(value) && value >= 5 && value <= 600 ? value : UNSURE);

// Every empty list a snapshot holds is this one (the store freezes what it holds anyway):
// a large store has hundreds of thousands of them.
const EMPTY: readonly never[] = Object.freeze([]);

/** A list, its entries converted in place. */
const list =
  (read: Read, max: number, min = 0): Read =>
  (value) => {
    if (!Array.isArray(value) || value.length > max || value.length < min) return UNSURE;
    if (value.length === 0) return EMPTY;
    for (let index = 0; index < value.length; index++) {
      const entry: unknown = value[index];
      const parsed = read(entry);
      if (parsed === UNSURE) return UNSURE;
      if (parsed !== entry) value[index] = parsed;
    }
    return value;
  };

const QUESTIONS = new Set<string>(PreparationQuestionSchema.options);
const longText = text(LONG_TEXT_MAX);
const answers: Read = (value) => {
  if (!isPlain(value)) return UNSURE;
  for (const key in value) if (!QUESTIONS.has(key) || longText(value[key]) === UNSURE) return UNSURE;
  return value;
};

/**
 * A strict object. Kept in place when its keys are the schema's in the schema's order
 * with no default to fill in (as the store writes records); otherwise a new object with
 * the keys in the schema's order, as zod builds it.
 */
function object(fields: readonly Field[]): Read {
  const keys = fields.map(([key]) => key);
  const known = new Set(keys);
  return (value) => {
    if (!isPlain(value)) return UNSURE;
    let count = 0;
    let next = 0;
    let inOrder = true;
    for (const key in value) {
      count++;
      if (inOrder) {
        while (next < keys.length && keys[next] !== key) next++;
        if (next++ < keys.length) continue;
        inOrder = false;
      }
      if (!known.has(key)) return UNSURE;
    }
    let fresh = !inOrder;
    let defined = 0;
    for (const [key, read, missing] of fields) {
      const entry = value[key];
      if (entry === undefined) {
        if (missing === undefined) return UNSURE;
        if (missing !== 'optional') fresh = true;
        continue;
      }
      defined++;
      const parsed = read(entry);
      if (parsed === UNSURE) return UNSURE;
      if (parsed !== entry) value[key] = parsed;
    }
    // A key holding `undefined` (never in JSON) is left to the schema.
    if (defined !== count) return UNSURE;
    if (!fresh) return value;
    const built: Record<string, unknown> = {};
    for (const [key, , missing] of fields) {
      const entry = value[key];
      if (entry !== undefined) built[key] = entry;
      else if (typeof missing === 'function') built[key] = missing();
    }
    return built;
  };
}

const required = (key: string, read: Read): Field => [key, read];
const optional = (key: string, read: Read): Field => [key, read, 'optional'];
const orElse = (key: string, read: Read, fallback: () => unknown): Field => [key, read, fallback];
const none = () => EMPTY;
const blank = () => '';

const shortText = line(SHORT_TEXT_MAX);
const ATTEMPT: readonly Field[] = [
  required('channel', oneOf(ChannelSchema.options)),
  required('at', instant),
  orElse('result', oneOf(AttemptResultSchema.options), () => 'sent'),
  optional('note', longText),
];
const REPLY: readonly Field[] = [
  required('at', instant),
  required('channel', oneOf(ChannelSchema.options)),
  required('answer', oneOf(ReplySchema.shape.answer.options)),
  optional('note', longText),
];
const PREPARATION: readonly Field[] = [
  orElse('answers', answers, () => ({})),
  orElse('research', longText, blank),
  orElse('questionsToAsk', list(shortText, 50), none),
];
/** The fields of the objects records hold, for the test that holds them to their schemas. */
export const NESTED_FIELDS = { attempt: ATTEMPT, reply: REPLY, preparation: PREPARATION };

/** The fields of each record kind, in its schema's order. */
export const STORED_FIELDS: { readonly [K in RecordKind]: readonly Field[] } = {
  contact: [
    required('id', id),
    required('name', shortText),
    orElse('emails', list(email, 10), none),
    orElse('phones', list(phone, 10), none),
    optional('profileUrl', url),
    optional('organizationId', id),
    optional('role', shortText),
    required('tie', oneOf(TieKindSchema.options)),
    optional('introducedBy', id),
    optional('introducedAt', instant),
    orElse('mutualContacts', list(id, LIST_MAX), none),
    orElse('researchNotes', longText, blank),
    orElse('tags', list(line(60), 50), none),
    orElse('keepInTouch', boolean, () => true),
    optional('checkInSnoozedUntil', instant),
    required('createdAt', instant),
  ],
  organization: [
    required('id', id),
    required('name', shortText),
    optional('website', url),
    orElse('standsFor', longText, blank),
    orElse('whyInterested', longText, blank),
    required('createdAt', instant),
  ],
  outreach: [
    required('id', id),
    required('contactId', id),
    required('startedAt', instant),
    orElse('attempts', list(object(ATTEMPT), LIST_MAX), none),
    optional('reply', object(REPLY)),
    optional('withdrawnAt', instant),
  ],
  meeting: [
    required('id', id),
    required('contactId', id),
    optional('outreachId', id),
    orElse('status', oneOf(MeetingStatusSchema.options), () => 'scheduled'),
    required('startAt', instant),
    orElse('minutes', minutes, () => 20),
    orElse('format', oneOf(MeetingFormatSchema.options), () => 'coffee'),
    orElse('previousStarts', list(instant, LIST_MAX), none),
    orElse('preparation', object(PREPARATION), () => ({ answers: {}, research: '', questionsToAsk: [] })),
    orElse('notes', list(longText, LIST_MAX), none),
    orElse('nextSteps', list(shortText, LIST_MAX), none),
  ],
  thankYou: [
    required('id', id),
    required('meetingId', id),
    required('contactId', id),
    required('sentAt', instant),
    orElse('channel', oneOf(ThankYouChannelSchema.options), () => 'email'),
    orElse('referencedNotes', list(longText, LIST_MAX), none),
    orElse('askedForIntroduction', boolean, () => false),
  ],
  checkIn: [
    required('id', id),
    required('contactId', id),
    required('at', instant),
    orElse('channel', oneOf(CheckInChannelSchema.options), () => 'email'),
    orElse('kind', oneOf(CheckInKindSchema.options), () => 'update'),
    optional('note', longText),
  ],
  referral: [
    required('id', id),
    required('introducerId', id),
    required('kind', oneOf(ReferralKindSchema.options)),
    optional('contactId', id),
    optional('organizationId', id),
    optional('meetingId', id),
    orElse('status', oneOf(ReferralStatusSchema.options), () => 'offered'),
    required('offeredAt', instant),
    optional('doneAt', instant),
    optional('note', longText),
  ],
  outcome: [
    required('id', id),
    required('kind', oneOf(OutcomeKindSchema.options)),
    optional('organizationId', id),
    required('contactIds', list(id, LIST_MAX, 1)),
    required('at', instant),
    optional('note', longText),
  ],
};

const READERS = Object.fromEntries(Object.entries(STORED_FIELDS).map(([kind, fields]) => [kind, object(fields)])) as {
  readonly [K in RecordKind]: Read;
};

/**
 * The record `json` (a value JSON.parse returned) holds, exactly as `RECORD_SCHEMAS[kind]`
 * would parse it, or `undefined` when the schema must decide. May convert parts of
 * `json` in place, into values the schema reads the same way.
 */
export function readStoredRecord<K extends RecordKind>(kind: K, json: unknown): RecordTypes[K] | undefined {
  const record = READERS[kind](json);
  return record === UNSURE ? undefined : (record as RecordTypes[K]);
}

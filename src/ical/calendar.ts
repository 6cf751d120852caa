// The agenda as an iCalendar document (RFC 5545), one VEVENT per action.
//
// Design choices, each for a reason a reviewer can check:
// - Day actions (every kind but the thank-you, unless `allDay` says otherwise) are
//   all-day events on their local date in the workspace's zone
//   (`DTSTART;VALUE=DATE:20250310`): outreach attempts, preparation, check-ins and the
//   like are due on a day, and a 00:00 event would ring at midnight. The date is
//   computed here from the zone; ical-generator only formats it (a plain `Date` at UTC
//   midnight of that date, which it writes with UTC getters: no process `TZ` involved).
// - Timed events are UTC instants (`DTSTART:20250310T140000Z`): the same instant to
//   every client and in every process `TZ`; no TZID, so no VTIMEZONE to generate
//   (ical-generator has no zone database) and no chance of the library's known trap of
//   writing a plain `Date` in the process's local time under a TZID. The workspace's
//   zone is written as the `X-WR-TIMEZONE` hint, and local times in that zone appear in
//   the DESCRIPTION.
// - A day event's reminder is an absolute UTC trigger (`TRIGGER;VALUE=DATE-TIME:…Z`)
//   at a local time in the workspace's zone (09:00 unless told). A relative trigger on
//   a DATE start counts from a floating midnight that each client places in its own
//   zone (some servers in UTC), and `PT9H` is exact hours, so 10:00 on a day the clocks
//   go forward; an absolute trigger rings at the same instant everywhere.
// - UID = `<action id>@<uidDomain>`: agenda ids are stable, so exporting the same
//   situation again updates the events a calendar holds instead of adding copies.
// - DTSTAMP is `options.stamp`, from a clock; nothing here reads the machine's time, so
//   the same input gives byte-identical output.
// - ical-generator escapes SUMMARY and DESCRIPTION but writes NAME, X-WR-CALNAME,
//   PRODID and UID verbatim: this module escapes the first three itself and only lets
//   ids of `[A-Za-z0-9_.-]` into UIDs, so no user text can start a line of its own.
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventTransparency, type ICalAlarmData } from 'ical-generator';
import type { Contact } from '../domain/contact.js';
import { MAX_ISSUES, ValidationError, type FieldIssue } from '../domain/errors.js';
import type { Network } from '../domain/network.js';
import { isTimeZone } from '../domain/primitives.js';
import type { AgendaWindowInput, SeekerPlaybook } from '../playbook/index.js';
import { agenda, type AgendaAction, type AgendaActionKind, type AgendaOptions } from '../rules/agenda.js';
import { fromWallClock, toWallClock } from '../domain/zone.js';

/** Rings this many minutes before the event starts: a timed event's due time, a day event's local midnight. */
export interface MinutesBeforeReminder {
  readonly minutesBefore: number;
}

/**
 * Rings at a local time in the workspace's zone on the event's local date, or
 * `daysBefore` days earlier: `{}` rings at `reminderTime` on the day,
 * `{ at: '17:00', daysBefore: 1 }` at 17:00 the day before.
 */
export interface TimeOfDayReminder {
  /** `HH:mm`, 24-hour; the calendar's `reminderTime` unless given. */
  readonly at?: string;
  /** Whole days before the event's local date; 0 unless given. */
  readonly daysBefore?: number;
}

/** A reminder (VALARM) on an event, or none (`false`). */
export type Reminder = MinutesBeforeReminder | TimeOfDayReminder | false;

/** Reminders by kind of action; a kind left out keeps its default. */
export type ReminderOptions = Partial<Record<AgendaActionKind, Reminder>>;

/** Which kinds are all-day events; a kind left out keeps its default. */
export type AllDayOptions = Partial<Record<AgendaActionKind, boolean>>;

/**
 * Which kinds are all-day events on the local date of their `dueAt`: every kind but the
 * thank-you. Those actions are due on a day (most at local midnight; a check-in or a
 * referral follow-up at the time of day of the touch it counts from, which means
 * nothing to the seeker). A thank-you is due within 24 hours of a meeting's end, a real
 * time, so it stays a timed event at its deadline.
 */
export const DEFAULT_ALL_DAY: Readonly<Record<AgendaActionKind, boolean>> = Object.freeze({
  'outreach.attempt': true,
  'outreach.ask-introduction': true,
  'outreach.second-contact': true,
  'outreach.move-on': true,
  'meeting.prepare': true,
  'thank-you.send': false,
  'check-in.send': true,
  'referral.follow-up': true,
});

/** The local time (`HH:mm`, the workspace's zone) at which a day action's reminder rings unless told. */
export const DEFAULT_REMINDER_TIME = '09:00';

/**
 * Default reminder for each kind of action: a day action at `reminderTime` (09:00) in
 * the workspace's zone on its day, never at midnight (preparation is due the day
 * before the meeting, so that is the morning before); a thank-you two hours before its
 * 24-hour deadline.
 */
export const DEFAULT_REMINDERS: Readonly<Record<AgendaActionKind, Reminder>> = Object.freeze({
  'outreach.attempt': { daysBefore: 0 },
  'outreach.ask-introduction': { daysBefore: 0 },
  'outreach.second-contact': { daysBefore: 0 },
  'outreach.move-on': { daysBefore: 0 },
  'meeting.prepare': { daysBefore: 0 },
  'thank-you.send': { minutesBefore: 2 * 60 },
  'check-in.send': { daysBefore: 0 },
  'referral.follow-up': { daysBefore: 0 },
});

/** The kinds of agenda action, in a fixed order. */
const KINDS = Object.keys(DEFAULT_REMINDERS) as AgendaActionKind[];

/** Length of each timed event unless `durationMinutes` says otherwise. */
export const DEFAULT_EVENT_MINUTES = 30;

/** The PRODID of a calendar: `-//company//product//LANGUAGE`. */
export interface ProductId {
  readonly company: string;
  readonly product: string;
  /** Defaults to `EN`. */
  readonly language?: string;
}

/** Options of {@link toICalendar}. */
export interface ICalendarOptions {
  /** The workspace's IANA zone: the dates of all-day events, when reminders ring, local times in descriptions, the `X-WR-TIMEZONE` hint. */
  readonly timeZone: string;
  /** DTSTAMP of every event: take it from a clock (`clock.now()`), never the machine's time. */
  readonly stamp: Date;
  /** Contacts to say how to reach each person (emails, phones, profile URL) in the DESCRIPTION. */
  readonly contacts?: readonly Contact[];
  /** Calendar name (`NAME` and `X-WR-CALNAME`). */
  readonly name?: string;
  /** PRODID; `-//reachout//reachout//EN` unless given. */
  readonly prodId?: ProductId;
  /** Reminders by kind; see {@link DEFAULT_REMINDERS}. */
  readonly reminders?: ReminderOptions;
  /** When a time-of-day reminder without `at` rings (`HH:mm` in `timeZone`); {@link DEFAULT_REMINDER_TIME} unless given. */
  readonly reminderTime?: string;
  /** Which kinds are all-day events; see {@link DEFAULT_ALL_DAY}. */
  readonly allDay?: AllDayOptions;
  /** Right-hand side of every UID (`<action id>@<uidDomain>`); `reachout` unless given. */
  readonly uidDomain?: string;
  /**
   * What to say for an action, whose first lines go at the end of its DESCRIPTION (the
   * subject, then up to {@link DRAFT_PREVIEW_LINES} lines of the body); nothing for an
   * action it returns `undefined` for. Off unless given:
   * `drafts: (action) => draftMessage(action, network)`.
   */
  readonly drafts?: (action: AgendaAction) => DraftText | string | undefined;
  /**
   * Length of every timed event in minutes (default {@link DEFAULT_EVENT_MINUTES}); an
   * all-day event lasts its one day. Every timed event, a thank-you deadline included,
   * starts at the action's `dueAt`: DTSTART always means "due", the same for every
   * kind, and the reminder gives the lead time before a deadline. A deadline drawn as
   * an event ending at `dueAt` would put the start at a time no rule produced.
   */
  readonly durationMinutes?: number;
}

const UID_DOMAIN = /^[A-Za-z0-9.-]{1,253}$/;
const ACTION_ID = /^[A-Za-z0-9_.-]{1,512}$/;
const MAX_REMINDER_MINUTES = 366 * 24 * 60;
const MAX_EVENT_MINUTES = 7 * 24 * 60;
const FIRST_INSTANT = new Date('0000-01-01T00:00:00.000Z').getTime();
const LAST_INSTANT = new Date('9999-12-31T23:59:59.999Z').getTime();

// CR and CRLF are line breaks like LF; C0 controls other than TAB and LF, and DEL, are
// not allowed in an iCalendar TEXT value (RFC 5545 §3.3.11); a lone surrogate has no
// UTF-8 form.
const LINE_BREAK = /\r\n?/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * What a text becomes in the calendar, and what a parser gives back: line breaks as LF,
 * control characters other than TAB dropped, lone surrogates as U+FFFD; the rest unchanged.
 */
export function calendarText(text: string): string {
  return text.replace(LINE_BREAK, '\n').replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** A text as an escaped iCalendar TEXT value (for the properties ical-generator writes verbatim). */
function escapeText(text: string): string {
  return calendarText(text).replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const two = (n: number) => String(n).padStart(2, '0');

/** `Mon 2025-03-10 09:00 (America/New_York)`: an instant as a wall time in `timeZone`. */
function localTime(instant: Date, timeZone: string): string {
  const wall = toWallClock(instant, timeZone);
  const date = `${String(wall.getUTCFullYear()).padStart(4, '0')}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`;
  return `${WEEKDAYS[wall.getUTCDay()]} ${date} ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())} (${timeZone})`;
}

/** A person's name, role and ways to reach them, one per line. */
function personLines(heading: string, contact: Contact): string[] {
  const lines = [`${heading}: ${contact.name}${contact.role ? ` (${contact.role})` : ''}`];
  if (contact.emails.length > 0) lines.push(`Email: ${contact.emails.join(', ')}`);
  if (contact.phones.length > 0) lines.push(`Phone: ${contact.phones.join(', ')}`);
  if (contact.profileUrl) lines.push(`Profile: ${contact.profileUrl}`);
  return lines;
}

/** A message draft as the calendar shows it (a `MessageDraft` from `draftMessage` is one). */
export interface DraftText {
  readonly subject?: string;
  readonly body: string;
}

/** How many lines of a draft's body an event's DESCRIPTION shows. */
export const DRAFT_PREVIEW_LINES = 6;
const DRAFT_PREVIEW_CHARS = 2_000;

/** Options of {@link describeAction}. */
export interface DescribeOptions {
  /** The zone the local times are written in. */
  readonly timeZone: string;
  /** Contacts by id, to say how to reach them. */
  readonly contactsById?: ReadonlyMap<string, Contact>;
  /** A draft of what to say, whose first lines end the description. */
  readonly draft?: DraftText | string;
}

/** The subject and the first lines of a draft's body, "…" when there is more. */
function draftLines(draft: DraftText | string): string[] {
  const { subject, body } = typeof draft === 'string' ? { subject: undefined, body: draft } : draft;
  const lines = body.slice(0, DRAFT_PREVIEW_CHARS).split(/\r\n|\r|\n/);
  const shown = lines.slice(0, DRAFT_PREVIEW_LINES);
  const more = lines.length > DRAFT_PREVIEW_LINES || body.length > DRAFT_PREVIEW_CHARS;
  return ['', 'Draft:', ...(subject !== undefined ? [`Subject: ${subject}`] : []), ...shown, ...(more ? ['…'] : [])];
}

/**
 * The DESCRIPTION of an action's event, before {@link calendarText}: why (the rule's
 * reason), when in the workspace's zone, then the person and how to reach them.
 *
 * ```text
 * Why: <reason>
 * Due: Mon 2025-03-10 09:00 (America/New_York)
 * Overdue from: Tue 2025-03-11 00:00 (America/New_York)   (only when later than due)
 *
 * Contact: <name> (<role>)                                 (when the contact is known)
 * Email: <emails, comma-separated>                         (each line only when there is one)
 * Phone: <phones, comma-separated>
 * Profile: <profile URL>
 *
 * Can introduce: <name> (<role>)                           (ask-introduction: each known mutual contact)
 * Email: …
 *
 * Draft:                                                   (only with a draft)
 * Subject: <subject>
 * <the first lines of the body>
 * …
 * ```
 */
export function describeAction(action: AgendaAction, options: DescribeOptions): string {
  const lines = [`Why: ${action.reason}`, `Due: ${localTime(action.dueAt, options.timeZone)}`];
  if (action.overdueAt.getTime() > action.dueAt.getTime()) {
    lines.push(`Overdue from: ${localTime(action.overdueAt, options.timeZone)}`);
  }
  const contact = options.contactsById?.get(action.contactId);
  if (contact) {
    lines.push('', ...personLines('Contact', contact));
    if (action.kind === 'outreach.ask-introduction') {
      // The person to reach for an introduction is the mutual contact, not the target.
      for (const id of contact.mutualContacts) {
        const mutual = options.contactsById?.get(id);
        if (mutual) lines.push('', ...personLines('Can introduce', mutual));
      }
    }
  }
  if (options.draft !== undefined) lines.push(...draftLines(options.draft));
  return lines.join('\n');
}

const DAY_MS = 86_400_000;
const MAX_DAYS_BEFORE = 366;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;
const REMINDER_FIELDS = ['at', 'daysBefore'];

function checkMinutes(value: unknown, max: number, path: string, issues: FieldIssue[]): void {
  if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > max) {
    issues.push({ path, message: `must be a whole number of minutes from 0 to ${max}` });
  }
}

function checkTimeOfDay(value: unknown, path: string, issues: FieldIssue[]): void {
  if (typeof value !== 'string' || !TIME_OF_DAY.test(value)) {
    issues.push({ path, message: 'must be a 24-hour local time "HH:mm" (like "09:00")' });
  }
}

function checkInstant(value: unknown, path: string, issues: FieldIssue[]): void {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (!(time >= FIRST_INSTANT && time <= LAST_INSTANT)) {
    issues.push({ path, message: 'must be a valid Date between the years 0 and 9999' });
  }
}

function checkReminder(reminder: unknown, path: string, issues: FieldIssue[]): void {
  if (reminder === false) return;
  if (typeof reminder !== 'object' || reminder === null || Array.isArray(reminder)) {
    issues.push({ path, message: 'must be { minutesBefore }, { at, daysBefore } or false' });
    return;
  }
  const fields = reminder as Record<string, unknown>;
  if (Object.hasOwn(fields, 'minutesBefore')) {
    checkMinutes(fields['minutesBefore'], MAX_REMINDER_MINUTES, `${path}.minutesBefore`, issues);
    for (const key of Object.keys(fields).filter((key) => key !== 'minutesBefore')) {
      issues.push({ path: `${path}.${key}`, message: 'cannot be combined with minutesBefore' });
    }
    return;
  }
  for (const key of Object.keys(fields).filter((key) => !REMINDER_FIELDS.includes(key))) {
    issues.push({ path: `${path}.${key}`, message: 'not a reminder field (minutesBefore, at, daysBefore)' });
  }
  if (fields['at'] !== undefined) checkTimeOfDay(fields['at'], `${path}.at`, issues);
  const days = fields['daysBefore'];
  if (days !== undefined && (!Number.isSafeInteger(days) || (days as number) < 0 || (days as number) > MAX_DAYS_BEFORE)) {
    issues.push({ path: `${path}.daysBefore`, message: `must be a whole number of days from 0 to ${MAX_DAYS_BEFORE}` });
  }
}

/** Every problem with the options and actions, with field paths. */
/** Longest title and reason an action may carry into a calendar; the agenda's own are far shorter. */
export const MAX_ACTION_TEXT = { title: 1_000, reason: 5_000 } as const;
/** Most actions one calendar holds. */
export const MAX_ACTIONS = 1_000_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks one action's shape: what `toICalendar` reads from it, within bounds. */
function actionProblems(action: unknown, at: string, issues: FieldIssue[]): void {
  if (!isRecord(action)) {
    issues.push({ path: at, message: 'not an agenda action' });
    return;
  }
  if (!KINDS.includes(action.kind as AgendaActionKind)) issues.push({ path: `${at}.kind`, message: 'not a kind of agenda action' });
  for (const field of ['title', 'reason'] as const) {
    const text = action[field];
    if (typeof text !== 'string') issues.push({ path: `${at}.${field}`, message: 'not a text' });
    else if (text.length > MAX_ACTION_TEXT[field]) issues.push({ path: `${at}.${field}`, message: `longer than ${MAX_ACTION_TEXT[field]} characters` });
  }
  if (typeof action.contactId !== 'string' || action.contactId.length > 128) issues.push({ path: `${at}.contactId`, message: 'not an id' });
  if (typeof action.overdue !== 'boolean') issues.push({ path: `${at}.overdue`, message: 'must be true or false' });
}

function problems(actions: readonly AgendaAction[], options: ICalendarOptions): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!Array.isArray(actions)) return [{ path: 'actions', message: 'not a list of agenda actions' }];
  if (actions.length > MAX_ACTIONS) return [{ path: 'actions', message: `more than ${MAX_ACTIONS} actions` }];
  if (!isRecord(options)) return [{ path: 'options', message: 'not an options object' }];
  if (options.contacts !== undefined && !Array.isArray(options.contacts)) issues.push({ path: 'contacts', message: 'not a list of contacts' });
  if (typeof options.timeZone !== 'string' || !isTimeZone(options.timeZone)) {
    issues.push({ path: 'timeZone', message: 'not an IANA time zone (like "Europe/Berlin")' });
  }
  checkInstant(options.stamp, 'stamp', issues);
  if (options.uidDomain !== undefined && !UID_DOMAIN.test(options.uidDomain)) {
    issues.push({ path: 'uidDomain', message: 'use only letters, digits, "." and "-"' });
  }
  if (options.durationMinutes !== undefined) {
    checkMinutes(options.durationMinutes, MAX_EVENT_MINUTES, 'durationMinutes', issues);
    if (options.durationMinutes === 0) issues.push({ path: 'durationMinutes', message: 'must be at least 1' });
  }
  if (options.reminderTime !== undefined) checkTimeOfDay(options.reminderTime, 'reminderTime', issues);
  if (options.drafts !== undefined && typeof options.drafts !== 'function') issues.push({ path: 'drafts', message: 'not a function of an action' });
  for (const field of ['reminders', 'allDay'] as const) {
    if (options[field] !== undefined && !isRecord(options[field])) issues.push({ path: field, message: 'not an object of action kinds' });
  }
  for (const [kind, reminder] of Object.entries(isRecord(options.reminders) ? options.reminders : {})) {
    if (!KINDS.includes(kind as AgendaActionKind)) {
      issues.push({ path: `reminders.${kind}`, message: 'not a kind of agenda action' });
    } else {
      checkReminder(reminder, `reminders.${kind}`, issues);
    }
  }
  for (const [kind, allDay] of Object.entries(isRecord(options.allDay) ? options.allDay : {})) {
    if (!KINDS.includes(kind as AgendaActionKind)) {
      issues.push({ path: `allDay.${kind}`, message: 'not a kind of agenda action' });
    } else if (typeof allDay !== 'boolean') {
      issues.push({ path: `allDay.${kind}`, message: 'must be true or false' });
    }
  }
  const seen = new Set<string>();
  actions.forEach((action, index) => {
    if (issues.length >= MAX_ISSUES) return;
    actionProblems(action, `actions[${index}]`, issues);
    if (!isRecord(action)) return;
    if (typeof action.id !== 'string' || !ACTION_ID.test(action.id)) {
      issues.push({ path: `actions[${index}].id`, message: 'use only letters, digits, "_", "." and "-"' });
    } else {
      if (seen.has(action.id)) issues.push({ path: `actions[${index}].id`, message: `"${action.id}" is listed twice` });
      seen.add(action.id);
    }
    checkInstant(action.dueAt, `actions[${index}].dueAt`, issues);
    checkInstant(action.overdueAt, `actions[${index}].overdueAt`, issues);
  });
  return issues;
}

/** Where one action lands in the calendar. */
interface EventTimes {
  readonly allDay: boolean;
  /** A timed event's instants; for an all-day event, UTC midnights of its local date and the next. */
  readonly start: Date;
  readonly end: Date;
  /** Seconds before a timed event's start, or the instant the alarm rings; none if undefined. */
  readonly trigger: number | Date | undefined;
}

/** The calendar's settings, with defaults filled in. */
interface Settings {
  readonly timeZone: string;
  readonly reminders: Readonly<Record<AgendaActionKind, Reminder>>;
  readonly allDay: Readonly<Record<AgendaActionKind, boolean>>;
  readonly reminderTime: string;
  readonly durationMs: number;
}

/** Minutes past midnight of an `HH:mm` that passed {@link checkTimeOfDay}. */
function minutesOfDay(time: string): number {
  const [, hours = '0', minutes = '0'] = TIME_OF_DAY.exec(time) ?? [];
  return Number(hours) * 60 + Number(minutes);
}

/**
 * When an action's event starts and ends and when its alarm rings. The local date is
 * carried as the UTC midnight of that date (the UTC fields of `toWallClock` read local),
 * so no step reads the process's zone.
 */
function eventTimes(action: AgendaAction, settings: Settings): EventTimes {
  const { timeZone } = settings;
  const localDay = Math.floor(toWallClock(action.dueAt, timeZone).getTime() / DAY_MS) * DAY_MS;
  const allDay = settings.allDay[action.kind];
  const start = allDay ? new Date(localDay) : new Date(action.dueAt.getTime());
  const end = allDay ? new Date(localDay + DAY_MS) : new Date(action.dueAt.getTime() + settings.durationMs);
  const reminder = settings.reminders[action.kind];
  let trigger: number | Date | undefined;
  if (reminder === false) {
    trigger = undefined;
  } else if ('minutesBefore' in reminder) {
    trigger = allDay
      ? new Date(fromWallClock(new Date(localDay), timeZone).getTime() - reminder.minutesBefore * 60_000)
      : reminder.minutesBefore * 60;
  } else {
    const wall = localDay - (reminder.daysBefore ?? 0) * DAY_MS + minutesOfDay(reminder.at ?? settings.reminderTime) * 60_000;
    trigger = fromWallClock(new Date(wall), timeZone);
  }
  return { allDay, start, end, trigger };
}

/**
 * The actions as an iCalendar document (CRLF lines, folded at 75 octets), one VEVENT
 * per action in the actions' order; throws `ValidationError` for bad options or actions.
 * Day actions (see {@link DEFAULT_ALL_DAY}) are all-day events on their local date in
 * `timeZone`; the others are timed events at their `dueAt`.
 */
export function toICalendar(actions: readonly AgendaAction[], options: ICalendarOptions): string {
  const issues = problems(actions, options);
  if (issues.length > 0) throw new ValidationError('calendar export', issues);

  const settings: Settings = {
    timeZone: options.timeZone,
    reminders: { ...DEFAULT_REMINDERS, ...options.reminders },
    allDay: { ...DEFAULT_ALL_DAY, ...options.allDay },
    reminderTime: options.reminderTime ?? DEFAULT_REMINDER_TIME,
    durationMs: (options.durationMinutes ?? DEFAULT_EVENT_MINUTES) * 60_000,
  };
  const times = actions.map((action) => eventTimes(action, settings));
  times.forEach((event, index) => {
    // A local date or an alarm days away from an instant in range can leave the years 0 to 9999.
    const instants = [event.start.getTime(), ...(event.trigger instanceof Date ? [event.trigger.getTime()] : [])];
    if (instants.some((time) => !(time >= FIRST_INSTANT && time <= LAST_INSTANT))) {
      issues.push({ path: `actions[${index}].dueAt`, message: 'its local date or reminder falls outside the years 0 to 9999' });
    }
  });
  // Asked once per action, before any event is written: a draft that is no text stops the export.
  const drafts = actions.map((action, index) => {
    const draft: unknown = options.drafts?.(action);
    const text: Record<string, unknown> = isRecord(draft) ? draft : { body: draft };
    if (draft !== undefined && (typeof text['body'] !== 'string' || (text['subject'] !== undefined && typeof text['subject'] !== 'string'))) {
      issues.push({ path: `drafts(actions[${index}])`, message: 'not a text or { subject?, body }' });
    }
    return draft as DraftText | string | undefined;
  });
  if (issues.length > 0) throw new ValidationError('calendar export', issues);

  const uidDomain = options.uidDomain ?? 'reachout';
  const contactsById = new Map((options.contacts ?? []).map((contact) => [contact.id as string, contact]));
  const prodId = options.prodId ?? { company: 'reachout', product: 'reachout' };

  const calendar = ical({
    prodId: {
      company: escapeText(prodId.company),
      product: escapeText(prodId.product),
      ...(prodId.language !== undefined ? { language: escapeText(prodId.language) } : {}),
    },
    method: ICalCalendarMethod.PUBLISH,
    // Not `timezone`: with it, ical-generator writes DTSTAMP and plain `Date`s as local
    // times of the process. The zone is only a hint here; every time is UTC or a date.
    x: [['X-WR-TIMEZONE', options.timeZone]],
  });
  if (options.name !== undefined) calendar.name(escapeText(options.name));

  actions.forEach((action, index) => {
    const { allDay, start, end, trigger } = times[index]!;
    // A number is seconds before the start (relative); a Date is written as a UTC DATE-TIME.
    const alarms: ICalAlarmData[] = trigger === undefined ? [] : [{ type: ICalAlarmType.display, trigger }];
    calendar.createEvent({
      id: `${action.id}@${uidDomain}`,
      stamp: new Date(options.stamp.getTime()),
      allDay,
      start,
      end,
      summary: calendarText(action.title),
      description: calendarText(
        describeAction(action, { timeZone: options.timeZone, contactsById, ...(drafts[index] !== undefined ? { draft: drafts[index] } : {}) }),
      ),
      // A reminder of something to do, not a meeting: it does not make the seeker busy.
      transparency: ICalEventTransparency.TRANSPARENT,
      alarms,
    });
  });
  return calendar.toString();
}

/** What {@link agendaToICalendar} is asked: the agenda's options and the calendar's. */
export type AgendaCalendarOptions = AgendaOptions &
  Omit<ICalendarOptions, 'timeZone' | 'contacts' | 'stamp'> & {
    /** DTSTAMP; `now` unless given. */
    readonly stamp?: Date;
  };

/** Runs {@link agenda} over a network and exports it, with its contacts and time zone. */
export function agendaToICalendar(network: Network, options: AgendaCalendarOptions): string {
  const { now, from, to, policies, includeEarlier, stamp, ...calendar } = options;
  const actions = agenda(network, {
    now,
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(policies !== undefined ? { policies } : {}),
    ...(includeEarlier !== undefined ? { includeEarlier } : {}),
  });
  return toICalendar(actions, {
    name: `reachout: ${network.workspace.name}`,
    ...calendar,
    timeZone: network.workspace.timeZone,
    contacts: network.contacts,
    stamp: stamp ?? now,
  });
}

/** Options of {@link playbookCalendar}. */
export type PlaybookCalendarOptions = Omit<ICalendarOptions, 'timeZone' | 'contacts' | 'stamp'> & {
  /** DTSTAMP; the playbook's clock unless given. */
  readonly stamp?: Date;
};

/**
 * A seeker's agenda for `window` (the next 7 days by default) as iCalendar, with the
 * workspace's zone and contacts, stamped by the playbook's clock.
 */
export async function playbookCalendar(
  seeker: SeekerPlaybook,
  window: AgendaWindowInput = {},
  options: PlaybookCalendarOptions = {},
): Promise<string> {
  const network = await seeker.network();
  const actions = await seeker.agenda(window);
  return toICalendar(actions, {
    name: `reachout: ${network.workspace.name}`,
    ...options,
    stamp: options.stamp ?? seeker.clock.now(),
    timeZone: network.workspace.timeZone,
    contacts: network.contacts,
  });
}

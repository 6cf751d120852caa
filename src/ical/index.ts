// `reachout/ical`: the agenda as an iCalendar feed (RFC 5545), one VEVENT per action.
//
// Design choices, each for a reason a reviewer can check:
// - Times are UTC instants (`DTSTART:20250310T140000Z`). An agenda action is an
//   instant, and a UTC value means the same instant to every client and in every
//   process `TZ`: no TZID, so no VTIMEZONE to generate (ical-generator has no zone
//   database) and no chance of the library's known trap of writing a plain `Date` in
//   the process's local time under a TZID. The workspace's zone is written as the
//   `X-WR-TIMEZONE` hint, and local times in that zone appear in the DESCRIPTION.
// - UID = `<action id>@<uidDomain>`: agenda ids are stable, so exporting the same
//   situation again updates the events a calendar holds instead of adding copies.
// - DTSTAMP is `options.stamp`, from a clock; nothing here reads the machine's time, so
//   the same input gives byte-identical output.
// - ical-generator escapes SUMMARY and DESCRIPTION but writes NAME, X-WR-CALNAME,
//   PRODID and UID verbatim: this module escapes the first three itself and only lets
//   ids of `[A-Za-z0-9_.-]` into UIDs, so no user text can start a line of its own.
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventTransparency, type ICalAlarmData } from 'ical-generator';
import type { Contact } from '../domain/contact.js';
import { ValidationError, type FieldIssue } from '../domain/errors.js';
import type { Network } from '../domain/network.js';
import { isTimeZone } from '../domain/primitives.js';
import type { AgendaWindowInput, SeekerPlaybook } from '../playbook/index.js';
import { agenda, type AgendaAction, type AgendaActionKind, type AgendaOptions } from '../rules/agenda.js';
import { toWallClock } from '../domain/zone.js';

/** A reminder on an event: a display alarm this many minutes before it starts, or none. */
export type Reminder = { readonly minutesBefore: number } | false;

/** Reminders by kind of action; a kind left out keeps its default. */
export type ReminderOptions = Partial<Record<AgendaActionKind, Reminder>>;

/**
 * Default reminder for each kind of action. Every trigger is relative to the event's
 * start, which is the action's `dueAt`:
 * - check-in: a day ahead, to find an article or an update worth sending;
 * - thank-you: two hours before the 24-hour deadline;
 * - preparation: due from midnight of the day before the meeting, so six hours
 *   before that is the evening before (18:00 local, an hour off on a night the clocks change);
 * - everything else: when it is due (a zero trigger).
 */
export const DEFAULT_REMINDERS: Readonly<Record<AgendaActionKind, Reminder>> = Object.freeze({
  'outreach.attempt': { minutesBefore: 0 },
  'outreach.ask-introduction': { minutesBefore: 0 },
  'outreach.second-contact': { minutesBefore: 0 },
  'outreach.move-on': { minutesBefore: 0 },
  'meeting.prepare': { minutesBefore: 6 * 60 },
  'thank-you.send': { minutesBefore: 2 * 60 },
  'check-in.send': { minutesBefore: 24 * 60 },
  'referral.follow-up': { minutesBefore: 0 },
});

/** The kinds of agenda action, in a fixed order. */
const KINDS = Object.keys(DEFAULT_REMINDERS) as AgendaActionKind[];

/** Length of each event unless `durationMinutes` says otherwise. */
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
  /** The workspace's IANA zone: the `X-WR-TIMEZONE` hint and the local times in descriptions. */
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
  /** Right-hand side of every UID (`<action id>@<uidDomain>`); `reachout` unless given. */
  readonly uidDomain?: string;
  /**
   * Length of every event in minutes (default {@link DEFAULT_EVENT_MINUTES}). Every
   * event, a thank-you deadline included, starts at the action's `dueAt`: DTSTART
   * always means "due", the same for every kind, and the reminder gives the lead time
   * before a deadline. A deadline drawn as an event ending at `dueAt` would put the
   * start at a time no rule produced.
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

/** Options of {@link describeAction}. */
export interface DescribeOptions {
  /** The zone the local times are written in. */
  readonly timeZone: string;
  /** Contacts by id, to say how to reach them. */
  readonly contactsById?: ReadonlyMap<string, Contact>;
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
  return lines.join('\n');
}

function checkMinutes(value: number, max: number, path: string, issues: FieldIssue[]): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    issues.push({ path, message: `must be a whole number of minutes from 0 to ${max}` });
  }
}

function checkInstant(value: unknown, path: string, issues: FieldIssue[]): void {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (!(time >= FIRST_INSTANT && time <= LAST_INSTANT)) {
    issues.push({ path, message: 'must be a valid Date between the years 0 and 9999' });
  }
}

/** Every problem with the options and actions, with field paths. */
function problems(actions: readonly AgendaAction[], options: ICalendarOptions): FieldIssue[] {
  const issues: FieldIssue[] = [];
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
  for (const [kind, reminder] of Object.entries(options.reminders ?? {})) {
    if (!KINDS.includes(kind as AgendaActionKind)) {
      issues.push({ path: `reminders.${kind}`, message: 'not a kind of agenda action' });
    } else if (reminder !== false && (typeof reminder !== 'object' || reminder === null)) {
      issues.push({ path: `reminders.${kind}`, message: 'must be { minutesBefore } or false' });
    } else if (reminder !== false) {
      checkMinutes(reminder.minutesBefore, MAX_REMINDER_MINUTES, `reminders.${kind}.minutesBefore`, issues);
    }
  }
  const seen = new Set<string>();
  actions.forEach((action, index) => {
    if (typeof action.id !== 'string' || !ACTION_ID.test(action.id)) {
      issues.push({ path: `actions[${index}].id`, message: 'use only letters, digits, "_", "." and "-"' });
    } else if (seen.has(action.id)) {
      issues.push({ path: `actions[${index}].id`, message: `"${action.id}" is listed twice` });
    }
    seen.add(action.id);
    checkInstant(action.dueAt, `actions[${index}].dueAt`, issues);
    checkInstant(action.overdueAt, `actions[${index}].overdueAt`, issues);
  });
  return issues;
}

/**
 * The actions as an iCalendar document (CRLF lines, folded at 75 octets), one VEVENT
 * per action in the actions' order; throws `ValidationError` for bad options or actions.
 */
export function toICalendar(actions: readonly AgendaAction[], options: ICalendarOptions): string {
  const issues = problems(actions, options);
  if (issues.length > 0) throw new ValidationError('calendar export', issues);

  const reminders = { ...DEFAULT_REMINDERS, ...options.reminders };
  const uidDomain = options.uidDomain ?? 'reachout';
  const durationMs = (options.durationMinutes ?? DEFAULT_EVENT_MINUTES) * 60_000;
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
    // times of the process. The zone is only a hint here; every time is UTC.
    x: [['X-WR-TIMEZONE', options.timeZone]],
  });
  if (options.name !== undefined) calendar.name(escapeText(options.name));

  for (const action of actions) {
    const reminder = reminders[action.kind];
    const alarms: ICalAlarmData[] =
      reminder === false ? [] : [{ type: ICalAlarmType.display, trigger: reminder.minutesBefore * 60 }];
    calendar.createEvent({
      id: `${action.id}@${uidDomain}`,
      stamp: new Date(options.stamp.getTime()),
      start: new Date(action.dueAt.getTime()),
      end: new Date(action.dueAt.getTime() + durationMs),
      summary: calendarText(action.title),
      description: calendarText(describeAction(action, { timeZone: options.timeZone, contactsById })),
      // A reminder of something to do, not a meeting: it does not make the seeker busy.
      transparency: ICalEventTransparency.TRANSPARENT,
      alarms,
    });
  }
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
export type PlaybookCalendarOptions = Omit<ICalendarOptions, 'timeZone' | 'contacts'>;

/**
 * A seeker's agenda for `window` (the next 7 days by default) as iCalendar, with the
 * workspace's zone and contacts; pass `stamp` from the clock the playbook uses.
 */
export async function playbookCalendar(
  seeker: SeekerPlaybook,
  window: AgendaWindowInput,
  options: PlaybookCalendarOptions,
): Promise<string> {
  const network = await seeker.network();
  const actions = await seeker.agenda(window);
  return toICalendar(actions, {
    name: `reachout: ${network.workspace.name}`,
    ...options,
    timeZone: network.workspace.timeZone,
    contacts: network.contacts,
  });
}

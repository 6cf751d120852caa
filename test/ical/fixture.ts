// The fixed network behind the golden calendars: one situation per agenda rule, in a
// New York week that starts the day after clocks spring forward, with user text that
// needs escaping (commas, semicolons, backslashes) and folding (long reasons, UTF-8).
// Also run as a script by the TZ test: `node --import tsx test/ical/fixture.ts` prints
// the calendars, what ical.js reads in them, and the process's UTC offset as JSON.
import { pathToFileURL } from 'node:url';
import ICAL from 'ical.js';
import { parseNetwork, type ContactInput, type Network } from '../../src/index.js';
import { agendaToICalendar, type AgendaCalendarOptions } from '../../src/ical/index.js';

const contact = (id: string, name: string, extra: Partial<ContactInput> = {}): ContactInput => ({
  id,
  name,
  tie: 'alumni',
  emails: [`${id}@example.com`],
  phones: ['+1 212 555 0100'],
  createdAt: '2024-11-04T09:00:00-05:00',
  ...extra,
});

/** The network: every kind of agenda action, and people who do not need one. */
export function fixtureNetwork(): Network {
  return parseNetwork({
    workspace: {
      id: 'w-sam',
      name: 'Sam Seeker',
      timeZone: 'America/New_York',
      createdAt: '2024-11-01T09:00:00-04:00',
    },
    organizations: [{ id: 'acme', name: 'Acme Corp, Inc.', createdAt: '2024-11-04T09:00:00-05:00' }],
    contacts: [
      contact('ana', 'Ana Ruiz', { role: 'VP, Product; Platform \\ Infra', emails: ['ana@example.com', 'ana.ruiz@work.example'], profileUrl: 'https://www.linkedin.com/in/ana-ruiz' }),
      contact('ben', 'Ben Ode'),
      contact('cleo', 'Cleo Park', { organizationId: 'acme', role: 'Engineering Manager' }),
      contact('dev', 'Dev Shah', { organizationId: 'acme' }),
      contact('dana', 'Dana Wu', { tie: 'event', phones: ['+1 (646) 555-0199', '+1 212 555 0142'] }),
      contact('eli', 'Eli Stone'),
      contact('fay', 'Fay Lin', { role: 'Head of Design', profileUrl: 'https://example.com/people/fay?ref=a,b;c' }),
      contact('gil', 'Gil Moss'),
      contact('hugo', 'Hugo Bell', { mutualContacts: ['fay'] }),
      contact('ivan', 'Ivan Roe'),
      contact('jo', 'Zoë Kim-Łukasz', { phones: [] }),
      contact('kai', 'Kai Loy'),
    ],
    outreaches: [
      { id: 'o-ana', contactId: 'ana', startedAt: '2025-02-27T09:00:00-05:00', attempts: [{ channel: 'email', at: '2025-02-27T10:00:00-05:00' }] },
      {
        id: 'o-ben',
        contactId: 'ben',
        startedAt: '2025-01-27T09:00:00-05:00',
        attempts: [
          { channel: 'email', at: '2025-01-27T10:00:00-05:00' },
          { channel: 'phone', at: '2025-02-05T10:00:00-05:00', result: 'voicemail' },
          { channel: 'email', at: '2025-02-14T10:00:00-05:00' },
          { channel: 'phone', at: '2025-02-25T10:00:00-05:00', result: 'no-answer' },
          { channel: 'email', at: '2025-03-04T15:00:00-05:00' },
        ],
      },
      { id: 'o-cleo', contactId: 'cleo', startedAt: '2025-03-07T09:00:00-05:00', attempts: [{ channel: 'email', at: '2025-03-07T09:30:00-05:00' }] },
      { id: 'o-hugo', contactId: 'hugo', startedAt: '2025-03-11T09:00:00-04:00' },
      {
        id: 'o-ivan',
        contactId: 'ivan',
        startedAt: '2025-03-03T09:00:00-05:00',
        attempts: [{ channel: 'email', at: '2025-03-03T10:00:00-05:00' }],
        reply: { at: '2025-03-04T08:00:00-05:00', channel: 'email', answer: 'accepted' },
      },
      { id: 'o-jo', contactId: 'jo', startedAt: '2025-02-24T08:00:00-05:00', attempts: [{ channel: 'email', at: '2025-02-24T09:00:00-05:00' }] },
    ],
    meetings: [
      { id: 'm-dana', contactId: 'dana', status: 'held', startAt: '2025-03-07T14:00:00-05:00' },
      { id: 'm-eli', contactId: 'eli', status: 'scheduled', startAt: '2025-03-13T08:30:00-04:00' },
      { id: 'm-fay', contactId: 'fay', status: 'held', startAt: '2024-12-10T10:00:00-05:00' },
      { id: 'm-gil', contactId: 'gil', status: 'held', startAt: '2025-03-03T12:00:00-05:00' },
    ],
    thankYous: [
      { id: 't-fay', meetingId: 'm-fay', contactId: 'fay', sentAt: '2024-12-10T18:00:00-05:00' },
      { id: 't-gil', meetingId: 'm-gil', contactId: 'gil', sentAt: '2025-03-03T17:00:00-05:00' },
    ],
    referrals: [
      { id: 'f-gil', introducerId: 'gil', kind: 'introduction-made', meetingId: 'm-gil', offeredAt: '2025-03-04T11:00:00-05:00' },
      { id: 'f-kai-1', introducerId: 'kai', kind: 'name-suggested', status: 'done', offeredAt: '2025-02-20T11:00:00-05:00', doneAt: '2025-02-21T11:00:00-05:00' },
      { id: 'f-kai-2', introducerId: 'kai', kind: 'resume-forwarded', status: 'declined', offeredAt: '2025-02-20T11:00:00-05:00' },
    ],
  });
}

/** Monday 10 March 2025, 09:00 in New York (EDT since the day before). */
export const NOW = new Date('2025-03-10T09:00:00-04:00');
/** The week the agenda covers. */
export const WEEK = { from: new Date('2025-03-10T00:00:00-04:00'), to: new Date('2025-03-17T00:00:00-04:00') };
/** DTSTAMP of the golden calendars: a fixed clock reading, a little after `NOW`. */
export const STAMP = new Date('2025-03-10T13:05:00Z');

/** Options of the second golden calendar: every option set. */
export const CUSTOM_OPTIONS: Omit<AgendaCalendarOptions, 'now'> = {
  stamp: STAMP,
  name: 'Sam; job search, spring \\ 2025\nweek 11',
  prodId: { company: 'Coach, Inc.', product: 'Coach; Desk', language: 'fr' },
  uidDomain: 'coach.example',
  durationMinutes: 15,
  reminderTime: '08:30',
  // A referral follow-up as a timed event at 11:00: its default reminder still rings at 08:30 that day.
  allDay: { 'referral.follow-up': false },
  reminders: {
    'check-in.send': false,
    'thank-you.send': { minutesBefore: 180 },
    'outreach.attempt': { at: '17:30', daysBefore: 1 },
    // Relative to a day event's local midnight: 18:00 the evening before.
    'meeting.prepare': { minutesBefore: 6 * 60 },
  },
};

/** The golden calendars, by file name. */
export function goldenCalendars(): Record<string, string> {
  const network = fixtureNetwork();
  return {
    'week.ics': agendaToICalendar(network, { ...WEEK, now: NOW, stamp: STAMP }),
    'week-custom.ics': agendaToICalendar(network, { ...WEEK, now: NOW, ...CUSTOM_OPTIONS }),
  };
}

/** `YYYY-MM-DD HH:mm` of an instant in `timeZone`, by Intl: independent of the code under test and of `TZ`. */
export function wallTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** How a calendar app reads one event: its date or start, and when its alarm rings in `timeZone`. */
export interface EventReading {
  readonly uid: string;
  /** `YYYY-MM-DD` of an all-day event's DTSTART and DTEND; undefined for a timed event. */
  readonly date?: string;
  readonly endDate?: string;
  /** An absolute alarm as a wall time in `timeZone` (`YYYY-MM-DD HH:mm`). */
  readonly alarmAt?: string;
}

/** Every event of a calendar as ical.js reads it, with alarms as wall times in `timeZone`. */
export function readEvents(calendar: string, timeZone: string): EventReading[] {
  const parsed = new ICAL.Component(ICAL.parse(calendar));
  return parsed.getAllSubcomponents('vevent').map((event) => {
    const start = event.getFirstPropertyValue('dtstart') as InstanceType<typeof ICAL.Time>;
    const end = event.getFirstPropertyValue('dtend') as InstanceType<typeof ICAL.Time>;
    const trigger = event.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger');
    return {
      uid: String(event.getFirstPropertyValue('uid')),
      // A DATE value is a calendar date: read its fields, never toJSDate() (that would place it in the process's zone).
      ...(start.isDate ? { date: start.toString(), endDate: end.toString() } : {}),
      ...(trigger instanceof ICAL.Time ? { alarmAt: wallTime(trigger.toJSDate(), timeZone) } : {}),
    };
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const calendars = goldenCalendars();
  const zone = fixtureNetwork().workspace.timeZone;
  const readings = Object.fromEntries(Object.entries(calendars).map(([name, text]) => [name, readEvents(text, zone)]));
  process.stdout.write(JSON.stringify({ offset: new Date(2025, 0, 1).getTimezoneOffset(), calendars, readings }));
}

import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ICAL from 'ical.js';
import {
  ContactIdSchema,
  ThankYouSchema,
  ValidationError,
  agenda,
  createPlaybook,
  fixedClock,
  type AgendaAction,
  type AgendaActionKind,
  type Contact,
  type Network,
  type RuleId,
} from '../../src/index.js';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import {
  DEFAULT_ALL_DAY,
  DEFAULT_REMINDERS,
  agendaToICalendar,
  calendarText,
  playbookCalendar,
  toICalendar,
  type AllDayOptions,
  type ICalendarOptions,
  type Reminder,
  type ReminderOptions,
} from '../../src/ical/index.js';
import { CUSTOM_OPTIONS, NOW, STAMP, WEEK, fixtureNetwork, goldenCalendars, readEvents, wallTime, type EventReading } from './fixture.js';

const results = (name: string) => fileURLToPath(new URL(`./results/${name}`, import.meta.url));
const FIXTURE_SCRIPT = fileURLToPath(new URL('./fixture.ts', import.meta.url));
const KINDS = Object.keys(DEFAULT_REMINDERS) as AgendaActionKind[];
const MINUTE = 60_000;
const ZONE = 'America/New_York';

/** The calendar date after (or before) a `YYYY-MM-DD`, by UTC arithmetic on the date alone. */
const shiftDate = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const nextDate = (date: string) => shiftDate(date, 1);
const previousDate = (date: string) => shiftDate(date, -1);

type Parsed = InstanceType<typeof ICAL.Component>;

/** The calendar as Mozilla's parser reads it. */
const parse = (text: string): Parsed => new ICAL.Component(ICAL.parse(text));
const events = (calendar: Parsed) => calendar.getAllSubcomponents('vevent');
const text = (component: Parsed, name: string) => component.getFirstPropertyValue(name) as string;
const time = (component: Parsed, name: string) =>
  (component.getFirstPropertyValue(name) as InstanceType<typeof ICAL.Time>).toJSDate().getTime();
const propertyNames = (component: Parsed) => component.getAllProperties().map((p) => p.name);
/** A TRIGGER as signed seconds from the start (+0 for a zero trigger, never -0). */
const triggerSeconds = (alarm: Parsed) =>
  (alarm.getFirstPropertyValue('trigger') as InstanceType<typeof ICAL.Duration>).toSeconds() + 0;
/** A property ical.js does not know (NAME, X-WR-*) comes back raw: decode it as TEXT. */
const rawText = (component: Parsed, name: string) =>
  ICAL.design.icalendar.value['text']!.fromICAL!(component.getFirstPropertyValue(name) as string) as string;

/** Each VEVENT of an exported calendar, by UID, as its raw lines. */
function eventBlocks(calendar: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const block of calendar.split('BEGIN:VEVENT\r\n').slice(1)) {
    const uid = /^UID:(.*)\r\n/.exec(block)?.[1];
    if (uid === undefined) throw new Error(`an event without a UID: ${block}`);
    blocks.set(uid, block.slice(0, block.indexOf('END:VEVENT\r\n')));
  }
  return blocks;
}

describe('golden calendars for the fixed network', () => {
  const calendars = goldenCalendars();

  for (const [name, calendar] of Object.entries(calendars)) {
    it(`${name} matches test/ical/results/${name} byte for byte`, () => {
      if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(results(name), calendar, 'utf8');
      const golden = readFileSync(results(name));
      expect(calendar).toBe(golden.toString('utf8'));
      expect(Buffer.compare(Buffer.from(calendar, 'utf8'), golden)).toBe(0);
      // Guards the file itself: CRLF line ends (no tool turned them into LF), no line over 75 octets.
      const lines = golden.toString('utf8').split('\r\n');
      expect(lines.every((line) => !line.includes('\n') && !line.includes('\r'))).toBe(true);
      expect(Math.max(...lines.map((line) => Buffer.byteLength(line)))).toBeLessThanOrEqual(75);
    });
  }

  it('holds one event per agenda action, in agenda order: day actions on their New York date, a thank-you at its deadline', () => {
    const actions = agenda(fixtureNetwork(), { ...WEEK, now: NOW });
    expect(new Set(actions.map((a) => a.kind))).toEqual(new Set(KINDS));
    const calendar = calendars['week.ics']!;
    const parsed = events(parse(calendar));
    expect(parsed.map((e) => text(e, 'uid'))).toEqual(actions.map((a) => `${a.id}@reachout`));
    expect(parsed.map((e) => text(e, 'summary'))).toEqual(actions.map((a) => a.title));
    expect(parsed.every((e) => time(e, 'dtstamp') === STAMP.getTime())).toBe(true);
    const readings = readEvents(calendar, ZONE);
    parsed.forEach((event, i) => {
      const action = actions[i]!;
      if (action.kind === 'thank-you.send') {
        expect(time(event, 'dtstart')).toBe(action.dueAt.getTime());
        expect(time(event, 'dtend') - time(event, 'dtstart')).toBe(30 * MINUTE);
        expect(readings[i]!.date).toBeUndefined();
      } else {
        // The workspace-local date, also for a check-in due at 18:00 (the next day in a process TZ east of UTC+6).
        const local = wallTime(action.dueAt, ZONE).slice(0, 10);
        expect(readings[i]).toMatchObject({ date: local, endDate: nextDate(local) });
      }
    });
    expect(readings.filter((r) => r.date !== undefined)).toHaveLength(actions.length - 1);
    // No TZID anywhere, so no VTIMEZONE is needed; a time is a UTC instant, a day is a DATE.
    expect(calendar).not.toMatch(/TZID|VTIMEZONE/);
    const starts = calendar.match(/^(DTSTART|DTEND|DTSTAMP)[:;].*$/gm) ?? [];
    expect(starts.every((line) => /^[A-Z]+:\d{8}T\d{6}Z$|^(DTSTART|DTEND);VALUE=DATE:\d{8}$/.test(line))).toBe(true);
    expect(calendar).toContain('\r\nX-WR-TIMEZONE:America/New_York\r\n');
    expect(eventBlocks(calendar).get('contact-fay-check-in-m4j2dsw0@reachout')).toContain(
      '\r\nDTSTART;VALUE=DATE:20250310\r\nDTEND;VALUE=DATE:20250311\r\n',
    );
  });

  it('puts a day action on its date in the workspace zone, not the UTC date: Auckland midnight is 11:00 UTC the day before', () => {
    const action = agenda(fixtureNetwork(), { ...WEEK, now: NOW }).find((a) => a.kind === 'outreach.attempt')!;
    const dueAt = new Date('2025-03-09T11:00:00Z'); // Mon 10 March 00:00 in Auckland (NZDT, UTC+13)
    const calendar = toICalendar([{ ...action, dueAt, overdueAt: dueAt }], { timeZone: 'Pacific/Auckland', stamp: STAMP });
    expect(calendar).toContain('\r\nDTSTART;VALUE=DATE:20250310\r\nDTEND;VALUE=DATE:20250311\r\n');
    // 09:00 NZDT on the 10th is 20:00 UTC on the 9th.
    expect(calendar).toContain('\r\nTRIGGER;VALUE=DATE-TIME:20250309T200000Z\r\n');
  });

  it('rings a day action at 09:00 New York time on its day, a thank-you two hours before its deadline, nothing at midnight', () => {
    const actions = agenda(fixtureNetwork(), { ...WEEK, now: NOW });
    const calendar = calendars['week.ics']!;
    const readings = readEvents(calendar, ZONE);
    events(parse(calendar)).forEach((event, i) => {
      const alarms = event.getAllSubcomponents('valarm');
      expect(alarms).toHaveLength(1);
      expect(text(alarms[0]!, 'action')).toBe('DISPLAY');
      const trigger = alarms[0]!.getFirstProperty('trigger')!;
      if (actions[i]!.kind === 'thank-you.send') {
        expect(trigger.type).toBe('duration');
        expect(triggerSeconds(alarms[0]!)).toBe(-2 * 3600);
      } else {
        // Absolute and in UTC, so it rings at the same instant in every client's zone.
        expect(trigger.type).toBe('date-time');
        expect(readings[i]!.alarmAt).toBe(`${readings[i]!.date} 09:00`);
      }
    });
    // Across the change to daylight time (Sun 9 March): 09:00 EST is 14:00Z, 09:00 EDT is 13:00Z.
    const blocks = eventBlocks(calendar);
    expect(blocks.get('outreach-o-jo-attempt-2@reachout')).toContain('\r\nTRIGGER;VALUE=DATE-TIME:20250305T140000Z\r\n');
    expect(blocks.get('outreach-o-ana-attempt-2@reachout')).toContain('\r\nTRIGGER;VALUE=DATE-TIME:20250310T130000Z\r\n');
    expect(blocks.get('meeting-m-dana-thank-you@reachout')).toContain('\r\nTRIGGER:-PT2H\r\n');
    expect(calendar).not.toMatch(/^TRIGGER:PT0S\r$/m);
  });

  it('honours every option: name, PRODID, UID domain, duration, reminder time, all-day kinds, reminders changed or turned off', () => {
    const actions = agenda(fixtureNetwork(), { ...WEEK, now: NOW });
    const custom = goldenCalendars()['week-custom.ics']!;
    const calendar = parse(custom);
    expect(rawText(calendar, 'x-wr-calname')).toBe(CUSTOM_OPTIONS.name);
    expect(rawText(calendar, 'name')).toBe(CUSTOM_OPTIONS.name);
    expect(text(calendar, 'prodid')).toBe('-//Coach, Inc.//Coach; Desk//FR');
    const parsed = events(calendar);
    expect(parsed.map((e) => text(e, 'uid'))).toEqual(actions.map((a) => `${a.id}@coach.example`));
    const readings = new Map(readEvents(custom, ZONE).map((r) => [r.uid.replace(/@.*/, ''), r]));
    const seen = new Set<string>();
    actions.forEach((action, i) => {
      const reading = readings.get(action.id)!;
      const day = wallTime(action.dueAt, ZONE).slice(0, 10);
      seen.add(action.kind);
      switch (action.kind) {
        case 'thank-you.send': // timed, 15 minutes, three hours' notice
          expect(time(parsed[i]!, 'dtend') - time(parsed[i]!, 'dtstart')).toBe(15 * MINUTE);
          expect(triggerSeconds(parsed[i]!.getFirstSubcomponent('valarm')!)).toBe(-3 * 3600);
          break;
        case 'referral.follow-up': // timed by `allDay`, yet rung at the reminder time of its day
          expect(reading.date).toBeUndefined();
          expect(time(parsed[i]!, 'dtstart')).toBe(action.dueAt.getTime());
          expect(time(parsed[i]!, 'dtend') - time(parsed[i]!, 'dtstart')).toBe(15 * MINUTE);
          expect(reading.alarmAt).toBe(`${day} 08:30`);
          break;
        case 'check-in.send': // turned off
          expect(reading).toEqual({ uid: `${action.id}@coach.example`, date: day, endDate: nextDate(day) });
          break;
        case 'outreach.attempt': // 17:30 the day before
          expect(reading).toMatchObject({ date: day, alarmAt: `${previousDate(day)} 17:30` });
          break;
        case 'meeting.prepare': // six hours before the day's local midnight
          expect(reading).toMatchObject({ date: day, alarmAt: `${previousDate(day)} 18:00` });
          break;
        default: // the reminder time, on the day
          expect(reading).toMatchObject({ date: day, alarmAt: `${day} 08:30` });
      }
    });
    expect(seen).toEqual(new Set(KINDS));
  });

  it('writes a DESCRIPTION a person can act on: why, when locally, whom and how to reach them', () => {
    const blocks = eventBlocks(goldenCalendars()['week.ics']!);
    const description = (uid: string) => {
      const parsed = events(parse(`BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n${blocks.get(uid)}END:VEVENT\r\nEND:VCALENDAR`));
      return text(parsed[0]!, 'description');
    };
    expect(description('outreach-o-ana-attempt-2@reachout')).toBe(
      [
        'Why: No reply from Ana Ruiz 7 business days after attempt 1 (email): call them, attempt 2 of 5.',
        'Due: Mon 2025-03-10 00:00 (America/New_York)',
        'Overdue from: Tue 2025-03-11 00:00 (America/New_York)',
        '',
        'Contact: Ana Ruiz (VP, Product; Platform \\ Infra)',
        'Email: ana@example.com, ana.ruiz@work.example',
        'Phone: +1 212 555 0100',
        'Profile: https://www.linkedin.com/in/ana-ruiz',
      ].join('\n'),
    );
    // Asking for an introduction: the person to reach is the mutual contact.
    expect(description('outreach-o-hugo-introduction@reachout')).toMatch(
      /\n\nCan introduce: Fay Lin \(Head of Design\)\nEmail: fay@example\.com\nPhone: \+1 212 555 0100\nProfile: https:\/\/example\.com\/people\/fay\?ref=a,b;c$/,
    );
    // A deadline: due and overdue at once, so no "Overdue from" line.
    expect(description('meeting-m-dana-thank-you@reachout')).toContain(
      '\nDue: Sat 2025-03-08 14:20 (America/New_York)\n\nContact: Dana Wu\nEmail: dana@example.com\nPhone: +1 (646) 555-0199, +1 212 555 0142',
    );
  });
});

describe('the process time zone changes nothing', () => {
  const run = promisify(execFile);
  const ZONES = { UTC: 0, 'Pacific/Auckland': -780, 'America/Los_Angeles': 480 } as const;

  it('gives the golden bytes under TZ=UTC, Pacific/Auckland and America/Los_Angeles, read the same by ical.js in each', async () => {
    const outputs = await Promise.all(
      Object.keys(ZONES).map(async (zone) => {
        const { stdout } = await run(process.execPath, ['--import', 'tsx', FIXTURE_SCRIPT], {
          env: { ...process.env, TZ: zone },
          maxBuffer: 16 * 1024 * 1024,
        });
        type Output = { offset: number; calendars: Record<string, string>; readings: Record<string, EventReading[]> };
        return { zone, ...(JSON.parse(stdout) as Output) };
      }),
    );
    const actions = agenda(fixtureNetwork(), { ...WEEK, now: NOW });
    for (const { zone, offset, calendars, readings } of outputs) {
      // The TZ took effect: local time in each child is that zone's (1 January 2025).
      expect(offset, zone).toBe(ZONES[zone as keyof typeof ZONES]);
      expect(Object.keys(calendars).sort()).toEqual(['week-custom.ics', 'week.ics']);
      for (const [name, calendar] of Object.entries(calendars)) {
        expect(calendar, `${name} under TZ=${zone}`).toBe(readFileSync(results(name), 'utf8'));
      }
      // What ical.js read in that process: each day event on its New York date, its alarm at 09:00 New York time.
      const week = readings['week.ics']!;
      expect(week.map((r) => r.uid)).toEqual(actions.map((a) => `${a.id}@reachout`));
      actions.forEach((action, i) => {
        if (action.kind === 'thank-you.send') return;
        const day = wallTime(action.dueAt, ZONE).slice(0, 10);
        expect(week[i], `${action.id} under TZ=${zone}`).toEqual({ uid: `${action.id}@reachout`, date: day, endDate: nextDate(day), alarmAt: `${day} 09:00` });
      });
    }
  });
});

describe('exporting again updates events instead of adding copies', () => {
  const exportOf = (network: Network, stamp: Date) =>
    agendaToICalendar(network, { ...WEEK, now: NOW, stamp });
  const withoutStamp = (block: string) => block.replace(/\r\nDTSTAMP:[^\r]*\r\n/, '\r\n');

  it('gives the same bytes, so the same UIDs, for the same situation', () => {
    expect(exportOf(fixtureNetwork(), STAMP)).toBe(exportOf(fixtureNetwork(), STAMP));
  });

  it('drops only the thank-you event once the thank-you is recorded; the others keep UID and content', () => {
    const before = eventBlocks(exportOf(fixtureNetwork(), STAMP));
    const network = fixtureNetwork();
    const thanked: Network = {
      ...network,
      thankYous: [
        ...network.thankYous,
        ThankYouSchema.parse({ id: 't-dana', meetingId: 'm-dana', contactId: 'dana', sentAt: '2025-03-10T12:00:00Z' }),
      ],
    };
    const later = new Date(STAMP.getTime() + 3_600_000);
    const after = eventBlocks(exportOf(thanked, later));
    const gone = 'meeting-m-dana-thank-you@reachout';
    expect(before.has(gone)).toBe(true);
    expect([...after.keys()]).toEqual([...before.keys()].filter((uid) => uid !== gone));
    for (const [uid, block] of after) {
      expect(block).toContain('\r\nDTSTAMP:20250310T140500Z\r\n');
      expect(withoutStamp(block), uid).toBe(withoutStamp(before.get(uid)!));
    }
  });

  it('keeps the UID of a preparation when its meeting moves, with the new start', () => {
    const network = fixtureNetwork();
    const moved: Network = {
      ...network,
      meetings: network.meetings.map((m) =>
        m.id === 'm-eli' ? { ...m, status: 'moved' as const, startAt: new Date('2025-03-14T13:00:00Z'), previousStarts: [m.startAt] } : m,
      ),
    };
    const uid = 'meeting-m-eli-prepare@reachout';
    const find = (calendar: string) => events(parse(calendar)).filter((e) => text(e, 'uid') === uid);
    const before = find(exportOf(network, STAMP));
    const after = find(exportOf(moved, STAMP));
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    // Due the day before, in New York: Wed 12 and Thu 13 March.
    expect(String(before[0]!.getFirstPropertyValue('dtstart'))).toBe('2025-03-12');
    expect(String(after[0]!.getFirstPropertyValue('dtstart'))).toBe('2025-03-13');
  });
});

describe('playbookCalendar', () => {
  it('exports the seeker agenda with the workspace zone and contacts, the same as the pure export', async () => {
    const clock = fixedClock('2025-03-10T13:00:00Z');
    let counter = 0;
    const playbook = createPlaybook({ store: createMemoryStore(), clock, newId: () => `r${++counter}` });
    const workspace = await playbook.createWorkspace({ id: 'w-lee', name: 'Lee; Seeker', timeZone: 'Europe/Berlin' });
    const seeker = playbook.workspace(workspace.id);
    const mia = await seeker.addContact({ id: 'mia', name: 'Mia, Ortiz', tie: 'friend-of-a-friend', emails: ['mia@example.com'], role: 'CTO' });
    const outreach = await seeker.startOutreach({ contactId: mia.id, startedAt: new Date('2025-02-27T09:00:00Z') });
    await seeker.recordAttempt(outreach.id, { channel: 'email', at: new Date('2025-02-27T10:00:00Z') });
    const window = { from: new Date('2025-03-10T00:00:00Z'), to: new Date('2025-03-17T00:00:00Z') };

    const calendar = await playbookCalendar(seeker, window, { stamp: clock.now() });

    const actions = await seeker.agenda(window);
    expect(actions.length).toBeGreaterThan(0);
    const network = await seeker.network();
    expect(calendar).toBe(
      toICalendar(actions, { timeZone: 'Europe/Berlin', contacts: network.contacts, stamp: clock.now(), name: 'reachout: Lee; Seeker' }),
    );
    expect(calendar).toBe(agendaToICalendar(network, { ...window, policies: playbook.policies, now: clock.now() }));
    const parsed = parse(calendar);
    expect(rawText(parsed, 'x-wr-calname')).toBe('reachout: Lee; Seeker');
    expect(text(parsed, 'x-wr-timezone')).toBe('Europe/Berlin');
    expect(events(parsed).map((e) => text(e, 'uid'))).toEqual(actions.map((a) => `${a.id}@reachout`));
    expect(text(events(parsed)[0]!, 'description')).toContain('\n\nContact: Mia, Ortiz (CTO)\nEmail: mia@example.com');
  });
});

describe('bad input gets a ValidationError naming the field', () => {
  const action: AgendaAction = agenda(fixtureNetwork(), { ...WEEK, now: NOW })[0]!;
  const base: ICalendarOptions = { timeZone: 'America/New_York', stamp: STAMP };
  const issuesOf = (actions: readonly AgendaAction[], options: ICalendarOptions) => {
    try {
      toICalendar(actions, options);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues.map((issue) => issue.path);
    }
    throw new Error('expected a ValidationError');
  };

  it.each([
    ['timeZone', { ...base, timeZone: 'Mars/Olympus' }],
    ['stamp', { ...base, stamp: new Date(Number.NaN) }],
    ['uidDomain', { ...base, uidDomain: 'x\r\nATTENDEE:evil' }],
    ['durationMinutes', { ...base, durationMinutes: 0 }],
    ['durationMinutes', { ...base, durationMinutes: 2.5 }],
    ['reminders.thank-you.send.minutesBefore', { ...base, reminders: { 'thank-you.send': { minutesBefore: -60 } } }],
    ['reminders.nap', { ...base, reminders: { nap: false } as ReminderOptions }],
    ['reminders.check-in.send.at', { ...base, reminders: { 'check-in.send': { at: '9:00' } } }],
    ['reminders.check-in.send.at', { ...base, reminders: { 'check-in.send': { at: '24:00' } } }],
    ['reminders.check-in.send.daysBefore', { ...base, reminders: { 'check-in.send': { daysBefore: 1.5 } } }],
    ['reminders.check-in.send.daysBefore', { ...base, reminders: { 'check-in.send': { daysBefore: 400 } } }],
    ['reminders.check-in.send.at', { ...base, reminders: { 'check-in.send': { minutesBefore: 5, at: '09:00' } as Reminder } }],
    ['reminders.check-in.send.hour', { ...base, reminders: { 'check-in.send': { hour: 9 } as Reminder } }],
    ['reminders.check-in.send', { ...base, reminders: { 'check-in.send': true } as unknown as ReminderOptions }],
    ['reminderTime', { ...base, reminderTime: '9am' }],
    ['allDay.nap', { ...base, allDay: { nap: true } as AllDayOptions }],
    ['allDay.thank-you.send', { ...base, allDay: { 'thank-you.send': 'yes' } as unknown as AllDayOptions }],
  ] as const)('%s', (path, options) => {
    expect(issuesOf([action], options)).toEqual([path]);
  });

  it('rejects an action id that would break out of the UID, a duplicate id and an invalid due time', () => {
    expect(issuesOf([{ ...action, id: 'a\r\nATTENDEE:evil' }], base)).toEqual(['actions[0].id']);
    expect(issuesOf([action, action], base)).toEqual(['actions[1].id']);
    expect(issuesOf([{ ...action, dueAt: new Date(Number.NaN) }], base)).toEqual(['actions[0].dueAt']);
  });

  it('rejects a day action whose local date or reminder would leave the years 0 to 9999', () => {
    const first = { ...action, kind: 'outreach.attempt' as const, dueAt: new Date('0000-01-01T01:00:00Z') };
    expect(issuesOf([first], base)).toEqual(['actions[0].dueAt']); // 31 December of the year -1 in New York
    expect(issuesOf([first], { ...base, timeZone: 'UTC', reminders: { 'outreach.attempt': { daysBefore: 1 } } })).toEqual(['actions[0].dueAt']);
    expect(toICalendar([first], { ...base, timeZone: 'UTC' })).toContain('\r\nDTSTART;VALUE=DATE:00000101\r\n');
  });
});

// ---- Properties: any text round-trips through an independent parser (ical.js) ----

const ZONE_LIST = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'] as const;
const INJECTIONS = [
  'X\r\nATTENDEE:evil',
  '\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:evil',
  '\nX-EVIL;VALUE=TEXT:1',
  'DESCRIPTION:again',
  '\\n\\;\\,',
];
const SPECIAL = [';', ',', '\\', '\n', ':', '"', '\t', ' ', 'é', 'Ł', 'ß', '中', '😀', '👩🏽‍💻', '\u2028', '\u00A0', 'ATTENDEE:evil', 'BEGIN:VALARM', '\\n'];
// eslint-disable-next-line no-control-regex -- what a TEXT value cannot hold as is
const NOT_TEXT = /[\r\u0000-\u0008\u000B-\u001F\u007F]/;

const cleanUnit = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
/** Text an iCalendar TEXT value holds exactly: no CR, no control characters but TAB and LF. */
const cleanText = (maxLength: number) => fc.string({ unit: cleanUnit, maxLength }).filter((s) => !NOT_TEXT.test(s));
/** Any text at all: CR, CRLF, control characters, lone surrogates, attempted injections. */
const anyText = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(
      cleanUnit,
      fc.constantFrom('\r', '\r\n', '\u0000', '\u0007', '\u000B', '\u000C', '\u001B', '\u007F', '\uD800', '\uDFFF', ...INJECTIONS),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength,
  });

const RULE: Record<AgendaActionKind, RuleId> = {
  'outreach.attempt': 'outreach.retry',
  'outreach.ask-introduction': 'outreach.warm-introduction',
  'outreach.second-contact': 'outreach.second-contact',
  'outreach.move-on': 'outreach.retry',
  'meeting.prepare': 'preparation',
  'thank-you.send': 'thank-you.deadline',
  'check-in.send': 'check-in.cadence',
  'referral.follow-up': 'referral.follow-up',
};

/** Local times no clock change in ZONE_LIST skips or repeats (those happen between 01:00 and 04:00). */
const timeOfDay = fc.constantFrom('00:00', '07:45', '09:00', '12:30', '17:30', '23:59');

/** A whole-second instant between 1970 and 2100 (ICS has no milliseconds). */
const wholeSecond = fc.integer({ min: 0, max: 4_102_444_800 }).map((s) => new Date(s * 1000));

function scenario(text: (maxLength: number) => fc.Arbitrary<string>) {
  const contactArb = (id: string) =>
    fc.record({
      name: text(80),
      role: fc.option(text(60), { nil: undefined }),
      emails: fc.subarray(['a@example.com', 'b.c@mail.example.org', 'x+y@z.example']),
      phones: fc.subarray(['+1 212 555 0100', '(030) 1234-567', '+44 20.7946.0000']),
      profileUrl: fc.option(fc.constantFrom('https://example.com/in/a?x=1,2;3', 'http://example.org/p\\q'), { nil: undefined }),
      mutual: fc.subarray(['c0', 'c1', 'c2'].filter((other) => other !== id)),
    });
  const actionArb = fc.record({
    kind: fc.constantFrom(...KINDS),
    title: text(150),
    reason: text(300),
    dueAt: wholeSecond,
    overdueBy: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 * 86_400 })),
    contact: fc.constantFrom('c0', 'c1', 'c2', 'nobody'),
  });
  return fc.record({
    contacts: fc.tuple(contactArb('c0'), contactArb('c1'), contactArb('c2')),
    actions: fc.array(actionArb, { maxLength: 5 }),
    timeZone: fc.constantFrom(...ZONE_LIST),
    name: text(120),
    stamp: wholeSecond,
    reminders: fc.dictionary(
      fc.constantFrom(...KINDS),
      fc.oneof(
        fc.constant(false as const),
        fc.record({ minutesBefore: fc.integer({ min: 0, max: 20_000 }) }),
        fc.record({ at: timeOfDay, daysBefore: fc.integer({ min: 0, max: 366 }) }, { requiredKeys: [] }),
      ),
    ) as fc.Arbitrary<ReminderOptions>,
    allDay: fc.dictionary(fc.constantFrom(...KINDS), fc.boolean()) as fc.Arbitrary<AllDayOptions>,
    reminderTime: fc.option(timeOfDay, { nil: undefined }),
  }).map((drawn) => {
    const contacts: Contact[] = drawn.contacts.map((c, i) => ({
      id: ContactIdSchema.parse(`c${i}`),
      name: c.name,
      emails: c.emails,
      phones: c.phones,
      tie: 'alumni',
      mutualContacts: c.mutual.map((id) => ContactIdSchema.parse(id)),
      researchNotes: '',
      tags: [],
      keepInTouch: true,
      createdAt: new Date(0),
      ...(c.role !== undefined ? { role: c.role } : {}),
      ...(c.profileUrl !== undefined ? { profileUrl: c.profileUrl } : {}),
    }));
    const actions: AgendaAction[] = drawn.actions.map((a, i) => ({
      id: `action-${i}_${a.kind}.x`,
      kind: a.kind,
      rule: RULE[a.kind],
      title: a.title,
      reason: a.reason,
      dueAt: a.dueAt,
      overdueAt: new Date(a.dueAt.getTime() + a.overdueBy * 1000),
      overdue: false,
      contactId: ContactIdSchema.parse(a.contact),
    }));
    return { ...drawn, contacts, actions };
  });
}

/** `Mon 2025-03-10 09:00 (America/New_York)`, by Intl: an independent way to the local time. */
function localTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)!.value;
  return `${get('weekday')} ${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} (${timeZone})`;
}

/** The documented DESCRIPTION, built here from its definition. */
function expectedDescription(action: AgendaAction, contacts: readonly Contact[], timeZone: string): string {
  const person = (heading: string, c: Contact) => [
    `${heading}: ${c.name}${c.role ? ` (${c.role})` : ''}`,
    ...(c.emails.length ? [`Email: ${c.emails.join(', ')}`] : []),
    ...(c.phones.length ? [`Phone: ${c.phones.join(', ')}`] : []),
    ...(c.profileUrl ? [`Profile: ${c.profileUrl}`] : []),
  ];
  const lines = [`Why: ${action.reason}`, `Due: ${localTime(action.dueAt, timeZone)}`];
  if (action.overdueAt > action.dueAt) lines.push(`Overdue from: ${localTime(action.overdueAt, timeZone)}`);
  const contact = contacts.find((c) => c.id === action.contactId);
  if (contact) {
    lines.push('', ...person('Contact', contact));
    if (action.kind === 'outreach.ask-introduction') {
      for (const id of contact.mutualContacts) lines.push('', ...person('Can introduce', contacts.find((c) => c.id === id)!));
    }
  }
  return lines.join('\n');
}

/** Parses the export and checks every event against what went in; `expectText` maps input text to what must come back. */
function checkRoundTrip(input: ReturnType<typeof scenario> extends fc.Arbitrary<infer T> ? T : never, expectText: (s: string) => string) {
  const { actions, contacts, timeZone, name, stamp, reminders, allDay, reminderTime } = input;
  const output = toICalendar(actions, {
    timeZone,
    stamp,
    contacts,
    name,
    reminders,
    allDay,
    ...(reminderTime !== undefined ? { reminderTime } : {}),
  });
  const calendar = parse(output);

  // Nothing but what the exporter writes: user text never became a property or component.
  // An empty name (or one that is empty as calendar text) writes no name at all.
  const named = expectText(name) !== '';
  expect(propertyNames(calendar)).toEqual(['version', 'prodid', 'method', ...(named ? ['name', 'x-wr-calname'] : []), 'x-wr-timezone']);
  expect(calendar.getAllSubcomponents().map((c) => c.name)).toEqual(actions.map(() => 'vevent'));
  if (named) {
    expect(rawText(calendar, 'name')).toBe(expectText(name));
    expect(rawText(calendar, 'x-wr-calname')).toBe(expectText(name));
  }
  expect(text(calendar, 'x-wr-timezone')).toBe(timeZone);
  expect(text(calendar, 'prodid')).toBe('-//reachout//reachout//EN');

  events(calendar).forEach((event, i) => {
    const action = actions[i]!;
    const isDay = action.kind in allDay ? allDay[action.kind]! : DEFAULT_ALL_DAY[action.kind];
    const day = wallTime(action.dueAt, timeZone).slice(0, 10);
    expect(propertyNames(event)).toEqual([
      'uid',
      'sequence',
      'dtstamp',
      'dtstart',
      'dtend',
      ...(isDay ? ['x-microsoft-cdo-alldayevent', 'x-microsoft-msncalendar-alldayevent'] : []),
      'summary',
      'transp',
      'description',
    ]);
    expect(text(event, 'uid')).toBe(`${action.id}@reachout`);
    expect(text(event, 'summary')).toBe(expectText(action.title));
    expect(text(event, 'description')).toBe(expectText(expectedDescription(action, contacts, timeZone)));
    const start = event.getFirstPropertyValue('dtstart') as InstanceType<typeof ICAL.Time>;
    const end = event.getFirstPropertyValue('dtend') as InstanceType<typeof ICAL.Time>;
    if (isDay) {
      // The action's date in the workspace's zone, and the whole of that day.
      expect([start.isDate, start.toString(), end.isDate, end.toString()]).toEqual([true, day, true, shiftDate(day, 1)]);
    } else {
      expect(time(event, 'dtstart')).toBe(action.dueAt.getTime());
      expect(start.zone?.tzid).toBe('UTC');
      expect(time(event, 'dtend')).toBe(action.dueAt.getTime() + 30 * MINUTE);
    }
    expect(time(event, 'dtstamp')).toBe(stamp.getTime());

    const reminder = action.kind in reminders ? reminders[action.kind]! : DEFAULT_REMINDERS[action.kind];
    const alarms = event.getAllSubcomponents();
    expect(alarms.map((c) => c.name)).toEqual(reminder === false ? [] : ['valarm']);
    if (reminder !== false) {
      const alarm = alarms[0]!;
      expect(propertyNames(alarm)).toEqual(['action', 'trigger', 'description']);
      expect(text(alarm, 'description')).toBe(expectText(action.title));
      const trigger = alarm.getFirstProperty('trigger')!;
      expect(trigger.getParameter('related')).toBeUndefined();
      if ('minutesBefore' in reminder && !isDay) {
        expect(trigger.type).toBe('duration');
        expect(triggerSeconds(alarm)).toBe(0 - reminder.minutesBefore * 60 + 0);
      } else {
        // Absolute, in UTC: the same instant in every client, a wall time in the workspace's zone.
        expect(trigger.type).toBe('date-time');
        const rings = (trigger.getFirstValue() as InstanceType<typeof ICAL.Time>).toJSDate();
        if ('minutesBefore' in reminder) {
          expect(wallTime(new Date(rings.getTime() + reminder.minutesBefore * MINUTE), timeZone)).toBe(`${day} 00:00`);
        } else {
          const at = 'at' in reminder && reminder.at !== undefined ? reminder.at : (reminderTime ?? '09:00');
          const daysBefore = 'daysBefore' in reminder ? (reminder.daysBefore ?? 0) : 0;
          expect(wallTime(rings, timeZone)).toBe(`${shiftDate(day, -daysBefore)} ${at}`);
        }
      }
    }
  });
  return output;
}

describe('any text round-trips through ical.js', () => {
  test.prop([scenario(cleanText)])('text a TEXT value can hold comes back unchanged; events land on due times and local dates', (input) => {
    const output = checkRoundTrip(input, (s) => s);
    // Long lines are folded, never longer than 75 octets.
    expect(Math.max(...output.split('\r\n').map((line) => Buffer.byteLength(line)))).toBeLessThanOrEqual(75);
  });

  test.prop([scenario(anyText)])(
    'any other text comes back as calendarText() says (line breaks as LF, controls dropped) and never injects a property',
    (input) => {
      checkRoundTrip(input, calendarText);
    },
  );

  test.prop([anyText(200)])('calendarText keeps what a TEXT value can hold and only that', (s) => {
    const out = calendarText(s);
    expect(NOT_TEXT.test(out)).toBe(false);
    expect(calendarText(out)).toBe(out);
    if (!NOT_TEXT.test(s) && !/[\uD800-\uDFFF]/.test(s)) expect(out).toBe(s);
    expect(out.split('\n')).toHaveLength(s.split(/\r\n|\r|\n/).length);
  });
});

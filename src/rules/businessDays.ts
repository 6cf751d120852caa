import { TZDate } from '@date-fns/tz';
import { UTCDate } from '@date-fns/utc';
import { addDays, isWeekend } from 'date-fns';
import type { LocalDate } from '../domain/primitives.js';

/** The seeker's working calendar: time zone, holidays and the noon cut-off. */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly holidays?: readonly LocalDate[] | ReadonlySet<string>;
  /** An event at or after this local time (`HH:mm`) counts from the next business day. */
  readonly countFromNextDayAt?: string;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

// Days are walked as civil dates (a UTCDate at midnight stands for the local day):
// zone offsets are looked up once on the way in and once on the way out, which keeps
// DST out of the count and is ten times faster than stepping a zoned date.
type CivilDay = UTCDate;

/** The local calendar day of `instant` in `timeZone`, as a civil day. */
function civilDayOf(instant: Date, timeZone: string): { day: CivilDay; minutes: number } {
  const local = new TZDate(instant.getTime(), timeZone);
  return {
    day: new UTCDate(local.getFullYear(), local.getMonth(), local.getDate()),
    minutes: local.getHours() * 60 + local.getMinutes(),
  };
}

/** The instant a civil day starts in `timeZone` (local midnight, or the first valid time). */
function startOfCivilDay(day: CivilDay, timeZone: string): Date {
  return new Date(new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), timeZone).getTime());
}

function keyOf(day: CivilDay): LocalDate {
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

const EMPTY: ReadonlySet<string> = new Set();

function holidaySet(calendar: BusinessCalendar): ReadonlySet<string> {
  const { holidays } = calendar;
  if (!holidays) return EMPTY;
  return holidays instanceof Set ? holidays : new Set(holidays as readonly string[]);
}

function isBusinessDay(day: CivilDay, holidays: ReadonlySet<string>): boolean {
  return !isWeekend(day) && (holidays.size === 0 || !holidays.has(keyOf(day)));
}

function nextBusinessDay(day: CivilDay, holidays: ReadonlySet<string>): CivilDay {
  let next = addDays(day, 1);
  while (!isBusinessDay(next, holidays)) next = addDays(next, 1);
  return next;
}

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

function countStart(instant: Date, calendar: BusinessCalendar, holidays: ReadonlySet<string>): CivilDay {
  const { day, minutes } = civilDayOf(instant, calendar.timeZone);
  const late = minutes >= minutesOf(calendar.countFromNextDayAt ?? '12:00');
  return isBusinessDay(day, holidays) && !late ? day : nextBusinessDay(day, holidays);
}

/**
 * The local day on which counting starts for an event at `instant` (the 3B7 count):
 * the same day when it is a business day and the event came before the cut-off
 * (noon by default), otherwise the next business day. Returned as the instant that
 * day starts in the calendar's zone.
 */
export function businessCountStart(instant: Date, calendar: BusinessCalendar): Date {
  return startOfCivilDay(countStart(instant, calendar, holidaySet(calendar)), calendar.timeZone);
}

/**
 * The start (local midnight) of the `days`-th business day after the count start of
 * `instant`, skipping weekends and the calendar's holidays. Strictly after `instant`
 * whenever `days >= 1`.
 */
export function businessDaysAfter(instant: Date, days: number, calendar: BusinessCalendar): Date {
  const holidays = holidaySet(calendar);
  let day = countStart(instant, calendar, holidays);
  for (let i = 0; i < days; i++) day = nextBusinessDay(day, holidays);
  return startOfCivilDay(day, calendar.timeZone);
}

/** Whether `instant` falls on a business day in the calendar's zone. */
export function isBusinessDayAt(instant: Date, calendar: BusinessCalendar): boolean {
  return isBusinessDay(civilDayOf(instant, calendar.timeZone).day, holidaySet(calendar));
}

/** The local day (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function localDateAt(instant: Date, timeZone: string): LocalDate {
  return keyOf(civilDayOf(instant, timeZone).day);
}

/** The instant local day `date` (`YYYY-MM-DD`) starts in `timeZone`. */
export function startOfLocalDate(date: LocalDate, timeZone: string): Date {
  const [year = 1970, month = 1, dayOfMonth = 1] = date.split('-').map(Number);
  return startOfCivilDay(new UTCDate(year, month - 1, dayOfMonth), timeZone);
}

/** The start (local midnight) of the day `days` calendar days before or after `instant`'s day. */
export function startOfLocalDayOffset(instant: Date, days: number, timeZone: string): Date {
  return startOfCivilDay(addDays(civilDayOf(instant, timeZone).day, days), timeZone);
}

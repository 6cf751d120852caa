import type { UTCDate } from '@date-fns/utc';
// The minimal build: getters and setters only, which is all date-fns needs here.
import { UTCDateMini } from '@date-fns/utc/date/mini';
import { addBusinessDays, addDays, isWeekend, startOfDay } from 'date-fns';
import { ValidationError } from '../domain/errors.js';
import type { LocalDate } from '../domain/primitives.js';
import { fromWallClock, isTimeZone, toWallClock } from '../domain/zone.js';

/** The seeker's working calendar: time zone, holidays and the noon cut-off. */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly holidays?: readonly LocalDate[];
  /** An event at or after this local time (`HH:mm`) counts from the next business day. */
  readonly countFromNextDayAt?: string;
}

// Days are walked as civil dates (a UTCDate at midnight stands for the local day):
// the zone is consulted once on the way in and once on the way out, which keeps DST
// out of the count and is far faster than stepping a zoned date.
type CivilDay = UTCDate;

/** Holidays that fall on weekdays, as civil-day timestamps: a set to test, a sorted list to count. */
interface Holidays {
  readonly set: ReadonlySet<number>;
  readonly sorted: readonly number[];
}

const NO_HOLIDAYS: Holidays = { set: new Set(), sorted: [] };
// Holiday lists are prepared once per list (the agenda passes the workspace's own list to every rule).
const preparedHolidays = new WeakMap<readonly LocalDate[], Holidays>();

function civilDayOfDate(date: LocalDate): CivilDay {
  const [year = 1970, month = 1, dayOfMonth = 1] = date.split('-').map(Number);
  return new UTCDateMini(year, month - 1, dayOfMonth);
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_OF_DAY = /^\d{2}:\d{2}$/;
// Weekends alone leave a business day in every week; holidays are a finite list. So a
// walk to the next business day ends within this many days, or the calendar is broken.
const MAX_DAYS_STEPPED = 400_000;

/** Whether `date` is a real calendar day written `YYYY-MM-DD`. */
function isLocalDate(date: unknown): date is LocalDate {
  if (typeof date !== 'string' || !LOCAL_DATE.test(date)) return false;
  return keyOf(civilDayOfDate(date)) === date;
}

/**
 * Rules may assume valid records, but they must terminate and fail in a typed way:
 * an invalid instant, zone, holiday or cut-off is a `ValidationError`, not a loop.
 */
function checkCalendar(instant: Date | undefined, calendar: BusinessCalendar): void {
  const issues: { path: string; message: string }[] = [];
  if (instant !== undefined && !(instant instanceof Date && Number.isFinite(instant.getTime()))) {
    issues.push({ path: 'instant', message: 'not a valid date' });
  }
  if (!isTimeZone(calendar.timeZone)) issues.push({ path: 'timeZone', message: 'not an IANA time zone (like "Europe/Berlin")' });
  const cutOff = calendar.countFromNextDayAt;
  if (cutOff !== undefined && !(typeof cutOff === 'string' && TIME_OF_DAY.test(cutOff))) {
    issues.push({ path: 'countFromNextDayAt', message: 'not a time of day (HH:mm)' });
  }
  const list = calendar.holidays ?? [];
  if (!preparedHolidays.has(list)) {
    if (!Array.isArray(list)) issues.push({ path: 'holidays', message: 'not a list of days' });
    else {
      const bad = list.findIndex((date) => !isLocalDate(date));
      if (bad >= 0) issues.push({ path: `holidays[${bad}]`, message: 'not a calendar day (YYYY-MM-DD)' });
    }
  }
  if (issues.length > 0) throw new ValidationError('business calendar', issues);
}

function holidaysOf(calendar: BusinessCalendar): Holidays {
  const list = calendar.holidays;
  if (!list || list.length === 0) return NO_HOLIDAYS;
  let holidays = preparedHolidays.get(list);
  if (!holidays) {
    const days = [...new Set(list)].map(civilDayOfDate).filter((day) => !isWeekend(day));
    const sorted = days.map((day) => day.getTime()).sort((a, b) => a - b);
    holidays = { set: new Set(sorted), sorted };
    preparedHolidays.set(list, holidays);
  }
  return holidays;
}

/** How many weekday holidays fall in `(after, upTo]`. */
function holidaysBetween(holidays: Holidays, after: CivilDay, upTo: CivilDay): number {
  const { sorted } = holidays;
  let count = 0;
  for (const day of sorted) {
    if (day > upTo.getTime()) break;
    if (day > after.getTime()) count++;
  }
  return count;
}

/** The local calendar day of `instant` in `timeZone`, and the local minutes past midnight. */
function civilDayOf(instant: Date, timeZone: string): { day: CivilDay; minutes: number } {
  const wall = toWallClock(instant, timeZone);
  return { day: startOfDay(wall), minutes: wall.getHours() * 60 + wall.getMinutes() };
}

/** The instant a civil day starts in `timeZone` (local midnight, or the first valid time). */
function startOfCivilDay(day: CivilDay, timeZone: string): Date {
  return fromWallClock(day, timeZone);
}

function keyOf(day: CivilDay): LocalDate {
  const month = day.getMonth() + 1;
  const dayOfMonth = day.getDate();
  return `${day.getFullYear()}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

function isBusinessDay(day: CivilDay, holidays: Holidays): boolean {
  return !isWeekend(day) && !holidays.set.has(day.getTime());
}

function nextBusinessDay(day: CivilDay, holidays: Holidays): CivilDay {
  let next = addDays(day, 1);
  for (let stepped = 1; !isBusinessDay(next, holidays); stepped++) {
    if (stepped > MAX_DAYS_STEPPED) throw new ValidationError('business calendar', [{ path: 'holidays', message: 'no business day found' }]);
    next = addDays(next, 1);
  }
  return next;
}

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

function countStart(instant: Date, calendar: BusinessCalendar, holidays: Holidays): CivilDay {
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
  checkCalendar(instant, calendar);
  return startOfCivilDay(countStart(instant, calendar, holidaysOf(calendar)), calendar.timeZone);
}

/**
 * The start (local midnight) of the `days`-th business day after the count start of
 * `instant`, skipping weekends and the calendar's holidays. Strictly after `instant`
 * whenever `days >= 1`.
 */
export function businessDaysAfter(instant: Date, days: number, calendar: BusinessCalendar): Date {
  checkCalendar(instant, calendar);
  if (!Number.isSafeInteger(days) || Math.abs(days) > MAX_DAYS_STEPPED) {
    throw new ValidationError('business calendar', [{ path: 'days', message: `a whole number of days up to ${MAX_DAYS_STEPPED}` }]);
  }
  const holidays = holidaysOf(calendar);
  let from = countStart(instant, calendar, holidays);
  let day = addBusinessDays(from, days);
  // Each weekday holiday passed on the way pushes the end one business day further.
  for (let extra = holidaysBetween(holidays, from, day); extra > 0; extra = holidaysBetween(holidays, from, day)) {
    from = day;
    day = addBusinessDays(day, extra);
  }
  return startOfCivilDay(day, calendar.timeZone);
}

/** Whether `instant` falls on a business day in the calendar's zone. */
export function isBusinessDayAt(instant: Date, calendar: BusinessCalendar): boolean {
  checkCalendar(instant, calendar);
  return isBusinessDay(civilDayOf(instant, calendar.timeZone).day, holidaysOf(calendar));
}

/** The local day (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function localDateAt(instant: Date, timeZone: string): LocalDate {
  checkCalendar(instant, { timeZone });
  return keyOf(civilDayOf(instant, timeZone).day);
}

/** The instant local day `date` (`YYYY-MM-DD`) starts in `timeZone`. */
export function startOfLocalDate(date: LocalDate, timeZone: string): Date {
  checkCalendar(undefined, { timeZone });
  if (!isLocalDate(date)) throw new ValidationError('business calendar', [{ path: 'date', message: 'not a calendar day (YYYY-MM-DD)' }]);
  return startOfCivilDay(civilDayOfDate(date), timeZone);
}

/** The start (local midnight) of the day `days` calendar days before or after `instant`'s day. */
export function startOfLocalDayOffset(instant: Date, days: number, timeZone: string): Date {
  checkCalendar(instant, { timeZone });
  return startOfCivilDay(addDays(civilDayOf(instant, timeZone).day, days), timeZone);
}

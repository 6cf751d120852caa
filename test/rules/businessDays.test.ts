// Tests src/rules/businessDays.ts. Every assertion reads local time through TZDate or
// Intl with an explicit zone (never the process's local Date getters), so the suite
// gives the same answers under TZ=UTC and TZ=Pacific/Auckland.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { TZDate } from '@date-fns/tz';
import {
  businessCountStart,
  businessDaysAfter,
  isBusinessDayAt,
  localDateAt,
  startOfLocalDate,
  type BusinessCalendar,
} from '../../src/rules/businessDays.js';
import { arbitraries } from '../../src/testing/arbitraries.js';

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------
// An independent oracle: civil days through Intl, counted as day numbers since 1970.
// ---------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function localParts(instant: Date, timeZone: string) {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const { year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0 } = parts;
  return { dayNumber: Date.UTC(year, month - 1, day) / DAY, minutes: hour * 60 + minute, second };
}

const keyOf = (dayNumber: number) => new Date(dayNumber * DAY).toISOString().slice(0, 10);
const weekday = (dayNumber: number) => new Date(dayNumber * DAY).getUTCDay();

function oracle(holidays: ReadonlySet<string>) {
  const isBusiness = (d: number) => weekday(d) !== 0 && weekday(d) !== 6 && !holidays.has(keyOf(d));
  const next = (d: number) => {
    let n = d + 1;
    while (!isBusiness(n)) n += 1;
    return n;
  };
  return { isBusiness, next };
}

/** Local `HH:mm` of `instant` in `zone`, read through TZDate. */
const wallClock = (instant: Date, zone: string) => {
  const local = new TZDate(instant.getTime(), zone);
  return `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
};

/** Asserts `result` is local midnight of `date` (YYYY-MM-DD) in `zone`, given as UTC ISO `iso`. */
function expectLocalMidnight(result: Date, zone: string, date: string, iso: string) {
  expect(result.toISOString()).toBe(iso);
  expect(localDateAt(result, zone)).toBe(date);
  expect(wallClock(result, zone)).toBe('00:00');
}

// ---------------------------------------------------------------------------------
// Examples
// ---------------------------------------------------------------------------------

describe('businessDaysAfter: examples in America/New_York', () => {
  const ny: BusinessCalendar = { timeZone: NY };

  it('Monday 09:00 + 7 business days is the next week’s Wednesday, at local midnight', () => {
    const monday = new Date('2026-06-01T09:00:00-04:00');
    expect(businessCountStart(monday, ny).toISOString()).toBe('2026-06-01T04:00:00.000Z');
    expectLocalMidnight(businessDaysAfter(monday, 7, ny), NY, '2026-06-10', '2026-06-10T04:00:00.000Z');
    expect(new TZDate(businessDaysAfter(monday, 7, ny).getTime(), NY).getDay()).toBe(3);
  });

  it('after noon the count starts the next day: Thursday', () => {
    const monday = new Date('2026-06-01T13:00:00-04:00');
    expect(businessCountStart(monday, ny).toISOString()).toBe('2026-06-02T04:00:00.000Z');
    expectLocalMidnight(businessDaysAfter(monday, 7, ny), NY, '2026-06-11', '2026-06-11T04:00:00.000Z');
  });

  it('noon itself counts as after noon; 11:59 does not', () => {
    expect(businessDaysAfter(new Date('2026-06-01T12:00:00-04:00'), 7, ny).toISOString()).toBe('2026-06-11T04:00:00.000Z');
    expect(businessDaysAfter(new Date('2026-06-01T11:59:59-04:00'), 7, ny).toISOString()).toBe('2026-06-10T04:00:00.000Z');
  });

  it('honours another cut-off time', () => {
    const cal = { timeZone: NY, countFromNextDayAt: '17:30' };
    expect(businessDaysAfter(new Date('2026-06-01T17:29:00-04:00'), 1, cal).toISOString()).toBe('2026-06-02T04:00:00.000Z');
    expect(businessDaysAfter(new Date('2026-06-01T17:30:00-04:00'), 1, cal).toISOString()).toBe('2026-06-03T04:00:00.000Z');
  });

  it('on a Saturday, counting starts on Monday', () => {
    const saturday = new Date('2026-06-06T10:00:00-04:00');
    expectLocalMidnight(businessCountStart(saturday, ny), NY, '2026-06-08', '2026-06-08T04:00:00.000Z');
    expectLocalMidnight(businessDaysAfter(saturday, 7, ny), NY, '2026-06-17', '2026-06-17T04:00:00.000Z');
    expectLocalMidnight(businessDaysAfter(saturday, 1, ny), NY, '2026-06-09', '2026-06-09T04:00:00.000Z');
  });

  it('skips a holiday', () => {
    const monday = new Date('2026-06-29T09:00:00-04:00');
    expect(businessDaysAfter(monday, 7, ny).toISOString()).toBe('2026-07-08T04:00:00.000Z');
    const withHoliday = { timeZone: NY, holidays: ['2026-07-03'] };
    expectLocalMidnight(businessDaysAfter(monday, 7, withHoliday), NY, '2026-07-09', '2026-07-09T04:00:00.000Z');
  });

  it('skips several holidays, and holidays on weekends change nothing', () => {
    const monday = new Date('2026-06-29T09:00:00-04:00');
    const cal = { timeZone: NY, holidays: ['2026-07-03', '2026-07-04', '2026-07-05', '2026-07-06', '2026-07-09'] };
    // Tue 30 (1), Wed 1 (2), Thu 2 (3), [Fri 3], [Sat, Sun], [Mon 6], Tue 7 (4), Wed 8 (5), [Thu 9], Fri 10 (6), Mon 13 (7).
    expectLocalMidnight(businessDaysAfter(monday, 7, cal), NY, '2026-07-13', '2026-07-13T04:00:00.000Z');
  });

  it('a holiday on the day of the attempt moves the count start', () => {
    const cal = { timeZone: NY, holidays: ['2026-06-01'] };
    expect(businessCountStart(new Date('2026-06-01T09:00:00-04:00'), cal).toISOString()).toBe('2026-06-02T04:00:00.000Z');
    expect(isBusinessDayAt(new Date('2026-06-01T09:00:00-04:00'), cal)).toBe(false);
  });

  it('0 business days is the count start', () => {
    const monday = new Date('2026-06-01T09:00:00-04:00');
    expect(businessDaysAfter(monday, 0, ny).toISOString()).toBe(businessCountStart(monday, ny).toISOString());
  });
});

describe('businessDaysAfter across DST transitions', () => {
  it.each([
    // America/New_York: clocks go forward on Sunday 2026-03-08, back on Sunday 2026-11-01.
    [NY, '2026-03-06T09:00:00-05:00', 1, '2026-03-09', '2026-03-09T04:00:00.000Z'],
    [NY, '2026-03-05T09:00:00-05:00', 7, '2026-03-16', '2026-03-16T04:00:00.000Z'],
    [NY, '2026-03-08T03:30:00-04:00', 1, '2026-03-10', '2026-03-10T04:00:00.000Z'],
    [NY, '2026-10-30T09:00:00-04:00', 1, '2026-11-02', '2026-11-02T05:00:00.000Z'],
    [NY, '2026-10-29T09:00:00-04:00', 7, '2026-11-09', '2026-11-09T05:00:00.000Z'],
    [NY, '2026-11-01T01:30:00-05:00', 0, '2026-11-02', '2026-11-02T05:00:00.000Z'],
    // Europe/Berlin: forward on Sunday 2026-03-29, back on Sunday 2026-10-25.
    [BERLIN, '2026-03-27T09:00:00+01:00', 1, '2026-03-30', '2026-03-29T22:00:00.000Z'],
    [BERLIN, '2026-03-27T23:30:00+01:00', 1, '2026-03-31', '2026-03-30T22:00:00.000Z'],
    [BERLIN, '2026-03-26T09:00:00+01:00', 7, '2026-04-06', '2026-04-05T22:00:00.000Z'],
    [BERLIN, '2026-10-23T09:00:00+02:00', 1, '2026-10-26', '2026-10-25T23:00:00.000Z'],
    [BERLIN, '2026-10-21T09:00:00+02:00', 7, '2026-10-30', '2026-10-29T23:00:00.000Z'],
    [BERLIN, '2026-10-25T02:30:00+01:00', 1, '2026-10-27', '2026-10-26T23:00:00.000Z'],
  ] as const)('%s: %s + %i → %s (%s)', (zone, at, days, date, iso) => {
    expectLocalMidnight(businessDaysAfter(new Date(at), days, { timeZone: zone }), zone, date, iso);
  });

  it('where local midnight does not exist west of Greenwich, the day starts at 01:00', () => {
    // America/Sao_Paulo moved clocks from 00:00 to 01:00 on Sunday 2018-11-04.
    const start = startOfLocalDate('2018-11-04', 'America/Sao_Paulo');
    expect(start.toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(wallClock(start, 'America/Sao_Paulo')).toBe('01:00');
    expect(localDateAt(new Date(start.getTime() - 1), 'America/Sao_Paulo')).toBe('2018-11-03');
  });

  // East of Greenwich too: an earlier zone.ts resolved a skipped midnight to 23:00 the
  // evening before (the offset after the jump applied to a time before it).
  it.each([
    // Asia/Tehran: 00:00 → 01:00 on Monday 2021-03-22; Friday 09:00 + 1 business day.
    ['Asia/Tehran', '2021-03-19T09:00:00+03:30', '2021-03-22', '2021-03-21T20:30:00.000Z'],
    // Africa/Cairo: 00:00 → 01:00 on Friday 2026-04-24; Thursday 09:00 + 1 business day.
    ['Africa/Cairo', '2026-04-23T09:00:00+02:00', '2026-04-24', '2026-04-23T22:00:00.000Z'],
  ])('in %s, a day without midnight starts at 01:00, its first instant', (zone, at, date, iso) => {
    const result = businessDaysAfter(new Date(at), 1, { timeZone: zone });
    expect(localDateAt(result, zone)).toBe(date);
    expect(wallClock(result, zone)).toBe('01:00');
    expect(result.toISOString()).toBe(iso);
    expect(startOfLocalDate(date, zone).toISOString()).toBe(iso);
  });
});

describe('local days', () => {
  it.each([
    ['2026-03-08', NY, '2026-03-08T05:00:00.000Z'],
    ['2026-03-09', NY, '2026-03-09T04:00:00.000Z'],
    ['2026-10-25', BERLIN, '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', BERLIN, '2026-10-25T23:00:00.000Z'],
    ['2026-10-04', 'Australia/Lord_Howe', '2026-10-03T13:30:00.000Z'],
  ])('%s starts in %s at %s', (date, zone, iso) => {
    const start = startOfLocalDate(date, zone);
    expect(start.toISOString()).toBe(iso);
    expect(localDateAt(start, zone)).toBe(date);
    expect(localDateAt(new Date(start.getTime() - 1), zone)).not.toBe(date);
  });
});

// ---------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------

/** Zones whose DST once began at 00:00: there, a day may start at 01:00. */
const MIDNIGHT_DST = new Set(['Asia/Tehran', 'America/Sao_Paulo']);

/** Whether local day `dayNumber` has no 00:00 in `zone` (clocks jumped over midnight). */
function lacksMidnight(zone: string, dayNumber: number): boolean {
  if (!MIDNIGHT_DST.has(zone)) return false;
  // Walk from 15 hours before UTC midnight of that date to the first instant of the local day.
  for (let t = dayNumber * DAY - 15 * 3_600_000; t < dayNumber * DAY + 15 * 3_600_000; t += 15 * 60_000) {
    const local = localParts(new Date(t), zone);
    if (local.dayNumber === dayNumber) return local.minutes !== 0;
  }
  return false;
}

const scenario = fc
  .record({
    instant: arbitraries.instant({ max: new Date('2059-12-31T00:00:00Z') }),
    zone: arbitraries.timeZone(),
    days: fc.integer({ min: 0, max: 30 }),
    holidayOffsets: fc.uniqueArray(fc.integer({ min: -2, max: 50 }), { maxLength: 8 }),
    cutoff: fc.option(
      fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(
        ([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
      ),
      { nil: undefined },
    ),
  })
  .map(({ instant, zone, days, holidayOffsets, cutoff }) => {
    const today = localParts(instant, zone).dayNumber;
    const holidays = holidayOffsets.map((offset) => keyOf(today + offset));
    const calendar: BusinessCalendar = { timeZone: zone, holidays, ...(cutoff === undefined ? {} : { countFromNextDayAt: cutoff }) };
    return { instant, days, calendar };
  });

describe('every local day starts at its first instant', () => {
  const zones = [...new Set(fc.sample(arbitraries.timeZone(), { numRuns: 300, seed: 3 }))];

  it.each(zones)('%s, each day of 2020–2022 (DST days included)', (zone) => {
    const from = Date.UTC(2020, 0, 1) / DAY;
    for (let day = from; day < from + 3 * 366; day++) {
      const start = startOfLocalDate(keyOf(day), zone);
      expect(localParts(start, zone).dayNumber).toBe(day);
      expect(localParts(new Date(start.getTime() - 1), zone).dayNumber).toBe(day - 1);
      expect(localDateAt(start, zone)).toBe(keyOf(day));
    }
  });
});

describe('businessDaysAfter properties', () => {
  test.prop([scenario], { numRuns: 400 })(
    'lands on the start of the days-th business day after the count start, as an independent count says',
    ({ instant, days, calendar }) => {
      const zone = calendar.timeZone;
      const { isBusiness, next } = oracle(new Set(calendar.holidays as readonly string[]));
      const local = localParts(instant, zone);
      const [h = 12, m = 0] = (calendar.countFromNextDayAt ?? '12:00').split(':').map(Number);
      const startDay = isBusiness(local.dayNumber) && local.minutes < h * 60 + m ? local.dayNumber : next(local.dayNumber);
      let targetDay = startDay;
      for (let i = 0; i < days; i++) targetDay = next(targetDay);

      const start = businessCountStart(instant, calendar);
      const result = businessDaysAfter(instant, days, calendar);

      expect(localParts(start, zone).dayNumber).toBe(startDay);
      expect(localParts(result, zone).dayNumber).toBe(targetDay);
      // The start of that local day: the instant before it is still the day before.
      expect(localParts(new Date(result.getTime() - 1), zone).dayNumber).toBe(targetDay - 1);
      const zoned = new TZDate(result.getTime(), zone);
      expect(zoned.getMinutes()).toBe(0);
      expect(zoned.getSeconds()).toBe(0);
      expect(zoned.getMilliseconds()).toBe(0);
      // Local midnight, or 01:00 on the rare days a DST jump skipped midnight (Asia/Tehran before 2023).
      expect(zoned.getHours()).toBe(lacksMidnight(zone, targetDay) ? 1 : 0);
      // A weekday that is not a holiday.
      expect([1, 2, 3, 4, 5]).toContain(zoned.getDay());
      expect(calendar.holidays).not.toContain(localDateAt(result, zone));
      expect(isBusinessDayAt(result, calendar)).toBe(true);
    },
  );

  test.prop([scenario], { numRuns: 300 })('is strictly after the instant for days ≥ 1, and never before it', ({ instant, days, calendar }) => {
    const result = businessDaysAfter(instant, days, calendar);
    if (days >= 1) expect(result.getTime()).toBeGreaterThan(instant.getTime());
    expect(businessDaysAfter(instant, days + 1, calendar).getTime()).toBeGreaterThan(result.getTime());
    expect(result.getTime()).toBeGreaterThanOrEqual(businessCountStart(instant, calendar).getTime());
  });

  test.prop([scenario], { numRuns: 300 })(
    'exactly days − 1 business days lie strictly between the count start and the result',
    ({ instant, days, calendar }) => {
      fc.pre(days >= 1);
      const zone = calendar.timeZone;
      const { isBusiness } = oracle(new Set(calendar.holidays as readonly string[]));
      const from = localParts(businessCountStart(instant, calendar), zone).dayNumber;
      const to = localParts(businessDaysAfter(instant, days, calendar), zone).dayNumber;
      let between = 0;
      for (let d = from + 1; d < to; d++) if (isBusiness(d)) between++;
      expect(between).toBe(days - 1);
      expect(isBusiness(from)).toBe(true);
      expect(isBusiness(to)).toBe(true);
    },
  );

  test.prop([scenario, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })], { numRuns: 200 })(
    'adds up: a + b business days is b business days after the a-th',
    ({ instant, calendar }, a, b) => {
      const viaA = businessDaysAfter(instant, a, calendar);
      // The a-th day starts at local midnight, before any cut-off, so it counts from itself...
      const cutoffIsMidnight = (calendar.countFromNextDayAt ?? '12:00') === '00:00';
      fc.pre(!cutoffIsMidnight);
      expect(businessDaysAfter(viaA, b, calendar).getTime()).toBe(businessDaysAfter(instant, a + b, calendar).getTime());
    },
  );
});

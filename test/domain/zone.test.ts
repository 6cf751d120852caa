import { TZDate } from '@date-fns/tz';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { startOfLocalDayOffset } from '../../src/rules/businessDays.js';
import { fromWallClock, toWallClock } from '../../src/domain/zone.js';

// Every zone this runtime knows, so rare transitions (midnight jumps in Beirut, Cairo
// and Gaza, Lord Howe's half hour) are in the draw.
const ZONES = Intl.supportedValuesOf('timeZone');
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) });
const zone = fc.constantFrom(...ZONES);

describe('wall-clock conversions', () => {
  test.prop([instant, zone], { numRuns: 3000 })('toWallClock reads what TZDate reads', (ms, timeZone) => {
    const wall = toWallClock(ms, timeZone);
    const zoned = new TZDate(ms, timeZone);
    expect([wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes()]).toEqual([
      zoned.getFullYear(),
      zoned.getMonth(),
      zoned.getDate(),
      zoned.getHours(),
      zoned.getMinutes(),
    ]);
  });

  test.prop([instant, zone], { numRuns: 3000 })(
    'fromWallClock gives back the instant, or the first one that reads the same wall time',
    (ms, timeZone) => {
      const back = fromWallClock(toWallClock(ms, timeZone), timeZone).getTime();
      expect(back).toBeLessThanOrEqual(ms);
      expect(toWallClock(back, timeZone).getTime()).toBe(toWallClock(ms, timeZone).getTime());
    },
  );

  test.prop([instant, zone], { numRuns: 3000 })('the start of a local day is the first instant of that day', (ms, timeZone) => {
    const start = startOfLocalDayOffset(new Date(ms), 0, timeZone).getTime();
    const day = (t: number) => toWallClock(t, timeZone).getUTCDate();
    expect(start).toBeLessThanOrEqual(ms);
    expect(day(start)).toBe(day(ms));
    expect(day(start - 1)).not.toBe(day(ms));
  });

  test('a midnight skipped by a DST jump starts the day at the first valid time', () => {
    // Beirut moved from 00:00 to 01:00 on 26 March 2000.
    expect(startOfLocalDayOffset(new Date('2000-03-26T10:00:00Z'), 0, 'Asia/Beirut').toISOString()).toBe('2000-03-25T22:00:00.000Z');
    // New York skips 02:00–03:00 on 8 March 2026: 02:30 becomes 03:30 EDT.
    expect(fromWallClock(new Date('2026-03-08T02:30:00Z'), 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  test('a wall time repeated when clocks go back resolves to its first occurrence', () => {
    // New York repeats 01:00–02:00 on 1 November 2026: first as EDT (05:30Z), then EST.
    expect(fromWallClock(new Date('2026-11-01T01:30:00Z'), 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

import { tzOffset } from '@date-fns/tz/tzOffset';
import type { UTCDate } from '@date-fns/utc';
// The minimal build: getters and setters only, which is all date-fns needs here.
import { UTCDateMini } from '@date-fns/utc/date/mini';

// Wall-clock conversions for one IANA zone. Offsets come from @date-fns/tz; they are
// memoized per hour of UTC time, and an hour is only memoized when the offset is the
// same at both of its ends (no transition inside), so the memo never changes an answer.
// Local wall times are carried as UTCDate values, where date-fns does the calendar math.

const HOUR = 3_600_000;
const SPAN = 14 * HOUR;
const MEMO_LIMIT = 200_000;
const memo = new Map<string, Map<number, number>>();

// The zone asked last, and its memo: an agenda asks about one zone thousands of times in a row.
let lastZone: string | undefined;
let lastOffsets: Map<number, number> | undefined;

function hourOffsets(timeZone: string): Map<number, number> {
  let offsets = timeZone === lastZone ? lastOffsets : memo.get(timeZone);
  if (!offsets) memo.set(timeZone, (offsets = new Map()));
  else if (offsets.size > MEMO_LIMIT) offsets.clear();
  lastZone = timeZone;
  lastOffsets = offsets;
  return offsets;
}

/** The zone's UTC offset in minutes at `ms` (positive east of Greenwich). */
export function offsetAt(timeZone: string, ms: number): number {
  const hour = Math.floor(ms / HOUR);
  const offsets = hourOffsets(timeZone);
  const known = offsets.get(hour);
  if (known !== undefined) return known;
  const start = tzOffset(timeZone, new Date(hour * HOUR));
  const end = tzOffset(timeZone, new Date((hour + 1) * HOUR - 1));
  if (start === end) {
    offsets.set(hour, start);
    return start;
  }
  return tzOffset(timeZone, new Date(ms));
}

/** The wall-clock time in `timeZone` at `instant`, as a UTCDate whose UTC fields read local. */
export function toWallClock(instant: Date | number, timeZone: string): UTCDate {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new UTCDateMini(ms + offsetAt(timeZone, ms) * 60_000);
}

/**
 * The instant a wall-clock time (a UTCDate read as local) happens in `timeZone`. A
 * time repeated when clocks go back resolves to its first occurrence; a time skipped
 * when clocks go forward moves forward by the jump (midnight on a day that starts at
 * 01:00 gives 01:00).
 */
export function fromWallClock(wall: Date, timeZone: string): Date {
  return new Date(fromWallClockMs(wall.getTime(), timeZone));
}

/** {@link fromWallClock} on milliseconds: the instant (ms) a wall-clock time read as UTC happens in `timeZone`. */
export function fromWallClockMs(local: number, timeZone: string): number {
  // The instant lies within 14 hours of the wall time read as UTC; take the offsets in
  // force at both ends of that span and keep the candidates that read back as `wall`.
  const early = local - offsetAt(timeZone, local - SPAN) * 60_000;
  const late = local - offsetAt(timeZone, local + SPAN) * 60_000;
  const earlyFits = local - offsetAt(timeZone, early) * 60_000 === early;
  const lateFits = local - offsetAt(timeZone, late) * 60_000 === late;
  if (earlyFits && lateFits) return Math.min(early, late);
  if (earlyFits) return early;
  if (lateFits) return late;
  // In a gap neither reads back as `wall`; the later instant is the one after the jump.
  return Math.max(early, late);
}

// Only names that turned out valid are remembered, so bad input cannot grow the cache.
const knownZones = new Set<string>();

/** Whether `zone` is an IANA time zone this runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  if (knownZones.size < 1_000) knownZones.add(zone);
  return true;
}

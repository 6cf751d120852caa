import { add, type Duration } from 'date-fns';
import { fromWallClock, toWallClock } from './zone.js';
import { ClockError, ValidationError } from './errors.js';

/** Where time comes from. Rules never read the system clock; services ask a `Clock`. */
export interface Clock {
  /** The current instant, as a fresh `Date`. */
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

function toInstant(at: Date | string, what: string): Date {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) {
    throw new ValidationError(what, [{ path: what, message: `not a date: ${String(at)}` }]);
  }
  return instant;
}

/** A clock stopped at one instant (tests, reproducible reports). */
export function fixedClock(at: Date | string): Clock {
  const time = toInstant(at, 'fixedClock').getTime();
  return { now: () => new Date(time) };
}

/** A clock a test or demo moves by hand; it never goes backwards. */
export interface ManualClock extends Clock {
  /** Move to `at`; throws `ClockError` if that is earlier than now. */
  set(at: Date | string): void;
  /** Move forward by milliseconds or a date-fns duration (`{ days: 3 }`). */
  advance(by: number | Duration): void;
}

/**
 * A clock moved by hand. Calendar durations (`{ months: 1 }`) are added in
 * `timeZone` (UTC unless given), so the process's `TZ` never changes where it lands.
 */
export function manualClock(start: Date | string, options: { timeZone?: string } = {}): ManualClock {
  let time = toInstant(start, 'manualClock').getTime();
  const zone = options.timeZone ?? 'UTC';
  const moveTo = (next: Date) => {
    if (next.getTime() < time) throw new ClockError(new Date(time), next);
    time = next.getTime();
  };
  return {
    now: () => new Date(time),
    set: (at) => moveTo(toInstant(at, 'manualClock.set')),
    advance: (by) =>
      moveTo(typeof by === 'number' ? new Date(time + by) : fromWallClock(add(toWallClock(time, zone), by), zone)),
  };
}

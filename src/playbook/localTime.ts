// Times as people write them: `2026-08-10T08:30` (no offset) is a wall-clock time in the
// workspace's zone. Only the top-level time fields of a Playbook input are read this way.
import { fromWallClock } from '../domain/zone.js';

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** The input fields that hold an instant. */
const TIME_FIELDS = new Set(['at', 'startedAt', 'startAt', 'sentAt', 'until', 'since', 'offeredAt', 'doneAt', 'from', 'to', 'checkInSnoozedUntil']);

/**
 * The instant a local wall-clock time (`YYYY-MM-DDTHH:mm`, seconds optional) names in
 * `timeZone`, or `undefined` when `text` is not such a time or names no calendar day.
 * A time repeated when clocks go back is its first occurrence; a time skipped when
 * clocks go forward is moved forward by the jump (02:30 on a spring-forward night in
 * New York is 03:30 EDT).
 */
export function localTimeIn(text: string, timeZone: string): Date | undefined {
  const match = LOCAL_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = Number(match[6] ?? 0);
  const millisecond = Number((match[7] ?? '0').padEnd(3, '0'));
  const wall = new Date(0);
  wall.setUTCFullYear(year, month - 1, day);
  wall.setUTCHours(hour, minute, second, millisecond);
  // 2026-02-30 or 24:00 would roll over into another day: not a time anyone wrote.
  if (wall.getUTCMonth() !== month - 1 || wall.getUTCDate() !== day || wall.getUTCHours() !== hour || wall.getUTCSeconds() !== second) {
    return undefined;
  }
  return fromWallClock(wall, timeZone);
}

/**
 * A shallow copy of a Playbook input with each local time in a time field turned into
 * the instant it names in `timeZone`. Anything else is left for validation to judge.
 */
export function withLocalTimes<T>(input: T, timeZone: string): T {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || input instanceof Date) return input;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(input)) {
    const value = (input as Record<string, unknown>)[key];
    if (!TIME_FIELDS.has(key) || typeof value !== 'string') continue;
    const instant = localTimeIn(value, timeZone);
    if (instant === undefined) continue;
    copy ??= { ...(input as Record<string, unknown>) };
    copy[key] = instant;
  }
  return (copy ?? input) as T;
}

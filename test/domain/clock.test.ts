import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  ClockError,
  ReachoutError,
  ValidationError,
  fixedClock,
  isReachoutError,
  manualClock,
  systemClock,
  type ManualClock,
} from '../../src/domain/index.js';
import { arbitraries } from '../../src/testing/arbitraries.js';

function clockError(run: () => unknown): ClockError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ClockError);
  expect(caught).toBeInstanceOf(ReachoutError);
  expect(isReachoutError(caught, 'clock-backwards')).toBe(true);
  expect((caught as ClockError).code).toBe('clock-backwards');
  return caught as ClockError;
}

const iso = (clock: { now(): Date }) => clock.now().toISOString();

describe('systemClock', () => {
  it('reads the machine clock as a fresh Date', () => {
    const before = new Date().getTime();
    const now = systemClock.now();
    const after = new Date().getTime();
    expect(now.getTime()).toBeGreaterThanOrEqual(before);
    expect(now.getTime()).toBeLessThanOrEqual(after);
    expect(systemClock.now()).not.toBe(now);
  });
});

describe('fixedClock', () => {
  test.prop([arbitraries.instant()], { numRuns: 100 })('returns equal, fresh Dates that callers cannot change', (generated) => {
    const at = new Date(generated.getTime());
    const clock = fixedClock(at);
    const first = clock.now();
    expect(first.getTime()).toBe(at.getTime());
    expect(first).not.toBe(at);
    first.setTime(0);
    at.setTime(1);
    const second = clock.now();
    expect(second).not.toBe(first);
    expect(second.getTime()).not.toBe(0);
    expect(second).toEqual(clock.now());
  });

  it('accepts an ISO string with offset', () => {
    expect(iso(fixedClock('2026-03-08T09:00:00+01:00'))).toBe('2026-03-08T08:00:00.000Z');
  });

  it('rejects an invalid date with a ValidationError', () => {
    expect(() => fixedClock('soon')).toThrow(ValidationError);
    expect(() => fixedClock(new Date(Number.NaN))).toThrow(ValidationError);
  });
});

describe('manualClock', () => {
  it('starts where it is told and returns fresh Dates', () => {
    const clock = manualClock('2026-01-31T12:00:00Z');
    const now = clock.now();
    now.setTime(0);
    expect(iso(clock)).toBe('2026-01-31T12:00:00.000Z');
  });

  it('moves to a later instant, or stays put', () => {
    const clock = manualClock('2026-01-31T12:00:00Z');
    clock.set('2026-02-01T00:00:00+01:00');
    expect(iso(clock)).toBe('2026-01-31T23:00:00.000Z');
    clock.set(new Date('2026-01-31T23:00:00Z'));
    expect(iso(clock)).toBe('2026-01-31T23:00:00.000Z');
  });

  it('advances by milliseconds', () => {
    const clock = manualClock('2026-01-31T12:00:00Z');
    clock.advance(90_000);
    expect(iso(clock)).toBe('2026-01-31T12:01:30.000Z');
    clock.advance(0);
    expect(iso(clock)).toBe('2026-01-31T12:01:30.000Z');
  });

  it('adds calendar durations in UTC by default', () => {
    const clock = manualClock('2026-01-31T12:00:00Z');
    clock.advance({ months: 1 });
    expect(iso(clock)).toBe('2026-02-28T12:00:00.000Z');
    clock.advance({ days: 29 });
    expect(iso(clock)).toBe('2026-03-29T12:00:00.000Z');
  });

  it('adds calendar durations in the zone it is given', () => {
    // 2026-03-01 00:30 in Berlin (CET); a month later is 2026-04-01 00:30 CEST.
    const berlin = manualClock('2026-02-28T23:30:00Z', { timeZone: 'Europe/Berlin' });
    berlin.advance({ months: 1 });
    expect(iso(berlin)).toBe('2026-03-31T22:30:00.000Z');
    const utc = manualClock('2026-02-28T23:30:00Z');
    utc.advance({ months: 1 });
    expect(iso(utc)).toBe('2026-03-28T23:30:00.000Z');
  });

  it.each([
    ['Europe/Berlin', '2026-03-28T12:00:00Z', '2026-03-29T11:00:00.000Z'],
    ['Europe/Berlin', '2026-10-24T12:00:00Z', '2026-10-25T13:00:00.000Z'],
    ['America/New_York', '2026-03-07T17:00:00Z', '2026-03-08T16:00:00.000Z'],
    ['America/New_York', '2026-10-31T16:00:00Z', '2026-11-01T17:00:00.000Z'],
    ['UTC', '2026-03-28T12:00:00Z', '2026-03-29T12:00:00.000Z'],
  ])('in %s, one day after %s is the same wall-clock time: %s', (timeZone, start, expected) => {
    const clock = manualClock(start, { timeZone });
    clock.advance({ days: 1 });
    expect(iso(clock)).toBe(expected);
  });

  it('refuses to go backwards with ClockError, and keeps its time', () => {
    const clock = manualClock('2026-01-31T12:00:00Z');
    const viaSet = clockError(() => clock.set('2026-01-31T11:59:59.999Z'));
    expect(viaSet.current.toISOString()).toBe('2026-01-31T12:00:00.000Z');
    expect(viaSet.requested.toISOString()).toBe('2026-01-31T11:59:59.999Z');
    expect(viaSet.message).toContain('2026-01-31T12:00:00.000Z');
    expect(iso(clock)).toBe('2026-01-31T12:00:00.000Z');
    clockError(() => clock.advance(-1));
    clockError(() => clock.advance({ months: -1 }));
    clockError(() => clock.advance({ days: 1, hours: -25 }));
    expect(iso(clock)).toBe('2026-01-31T12:00:00.000Z');
  });

  it('rejects an invalid date with a ValidationError and keeps its time', () => {
    expect(() => manualClock('whenever')).toThrow(ValidationError);
    const clock = manualClock('2026-01-31T12:00:00Z');
    expect(() => clock.set('later')).toThrow(ValidationError);
    expect(iso(clock)).toBe('2026-01-31T12:00:00.000Z');
  });

  const step = fc.oneof(
    fc.record({ kind: fc.constant('ms' as const), by: fc.integer({ min: -3_600_000, max: 3_600_000 }) }),
    fc.record({
      kind: fc.constant('duration' as const),
      by: fc.record({ months: fc.integer({ min: -2, max: 3 }), days: fc.integer({ min: -3, max: 10 }) }, { requiredKeys: [] }),
    }),
    fc.record({ kind: fc.constant('set' as const), by: fc.integer({ min: -86_400_000, max: 86_400_000 }) }),
  );

  test.prop(
    [arbitraries.instant({ max: new Date('2059-01-01T00:00:00Z') }), arbitraries.timeZone(), fc.array(step, { maxLength: 12 })],
    { numRuns: 150 },
  )('never goes backwards: every move either advances the time or throws ClockError and changes nothing', (start, timeZone, steps) => {
    const clock: ManualClock = manualClock(start, { timeZone });
    for (const s of steps) {
      const before = clock.now().getTime();
      const move = () =>
        s.kind === 'ms' ? clock.advance(s.by) : s.kind === 'duration' ? clock.advance(s.by) : clock.set(new Date(before + s.by));
      let failed = false;
      try {
        move();
      } catch (error) {
        expect(error).toBeInstanceOf(ClockError);
        failed = true;
      }
      const after = clock.now().getTime();
      if (failed) expect(after).toBe(before);
      else expect(after).toBeGreaterThanOrEqual(before);
      if (s.kind === 'ms') expect(failed).toBe(s.by < 0);
      if (s.kind === 'set') {
        expect(failed).toBe(s.by < 0);
        if (!failed) expect(after).toBe(before + s.by);
      }
    }
  });
});

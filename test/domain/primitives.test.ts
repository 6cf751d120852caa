import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import * as z from 'zod';
import { EmailSchema, InstantSchema, isEmailAddress, isTimeZone } from '../../src/domain/index.js';
import { arbitraries } from '../../src/testing/arbitraries.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `instant` written as local time at a fixed `offsetMinutes` east of UTC: `…T09:30:00.000+05:30`. */
function isoAtOffset(instant: Date, offsetMinutes: number): string {
  const shifted = new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${shifted}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

describe('InstantSchema', () => {
  it.each([
    ['2026-03-08T09:00:00Z', '2026-03-08T09:00:00.000Z'],
    ['2026-03-08T09:00:00.123Z', '2026-03-08T09:00:00.123Z'],
    ['2026-03-08T09:00:00+01:00', '2026-03-08T08:00:00.000Z'],
    ['2026-03-08T09:00:00-05:00', '2026-03-08T14:00:00.000Z'],
    ['2026-03-08T09:00:00+05:45', '2026-03-08T03:15:00.000Z'],
    ['2024-02-29T23:59:59.999+00:00', '2024-02-29T23:59:59.999Z'],
  ])('accepts %s as the instant %s', (text, expected) => {
    const parsed = InstantSchema.parse(text);
    expect(parsed).toBeInstanceOf(Date);
    expect(parsed.toISOString()).toBe(expected);
  });

  test.prop([arbitraries.instant(), fc.integer({ min: -12 * 60, max: 14 * 60 })], { numRuns: 200 })(
    'accepts any instant written at any whole-minute offset',
    (instant, offset) => {
      expect(InstantSchema.parse(isoAtOffset(instant, offset)).getTime()).toBe(instant.getTime());
    },
  );

  test.prop([arbitraries.instant()], { numRuns: 100 })('accepts a Date and returns an equal, fresh Date', (date) => {
    const parsed = InstantSchema.parse(date);
    expect(parsed).not.toBe(date);
    expect(parsed.getTime()).toBe(date.getTime());
  });

  it.each([
    ['a local time without offset', '2026-03-08T09:00:00'],
    ['a local time with fraction, no offset', '2026-03-08T09:00:00.000'],
    ['a date only', '2026-03-08'],
    ['an offset without a colon', '2026-03-08T09:00:00+0100'],
    ['a lower-case z', '2026-03-08T09:00:00z'],
    ['a day that does not exist', '2026-02-30T09:00:00Z'],
    ['hour 24', '2026-03-08T24:00:00Z'],
    ['a space instead of T', '2026-03-08 09:00:00Z'],
    ['words', 'next Tuesday'],
    ['an RFC 2822 date', 'Sun, 08 Mar 2026 09:00:00 GMT'],
    ['an empty string', ''],
  ])('rejects %s (%j)', (_label, text) => {
    expect(InstantSchema.safeParse(text).success).toBe(false);
  });

  it.each([
    ['an invalid Date', new Date(Number.NaN)],
    ['a number', 1_772_960_400_000],
    ['zero', 0],
    ['NaN', Number.NaN],
    ['null', null],
    ['undefined', undefined],
    ['a boolean', true],
    ['an object', {}],
    ['a boxed string', Object('2026-03-08T09:00:00Z') as unknown],
  ])('rejects %s', (_label, value) => {
    expect(InstantSchema.safeParse(value).success).toBe(false);
  });

  test.prop([fc.oneof(fc.integer(), fc.double(), fc.bigInt())], { numRuns: 100 })('rejects every number', (value) => {
    expect(InstantSchema.safeParse(value).success).toBe(false);
  });

  test.prop([fc.string({ maxLength: 30 }).filter((s) => !/[Z+-]\d{0,2}:?\d{0,2}$/.test(s))], { numRuns: 200 })(
    'rejects strings that end without an offset',
    (text) => {
      expect(InstantSchema.safeParse(text).success).toBe(false);
    },
  );

  test.prop([arbitraries.instant()], { numRuns: 100 })('z.encode writes the UTC ISO form with offset Z', (date) => {
    const text = z.encode(InstantSchema, date);
    expect(text).toBe(date.toISOString());
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(z.decode(InstantSchema, text).getTime()).toBe(date.getTime());
  });
});

describe('InstantSchema: what it accepts, it can write back', () => {
  it.each([
    ['year 0', new Date('0000-01-01T00:00:00Z')],
    ['year 9999', new Date('9999-12-31T23:59:59.999Z')],
  ])('%s survives JSON', (_label, date) => {
    expect(InstantSchema.parse(JSON.parse(JSON.stringify(InstantSchema.parse(date)))).getTime()).toBe(date.getTime());
  });

  // Years after 9999 or before 0 serialize as `+010000-…`/`-000001-…`, which no ISO
  // string accepts back: such a record would save and never load again.
  it.each([
    ['year 10000', new Date(Date.UTC(10_000, 0, 1))],
    ['year -1', new Date(Date.UTC(-1, 0, 1))],
    ['the last representable instant', new Date(8.64e15)],
  ])('%s: accepted only if it survives JSON', (_label, date) => {
    if (!InstantSchema.safeParse(date).success) return;
    expect(InstantSchema.safeParse(JSON.parse(JSON.stringify(date))).success).toBe(true);
  });
});

describe('isEmailAddress / EmailSchema', () => {
  it.each(['ada@example.com', 'a.b+tag@mail.example.co', 'x@a-b.io'])('accepts %s', (text) => {
    expect(isEmailAddress(text)).toBe(true);
    expect(EmailSchema.parse(` ${text} `)).toBe(text);
  });

  it.each(['', '@example.com', 'ada@', 'ada@example', 'ada@@example.com', 'a da@example.com', 'ada@exa_mple.com', 'ada@example..com'])(
    'rejects %j',
    (text) => {
      expect(isEmailAddress(text)).toBe(false);
    },
  );

  test.prop([fc.string({ maxLength: 300 })], { numRuns: 300 })('never throws and agrees with EmailSchema on trimmed input', (text) => {
    const verdict = isEmailAddress(text);
    expect(typeof verdict).toBe('boolean');
    if (text === text.trim()) expect(EmailSchema.safeParse(text).success).toBe(verdict);
  });
});

describe('isTimeZone', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/Sao_Paulo', 'Australia/Lord_Howe'])('knows %s', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });
  it.each(['', 'Mars/Olympus', 'Europe/Berlin '])('rejects %j', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });
});

// The JSON store's fast path for reading records back must be the schema, only faster:
// on any JSON value it either gives exactly what the schema gives (keys, key order,
// defaults, trims, Dates) or leaves the value to the schema, after which the schema
// still gives exactly what it gives on the untouched value (the same record, or the same
// error). Valid records, as the store writes them, all take the fast path.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type * as z from 'zod';
import { NESTED_FIELDS, readStoredRecord, STORED_FIELDS } from '../../src/adapters/storedRecords.js';
import type { RecordKind } from '../../src/domain/ports.js';
import { RECORD_KINDS, RECORD_SCHEMAS } from '../../src/domain/records.js';
import { PreparationSchema } from '../../src/domain/meeting.js';
import { AttemptSchema, ReplySchema } from '../../src/domain/outreach.js';
import { validate } from '../../src/domain/validate.js';
import { arbitraries } from '../../src/testing/arbitraries.js';

type Json = unknown;
type Path = readonly (string | number)[];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Every path in a JSON tree, root first. */
function paths(value: Json, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, index) => paths(item, [...path, index], out));
  else if (isObject(value)) for (const key of Object.keys(value)) paths(value[key], [...path, key], out);
  return out;
}

function at(root: Json, path: Path): Json {
  let current = root;
  for (const key of path) current = (current as Record<string | number, Json>)[key];
  return current;
}

/** Sets an own property, even `__proto__`. */
const put = (target: object, key: string | number, value: Json) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

/** What the schema makes of a value: the record, or the error's message and issues. */
function bySchema(kind: RecordKind, json: Json): { ok: true; value: unknown } | { ok: false; message: string; issues: unknown } {
  try {
    return { ok: true, value: validate(RECORD_SCHEMAS[kind], json, 'snapshot', 'contacts[0]') };
  } catch (error) {
    const { message, issues } = error as { message: string; issues: unknown };
    return { ok: false, message, issues };
  }
}

/** Every key path in order, so two values with the same keys in another order differ. */
const keyOrder = (value: unknown): string[] =>
  paths(value).map((path) => path.join('.'));

const part = (...values: string[]) => fc.constantFrom(...values);
/** 24-character UTC instants around every boundary: Feb 29 of leap and other years, day 31 of short months, hour 24… */
const isoLike = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 9999 }).map((year) => String(year).padStart(4, '0')), part('0000', '1900', '2000', '2024', '2025', '2100', '2400', '9999', '0a00')),
    part('00', '01', '02', '04', '06', '09', '10', '11', '12', '13', '1x'),
    part('00', '01', '09', '28', '29', '30', '31', '32', '3.'),
    part('00', '09', '19', '23', '24', '29'),
    part('00', '59', '60', '5:'),
    part('00', '59', '60', '99'),
    part('000', '999', '00a', '12'),
    part('Z', 'z', '+'),
    part('T', 't', ' '),
  )
  .map(([y, mo, d, h, mi, s, ms, zone, t]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}.${ms}${zone}`);
const someInstant = fc
  .date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
const odd = fc.constantFrom<Json>(
  null, 0, -1, 4, 5, 20, 600, 601, 4.5, Number.MAX_SAFE_INTEGER + 2, true, false, '', ' ', 'x', 'a\nb', ' padded ', 'a\r\n\u2028b',
  'email', 'coffee', 'sent', 'held', 'accepted', 'alumni', 'know-the-company',
  '2026-02-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z', '2000-02-29T12:00:00.000Z', '1900-02-29T12:00:00.000Z',
  '2026-13-01T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-01-01T00:60:00.000Z',
  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000+02:00', '2026-01-01T00:00:00.1234Z', '2026-01-01t00:00:00.000z',
  '2026-01-01T00:00Z', '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '+010000-01-01T00:00:00.000Z', '2026-01-01',
  [], [1], ['x'], [''], {}, { a: 1 }, { 'know-the-company': 'yes' }, { 'know-the-company': 1 },
  'x'.repeat(60), 'x'.repeat(61), 'x'.repeat(128), 'x'.repeat(129), 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(20_000), 'x'.repeat(20_001),
  `${' '.repeat(300)}a`, `a${' '.repeat(20_001)}`, `\u00a0name\ufeff`,
  'https://example.com/x', 'ftp://example.com', 'https://exa mple.com', 'a@b.co', ' a@b.co ', 'a@b', '+1 (555) 010', ' 12 ', 'ab',
  'c-1', 'bad id', 'ü', '__proto__',
);
const garbage: fc.Arbitrary<Json> = fc.oneof(
  odd,
  isoLike,
  someInstant,
  fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r', '\u0085', '\u2028', '\u00a0', '-', '_', '@', '.', 'é', '😀'), maxLength: 12 }),
  fc.integer({ min: -5, max: 700 }),
  fc.array(fc.oneof(odd, someInstant), { maxLength: 3 }),
);
const KEYS = [...new Set(Object.values(STORED_FIELDS).flatMap((fields) => fields.map(([key]) => key)))];
const someKey = fc.constantFrom('extra', '__proto__', 'constructor', 'prototype', '0', ...KEYS);

/** One edit of a parsed record, at the `n`-th path (modulo the count). */
const edit = fc.oneof(
  fc.record({ op: fc.constant('set' as const), n: fc.nat(), value: garbage }),
  fc.record({ op: fc.constant('delete' as const), n: fc.nat() }),
  fc.record({ op: fc.constant('add' as const), n: fc.nat(), key: someKey, value: garbage }),
  fc.record({ op: fc.constant('reorder' as const), n: fc.nat(), by: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ op: fc.constant('pad' as const), n: fc.nat(), before: fc.constantFrom('', ' ', '\n', '\t'), after: fc.constantFrom('', ' ', '\r\n', '\u2029') }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

/** Applies `edits` to a JSON copy of `record`; returns the JSON text. */
function edited(record: unknown, edits: readonly Edit[]): string {
  const root = JSON.parse(JSON.stringify(record)) as Json;
  for (const change of edits) {
    const all = paths(root);
    const path = all[change.n % all.length]!;
    const target = at(root, path);
    const parent = path.length > 0 ? (at(root, path.slice(0, -1)) as Record<string | number, Json>) : undefined;
    const key = path.at(-1);
    if (change.op === 'set' && parent && key !== undefined) put(parent, key, change.value);
    else if (change.op === 'delete' && isObject(parent) && key !== undefined) delete parent[key];
    else if (change.op === 'add' && isObject(target)) put(target, change.key, change.value);
    else if (change.op === 'reorder' && isObject(target)) {
      const entries = Object.entries(target);
      for (const [name] of entries) delete target[name];
      for (let i = 0; i < entries.length; i++) put(target, entries[(i + change.by) % entries.length]![0], entries[(i + change.by) % entries.length]![1]);
    } else if (change.op === 'pad' && parent && key !== undefined && typeof target === 'string') {
      put(parent, key, `${change.before}${target}${change.after}`);
    }
  }
  return JSON.stringify(root);
}

/** The fast path's answer on one copy, against the schema's on another. */
function agrees(kind: RecordKind, text: string): 'fast' | 'schema' {
  const expected = bySchema(kind, JSON.parse(text));
  const json = JSON.parse(text) as Json;
  const fast = readStoredRecord(kind, json);
  if (fast === undefined) {
    // Whatever the fast path converted in place, the schema reads as before.
    expect(bySchema(kind, json)).toStrictEqual(expected);
    return 'schema';
  }
  expect(expected.ok, `accepted what the schema rejects: ${text}`).toBe(true);
  if (expected.ok) {
    expect(fast).toStrictEqual(expected.value);
    expect(keyOrder(fast)).toStrictEqual(keyOrder(expected.value));
  }
  return 'fast';
}

const RECORDS: { readonly [K in RecordKind]: fc.Arbitrary<unknown> } = {
  contact: arbitraries.contact(),
  organization: arbitraries.organization(),
  outreach: arbitraries.outreach(),
  meeting: arbitraries.meeting(),
  thankYou: arbitraries.thankYou(),
  checkIn: arbitraries.checkIn(),
  referral: arbitraries.referral(),
  outcome: arbitraries.outcome(),
};

describe('readStoredRecord', () => {
  it('reads the fields of each schema, in its order', () => {
    for (const kind of RECORD_KINDS) {
      const shape = (RECORD_SCHEMAS[kind] as unknown as z.ZodObject).shape;
      expect(STORED_FIELDS[kind].map(([key]) => key), kind).toStrictEqual(Object.keys(shape));
    }
    const nested = { attempt: AttemptSchema, reply: ReplySchema, preparation: PreparationSchema };
    for (const [name, schema] of Object.entries(nested)) {
      expect(NESTED_FIELDS[name as keyof typeof nested].map(([key]) => key), name).toStrictEqual(Object.keys(schema.shape));
    }
  });

  it('gives what the schema gives, or defers, for every odd value at every place in a record', () => {
    const values = fc.sample(odd, { numRuns: 1_000, seed: 7 });
    const distinct = [...new Set(values.map((value) => JSON.stringify(value)))].map((text) => JSON.parse(text) as Json);
    for (const kind of RECORD_KINDS) {
      for (const record of fc.sample(RECORDS[kind], { numRuns: 2, seed: 11 })) {
        const json = JSON.parse(JSON.stringify(record)) as Json;
        for (const [n, path] of paths(json).entries()) {
          if (isObject(at(json, path))) for (const key of ['extra', '__proto__', ...KEYS]) agrees(kind, edited(record, [{ op: 'add', n, key, value: 'x' }]));
          if (path.length === 0) continue;
          agrees(kind, edited(record, [{ op: 'delete', n }]));
          for (const value of distinct) agrees(kind, edited(record, [{ op: 'set', n, value }]));
        }
      }
    }
  });

  for (const kind of RECORD_KINDS) {
    test.prop([RECORDS[kind]], { numRuns: 150 })(`takes every valid ${kind} as the store writes it`, (record) => {
      expect(agrees(kind, JSON.stringify(record))).toBe('fast');
    });

    test.prop([RECORDS[kind], fc.array(edit, { minLength: 1, maxLength: 3 })], { numRuns: 400 })(
      `gives what the schema gives, or defers to it, on an edited ${kind}`,
      (record, edits) => {
        agrees(kind, edited(record, edits));
      },
    );
  }

  test.prop([fc.oneof(garbage, fc.dictionary(someKey, garbage, { maxKeys: 4 }))], { numRuns: 300 })('never accepts garbage', (value) => {
    for (const kind of RECORD_KINDS) agrees(kind, JSON.stringify(value) ?? 'null');
  });

  it('reads every day of the calendar exactly where the schema does', () => {
    const checkIn = (day: string) => JSON.stringify({ id: 'k-1', contactId: 'c-1', at: `${day}T00:00:00.000Z` });
    for (let year = 0; year <= 9999; year++) agrees('checkIn', checkIn(`${String(year).padStart(4, '0')}-02-29`));
    for (const year of ['0000', '1900', '2000', '2023', '2024']) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) agrees('checkIn', checkIn(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`));
      }
    }
  });

  it('reads an instant exactly where the schema does', () => {
    fc.assert(
      fc.property(fc.oneof(isoLike, someInstant, odd), (text) => {
        agrees('checkIn', JSON.stringify({ id: 'k-1', contactId: 'c-1', at: text, channel: 'email', kind: 'update' }));
      }),
      { numRuns: 3_000 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import type { Arbitrary } from 'fast-check';
import * as z from 'zod';
import {
  CheckInSchema,
  ContactSchema,
  MeetingSchema,
  NetworkSchema,
  OrganizationSchema,
  OutcomeSchema,
  OutreachSchema,
  ReferralSchema,
  ThankYouSchema,
  WorkspaceSchema,
  parseNetwork,
} from '../../src/domain/index.js';
import { arbitraries } from '../../src/testing/arbitraries.js';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Every `Date` inside `value`, with the path that leads to it. */
function datePaths(value: unknown, path: (string | number)[] = [], out: { path: (string | number)[]; date: Date }[] = []) {
  if (value instanceof Date) out.push({ path, date: value });
  else if (Array.isArray(value)) value.forEach((item, i) => datePaths(item, [...path, i], out));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) datePaths(item, [...path, key], out);
  }
  return out;
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string | number, unknown>)[key];
  return current;
}

const json = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

const cases = [
  ['Workspace', WorkspaceSchema, arbitraries.workspace()],
  ['Contact', ContactSchema, arbitraries.contact()],
  ['Organization', OrganizationSchema, arbitraries.organization()],
  ['Outreach', OutreachSchema, arbitraries.outreach()],
  ['Meeting', MeetingSchema, arbitraries.meeting()],
  ['ThankYou', ThankYouSchema, arbitraries.thankYou()],
  ['CheckIn', CheckInSchema, arbitraries.checkIn()],
  ['Referral', ReferralSchema, arbitraries.referral()],
  ['Outcome', OutcomeSchema, arbitraries.outcome()],
  ['Network', NetworkSchema, arbitraries.network({ maxContacts: 5 })],
] as const;

describe.each(cases)('%s', (_name, schema, arbitrary) => {
  const anySchema = schema as z.ZodType;
  const values = arbitrary as Arbitrary<unknown>;

  test.prop([values], { numRuns: 60 })('survives JSON.stringify → JSON.parse → parse, dates included', (value) => {
    const back = anySchema.parse(json(value));
    expect(back).toStrictEqual(value);
    const before = datePaths(value);
    const after = datePaths(back);
    expect(after.map((d) => d.path)).toEqual(before.map((d) => d.path));
    after.forEach(({ date }, i) => {
      expect(date).toBeInstanceOf(Date);
      expect(date.getTime()).toBe(before[i]!.date.getTime());
    });
  });

  test.prop([values], { numRuns: 60 })('z.encode writes ISO strings with offset, exactly the JSON form; z.decode reads them back', (value) => {
    const encoded = z.encode(anySchema, value);
    expect(encoded).toEqual(json(value));
    for (const { path, date } of datePaths(value)) {
      const text = at(encoded, path);
      expect(typeof text).toBe('string');
      expect(text).toMatch(ISO_WITH_OFFSET);
      expect(new Date(text as string).getTime()).toBe(date.getTime());
    }
    expect(datePaths(encoded)).toEqual([]);
    expect(z.decode(anySchema, encoded as never)).toStrictEqual(value);
  });

  test.prop([values], { numRuns: 30 })('parse returns fresh Dates, never the caller’s objects', (value) => {
    const parsed = anySchema.parse(value);
    const theirs = new Set(datePaths(value).map((d) => d.date));
    for (const { date } of datePaths(parsed)) expect(theirs.has(date)).toBe(false);
  });
});

/** Every object and array inside `value` (Dates included). */
function objectsIn(value: unknown, out = new Set<object>()): Set<object> {
  if (typeof value !== 'object' || value === null) return out;
  out.add(value);
  for (const item of Object.values(value)) objectsIn(item, out);
  return out;
}

describe('parse hands out no shared mutable state', () => {
  const at = '2026-03-02T09:00:00Z';
  const minimal = [
    ['Workspace', WorkspaceSchema, { id: 'w', name: 'Sam', timeZone: 'UTC', createdAt: at }],
    ['Contact', ContactSchema, { id: 'c', name: 'Ada', tie: 'alumni', createdAt: at }],
    ['Organization', OrganizationSchema, { id: 'o', name: 'Acme', createdAt: at }],
    ['Outreach', OutreachSchema, { id: 'r', contactId: 'c', startedAt: at }],
    ['ThankYou', ThankYouSchema, { id: 't', meetingId: 'm', contactId: 'c', sentAt: at }],
    ['CheckIn', CheckInSchema, { id: 'k', contactId: 'c', at }],
    ['Referral', ReferralSchema, { id: 'f', introducerId: 'c', kind: 'name-suggested', offeredAt: at }],
    ['Outcome', OutcomeSchema, { id: 'x', kind: 'offer', contactIds: ['c'], at }],
    ['Network', NetworkSchema, { workspace: { id: 'w', name: 'Sam', timeZone: 'UTC', createdAt: at } }],
  ] as const;

  it.each(minimal)('%s: two parses of the same input share no object, defaults included', (_name, schema, input) => {
    const first = objectsIn((schema as z.ZodType).parse(input));
    for (const node of objectsIn((schema as z.ZodType).parse(input))) expect(first.has(node)).toBe(false);
  });

  // Zod copies a default only shallowly: meetings parsed without `preparation` must not
  // share one `answers` object or `questionsToAsk` array.
  it('Meeting: two parses of the same input share no object, defaults included', () => {
    const input = { id: 'm', contactId: 'c', startAt: at };
    const first = objectsIn(MeetingSchema.parse(input));
    for (const node of objectsIn(MeetingSchema.parse(input))) expect(first.has(node)).toBe(false);
  });
});

describe('parseNetwork round trip', () => {
  test.prop([arbitraries.network()], { numRuns: 80 })('a network written as JSON parses back deep-equal', (network) => {
    expect(parseNetwork(json(network))).toStrictEqual(network);
  });

  test.prop([arbitraries.network()], { numRuns: 40 })('JSON → parse → JSON is a fixed point', (network) => {
    const text = JSON.stringify(network);
    expect(JSON.stringify(parseNetwork(JSON.parse(text)))).toBe(text);
  });
});

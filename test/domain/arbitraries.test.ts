import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type * as z from 'zod';
import {
  CheckInSchema,
  ContactSchema,
  MeetingSchema,
  OrganizationSchema,
  OutcomeSchema,
  OutreachSchema,
  ReferralSchema,
  ThankYouSchema,
  WorkspaceSchema,
  isEmailAddress,
  isTimeZone,
  parseNetwork,
  type Network,
} from '../../src/domain/index.js';
import { arbitraries } from '../../src/testing/arbitraries.js';

const MIN = Date.UTC(2000, 0, 1);
const MAX = Date.UTC(2060, 11, 31, 23, 59, 59, 999);

/** Every `Date` anywhere inside `value`. */
function datesIn(value: unknown, out: Date[] = []): Date[] {
  if (value instanceof Date) out.push(value);
  else if (Array.isArray(value)) for (const item of value) datesIn(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) datesIn(item, out);
  return out;
}

const inRange = (date: Date) => {
  const ms = date.getTime();
  return Number.isInteger(ms) && ms >= MIN && ms <= MAX;
};

const index = (id: string) => Number(id.slice(id.indexOf('-') + 1));

describe('instant()', () => {
  test.prop([arbitraries.instant()], { numRuns: 200 })('is a valid Date with whole ms in 2000–2060', (date) => {
    expect(date).toBeInstanceOf(Date);
    expect(Number.isNaN(date.getTime())).toBe(false);
    expect(inRange(date)).toBe(true);
  });

  test.prop(
    [
      fc
        .tuple(arbitraries.instant(), arbitraries.instant())
        .map(([a, b]) => (a <= b ? [a, b] : [b, a]))
        .chain(([min, max]) => fc.tuple(fc.constant(min!), fc.constant(max!), arbitraries.instant({ min: min!, max: max! }))),
    ],
    { numRuns: 100 },
  )('stays within the bounds it is given', ([min, max, date]) => {
    expect(date.getTime()).toBeGreaterThanOrEqual(min.getTime());
    expect(date.getTime()).toBeLessThanOrEqual(max.getTime());
  });
});

describe('timeZone()', () => {
  test('yields known IANA zones, including the required ones', () => {
    const zones = new Set(fc.sample(arbitraries.timeZone(), { numRuns: 500, seed: 42 }));
    for (const zone of zones) expect(isTimeZone(zone)).toBe(true);
    for (const zone of [
      'UTC',
      'America/New_York',
      'Europe/Berlin',
      'Pacific/Auckland',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'America/Sao_Paulo',
    ]) {
      expect(zones).toContain(zone);
    }
  });
});

describe('record arbitraries are schema-valid outputs', () => {
  const cases = [
    ['workspace', WorkspaceSchema, arbitraries.workspace()],
    ['contact', ContactSchema, arbitraries.contact()],
    ['organization', OrganizationSchema, arbitraries.organization()],
    ['outreach', OutreachSchema, arbitraries.outreach()],
    ['meeting', MeetingSchema, arbitraries.meeting()],
    ['thankYou', ThankYouSchema, arbitraries.thankYou()],
    ['checkIn', CheckInSchema, arbitraries.checkIn()],
    ['referral', ReferralSchema, arbitraries.referral()],
    ['outcome', OutcomeSchema, arbitraries.outcome()],
  ] as const;

  for (const [name, schema, arbitrary] of cases) {
    test.prop([arbitrary as fc.Arbitrary<unknown>], { numRuns: 60 })(
      `${name}(): parsing it again changes nothing; every instant is in range`,
      (value) => {
        expect((schema as z.ZodType).parse(value)).toStrictEqual(value);
        for (const date of datesIn(value)) expect(inRange(date)).toBe(true);
      },
    );
  }

  test.prop([arbitraries.contact()], { numRuns: 100 })('contacts: trimmed names, valid emails, no self-links', (contact) => {
    expect(contact.name).toBe(contact.name.trim());
    expect(contact.name.length).toBeGreaterThan(0);
    for (const email of contact.emails) expect(isEmailAddress(email)).toBe(true);
    expect(contact.introducedBy).not.toBe(contact.id);
    expect(contact.mutualContacts).not.toContain(contact.id);
  });

  test.prop([arbitraries.outreach()], { numRuns: 100 })('outreaches: attempts after the start, in order, then the end', (outreach) => {
    let previous = outreach.startedAt.getTime();
    for (const attempt of outreach.attempts) {
      expect(attempt.at.getTime()).toBeGreaterThan(previous);
      previous = attempt.at.getTime();
    }
    if (outreach.reply) expect(outreach.reply.at.getTime()).toBeGreaterThan(previous);
    if (outreach.withdrawnAt) expect(outreach.withdrawnAt.getTime()).toBeGreaterThan(previous);
    expect(outreach.reply !== undefined && outreach.withdrawnAt !== undefined).toBe(false);
  });

  test.prop([arbitraries.referral()], { numRuns: 100 })('referrals: never introduce the introducer; done has doneAt', (referral) => {
    expect(referral.contactId).not.toBe(referral.introducerId);
    if (referral.doneAt) expect(referral.doneAt.getTime()).toBeGreaterThanOrEqual(referral.offeredAt.getTime());
  });
});

/** Checks every invariant `network()` promises, independently of `parseNetwork`. */
function expectPlausible(network: Network, maxContacts: number) {
  const { contacts, meetings, outreaches, thankYous, referrals, outcomes } = network;
  expect(contacts.length).toBeLessThanOrEqual(maxContacts);
  for (const [list, prefix] of [
    ['contacts', 'c'],
    ['organizations', 'o'],
    ['outreaches', 'r'],
    ['meetings', 'm'],
    ['thankYous', 't'],
    ['checkIns', 'k'],
    ['referrals', 'f'],
    ['outcomes', 'x'],
  ] as const) {
    const ids = network[list].map((record) => record.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(new RegExp(`^${prefix}-\\d+$`));
  }
  const byId = new Map(contacts.map((c, i) => [c.id as string, { contact: c, i }]));
  const organizationIds = new Set<string>(network.organizations.map((o) => o.id));
  contacts.forEach((contact, i) => {
    if (contact.introducedBy !== undefined) expect(byId.get(contact.introducedBy)!.i).toBeLessThan(i);
    if (contact.organizationId !== undefined) expect(organizationIds.has(contact.organizationId)).toBe(true);
    expect(contact.mutualContacts).not.toContain(contact.id);
    for (const id of contact.mutualContacts) expect(byId.has(id)).toBe(true);
    expect(contact.createdAt.getTime()).toBeGreaterThanOrEqual(network.workspace.createdAt.getTime());
  });
  for (const outreach of outreaches) {
    const owner = byId.get(outreach.contactId)!;
    expect(owner).toBeDefined();
    expect(outreach.startedAt.getTime()).toBeGreaterThanOrEqual(owner.contact.createdAt.getTime());
    let previous = outreach.startedAt.getTime();
    for (const attempt of outreach.attempts) {
      expect(attempt.at.getTime()).toBeGreaterThan(previous);
      previous = attempt.at.getTime();
    }
  }
  const meetingById = new Map(meetings.map((m) => [m.id as string, m]));
  for (const meeting of meetings) {
    expect(byId.has(meeting.contactId)).toBe(true);
    if (meeting.outreachId !== undefined) {
      const source = outreaches.find((o) => o.id === meeting.outreachId)!;
      expect(source.contactId).toBe(meeting.contactId);
      expect(source.reply?.answer).toBe('accepted');
      expect(meeting.startAt.getTime()).toBeGreaterThan(source.reply!.at.getTime());
    }
    for (const earlier of meeting.previousStarts) expect(earlier.getTime()).toBeLessThan(meeting.startAt.getTime());
  }
  for (const thanks of thankYous) {
    const meeting = meetingById.get(thanks.meetingId)!;
    expect(meeting.contactId).toBe(thanks.contactId);
    expect(meeting.status).toBe('held');
    expect(thanks.sentAt.getTime()).toBeGreaterThanOrEqual(meeting.startAt.getTime() + meeting.minutes * 60_000);
    for (const note of thanks.referencedNotes) expect(meeting.notes).toContain(note);
  }
  for (const referral of referrals) {
    const from = byId.get(referral.introducerId)!;
    if (referral.contactId !== undefined) expect(byId.get(referral.contactId)!.i).toBeGreaterThan(from.i);
    if (referral.meetingId !== undefined) expect(meetingById.get(referral.meetingId)!.contactId).toBe(referral.introducerId);
  }
  for (const outcome of outcomes) {
    expect(new Set(outcome.contactIds).size).toBe(outcome.contactIds.length);
    for (const id of outcome.contactIds) expect(index(id)).toBeLessThan(contacts.length);
  }
  for (const date of datesIn(network)) expect(inRange(date)).toBe(true);
}

describe('network()', () => {
  test.prop([arbitraries.network()], { numRuns: 150 })('parseNetwork accepts every generated network as is', (network) => {
    expect(parseNetwork(network)).toStrictEqual(network);
  });

  test.prop([arbitraries.network()], { numRuns: 100 })('keeps its promises: unique ids, forest, consistent references, plausible times', (network) => {
    expectPlausible(network, 8);
  });

  // This seed once drew the website `http://xn--x.example/…`, which the URL parser refuses.
  test('never draws a host label the URL parser refuses (xn--, the seed that found it)', () => {
    const parsesAsIs = fc.property(arbitraries.network(), (network) => {
      expect(parseNetwork(network)).toStrictEqual(network);
    });
    fc.assert(parsesAsIs, {
      seed: -587941481,
      numRuns: 100,
    });
  });

  test.prop([fc.integer({ min: 0, max: 3 }).chain((max) => fc.tuple(fc.constant(max), arbitraries.network({ maxContacts: max })))], {
    numRuns: 60,
  })('honours maxContacts, including 0', ([max, network]) => {
    expectPlausible(network, max);
    expect(parseNetwork(network)).toStrictEqual(network);
    if (max === 0) {
      expect(network.contacts).toEqual([]);
      expect(network.outcomes).toEqual([]);
    }
  });

  test('large networks stay valid and inside 2000–2060', () => {
    for (const network of fc.sample(arbitraries.network({ maxContacts: 60 }), { numRuns: 5, seed: 7 })) {
      expectPlausible(network, 60);
      expect(parseNetwork(network)).toStrictEqual(network);
    }
  });

  test('generates rich networks, not just empty ones', () => {
    const sample = fc.sample(arbitraries.network(), { numRuns: 200, seed: 1 });
    const total = (pick: (n: Network) => number) => sample.reduce((sum, n) => sum + pick(n), 0);
    expect(total((n) => n.contacts.filter((c) => c.introducedBy !== undefined).length)).toBeGreaterThan(50);
    expect(total((n) => n.thankYous.length)).toBeGreaterThan(20);
    expect(total((n) => n.meetings.filter((m) => m.outreachId !== undefined).length)).toBeGreaterThan(5);
    expect(total((n) => n.referrals.filter((r) => r.contactId !== undefined).length)).toBeGreaterThan(20);
    expect(total((n) => n.outcomes.length)).toBeGreaterThan(20);
    expect(sample.some((n) => n.workspace.phase.kind === 'employed')).toBe(true);
  });
});

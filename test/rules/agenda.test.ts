import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  DEFAULT_POLICIES,
  PolicyError,
  agenda,
  compareActions,
  parseNetwork,
  resolvePolicies,
  type AgendaAction,
  type AgendaActionKind,
  type ContactInput,
  type Network,
  type Policies,
  type RuleId,
} from '../../src/index.js';
import { network as networkArb } from '../../src/testing/arbitraries.js';
import { iso, networkOf, shuffleNetwork } from './networkHelpers.js';

const DAY = 24 * 60 * 60 * 1000;
const contact = (id: string, name: string, extra: Partial<ContactInput> = {}): ContactInput => ({
  id,
  name,
  tie: 'alumni',
  emails: [`${id}@example.com`],
  phones: ['+1 212 555 0100'],
  createdAt: '2024-11-04T09:00:00-05:00',
  ...extra,
});

/**
 * A week in New York that starts the day after clocks spring forward (Sunday 9 March
 * 2025), with one situation per rule:
 * - jo: emailed Mon 24 Feb, only an email address -> 2nd email was due Wed 5 Mar (overdue)
 * - dana: coffee held Fri 7 Mar 14:00, no thank-you -> overdue since Sat 8 Mar 14:20
 * - ana: emailed Thu 27 Feb 10:00 -> call 7 business days later, Mon 10 Mar
 * - fay: met in December, thank-you Tue 10 Dec 18:00 EST -> check-in 3 months later, 18:00 EDT
 * - hugo: outreach opened Tue 11 Mar, Fay knows him -> ask Fay for an introduction
 * - gil: promised an introduction Tue 4 Mar 11:00 EST -> follow up Tue 11 Mar 11:00 EDT
 * - eli: coffee Thu 13 Mar, nothing prepared -> prepare from Wed 12 Mar
 * - cleo (Acme): emailed Fri 7 Mar 09:30 -> second person at Acme after 3 business days;
 *   her retry (Tue 18 Mar) falls after the week
 * - ben: five attempts, the last Tue 4 Mar 15:00 (after noon) -> move on Fri 14 Mar
 * - ivan replied, kai's referrals are done or declined, dev has no records: nothing to do
 */
function week(): Network {
  return networkOf({
    organizations: [{ id: 'acme', name: 'Acme Corp', createdAt: '2024-11-04T09:00:00-05:00' }],
    contacts: [
      contact('ana', 'Ana Ruiz'),
      contact('ben', 'Ben Ode'),
      contact('cleo', 'Cleo Park', { organizationId: 'acme' }),
      contact('dev', 'Dev Shah', { organizationId: 'acme' }),
      contact('dana', 'Dana Wu', { tie: 'event' }),
      contact('eli', 'Eli Stone'),
      contact('fay', 'Fay Lin'),
      contact('gil', 'Gil Moss'),
      contact('hugo', 'Hugo Bell', { mutualContacts: ['fay'] }),
      contact('ivan', 'Ivan Roe'),
      contact('jo', 'Jo Kim', { phones: [] }),
      contact('kai', 'Kai Loy'),
    ],
    outreaches: [
      { id: 'o-ana', contactId: 'ana', startedAt: '2025-02-27T09:00:00-05:00', attempts: [{ channel: 'email', at: '2025-02-27T10:00:00-05:00' }] },
      {
        id: 'o-ben',
        contactId: 'ben',
        startedAt: '2025-01-27T09:00:00-05:00',
        attempts: [
          { channel: 'email', at: '2025-01-27T10:00:00-05:00' },
          { channel: 'phone', at: '2025-02-05T10:00:00-05:00', result: 'voicemail' },
          { channel: 'email', at: '2025-02-14T10:00:00-05:00' },
          { channel: 'phone', at: '2025-02-25T10:00:00-05:00', result: 'no-answer' },
          { channel: 'email', at: '2025-03-04T15:00:00-05:00' },
        ],
      },
      { id: 'o-cleo', contactId: 'cleo', startedAt: '2025-03-07T09:00:00-05:00', attempts: [{ channel: 'email', at: '2025-03-07T09:30:00-05:00' }] },
      { id: 'o-hugo', contactId: 'hugo', startedAt: '2025-03-11T09:00:00-04:00' },
      {
        id: 'o-ivan',
        contactId: 'ivan',
        startedAt: '2025-03-03T09:00:00-05:00',
        attempts: [{ channel: 'email', at: '2025-03-03T10:00:00-05:00' }],
        reply: { at: '2025-03-04T08:00:00-05:00', channel: 'email', answer: 'accepted' },
      },
      { id: 'o-jo', contactId: 'jo', startedAt: '2025-02-24T08:00:00-05:00', attempts: [{ channel: 'email', at: '2025-02-24T09:00:00-05:00' }] },
    ],
    meetings: [
      { id: 'm-dana', contactId: 'dana', status: 'held', startAt: '2025-03-07T14:00:00-05:00' },
      { id: 'm-eli', contactId: 'eli', status: 'scheduled', startAt: '2025-03-13T08:30:00-04:00' },
      { id: 'm-fay', contactId: 'fay', status: 'held', startAt: '2024-12-10T10:00:00-05:00' },
      { id: 'm-gil', contactId: 'gil', status: 'held', startAt: '2025-03-03T12:00:00-05:00' },
    ],
    thankYous: [
      { id: 't-fay', meetingId: 'm-fay', contactId: 'fay', sentAt: '2024-12-10T18:00:00-05:00' },
      { id: 't-gil', meetingId: 'm-gil', contactId: 'gil', sentAt: '2025-03-03T17:00:00-05:00' },
    ],
    referrals: [
      { id: 'f-gil', introducerId: 'gil', kind: 'introduction-made', meetingId: 'm-gil', offeredAt: '2025-03-04T11:00:00-05:00' },
      { id: 'f-kai-1', introducerId: 'kai', kind: 'name-suggested', status: 'done', offeredAt: '2025-02-20T11:00:00-05:00', doneAt: '2025-02-21T11:00:00-05:00' },
      { id: 'f-kai-2', introducerId: 'kai', kind: 'resume-forwarded', status: 'declined', offeredAt: '2025-02-20T11:00:00-05:00' },
    ],
  });
}

/** Monday 10 March 2025, 09:00 in New York (EDT since the day before). */
const MONDAY_9AM = new Date('2025-03-10T09:00:00-04:00');
const WEEK = { from: new Date('2025-03-10T00:00:00-04:00'), to: new Date('2025-03-17T00:00:00-04:00') };

/** What a test compares: everything but the reason text, dates in ISO. */
const summary = (a: AgendaAction) => ({
  id: a.id,
  kind: a.kind,
  rule: a.rule,
  title: a.title,
  contactId: a.contactId,
  dueAt: iso(a.dueAt),
  overdueAt: iso(a.overdueAt),
  overdue: a.overdue,
  ...(a.outreachId ? { outreachId: a.outreachId } : {}),
  ...(a.meetingId ? { meetingId: a.meetingId } : {}),
  ...(a.referralId ? { referralId: a.referralId } : {}),
  ...(a.channel ? { channel: a.channel } : {}),
});

const EXPECTED_WEEK = [
  {
    id: 'outreach-o-jo-attempt-2',
    kind: 'outreach.attempt',
    rule: 'outreach.retry',
    title: 'Email Jo Kim (attempt 2 of 5)',
    contactId: 'jo',
    dueAt: '2025-03-05T05:00:00.000Z',
    overdueAt: '2025-03-06T05:00:00.000Z',
    overdue: true,
    outreachId: 'o-jo',
    channel: 'email',
  },
  {
    id: 'meeting-m-dana-thank-you',
    kind: 'thank-you.send',
    rule: 'thank-you.deadline',
    title: 'Send Dana Wu a thank-you and ask for an introduction',
    contactId: 'dana',
    dueAt: '2025-03-08T19:20:00.000Z',
    overdueAt: '2025-03-08T19:20:00.000Z',
    overdue: true,
    meetingId: 'm-dana',
  },
  {
    id: 'outreach-o-ana-attempt-2',
    kind: 'outreach.attempt',
    rule: 'outreach.retry',
    title: 'Call Ana Ruiz (attempt 2 of 5)',
    contactId: 'ana',
    dueAt: '2025-03-10T04:00:00.000Z',
    overdueAt: '2025-03-11T04:00:00.000Z',
    overdue: false,
    outreachId: 'o-ana',
    channel: 'phone',
  },
  {
    id: 'contact-fay-check-in-m4j2dsw0',
    kind: 'check-in.send',
    rule: 'check-in.cadence',
    title: 'Check in with Fay Lin',
    contactId: 'fay',
    dueAt: '2025-03-10T22:00:00.000Z',
    overdueAt: '2025-04-10T22:00:00.000Z',
    overdue: false,
  },
  {
    id: 'outreach-o-hugo-introduction',
    kind: 'outreach.ask-introduction',
    rule: 'outreach.warm-introduction',
    title: 'Ask Fay Lin to introduce you to Hugo Bell',
    contactId: 'hugo',
    dueAt: '2025-03-11T13:00:00.000Z',
    overdueAt: '2025-03-12T04:00:00.000Z',
    overdue: false,
    outreachId: 'o-hugo',
  },
  {
    id: 'referral-f-gil-follow-up',
    kind: 'referral.follow-up',
    rule: 'referral.follow-up',
    title: 'Follow up with Gil Moss on the promised introduction',
    contactId: 'gil',
    dueAt: '2025-03-11T15:00:00.000Z',
    overdueAt: '2025-03-12T04:00:00.000Z',
    overdue: false,
    referralId: 'f-gil',
  },
  {
    // Same due time as Cleo's second contact: the id breaks the tie.
    id: 'meeting-m-eli-prepare',
    kind: 'meeting.prepare',
    rule: 'preparation',
    title: 'Prepare for the coffee with Eli Stone',
    contactId: 'eli',
    dueAt: '2025-03-12T04:00:00.000Z',
    overdueAt: '2025-03-13T04:00:00.000Z',
    overdue: false,
    meetingId: 'm-eli',
  },
  {
    id: 'outreach-o-cleo-second-contact',
    kind: 'outreach.second-contact',
    rule: 'outreach.second-contact',
    title: 'Reach a second person at Acme Corp',
    contactId: 'cleo',
    dueAt: '2025-03-12T04:00:00.000Z',
    overdueAt: '2025-03-13T04:00:00.000Z',
    overdue: false,
    outreachId: 'o-cleo',
  },
  {
    id: 'outreach-o-ben-move-on',
    kind: 'outreach.move-on',
    rule: 'outreach.retry',
    title: 'Move on from Ben Ode',
    contactId: 'ben',
    dueAt: '2025-03-14T04:00:00.000Z',
    overdueAt: '2025-03-15T04:00:00.000Z',
    overdue: false,
    outreachId: 'o-ben',
  },
];
const ids = (actions: readonly AgendaAction[]) => actions.map((a) => a.id);

describe('agenda for a week in New York', () => {
  const network = week();

  test('lists every action due, overdue first, then by due time, then by id', () => {
    const actions = agenda(network, { ...WEEK, now: MONDAY_9AM });
    expect(actions.map(summary)).toEqual(EXPECTED_WEEK);
  });

  test('every action explains itself', () => {
    const actions = agenda(network, { ...WEEK, now: MONDAY_9AM });
    const reasons = Object.fromEntries(actions.map((a) => [a.id, a.reason]));
    expect(reasons['outreach-o-jo-attempt-2']).toBe(
      'No reply from Jo Kim 7 business days after attempt 1 (email): email them, attempt 2 of 5.',
    );
    expect(reasons['meeting-m-dana-thank-you']).toContain('overdue');
    expect(reasons['meeting-m-dana-thank-you']).toContain('ask whether someone else comes to mind');
    expect(reasons['contact-fay-check-in-m4j2dsw0']).toContain('2024-12-10');
    expect(reasons['referral-f-gil-follow-up']).toBe(
      'Gil Moss offered an introduction and it has not happened 7 days later: follow up politely.',
    );
    expect(reasons['outreach-o-cleo-second-contact']).toContain('Acme Corp (1 known)');
    expect(reasons['outreach-o-ben-move-on']).toContain('move on');
    for (const action of actions) expect(action.reason.length).toBeGreaterThan(0);
  });

  test('includeEarlier: false leaves out what fell due before the window; from is inclusive', () => {
    const actions = agenda(network, { ...WEEK, now: MONDAY_9AM, includeEarlier: false });
    expect(ids(actions)).toEqual(EXPECTED_WEEK.slice(2).map((a) => a.id));
    expect(iso(actions[0]!.dueAt)).toBe(iso(WEEK.from));
  });

  test('the end of the window is exclusive', () => {
    const to = new Date('2025-03-14T00:00:00-04:00');
    const actions = agenda(network, { from: WEEK.from, to, now: MONDAY_9AM });
    expect(ids(actions)).toEqual(EXPECTED_WEEK.slice(0, -1).map((a) => a.id));
    const after = agenda(network, { from: WEEK.from, to: new Date(to.getTime() + 1), now: MONDAY_9AM });
    expect(ids(after)).toEqual(EXPECTED_WEEK.map((a) => a.id));
  });

  test('with only now, the window is now and the next 7 local days, under the default policies', () => {
    const now = new Date('2025-03-07T09:00:00-05:00');
    const implicit = agenda(network, { now });
    // 7 days on the seeker's calendar: 09:00 EST Friday to 09:00 EDT the next Friday (167 hours).
    const explicit = agenda(network, { now, from: now, to: new Date('2025-03-14T09:00:00-04:00'), policies: DEFAULT_POLICIES });
    expect(implicit).toEqual(explicit);
    // Eli's preparation (due Wed 12 Mar) is inside the default week; a 3-day window misses it.
    expect(ids(implicit)).toContain('meeting-m-eli-prepare');
    expect(ids(agenda(network, { now, to: new Date('2025-03-10T09:00:00-04:00') }))).not.toContain('meeting-m-eli-prepare');
  });

  test('a one-day window', () => {
    const window = { from: new Date('2025-03-12T00:00:00-04:00'), to: new Date('2025-03-13T00:00:00-04:00') };
    const actions = agenda(network, { ...window, now: MONDAY_9AM, includeEarlier: false });
    expect(ids(actions)).toEqual(['meeting-m-eli-prepare', 'outreach-o-cleo-second-contact']);
  });

  test('later in the week more is overdue, and overdue still comes first', () => {
    const now = new Date('2025-03-12T00:00:00-04:00');
    const actions = agenda(network, { ...WEEK, now });
    expect(actions.map((a) => [a.id, a.overdue])).toEqual([
      ['outreach-o-jo-attempt-2', true],
      ['meeting-m-dana-thank-you', true],
      ['outreach-o-ana-attempt-2', true],
      ['outreach-o-hugo-introduction', true],
      ['referral-f-gil-follow-up', true],
      ['contact-fay-check-in-m4j2dsw0', false],
      ['meeting-m-eli-prepare', false],
      ['outreach-o-cleo-second-contact', false],
      ['outreach-o-ben-move-on', false],
    ]);
  });

  test('policies change what is due: a 3-day referral follow-up and a later retry', () => {
    const policies = resolvePolicies({ referral: { followUpAfterDays: 3 }, outreach: { retryAfterBusinessDays: 10 } });
    const actions = agenda(network, { ...WEEK, policies, now: MONDAY_9AM });
    const byId = new Map(actions.map((a) => [a.id, a]));
    expect(iso(byId.get('referral-f-gil-follow-up')!.dueAt)).toBe('2025-03-07T16:00:00.000Z');
    // Ten business days after Thu 27 Feb: Thu 13 Mar.
    expect(iso(byId.get('outreach-o-ana-attempt-2')!.dueAt)).toBe('2025-03-13T04:00:00.000Z');
    // Ten business days after Mon 24 Feb: Mon 10 Mar, no longer overdue at 09:00.
    expect(byId.get('outreach-o-jo-attempt-2')!.overdue).toBe(false);
    expect(byId.has('outreach-o-ben-move-on')).toBe(false);
  });

  test('an impossible policy is refused with PolicyError, naming the field', () => {
    const impossible: Policies = { ...DEFAULT_POLICIES, outreach: { ...DEFAULT_POLICIES.outreach, maxAttempts: 6 } };
    let error: unknown;
    try {
      agenda(network, { ...WEEK, policies: impossible, now: MONDAY_9AM });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect(error).toMatchObject({ code: 'invalid-policy', issues: [{ path: 'outreach.maxAttempts' }] });
  });

  test('recording what was done clears it from the agenda', () => {
    const done = networkOf({
      ...week(),
      thankYous: [
        ...week().thankYous,
        { id: 't-dana', meetingId: 'm-dana', contactId: 'dana', sentAt: '2025-03-10T08:30:00-04:00' },
      ],
      referrals: week().referrals.map((r) => (r.id === 'f-gil' ? { ...r, status: 'done' as const, doneAt: new Date('2025-03-09T12:00:00Z') } : r)),
    });
    const actions = agenda(done, { ...WEEK, now: MONDAY_9AM });
    expect(ids(actions)).not.toContain('meeting-m-dana-thank-you');
    expect(ids(actions)).not.toContain('referral-f-gil-follow-up');
    expect(actions).toHaveLength(EXPECTED_WEEK.length - 2);
  });

  test('the same answer on every call and after a JSON round trip', () => {
    const first = agenda(network, { ...WEEK, now: MONDAY_9AM });
    expect(agenda(network, { ...WEEK, now: MONDAY_9AM })).toEqual(first);
    const reloaded = parseNetwork(JSON.parse(JSON.stringify(network)));
    expect(agenda(reloaded, { ...WEEK, now: MONDAY_9AM })).toEqual(first);
  });
});

// ---------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------

const RULE_OF: Record<AgendaActionKind, RuleId> = {
  'outreach.attempt': 'outreach.retry',
  'outreach.ask-introduction': 'outreach.warm-introduction',
  'outreach.second-contact': 'outreach.second-contact',
  'outreach.move-on': 'outreach.retry',
  'meeting.prepare': 'preparation',
  'thank-you.send': 'thank-you.deadline',
  'check-in.send': 'check-in.cadence',
  'referral.follow-up': 'referral.follow-up',
};

const POLICY_VARIANTS: readonly Policies[] = [
  DEFAULT_POLICIES,
  resolvePolicies({ outreach: { retryAfterBusinessDays: 2, secondContactAfterBusinessDays: 1, countFromNextDayAt: '17:00' } }),
  resolvePolicies({ checkIn: { minGapDays: 60 }, referral: { followUpAfterDays: 1 }, preparation: { dueDaysBefore: 0 } }),
];

/** A generated network, an instant during its life, and a window around it. */
const scenario = fc
  .record({
    network: networkArb({ maxContacts: 10 }),
    nowMinutes: fc.integer({ min: 0, max: 800 * 24 * 60 }),
    fromOffsetDays: fc.integer({ min: -60, max: 30 }),
    lengthDays: fc.integer({ min: 1, max: 200 }),
    includeEarlier: fc.boolean(),
    policies: fc.constantFrom(...POLICY_VARIANTS),
    seed: fc.nat(),
  })
  .map(({ network, nowMinutes, fromOffsetDays, lengthDays, includeEarlier, policies, seed }) => {
    const now = new Date(network.workspace.createdAt.getTime() + nowMinutes * 60_000);
    const from = new Date(now.getTime() + fromOffsetDays * DAY);
    const to = new Date(from.getTime() + lengthDays * DAY);
    return { network, now, window: { from, to }, includeEarlier, policies, seed };
  });

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;
const run = (s: Scenario, network: Network = s.network) =>
  agenda(network, { ...s.window, policies: s.policies, now: s.now, includeEarlier: s.includeEarlier });

describe('agenda: properties', () => {
  test.prop([scenario])('the same inputs always give the same agenda', (s) => {
    expect(run(s)).toEqual(run(s));
  });

  test.prop([scenario])('the agenda is identical whatever order the records come in', (s) => {
    expect(run(s, shuffleNetwork(s.network, s.seed))).toEqual(run(s));
  });

  test.prop([scenario])('ids are stable across runs: a serialized and reloaded network gives the same agenda', (s) => {
    const reloaded = parseNetwork(JSON.parse(JSON.stringify(s.network)));
    expect(run(s, reloaded)).toEqual(run(s));
  });

  test.prop([scenario])('every action: unique id, its rule, a reason, in the window, sorted, about a known record', (s) => {
    const actions = run(s);
    expect(new Set(ids(actions)).size).toBe(actions.length);
    const contacts = new Set<string>(s.network.contacts.map((c) => c.id));
    const outreaches = new Map<string, string>(s.network.outreaches.map((o) => [o.id, o.contactId]));
    const meetings = new Map<string, string>(s.network.meetings.map((m) => [m.id, m.contactId]));
    const referrals = new Map<string, string>(s.network.referrals.map((r) => [r.id, r.introducerId]));
    actions.forEach((action, i) => {
      expect(action.rule).toBe(RULE_OF[action.kind]);
      expect(action.reason.trim().length).toBeGreaterThan(0);
      expect(action.title.trim().length).toBeGreaterThan(0);
      expect(action.dueAt.getTime()).toBeLessThan(s.window.to.getTime());
      if (!s.includeEarlier) expect(action.dueAt.getTime()).toBeGreaterThanOrEqual(s.window.from.getTime());
      expect(action.overdueAt.getTime()).toBeGreaterThanOrEqual(action.dueAt.getTime());
      expect(action.overdue).toBe(s.now.getTime() >= action.overdueAt.getTime());
      expect(contacts.has(action.contactId)).toBe(true);
      if (action.outreachId !== undefined) expect(outreaches.get(action.outreachId)).toBe(action.contactId);
      if (action.meetingId !== undefined) expect(meetings.get(action.meetingId)).toBe(action.contactId);
      if (action.referralId !== undefined) expect(referrals.get(action.referralId)).toBe(action.contactId);
      const next = actions[i + 1];
      if (next) expect(compareActions(action, next)).toBeLessThan(0);
    });
  });

  test.prop([scenario, fc.double({ min: 0, max: 1, noNaN: true })])(
    'windows compose: [from, mid) then [mid, to) is [from, to); includeEarlier only adds what is due before from',
    (s, split) => {
      const { from, to } = s.window;
      const mid = new Date(from.getTime() + Math.floor((to.getTime() - from.getTime()) * split));
      const at = (window: { from: Date; to: Date }, includeEarlier: boolean) =>
        agenda(s.network, { ...window, policies: s.policies, now: s.now, includeEarlier });
      const whole = at(s.window, false);
      const halves = [...at({ from, to: mid }, false), ...at({ from: mid, to }, false)].sort(compareActions);
      expect(halves).toEqual(whole);
      const withEarlier = at(s.window, true);
      expect(withEarlier.filter((a) => a.dueAt.getTime() >= from.getTime())).toEqual(whole);
    },
  );

  test.prop([scenario, fc.integer({ min: 1, max: 120 * 24 * 60 })])(
    'an action keeps its id, due time and subject as time passes',
    (s, laterMinutes) => {
      const wide = { from: new Date(Date.UTC(1999, 0, 1)), to: new Date(Date.UTC(2070, 0, 1)) };
      const later = new Date(s.now.getTime() + laterMinutes * 60_000);
      const before = new Map(agenda(s.network, { ...wide, policies: s.policies, now: s.now }).map((a) => [a.id, a]));
      for (const action of agenda(s.network, { ...wide, policies: s.policies, now: later })) {
        const earlier = before.get(action.id);
        if (!earlier) continue;
        expect([action.kind, action.contactId, iso(action.dueAt), iso(action.overdueAt)]).toEqual([
          earlier.kind,
          earlier.contactId,
          iso(earlier.dueAt),
          iso(earlier.overdueAt),
        ]);
      }
    },
  );
});

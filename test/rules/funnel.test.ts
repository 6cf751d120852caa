import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  FUNNEL_STAGES,
  funnel,
  type ContactInput,
  type FunnelStage,
  type Network,
  type OutreachInput,
  type TieKind,
} from '../../src/index.js';
import { network as networkArb } from '../../src/testing/arbitraries.js';
import { networkOf, shuffleNetwork } from './networkHelpers.js';

const T = (day: number, hour = 10) => `2025-02-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00-05:00`;
const person = (id: string, tie: TieKind, introducedBy?: string): ContactInput => ({
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  tie,
  emails: [`${id}@example.com`],
  phones: ['+1 212 555 0100'],
  ...(introducedBy ? { introducedBy } : {}),
  createdAt: T(1, 9),
});

/**
 * Nine contacts, each stopping at a known stage:
 * - ana (event): email, call, yes after the call; met; introduced Ben; offer credited -> offer
 * - ben (introduced by Ana): email, yes; met; introduced Cleo; interview credited -> interview
 * - cleo (introduced by Ben): email, call, email, yes; met; her HR recommendation is only offered -> met
 * - dan (alumni): email, call, no answer -> reached
 * - eve (alumni): email, yes; meeting scheduled -> replied
 * - fay (cold): email, declined -> reached
 * - gus (cold): an introduction request only -> not reached
 * - hal (lecturer): met after a lecture, no outreach; an interview came through him -> met
 * - ivy (introduced by Ana): nothing yet -> not reached; an offer came through her
 */
function knownNetwork(): Network {
  return networkOf({
    organizations: [{ id: 'acme', name: 'Acme', createdAt: T(1, 8) }],
    contacts: [
      person('ana', 'event'),
      person('ben', 'friend-of-a-friend', 'ana'),
      person('cleo', 'friend-of-a-friend', 'ben'),
      person('dan', 'alumni'),
      person('eve', 'alumni'),
      person('fay', 'cold'),
      person('gus', 'cold'),
      person('hal', 'lecturer'),
      person('ivy', 'friend-of-a-friend', 'ana'),
    ],
    outreaches: [
      {
        id: 'r-ana',
        contactId: 'ana',
        startedAt: T(3, 9),
        attempts: [{ channel: 'email', at: T(3) }, { channel: 'phone', at: T(12) }],
        reply: { at: T(12, 15), channel: 'phone', answer: 'accepted' },
      },
      {
        id: 'r-ben',
        contactId: 'ben',
        startedAt: T(4, 9),
        attempts: [{ channel: 'email', at: T(4) }],
        reply: { at: T(5), channel: 'email', answer: 'accepted' },
      },
      {
        id: 'r-cleo',
        contactId: 'cleo',
        startedAt: T(5, 9),
        attempts: [
          { channel: 'email', at: T(5) },
          { channel: 'phone', at: T(14) },
          { channel: 'email', at: T(25) },
        ],
        reply: { at: T(26), channel: 'email', answer: 'accepted' },
      },
      {
        id: 'r-dan',
        contactId: 'dan',
        startedAt: T(3, 9),
        attempts: [{ channel: 'email', at: T(3) }, { channel: 'phone', at: T(12), result: 'no-answer' }],
      },
      {
        id: 'r-eve',
        contactId: 'eve',
        startedAt: T(6, 9),
        attempts: [{ channel: 'email', at: T(6) }],
        reply: { at: T(7), channel: 'email', answer: 'accepted' },
      },
      {
        id: 'r-fay',
        contactId: 'fay',
        startedAt: T(6, 9),
        attempts: [{ channel: 'email', at: T(6) }],
        reply: { at: T(7), channel: 'email', answer: 'declined' },
      },
      {
        id: 'r-gus',
        contactId: 'gus',
        startedAt: T(6, 9),
        attempts: [{ channel: 'introduction-request', at: T(6) }],
      },
    ],
    meetings: [
      { id: 'm-ana', contactId: 'ana', outreachId: 'r-ana', status: 'held', startAt: T(14) },
      { id: 'm-ben', contactId: 'ben', outreachId: 'r-ben', status: 'held', startAt: T(10) },
      { id: 'm-cleo', contactId: 'cleo', outreachId: 'r-cleo', status: 'held', startAt: T(27) },
      { id: 'm-eve', contactId: 'eve', outreachId: 'r-eve', status: 'scheduled', startAt: T(28) },
      { id: 'm-hal', contactId: 'hal', status: 'held', startAt: T(2, 18) },
    ],
    referrals: [
      { id: 'f-ana-ben', introducerId: 'ana', kind: 'introduction-made', contactId: 'ben', status: 'done', offeredAt: T(14), doneAt: T(15) },
      { id: 'f-ben-cleo', introducerId: 'ben', kind: 'introduction-made', contactId: 'cleo', status: 'done', offeredAt: T(10), doneAt: T(11) },
      { id: 'f-cleo-hr', introducerId: 'cleo', kind: 'recommended-to-hr', organizationId: 'acme', offeredAt: T(27) },
    ],
    outcomes: [
      { id: 'x-interview', kind: 'interview', organizationId: 'acme', contactIds: ['cleo'], at: T(28) },
      { id: 'x-offer', kind: 'offer', contactIds: ['ivy'], at: T(28) },
      { id: 'x-hal', kind: 'interview', contactIds: ['hal'], at: T(28) },
    ],
  });
}

/** Stage counts in funnel order. */
const counts = (stages: readonly FunnelStage[]) => stages.map((s) => s.count);
const rates = (stages: readonly FunnelStage[]) => stages.map((s) => s.rate);

describe('funnel of a hand-built network', () => {
  const result = funnel(knownNetwork());

  test('counts each stage in contacts: reached, replied, met, introduced, interview, offer', () => {
    expect(result.stages.map((s) => s.stage)).toEqual([...FUNNEL_STAGES]);
    expect(counts(result.stages)).toEqual([7, 5, 4, 2, 2, 1]);
    expect(result.rule).toBe('funnel');
    expect(result.reason).toBe('7 reached, 5 replied, 4 met, 1 led to an offer.');
  });

  test('each rate is the count over the previous stage; reached has none', () => {
    expect(rates(result.stages)).toEqual([null, 5 / 7, 4 / 5, 2 / 4, 2 / 2, 1 / 2]);
  });

  test('by channel: reached on the channel, then contacts whose yes followed an attempt on it', () => {
    expect(result.byChannel.map((row) => [row.key, counts(row.stages)])).toEqual([
      ['email', [6, 3, 2, 1, 1, 0]],
      ['phone', [3, 1, 1, 1, 1, 1]],
    ]);
    expect(rates(result.byChannel[0]!.stages)).toEqual([null, 3 / 6, 2 / 3, 1 / 2, 1, 0]);
  });

  test('by attempt number: reached by at least n attempts, then those who said yes after exactly n', () => {
    expect(result.byAttempt.map((row) => [row.key, counts(row.stages)])).toEqual([
      [1, [6, 2, 1, 1, 1, 0]],
      [2, [3, 1, 1, 1, 1, 1]],
      [3, [1, 1, 1, 0, 0, 0]],
    ]);
    expect(rates(result.byAttempt[2]!.stages)).toEqual([null, 1, 1, 0, null, null]);
  });

  test('by tie kind, counting only contacts reached', () => {
    expect(result.byTie.map((row) => [row.key, counts(row.stages)])).toEqual([
      ['alumni', [2, 1, 0, 0, 0, 0]],
      ['cold', [1, 0, 0, 0, 0, 0]],
      ['event', [1, 1, 1, 1, 1, 1]],
      ['friend-of-a-friend', [2, 2, 2, 1, 1, 0]],
      ['lecturer', [1, 1, 1, 0, 0, 0]],
    ]);
  });

  test('by introducer, with null for contacts nobody introduced', () => {
    expect(result.byIntroducer.map((row) => [row.key, counts(row.stages)])).toEqual([
      [null, [5, 3, 2, 1, 1, 1]],
      ['ana', [1, 1, 1, 1, 1, 0]],
      ['ben', [1, 1, 1, 0, 0, 0]],
    ]);
    expect(rates(result.byIntroducer[0]!.stages)).toEqual([null, 3 / 5, 2 / 3, 1 / 2, 1, 1]);
  });
});

describe('funnel edge cases', () => {
  test('an empty network: every count 0, every rate null', () => {
    const result = funnel(networkOf({}));
    expect(counts(result.stages)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(rates(result.stages)).toEqual([null, null, null, null, null, null]);
    expect(result.byChannel).toEqual([]);
    expect(result.byAttempt).toEqual([]);
    expect(result.byTie).toEqual([]);
    expect(result.byIntroducer).toEqual([]);
    expect(result.reason).toBe('Nobody reached yet: every conversation starts with a first email.');
  });

  test('reached but nobody replied: the replied rate is 0 and later rates null', () => {
    const result = funnel(
      networkOf({
        contacts: [person('dan', 'alumni'), person('fay', 'cold')],
        outreaches: [
          { id: 'r-dan', contactId: 'dan', startedAt: T(3, 9), attempts: [{ channel: 'email', at: T(3) }] },
          { id: 'r-fay', contactId: 'fay', startedAt: T(3, 9), attempts: [{ channel: 'phone', at: T(3) }], withdrawnAt: T(20) },
        ],
      }),
    );
    expect(counts(result.stages)).toEqual([2, 0, 0, 0, 0, 0]);
    expect(rates(result.stages)).toEqual([null, 0, null, null, null, null]);
  });

  test('two outreaches that both got a yes: the earlier yes gives the channel and attempt, in any order', () => {
    const outreaches: OutreachInput[] = [
      {
        id: 'r-2',
        contactId: 'ana',
        startedAt: T(10, 9),
        attempts: [{ channel: 'linkedin', at: T(10) }, { channel: 'phone', at: T(11) }],
        reply: { at: T(12), channel: 'linkedin', answer: 'accepted' },
      },
      {
        id: 'r-1',
        contactId: 'ana',
        startedAt: T(3, 9),
        attempts: [{ channel: 'email', at: T(3) }],
        reply: { at: T(4), channel: 'email', answer: 'accepted' },
      },
    ];
    const expected = {
      byChannel: [
        ['email', [1, 1, 0, 0, 0, 0]],
        ['linkedin', [1, 0, 0, 0, 0, 0]],
        ['phone', [1, 0, 0, 0, 0, 0]],
      ],
      byAttempt: [
        [1, [1, 1, 0, 0, 0, 0]],
        [2, [1, 0, 0, 0, 0, 0]],
      ],
    };
    for (const order of [outreaches, [...outreaches].reverse()]) {
      const result = funnel(networkOf({ contacts: [person('ana', 'event')], outreaches: order }));
      expect(counts(result.stages)).toEqual([1, 1, 0, 0, 0, 0]);
      expect({
        byChannel: result.byChannel.map((row) => [row.key, counts(row.stages)]),
        byAttempt: result.byAttempt.map((row) => [row.key, counts(row.stages)]),
      }).toEqual(expected);
    }
  });

  test('a cancelled meeting counts as reaching the contact, not as meeting them', () => {
    const result = funnel(
      networkOf({
        contacts: [person('hal', 'lecturer')],
        meetings: [{ id: 'm-hal', contactId: 'hal', status: 'cancelled', startAt: T(10) }],
      }),
    );
    expect(result.stages[0]!.count).toBe(1);
    expect(result.stages[2]!.count).toBe(0);
  });
});

// ---------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------

function nonIncreasing(stages: readonly FunnelStage[]): void {
  expect(stages.map((s) => s.stage)).toEqual([...FUNNEL_STAGES]);
  stages.forEach((stage, i) => {
    expect(stage.count).toBeGreaterThanOrEqual(0);
    const previous = stages[i - 1];
    if (previous === undefined) {
      expect(stage.rate).toBeNull();
      return;
    }
    expect(stage.count).toBeLessThanOrEqual(previous.count);
    expect(stage.rate).toBe(previous.count === 0 ? null : stage.count / previous.count);
  });
}

describe('funnel: properties', () => {
  test.prop([networkArb({ maxContacts: 10 })])(
    'stage counts never increase down the funnel, overall and in every breakdown',
    (network) => {
      const result = funnel(network);
      nonIncreasing(result.stages);
      for (const row of [...result.byChannel, ...result.byAttempt, ...result.byTie, ...result.byIntroducer]) {
        nonIncreasing(row.stages);
      }
      // Tie kinds and introducers partition the contacts reached.
      for (const rows of [result.byTie, result.byIntroducer]) {
        for (let i = 0; i < FUNNEL_STAGES.length; i++) {
          expect(rows.reduce((sum, row) => sum + row.stages[i]!.count, 0)).toBe(result.stages[i]!.count);
        }
      }
      expect(result.stages[0]!.count).toBeLessThanOrEqual(network.contacts.length);
    },
  );

  test.prop([networkArb({ maxContacts: 10 }), fc.nat()])('the funnel does not depend on record order', (network, seed) => {
    expect(funnel(shuffleNetwork(network, seed))).toEqual(funnel(network));
  });
});

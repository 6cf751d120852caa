import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  FUNNEL_STAGES,
  OUTCOME_KINDS,
  creditOutcome,
  funnel,
  introductionForest,
  referralChain,
  type ContactId,
  type ContactInput,
  type FunnelStage,
  type Network,
  type NetworkInput,
  type OutcomeId,
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
 * Nine contacts, each stopping at a known stage, and three outcomes:
 * - ana (event): email, call, yes after the call; met; introduced Ben -> introduced
 * - ben (introduced by Ana): email, yes; met; introduced Cleo -> introduced
 * - cleo (introduced by Ben): email, call, email, yes; met; her HR recommendation is only offered -> met
 * - dan (alumni): email, call, no answer -> reached
 * - eve (alumni): email, yes; meeting scheduled -> replied
 * - fay (cold): email, declined -> reached
 * - gus (cold): an introduction request only -> not reached
 * - hal (lecturer): met after a lecture, no outreach; an interview came through him -> met
 * - ivy (introduced by Ana): nothing yet -> not reached, though an offer came through her
 * Outcomes: an interview through Cleo (Ana -> Ben -> Cleo), an offer through Ivy
 * (Ana -> Ivy), an interview through Hal.
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
const none = { interview: 0, internship: 0, offer: 0, hire: 0 };

describe('funnel of a hand-built network', () => {
  const result = funnel(knownNetwork());

  test('counts contacts at each stage: reached, replied, met, introduced', () => {
    expect(result.stages.map((s) => s.stage)).toEqual(['reached', 'replied', 'met', 'introduced']);
    expect(counts(result.stages)).toEqual([7, 5, 4, 2]);
    expect(result.rule).toBe('funnel');
    expect(result.reason).toBe('7 reached, 5 replied, 4 met, 2 introduced or referred you; 2 interviews and 1 offer came of it.');
  });

  test('each rate is the count over the previous stage; reached has none', () => {
    expect(rates(result.stages)).toEqual([null, 5 / 7, 4 / 5, 2 / 4]);
  });

  test('outcomes are counted as records, once each, not as the contacts they are credited to', () => {
    expect(result.outcomes).toEqual({ ...none, interview: 2, offer: 1 });
  });

  test('by channel: reached on the channel, then contacts whose yes followed an attempt on it', () => {
    expect(result.byChannel.map((row) => [row.key, counts(row.stages)])).toEqual([
      ['email', [6, 3, 2, 1]],
      ['phone', [3, 1, 1, 1]],
    ]);
    expect(rates(result.byChannel[0]!.stages)).toEqual([null, 3 / 6, 2 / 3, 1 / 2]);
  });

  test('by attempt number: reached by at least n attempts, then those who said yes after exactly n', () => {
    expect(result.byAttempt.map((row) => [row.key, counts(row.stages)])).toEqual([
      [1, [6, 2, 1, 1]],
      [2, [3, 1, 1, 1]],
      [3, [1, 1, 1, 0]],
    ]);
    expect(rates(result.byAttempt[2]!.stages)).toEqual([null, 1, 1, 0]);
  });

  test('by tie kind, counting only contacts reached', () => {
    expect(result.byTie.map((row) => [row.key, counts(row.stages)])).toEqual([
      ['alumni', [2, 1, 0, 0]],
      ['cold', [1, 0, 0, 0]],
      ['event', [1, 1, 1, 1]],
      ['friend-of-a-friend', [2, 2, 2, 1]],
      ['lecturer', [1, 1, 1, 0]],
    ]);
  });

  test('by introducer: everyone on an outcome’s chain, in tree order, with the outcomes and the paths root first', () => {
    expect(result.byIntroducer.map(({ contactId, outcomes, outcomeIds, paths }) => ({ contactId, outcomes, outcomeIds, paths }))).toEqual([
      {
        contactId: 'ana',
        outcomes: { ...none, interview: 1, offer: 1 },
        outcomeIds: ['x-interview', 'x-offer'],
        paths: [['ana', 'ben', 'cleo'], ['ana', 'ivy']],
      },
      { contactId: 'ben', outcomes: { ...none, interview: 1 }, outcomeIds: ['x-interview'], paths: [['ana', 'ben', 'cleo']] },
      { contactId: 'cleo', outcomes: { ...none, interview: 1 }, outcomeIds: ['x-interview'], paths: [['ana', 'ben', 'cleo']] },
      { contactId: 'ivy', outcomes: { ...none, offer: 1 }, outcomeIds: ['x-offer'], paths: [['ana', 'ivy']] },
      { contactId: 'hal', outcomes: { ...none, interview: 1 }, outcomeIds: ['x-hal'], paths: [['hal']] },
    ]);
    expect(result.byIntroducer.map((entry) => entry.reason)).toEqual([
      '1 interview and 1 offer came through Ana (via Ben -> Cleo and via Ivy).',
      '1 interview came through Ben (via Cleo).',
      '1 interview came through Cleo directly.',
      '1 offer came through Ivy directly.',
      '1 interview came through Hal directly.',
    ]);
  });

  test('a contact an offer came through is not reached when nobody reached out to them or met them', () => {
    // Ivy: an offer came through her, but no attempt and no meeting.
    expect(result.byIntroducer.some((entry) => entry.contactId === 'ivy')).toBe(true);
    const alone = funnel(
      networkOf({ contacts: [person('ivy', 'friend-of-a-friend')], outcomes: [{ id: 'x-offer', kind: 'offer', contactIds: ['ivy'], at: T(28) }] }),
    );
    expect(counts(alone.stages)).toEqual([0, 0, 0, 0]);
    expect(alone.outcomes).toEqual({ ...none, offer: 1 });
    expect(alone.reason).toBe('0 reached, 0 replied, 0 met, 0 introduced or referred you; 1 offer came of it.');
  });
});

/**
 * The method's chain: Lena, met at an event, introduces Raj; Raj introduces Dana; Dana
 * recommends the seeker to HR. Each was emailed, said yes and met.
 */
function chainNetwork(outcomes: NetworkInput['outcomes']): Network {
  const reachedAndMet = (id: string, day: number) => ({
    outreach: {
      id: `r-${id}`,
      contactId: id,
      startedAt: T(day, 9),
      attempts: [{ channel: 'email' as const, at: T(day) }],
      reply: { at: T(day, 15), channel: 'email' as const, answer: 'accepted' as const },
    },
    meeting: { id: `m-${id}`, contactId: id, outreachId: `r-${id}`, status: 'held' as const, startAt: T(day + 1) },
  });
  const steps = [reachedAndMet('lena', 2), reachedAndMet('raj', 5), reachedAndMet('dana', 8)];
  return networkOf({
    organizations: [{ id: 'northwind', name: 'Northwind', createdAt: T(1, 8) }],
    contacts: [person('dana', 'friend-of-a-friend', 'raj'), person('lena', 'event'), person('raj', 'friend-of-a-friend', 'lena')],
    outreaches: steps.map((s) => s.outreach),
    meetings: steps.map((s) => s.meeting),
    referrals: [
      { id: 'f-lena-raj', introducerId: 'lena', kind: 'introduction-made', contactId: 'raj', status: 'done', offeredAt: T(3), doneAt: T(4) },
      { id: 'f-raj-dana', introducerId: 'raj', kind: 'introduction-made', contactId: 'dana', status: 'done', offeredAt: T(6), doneAt: T(7) },
      { id: 'f-dana-hr', introducerId: 'dana', kind: 'recommended-to-hr', organizationId: 'northwind', status: 'done', offeredAt: T(9), doneAt: T(10) },
    ],
    outcomes,
  });
}

describe('funnel: outcomes through a chain of introductions', () => {
  const offer = { id: 'x-offer', kind: 'offer' as const, organizationId: 'northwind', contactIds: ['dana'], at: T(20) };

  test('one offer through Lena -> Raj -> Dana is 1 offer, and all three introduced or referred you', () => {
    const result = funnel(chainNetwork([offer]));
    expect(counts(result.stages)).toEqual([3, 3, 3, 3]);
    expect(result.outcomes).toEqual({ ...none, offer: 1 });
    expect(result.reason).toBe('3 reached, 3 replied, 3 met, 3 introduced or referred you; 1 offer came of it.');
    expect(result.byIntroducer.map((entry) => [entry.contactId, entry.outcomes.offer, entry.paths])).toEqual([
      ['lena', 1, [['lena', 'raj', 'dana']]],
      ['raj', 1, [['lena', 'raj', 'dana']]],
      ['dana', 1, [['lena', 'raj', 'dana']]],
    ]);
    expect(result.byIntroducer.map((entry) => entry.reason)).toEqual([
      '1 offer came through Lena (via Raj -> Dana).',
      '1 offer came through Raj (via Dana).',
      '1 offer came through Dana directly.',
    ]);
  });

  test('two offers through the same chain count 2; an interview beside them counts apart', () => {
    const second = { ...offer, id: 'x-offer-2', at: T(22) };
    const interview = { ...offer, id: 'x-interview', kind: 'interview' as const, at: T(15) };
    const twice = funnel(chainNetwork([second, offer]));
    expect(twice.outcomes).toEqual({ ...none, offer: 2 });
    expect(twice.byIntroducer[0]).toMatchObject({ contactId: 'lena', outcomeIds: ['x-offer', 'x-offer-2'] });
    expect(twice.byIntroducer[0]!.reason).toBe('2 offers came through Lena (via Raj -> Dana).');

    const all = funnel(chainNetwork([offer, interview, second]));
    expect(all.outcomes).toEqual({ ...none, interview: 1, offer: 2 });
    expect(all.reason).toBe('3 reached, 3 replied, 3 met, 3 introduced or referred you; 1 interview and 2 offers came of it.');
    expect(all.byIntroducer[0]).toMatchObject({ outcomeIds: ['x-interview', 'x-offer', 'x-offer-2'] });
    expect(all.byIntroducer[0]!.reason).toBe('1 interview and 2 offers came through Lena (via Raj -> Dana).');
  });

  test('an offer through both Raj and Dana is still 1 offer, credited once to each, with both paths', () => {
    const result = funnel(chainNetwork([{ ...offer, contactIds: ['dana', 'raj'] }]));
    expect(result.outcomes).toEqual({ ...none, offer: 1 });
    expect(result.byIntroducer.map((entry) => [entry.contactId, entry.outcomes.offer, entry.paths])).toEqual([
      ['lena', 1, [['lena', 'raj'], ['lena', 'raj', 'dana']]],
      ['raj', 1, [['lena', 'raj'], ['lena', 'raj', 'dana']]],
      ['dana', 1, [['lena', 'raj', 'dana']]],
    ]);
    expect(result.byIntroducer[1]!.reason).toBe('1 offer came through Raj (directly and via Dana).');
  });

  test('outcomes change no contact stage: the same funnel of contacts without them', () => {
    const withOffer = funnel(chainNetwork([offer]));
    const without = funnel(chainNetwork([]));
    expect(without.stages).toEqual(withOffer.stages);
    expect(without.outcomes).toEqual(none);
    expect(without.byIntroducer).toEqual([]);
    expect(without.reason).toBe('3 reached, 3 replied, 3 met, 3 introduced or referred you; no outcomes yet.');
  });
});

describe('funnel edge cases', () => {
  test('an empty network: every count 0, every rate null, no outcomes', () => {
    const result = funnel(networkOf({}));
    expect(counts(result.stages)).toEqual([0, 0, 0, 0]);
    expect(rates(result.stages)).toEqual([null, null, null, null]);
    expect(result.outcomes).toEqual(none);
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
    expect(counts(result.stages)).toEqual([2, 0, 0, 0]);
    expect(rates(result.stages)).toEqual([null, 0, null, null]);
    expect(result.reason).toBe('2 reached, 0 replied, 0 met, 0 introduced or referred you; no outcomes yet.');
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
        ['email', [1, 1, 0, 0]],
        ['linkedin', [1, 0, 0, 0]],
        ['phone', [1, 0, 0, 0]],
      ],
      byAttempt: [
        [1, [1, 1, 0, 0]],
        [2, [1, 0, 0, 0]],
      ],
    };
    for (const order of [outreaches, [...outreaches].reverse()]) {
      const result = funnel(networkOf({ contacts: [person('ana', 'event')], outreaches: order }));
      expect(counts(result.stages)).toEqual([1, 1, 0, 0]);
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

  test('only an introduction request sent, or only a promise of one: not reached, not introduced', () => {
    const result = funnel(
      networkOf({
        contacts: [person('gus', 'cold'), person('cleo', 'alumni')],
        outreaches: [{ id: 'r-gus', contactId: 'gus', startedAt: T(6, 9), attempts: [{ channel: 'introduction-request', at: T(6) }] }],
        referrals: [{ id: 'f-cleo-hr', introducerId: 'cleo', kind: 'recommended-to-hr', offeredAt: T(7) }],
      }),
    );
    expect(counts(result.stages)).toEqual([0, 0, 0, 0]);
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

/** The same network with every introduction forgotten: each contact a root. */
function withoutIntroductions(network: Network): Network {
  return { ...network, contacts: network.contacts.map(({ introducedBy, ...contact }) => (void introducedBy, contact)) };
}

/** Whether `a` comes strictly before `b`, comparing ids one by one (a prefix first). */
function before(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return a.length < b.length;
}

describe('funnel: properties', () => {
  test.prop([networkArb({ maxContacts: 10 })])(
    'stage counts never increase down the contact stages, overall and in every breakdown',
    (network) => {
      const result = funnel(network);
      nonIncreasing(result.stages);
      for (const row of [...result.byChannel, ...result.byAttempt, ...result.byTie]) nonIncreasing(row.stages);
      // Tie kinds partition the contacts reached.
      for (let i = 0; i < FUNNEL_STAGES.length; i++) {
        expect(result.byTie.reduce((sum, row) => sum + row.stages[i]!.count, 0)).toBe(result.stages[i]!.count);
      }
      expect(result.stages[0]!.count).toBeLessThanOrEqual(network.contacts.length);
    },
  );

  test.prop([networkArb({ maxContacts: 10 })])('total outcomes are the outcome records, by kind', (network) => {
    const { outcomes } = funnel(network);
    expect(Object.keys(outcomes).sort()).toEqual([...OUTCOME_KINDS].sort());
    for (const kind of OUTCOME_KINDS) expect(outcomes[kind]).toBe(network.outcomes.filter((o) => o.kind === kind).length);
    expect(OUTCOME_KINDS.reduce((sum, kind) => sum + outcomes[kind], 0)).toBe(network.outcomes.length);
  });

  test.prop([networkArb({ maxContacts: 10 })])(
    'the by-introducer breakdown never adds to the totals, and credits exactly what creditOutcome credits',
    (network) => {
      const result = funnel(network);
      // Forgetting who introduced whom changes the credit, never the totals or the contact stages.
      const flat = funnel(withoutIntroductions(network));
      expect(flat.outcomes).toEqual(result.outcomes);
      expect(flat.stages).toEqual(result.stages);

      const byId = new Map(network.outcomes.map((o) => [o.id, o]));
      const forest = introductionForest(network.contacts);
      const expected = new Map<ContactId, Set<OutcomeId>>();
      for (const outcome of network.outcomes) {
        for (const id of creditOutcome(outcome, forest).credited) expected.set(id, (expected.get(id) ?? new Set()).add(outcome.id));
      }
      expect(new Set(result.byIntroducer.map((e) => e.contactId))).toEqual(new Set(expected.keys()));
      expect(new Set(result.byIntroducer.map((e) => e.contactId)).size).toBe(result.byIntroducer.length);
      // Tree order: each entry's own chain, root first, sorts after the one before (roots by id, then down).
      const chains = result.byIntroducer.map((e) => referralChain(e.contactId, forest).chain);
      for (let i = 1; i < chains.length; i++) expect(before(chains[i - 1]!, chains[i]!)).toBe(true);
      for (const entry of result.byIntroducer) {
        expect(new Set(entry.outcomeIds)).toEqual(expected.get(entry.contactId));
        expect(new Set(entry.outcomeIds).size).toBe(entry.outcomeIds.length);
        for (const kind of OUTCOME_KINDS) {
          expect(entry.outcomes[kind]).toBe(entry.outcomeIds.filter((id) => byId.get(id)!.kind === kind).length);
          expect(entry.outcomes[kind]).toBeLessThanOrEqual(result.outcomes[kind]);
        }
        for (let i = 1; i < entry.paths.length; i++) expect(before(entry.paths[i - 1]!, entry.paths[i]!)).toBe(true);
        for (const path of entry.paths) {
          expect(path).toContain(entry.contactId);
          // Root first, as referralChain gives it.
          expect(path).toEqual(referralChain(path.at(-1)!, forest).chain);
        }
      }
    },
  );

  test.prop([networkArb({ maxContacts: 10 }), fc.nat()])('the same records in any order give the same funnel', (network, seed) => {
    expect(funnel(shuffleNetwork(network, seed))).toEqual(funnel(network));
  });
});

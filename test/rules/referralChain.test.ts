import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  DEFAULT_POLICIES,
  NotFoundError,
  ReferralCycleError,
  creditOutcome,
  introducedThrough,
  introductionForest,
  isReachoutError,
  localDateAt,
  parseNetwork,
  referralChain,
  referralFollowUp,
  ReferralPolicySchema,
  type Contact,
  type ContactId,
  type IntroductionForest,
  type Network,
  type Referral,
  type RuleContext,
} from '../../src/index.js';
import { network as networkArb, timeZone as timeZoneArb } from '../../src/testing/arbitraries.js';
import { SEEKER, cid, iso, networkOf, shuffled } from './networkHelpers.js';

/** Runs `fn` and returns what it threw (fails the test when nothing is thrown). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/**
 * The method's three-hop chain: Ana, met at a networking event, introduces Ben; Ben
 * introduces Cleo; Cleo recommends the seeker to HR at Acme, which leads to an interview
 * through Cleo. Dan is an unrelated alumnus.
 */
function methodNetwork(): Network {
  return networkOf({
    organizations: [{ id: 'acme', name: 'Acme Corp', createdAt: '2025-01-06T09:00:00-05:00' }],
    contacts: [
      { id: 'cleo', name: 'Cleo Park', tie: 'friend-of-a-friend', introducedBy: 'ben', organizationId: 'acme', createdAt: '2025-02-03T09:00:00-05:00' },
      { id: 'ana', name: 'Ana Ruiz', tie: 'event', createdAt: '2025-01-06T19:00:00-05:00' },
      { id: 'dan', name: 'Dan Hale', tie: 'alumni', createdAt: '2025-01-07T09:00:00-05:00' },
      { id: 'ben', name: 'Ben Ode', tie: 'friend-of-a-friend', introducedBy: 'ana', createdAt: '2025-01-20T09:00:00-05:00' },
    ],
    referrals: [
      { id: 'f-ana-ben', introducerId: 'ana', kind: 'introduction-made', contactId: 'ben', status: 'done', offeredAt: '2025-01-15T10:00:00-05:00', doneAt: '2025-01-20T09:00:00-05:00' },
      { id: 'f-ben-cleo', introducerId: 'ben', kind: 'introduction-made', contactId: 'cleo', status: 'done', offeredAt: '2025-01-28T10:00:00-05:00', doneAt: '2025-02-03T09:00:00-05:00' },
      { id: 'f-cleo-hr', introducerId: 'cleo', kind: 'recommended-to-hr', organizationId: 'acme', status: 'done', offeredAt: '2025-02-12T10:00:00-05:00', doneAt: '2025-02-13T10:00:00-05:00' },
    ],
    outcomes: [{ id: 'x-interview', kind: 'interview', organizationId: 'acme', contactIds: ['cleo'], at: '2025-03-04T14:00:00-05:00' }],
  });
}

describe('referral chains: the method’s three-hop example', () => {
  const network = methodNetwork();

  test('the chain of the last contact runs root first: the event contact, each introducer, then the contact', () => {
    const chain = referralChain(cid('cleo'), network.contacts);
    expect(chain).toMatchObject({ contactId: 'cleo', chain: ['ana', 'ben', 'cleo'], root: 'ana', depth: 2, rule: 'referral.chain' });
    expect(chain.reason).toBe('Cleo Park came through 2 introductions: Ana Ruiz -> Ben Ode -> Cleo Park.');
  });

  test('without names the reason names the ids, in the same order', () => {
    const bare = network.contacts.map(({ id, introducedBy }) => (introducedBy ? { id, introducedBy } : { id }));
    expect(referralChain(cid('cleo'), bare).reason).toBe('cleo came through 2 introductions: ana -> ben -> cleo.');
    expect(referralChain(cid('ben'), bare).reason).toBe('ben came through one introduction: ana -> ben.');
  });

  test('a contact nobody introduced is a root with depth 0; one hop has depth 1', () => {
    expect(referralChain(cid('ana'), network.contacts)).toMatchObject({ chain: ['ana'], root: 'ana', depth: 0 });
    expect(referralChain(cid('ana'), network.contacts).reason).toBe('Ana Ruiz is where a chain starts: nobody introduced them.');
    expect(referralChain(cid('ben'), network.contacts)).toMatchObject({ chain: ['ana', 'ben'], root: 'ana', depth: 1 });
    expect(referralChain(cid('dan'), network.contacts)).toMatchObject({ chain: ['dan'], root: 'dan', depth: 0 });
  });

  test('everyone the event contact led to, nearest first', () => {
    expect(introducedThrough(cid('ana'), network.contacts)).toEqual(['ben', 'cleo']);
    expect(introducedThrough(cid('ben'), network.contacts)).toEqual(['cleo']);
    expect(introducedThrough(cid('cleo'), network.contacts)).toEqual([]);
    expect(introducedThrough(cid('dan'), network.contacts)).toEqual([]);
  });

  test('the interview through Cleo is credited to Ana, Ben and Cleo, root first, and nobody else', () => {
    const outcome = network.outcomes[0]!;
    const credit = creditOutcome(outcome, network.contacts);
    expect(credit).toMatchObject({
      outcomeId: 'x-interview',
      paths: [['ana', 'ben', 'cleo']],
      credited: ['ana', 'ben', 'cleo'],
      rule: 'referral.credit',
    });
    expect(credit.reason).toBe(
      'The interview came through Cleo Park; everyone on the way shares the credit (3 contacts): Ana Ruiz -> Ben Ode -> Cleo Park.',
    );
  });

  test('credit follows the chain, not the alphabet', () => {
    // Zoe introduced Amy, who introduced Kim: sorted by id this would be amy, kim, zoe.
    const contacts = [{ id: cid('kim'), introducedBy: cid('amy') }, { id: cid('amy'), introducedBy: cid('zoe') }, { id: cid('zoe') }];
    const outcome = { ...network.outcomes[0]!, contactIds: [cid('kim')] };
    expect(referralChain(cid('kim'), contacts).chain).toEqual(['zoe', 'amy', 'kim']);
    expect(creditOutcome(outcome, contacts).credited).toEqual(['zoe', 'amy', 'kim']);
  });

  test('an outcome through several contacts: their chains in the outcome’s order, each contact once where it first appears', () => {
    const outcome = { ...network.outcomes[0]!, contactIds: [cid('dan'), cid('cleo'), cid('ben'), cid('dan')] };
    const credit = creditOutcome(outcome, network.contacts);
    expect(credit.paths).toEqual([['dan'], ['ana', 'ben', 'cleo'], ['ana', 'ben']]);
    expect(credit.credited).toEqual(['dan', 'ana', 'ben', 'cleo']);
    expect(credit.reason).toBe(
      'The interview came through Dan Hale, Cleo Park and Ben Ode; everyone on the way shares the credit (4 contacts): Dan Hale; Ana Ruiz -> Ben Ode -> Cleo Park; Ana Ruiz -> Ben Ode.',
    );
  });

  test('an outcome through a contact nobody introduced is theirs alone', () => {
    const credit = creditOutcome({ ...network.outcomes[0]!, contactIds: [cid('dan')] }, network.contacts);
    expect(credit).toMatchObject({ paths: [['dan']], credited: ['dan'] });
    expect(credit.reason).toBe('The interview came through Dan Hale, whom nobody introduced: the credit is theirs alone.');
  });

  test('the forest lists roots, parents and children sorted by id, and can be reused', () => {
    const forest = introductionForest(network.contacts);
    expect(forest.roots).toEqual(['ana', 'dan']);
    expect(Object.fromEntries(forest.parentOf)).toEqual({ ben: 'ana', cleo: 'ben' });
    expect(Object.fromEntries(forest.childrenOf)).toEqual({ ana: ['ben'], ben: ['cleo'] });
    expect([...forest.members].sort()).toEqual(['ana', 'ben', 'cleo', 'dan']);
    expect(forest.names.get(cid('cleo'))).toBe('Cleo Park');
    // Passing the indexed forest answers exactly like passing the contacts.
    expect(referralChain(cid('cleo'), forest)).toEqual(referralChain(cid('cleo'), network.contacts));
    expect(introducedThrough(cid('ana'), forest)).toEqual(['ben', 'cleo']);
    expect(creditOutcome(network.outcomes[0]!, forest)).toEqual(creditOutcome(network.outcomes[0]!, network.contacts));
  });

  test('children of one introducer come sorted by id, level by level', () => {
    const contacts = [
      { id: cid('root') },
      { id: cid('zed'), introducedBy: cid('root') },
      { id: cid('amy'), introducedBy: cid('root') },
      { id: cid('bob'), introducedBy: cid('zed') },
      { id: cid('aaron'), introducedBy: cid('zed') },
      { id: cid('cat'), introducedBy: cid('amy') },
    ];
    expect(introducedThrough(cid('root'), contacts)).toEqual(['amy', 'zed', 'aaron', 'bob', 'cat']);
  });

  test('an introducer outside the given contacts makes the contact a root', () => {
    const forest = introductionForest([{ id: cid('ben'), introducedBy: cid('ana') }]);
    expect(forest.roots).toEqual(['ben']);
    expect(referralChain(cid('ben'), forest)).toMatchObject({ chain: ['ben'], depth: 0 });
  });
});

describe('referral chains: what is not a forest', () => {
  test('a self-introduction throws ReferralCycleError naming the contact', () => {
    const contacts = [{ id: cid('ana') }, { id: cid('eve'), introducedBy: cid('eve') }];
    for (const call of [
      () => introductionForest(contacts),
      () => referralChain(cid('ana'), contacts),
      () => introducedThrough(cid('ana'), contacts),
    ]) {
      const error = thrown(call);
      expect(error).toBeInstanceOf(ReferralCycleError);
      expect(isReachoutError(error, 'referral-cycle')).toBe(true);
      expect((error as ReferralCycleError).cycle).toEqual(['eve', 'eve']);
      expect((error as ReferralCycleError).message).toContain('"eve" cannot introduce themselves');
    }
  });

  test('a cycle throws ReferralCycleError naming exactly the contacts on it, not the tail leading in', () => {
    // dan -> ana -> cleo -> ben -> ana: dan hangs off a three-contact cycle.
    const contacts = [
      { id: cid('dan'), introducedBy: cid('ana') },
      { id: cid('ana'), introducedBy: cid('cleo') },
      { id: cid('ben'), introducedBy: cid('ana') },
      { id: cid('cleo'), introducedBy: cid('ben') },
    ];
    const error = thrown(() => referralChain(cid('dan'), contacts));
    expect(error).toBeInstanceOf(ReferralCycleError);
    expect((error as ReferralCycleError).code).toBe('referral-cycle');
    expect((error as ReferralCycleError).cycle).toEqual(['ana', 'cleo', 'ben', 'ana']);
    expect((error as ReferralCycleError).message).toBe('introductions would form a cycle: ana -> cleo -> ben -> ana');
  });

  test('parseNetwork refuses a network whose introductions loop', () => {
    const error = thrown(() =>
      parseNetwork({
        workspace: SEEKER,
        contacts: [
          { id: 'ana', name: 'Ana', tie: 'event', introducedBy: 'ben', createdAt: '2025-01-06T09:00:00-05:00' },
          { id: 'ben', name: 'Ben', tie: 'event', introducedBy: 'ana', createdAt: '2025-01-06T09:00:00-05:00' },
        ],
      }),
    );
    expect(error).toBeInstanceOf(ReferralCycleError);
    expect((error as ReferralCycleError).cycle).toEqual(['ana', 'ben', 'ana']);
  });

  test('an unknown contact throws NotFoundError', () => {
    const { contacts, outcomes } = methodNetwork();
    const error = thrown(() => referralChain(cid('zoe'), contacts));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'not-found', subject: 'contact', id: 'zoe' });
    expect(thrown(() => introducedThrough(cid('zoe'), contacts))).toBeInstanceOf(NotFoundError);
    const outcome = { ...outcomes[0]!, contactIds: [cid('cleo'), cid('zoe')] };
    expect(thrown(() => creditOutcome(outcome, contacts))).toMatchObject({ code: 'not-found', id: 'zoe' });
  });
});

describe('referral follow-up', () => {
  const ny: RuleContext = { now: new Date('2025-03-20T12:00:00Z'), timeZone: 'America/New_York' };
  const promised = (overrides: Partial<Referral> = {}): Referral =>
    networkOf({
      contacts: [{ id: 'cleo', name: 'Cleo Park', tie: 'friend-of-a-friend', createdAt: '2025-01-06T09:00:00-05:00' }],
      referrals: [{ id: 'f-cleo-hr', introducerId: 'cleo', kind: 'recommended-to-hr', offeredAt: '2025-03-05T10:00:00-05:00' }],
    }).referrals.map((r) => ({ ...r, ...overrides }))[0]!;

  test('an offered referral not done is followed up exactly 7 calendar days later, across the spring DST change', () => {
    const referral = promised();
    expect(referral.status).toBe('offered');
    const followUp = referralFollowUp(referral, DEFAULT_POLICIES.referral, ny, { name: 'Cleo Park' });
    // 10:00 EST on March 5 -> 10:00 EDT on March 12: same wall-clock time, one hour less elapsed.
    expect(followUp).toMatchObject({ referralId: 'f-cleo-hr', introducerId: 'cleo', rule: 'referral.follow-up' });
    expect(iso(followUp!.dueAt)).toBe('2025-03-12T14:00:00.000Z');
    expect(followUp!.reason).toBe(
      'Cleo Park offered a recommendation to HR and it has not happened 7 days later: follow up politely.',
    );
  });

  test('across the autumn DST change the local time holds too', () => {
    const referral = promised({ offeredAt: new Date('2025-10-29T10:00:00-04:00') });
    const followUp = referralFollowUp(referral, DEFAULT_POLICIES.referral, ny);
    expect(iso(followUp!.dueAt)).toBe('2025-11-05T15:00:00.000Z');
    expect(followUp!.reason).toContain('The introducer offered');
  });

  test('the seeker’s zone decides the day and hour, not UTC', () => {
    const referral = promised({ offeredAt: new Date('2025-03-05T15:00:00Z') });
    const berlin = referralFollowUp(referral, DEFAULT_POLICIES.referral, { ...ny, timeZone: 'Europe/Berlin' });
    const newYork = referralFollowUp(referral, DEFAULT_POLICIES.referral, ny);
    // Berlin changes clocks only on March 30: exactly 7 * 24 hours there.
    expect(iso(berlin!.dueAt)).toBe('2025-03-12T15:00:00.000Z');
    expect(iso(newYork!.dueAt)).toBe('2025-03-12T14:00:00.000Z');
  });

  test('the policy sets the number of days', () => {
    const followUp = referralFollowUp(promised(), ReferralPolicySchema.parse({ followUpAfterDays: 3 }), ny);
    expect(iso(followUp!.dueAt)).toBe('2025-03-08T15:00:00.000Z');
    expect(followUp!.reason).toContain('3 days later');
  });

  test('no follow-up once the referral is done or declined', () => {
    expect(referralFollowUp(promised({ status: 'done', doneAt: new Date('2025-03-06T10:00:00Z') }), DEFAULT_POLICIES.referral, ny)).toBeUndefined();
    expect(referralFollowUp(promised({ status: 'declined' }), DEFAULT_POLICIES.referral, ny)).toBeUndefined();
  });

  test.prop([fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-01-01T00:00:00Z'), noInvalidDate: true }), timeZoneArb(), fc.integer({ min: 1, max: 90 })])(
    'the follow-up falls on the local day exactly followUpAfterDays later, in any zone',
    (offeredAt, zone, days) => {
      const followUp = referralFollowUp(
        promised({ offeredAt }),
        ReferralPolicySchema.parse({ followUpAfterDays: days }),
        { now: offeredAt, timeZone: zone },
      );
      const [y, m, d] = localDateAt(offeredAt, zone).split('-').map(Number) as [number, number, number];
      const expected = new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
      expect(localDateAt(followUp!.dueAt, zone)).toBe(expected);
      expect(followUp!.dueAt.getTime()).toBeGreaterThan(offeredAt.getTime());
    },
  );
});

// ---------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------

type Edge = Pick<Contact, 'id' | 'introducedBy'>;

/**
 * Random forests: contacts take random ids, each is introduced by someone earlier in a
 * hidden order (or nobody), and the list is then shuffled, so parents may come after
 * their children.
 */
const forestArb = fc
  .record({
    size: fc.integer({ min: 0, max: 40 }),
    parents: fc.array(fc.option(fc.nat(), { nil: undefined }), { minLength: 40, maxLength: 40 }),
    seed: fc.nat(),
  })
  .map(({ size, parents, seed }) => {
    const ids = shuffled(Array.from({ length: size }, (_, i) => cid(`p${i}`)), seed);
    const contacts: Edge[] = ids.map((id, i) => {
      const pick = parents[i];
      return pick === undefined || i === 0 ? { id } : { id, introducedBy: ids[pick % i]! };
    });
    return shuffled(contacts, seed + 1);
  });

function checkForest(contacts: readonly Edge[]): void {
  const forest = introductionForest(contacts);
  const roots = new Set(forest.roots);
  for (const root of forest.roots) expect(forest.parentOf.has(root)).toBe(false);
  for (const { id, introducedBy } of contacts) {
    const chain = referralChain(id, forest);
    // Root first: the root, then each contact introduced by the one before, ending at the contact.
    expect(chain.chain.at(-1)).toBe(id);
    expect(chain.root).toBe(chain.chain[0]);
    expect(roots.has(chain.root)).toBe(true);
    expect(chain.depth).toBe(chain.chain.length - 1);
    expect(new Set(chain.chain).size).toBe(chain.chain.length);
    for (let i = 1; i < chain.chain.length; i++) expect(forest.parentOf.get(chain.chain[i]!)).toBe(chain.chain[i - 1]);
    if (introducedBy !== undefined) expect(chain.chain.at(-2)).toBe(introducedBy);
  }
  // Every contact is a root or a descendant of exactly one root.
  const seen = new Map<ContactId, number>();
  for (const root of forest.roots) {
    for (const id of [root, ...introducedThrough(root, forest)]) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  expect(seen.size).toBe(contacts.length);
  for (const { id } of contacts) expect(seen.get(id)).toBe(1);
}

describe('referral chains: properties', () => {
  test.prop([forestArb])('on any forest: chains end at a root, depth = length - 1, every contact under exactly one root', (contacts) => {
    checkForest(contacts);
  });

  test.prop([networkArb({ maxContacts: 12 })])('on generated networks the introductions form a forest', (network) => {
    checkForest(network.contacts);
  });

  test.prop([forestArb.filter((c) => c.length > 0), fc.nat(), fc.nat()])(
    'closing any loop is refused with the exact cycle',
    (contacts, pickChild, pickAncestor) => {
      // Make an ancestor (or the contact itself) introduced by one of its descendants.
      const forest = introductionForest(contacts);
      const child = contacts[pickChild % contacts.length]!.id;
      const chain = referralChain(child, forest).chain;
      const ancestor = chain[pickAncestor % chain.length]!;
      const looped = contacts.map((c) => (c.id === ancestor ? { id: c.id, introducedBy: child } : c));
      const error = thrown(() => introductionForest(looped));
      expect(error).toBeInstanceOf(ReferralCycleError);
      const cycle = (error as ReferralCycleError).cycle;
      const parent = new Map(looped.map((c) => [c.id as string, c.introducedBy as string | undefined]));
      expect(cycle[0]).toBe(cycle.at(-1));
      expect(new Set(cycle.slice(0, -1)).size).toBe(cycle.length - 1);
      for (let i = 0; i + 1 < cycle.length; i++) expect(parent.get(cycle[i]!)).toBe(cycle[i + 1]);
      // The loop is the chain segment from the ancestor down to the child.
      expect(new Set(cycle)).toEqual(new Set(chain.slice(chain.indexOf(ancestor))));
    },
  );

  /** What `creditOutcome` must answer, built from `referralChain` alone. */
  function expectedCredit(through: readonly ContactId[], contacts: readonly Edge[] | IntroductionForest) {
    const paths = [...new Set(through)].map((id) => referralChain(id, contacts).chain);
    const credited: ContactId[] = [];
    for (const path of paths) for (const id of path) if (!credited.includes(id)) credited.push(id);
    return { paths, credited };
  }

  test.prop([forestArb.filter((c) => c.length > 0), fc.array(fc.nat(), { minLength: 1, maxLength: 5 })])(
    'credit lists each chain root first, in the outcome’s order, each contact once, and agrees with referralChain',
    (contacts, picks) => {
      // Picks may repeat: a contact named twice is credited once.
      const through = picks.map((n) => contacts[n % contacts.length]!.id);
      const outcome = { ...methodNetwork().outcomes[0]!, contactIds: through };
      const credit = creditOutcome(outcome, contacts);
      expect({ paths: credit.paths, credited: credit.credited }).toEqual(expectedCredit(through, contacts));
      const forest = introductionForest(contacts);
      expect(new Set(credit.credited).size).toBe(credit.credited.length);
      for (const path of credit.paths) {
        expect(forest.roots).toContain(path[0]);
        // Within a path, each contact comes after the one who introduced them.
        for (let i = 1; i < path.length; i++) expect(forest.parentOf.get(path[i]!)).toBe(path[i - 1]);
        // And credited keeps that order: an introducer is listed before whom they introduced.
        for (let i = 1; i < path.length; i++) {
          expect(credit.credited.indexOf(path[i - 1]!)).toBeLessThan(credit.credited.indexOf(path[i]!));
        }
      }
      expect(credit.credited[0]).toBe(referralChain(through[0]!, contacts).root);
    },
  );

  test.prop([networkArb({ maxContacts: 10 })])(
    'in generated networks every outcome is credited to every contact on its chains, root first, and to nobody else',
    (network) => {
      const forest = introductionForest(network.contacts);
      for (const outcome of network.outcomes) {
        const credit = creditOutcome(outcome, forest);
        expect({ paths: credit.paths, credited: credit.credited }).toEqual(expectedCredit(outcome.contactIds, forest));
        expect(credit.outcomeId).toBe(outcome.id);
        expect(credit.reason).toContain(`The ${outcome.kind} came through`);
      }
    },
  );
});

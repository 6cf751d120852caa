import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  ReferralCycleError,
  ReachoutError,
  ValidationError,
  findIntroductionCycle,
  isReachoutError,
  parseNetwork,
  type Contact,
  type ContactId,
  type Network,
  type NetworkInput,
} from '../../src/domain/index.js';
import { arbitraries } from '../../src/testing/arbitraries.js';

type Lists = Exclude<keyof NetworkInput, 'workspace'>;
/** A network input with every list present. */
type FullNetworkInput = Pick<NetworkInput, 'workspace'> & { [K in Lists]-?: NonNullable<NetworkInput[K]> };

/** A small, valid network in its JSON form. */
function sample(): FullNetworkInput {
  return {
    workspace: { id: 'w-1', name: 'Sam', timeZone: 'America/New_York', createdAt: '2026-01-05T09:00:00-05:00' },
    organizations: [{ id: 'o-1', name: 'Acme', createdAt: '2026-01-05T10:00:00Z' }],
    contacts: [
      { id: 'ada', name: 'Ada', tie: 'alumni', organizationId: 'o-1', createdAt: '2026-01-05T10:00:00Z' },
      { id: 'bob', name: 'Bob', tie: 'friend-of-a-friend', introducedBy: 'ada', createdAt: '2026-01-06T10:00:00Z' },
      {
        id: 'cy',
        name: 'Cy',
        tie: 'friend-of-a-friend',
        introducedBy: 'bob',
        mutualContacts: ['ada'],
        createdAt: '2026-01-07T10:00:00Z',
      },
    ],
    outreaches: [
      {
        id: 'r-1',
        contactId: 'bob',
        startedAt: '2026-01-07T09:00:00Z',
        attempts: [{ channel: 'email', at: '2026-01-07T09:05:00Z' }],
        reply: { at: '2026-01-08T12:00:00Z', channel: 'email', answer: 'accepted' },
      },
    ],
    meetings: [{ id: 'm-1', contactId: 'bob', outreachId: 'r-1', status: 'held', startAt: '2026-01-12T15:00:00Z' }],
    thankYous: [{ id: 't-1', meetingId: 'm-1', contactId: 'bob', sentAt: '2026-01-12T18:00:00Z' }],
    checkIns: [{ id: 'k-1', contactId: 'ada', at: '2026-03-01T10:00:00Z' }],
    referrals: [
      {
        id: 'f-1',
        introducerId: 'bob',
        kind: 'introduction-made',
        contactId: 'cy',
        organizationId: 'o-1',
        meetingId: 'm-1',
        offeredAt: '2026-01-12T15:20:00Z',
      },
    ],
    outcomes: [{ id: 'x-1', kind: 'interview', organizationId: 'o-1', contactIds: ['cy'], at: '2026-02-01T10:00:00Z' }],
  };
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

function validationIssues(input: unknown) {
  const error = thrown(() => parseNetwork(input));
  expect(error).toBeInstanceOf(ValidationError);
  expect(isReachoutError(error, 'validation')).toBe(true);
  const { issues, message } = error as ValidationError;
  for (const issue of issues) expect(message).toContain(`${issue.path}: ${issue.message}`);
  return issues;
}

function cycleError(input: unknown): ReferralCycleError {
  const error = thrown(() => parseNetwork(input));
  expect(error).toBeInstanceOf(ReferralCycleError);
  expect(error).toBeInstanceOf(ReachoutError);
  expect(isReachoutError(error, 'referral-cycle')).toBe(true);
  return error as ReferralCycleError;
}

describe('parseNetwork', () => {
  it('accepts a valid network and fills defaults', () => {
    const network = parseNetwork(sample());
    expect(network.contacts.map((c) => c.id)).toEqual(['ada', 'bob', 'cy']);
    expect(network.workspace.phase).toEqual({ kind: 'searching' });
    expect(network.workspace.createdAt).toEqual(new Date('2026-01-05T14:00:00Z'));
    expect(network.meetings[0]!.minutes).toBe(20);
    expect(network.thankYous[0]!.askedForIntroduction).toBe(false);
  });

  it('needs only a workspace: every list defaults to empty', () => {
    const network = parseNetwork({ workspace: sample().workspace });
    for (const list of ['contacts', 'organizations', 'outreaches', 'meetings', 'thankYous', 'checkIns', 'referrals', 'outcomes'] as const) {
      expect(network[list]).toEqual([]);
    }
  });

  it('lets different kinds share an id', () => {
    const input = sample();
    input.organizations[0] = { ...input.organizations[0]!, id: 'ada' };
    input.contacts[0] = { ...input.contacts[0]!, organizationId: 'ada' };
    input.referrals[0] = { ...input.referrals[0]!, organizationId: 'ada' };
    input.outcomes[0] = { ...input.outcomes[0]!, organizationId: 'ada' };
    expect(parseNetwork(input).organizations[0]!.id).toBe('ada');
  });

  describe('duplicate ids', () => {
    it.each([
      ['contacts', 3, 'ada'],
      ['organizations', 1, 'o-1'],
      ['outreaches', 1, 'r-1'],
      ['meetings', 1, 'm-1'],
      ['thankYous', 1, 't-1'],
      ['checkIns', 1, 'k-1'],
      ['referrals', 1, 'f-1'],
      ['outcomes', 1, 'x-1'],
    ] as const)('in %s are named at %s[%i].id', (list, index, id) => {
      const input = sample();
      (input[list] as unknown[]).push(structuredClone(input[list][0]));
      expect(validationIssues(input)).toEqual([{ path: `${list}[${index}].id`, message: `duplicate id "${id}"` }]);
    });

    test.prop([arbitraries.network({ maxContacts: 5 }), fc.nat(), fc.nat()], { numRuns: 100 })(
      'a copy of any record is named at its own index',
      (network, whichList, whichRecord) => {
        const lists = (
          ['contacts', 'organizations', 'outreaches', 'meetings', 'thankYous', 'checkIns', 'referrals', 'outcomes'] as const
        ).filter((list) => network[list].length > 0);
        fc.pre(lists.length > 0);
        const list = lists[whichList % lists.length]!;
        const records = network[list] as readonly { id: string }[];
        const copy = structuredClone(records[whichRecord % records.length]!);
        const input = { ...network, [list]: [...records, copy] };
        expect(validationIssues(input)).toEqual([{ path: `${list}[${records.length}].id`, message: `duplicate id "${copy.id}"` }]);
      },
    );
  });

  describe('dangling references', () => {
    it.each([
      ['contacts', 0, 'organizationId', 'organization'],
      ['contacts', 1, 'introducedBy', 'contact'],
      ['outreaches', 0, 'contactId', 'contact'],
      ['meetings', 0, 'contactId', 'contact'],
      ['thankYous', 0, 'meetingId', 'meeting'],
      ['thankYous', 0, 'contactId', 'contact'],
      ['checkIns', 0, 'contactId', 'contact'],
      ['referrals', 0, 'introducerId', 'contact'],
      ['referrals', 0, 'contactId', 'contact'],
      ['referrals', 0, 'organizationId', 'organization'],
      ['referrals', 0, 'meetingId', 'meeting'],
      ['outcomes', 0, 'organizationId', 'organization'],
    ] as const)('%s[%i].%s is named, with the missing %s', (list, index, field, kind) => {
      const input = sample();
      const records = input[list] as Record<string, unknown>[];
      records[index] = { ...records[index], [field]: 'ghost' };
      expect(validationIssues(input)).toEqual([{ path: `${list}[${index}].${field}`, message: `no ${kind} "ghost"` }]);
    });

    it('meetings[0].outreachId is named, with the missing id', () => {
      const input = sample();
      input.meetings[0] = { ...input.meetings[0]!, outreachId: 'ghost' };
      const issues = validationIssues(input);
      expect(issues.map((i) => i.path)).toEqual(['meetings[0].outreachId']);
      expect(issues[0]!.message).toContain('"ghost"');
    });

    // Regression: the kind was once made singular by dropping an "s" ("no outreache").
    it('says "no outreach" for a missing outreach', () => {
      const input = sample();
      input.meetings[0] = { ...input.meetings[0]!, outreachId: 'ghost' };
      expect(validationIssues(input)).toEqual([{ path: 'meetings[0].outreachId', message: 'no outreach "ghost"' }]);
    });

    it('names entries of mutualContacts and outcome contactIds by index', () => {
      const input = sample();
      input.contacts[2] = { ...input.contacts[2]!, mutualContacts: ['ada', 'ghost'] };
      input.outcomes[0] = { ...input.outcomes[0]!, contactIds: ['ghost', 'cy'] };
      expect(validationIssues(input)).toEqual([
        { path: 'contacts[2].mutualContacts[1]', message: 'no contact "ghost"' },
        { path: 'outcomes[0].contactIds[0]', message: 'no contact "ghost"' },
      ]);
    });

    it('reports every dangling reference at once', () => {
      const input = sample();
      input.checkIns[0] = { ...input.checkIns[0]!, contactId: 'nobody' };
      input.referrals[0] = { ...input.referrals[0]!, introducerId: 'nobody', meetingId: 'no-meeting' };
      expect(validationIssues(input).map((i) => i.path)).toEqual([
        'checkIns[0].contactId',
        'referrals[0].introducerId',
        'referrals[0].meetingId',
      ]);
    });

    const SITES: readonly [keyof Network, string][] = [
      ['contacts', 'organizationId'],
      ['contacts', 'introducedBy'],
      ['outreaches', 'contactId'],
      ['meetings', 'contactId'],
      ['meetings', 'outreachId'],
      ['thankYous', 'meetingId'],
      ['thankYous', 'contactId'],
      ['checkIns', 'contactId'],
      ['referrals', 'introducerId'],
      ['referrals', 'contactId'],
      ['referrals', 'organizationId'],
      ['referrals', 'meetingId'],
      ['outcomes', 'organizationId'],
    ];

    test.prop([arbitraries.network({ maxContacts: 6 }), fc.nat(), fc.stringMatching(/^ghost-[a-z0-9]{1,6}$/)], { numRuns: 150 })(
      'breaking any one reference of a valid network names exactly that field',
      (network, which, ghost) => {
        const sites = SITES.flatMap(([list, field]) =>
          (network[list] as readonly Record<string, unknown>[]).flatMap((record, index) =>
            record[field] === undefined ? [] : [{ list, index, field }],
          ),
        );
        fc.pre(sites.length > 0);
        const { list, index, field } = sites[which % sites.length]!;
        const records = [...(network[list] as readonly Record<string, unknown>[])];
        records[index] = { ...records[index], [field]: ghost };
        const issues = validationIssues({ ...network, [list]: records });
        expect(issues.map((i) => i.path)).toEqual([`${list}[${index}].${field}`]);
        expect(issues[0]!.message).toContain(`"${ghost}"`);
      },
    );
  });

  describe('introductions', () => {
    it('rejects a cycle with ReferralCycleError carrying the cycle', () => {
      const input = sample();
      input.contacts[0] = { ...input.contacts[0]!, introducedBy: 'cy' };
      const error = cycleError(input);
      expect(error.code).toBe('referral-cycle');
      expect(error.cycle).toEqual(['ada', 'cy', 'bob', 'ada']);
      expect(error.message).toBe('introductions would form a cycle: ada -> cy -> bob -> ada');
    });

    it('rejects a two-person cycle', () => {
      const input = sample();
      input.contacts[0] = { ...input.contacts[0]!, introducedBy: 'bob' };
      expect(cycleError(input).cycle).toEqual(['ada', 'bob', 'ada']);
    });

    it('rejects a self-introduction', () => {
      const input = sample();
      input.contacts[2] = { ...input.contacts[2]!, introducedBy: 'cy' };
      const error = cycleError(input);
      expect(error.cycle).toEqual(['cy', 'cy']);
      expect(error.message).toBe('contact "cy" cannot introduce themselves');
    });

    it('checks references before cycles: a dangling introducer is a ValidationError', () => {
      const input = sample();
      input.contacts[0] = { ...input.contacts[0]!, introducedBy: 'cy' };
      input.contacts[1] = { ...input.contacts[1]!, organizationId: 'ghost' };
      expect(validationIssues(input).map((i) => i.path)).toEqual(['contacts[1].organizationId']);
    });
  });
});

// ---------------------------------------------------------------------------------
// findIntroductionCycle
// ---------------------------------------------------------------------------------

type Link = Pick<Contact, 'id' | 'introducedBy'>;
const cid = (id: string) => id as ContactId;

/** Contacts whose introducer is always an earlier one: a forest by construction. */
const forest = fc
  .array(fc.option(fc.nat(), { nil: undefined }), { minLength: 1, maxLength: 40 })
  .map((parents) =>
    parents.map(
      (parent, i): Link => ({
        id: cid(`c-${i}`),
        ...(parent === undefined || i === 0 ? {} : { introducedBy: cid(`c-${parent % i}`) }),
      }),
    ),
  );

/** The chain from `id` up to its root: `id`, its introducer, theirs, … */
function chain(links: readonly Link[], id: string): string[] {
  const parent = new Map<string, string | undefined>(links.map((l) => [l.id, l.introducedBy]));
  const out = [id];
  for (let current = parent.get(id); current !== undefined; current = parent.get(current)) out.push(current);
  return out;
}

describe('findIntroductionCycle', () => {
  test.prop([forest], { numRuns: 200 })('finds nothing in a forest, in any order', (links) => {
    expect(findIntroductionCycle(links)).toBeUndefined();
    expect(findIntroductionCycle([...links].reverse())).toBeUndefined();
  });

  test.prop([forest, fc.nat(), fc.nat(), fc.boolean()], { numRuns: 300 })(
    'a back edge from an ancestor to a descendant closes exactly that loop',
    (links, which, up, reversed) => {
      const bottom = links[which % links.length]!;
      const ancestors = chain(links, bottom.id); // bottom … root
      const top = ancestors[up % ancestors.length]!;
      const loop = ancestors.slice(0, ancestors.indexOf(top) + 1); // bottom … top
      const closed = links.map((l): Link => (l.id === top ? { id: l.id, introducedBy: bottom.id } : l));
      const parent = new Map<string, string | undefined>(closed.map((l) => [l.id, l.introducedBy]));
      const cycle = findIntroductionCycle(reversed ? [...closed].reverse() : closed);
      expect(cycle).toBeDefined();
      // Closed: first id repeated at the end; every step follows an introducedBy edge.
      expect(cycle![0]).toBe(cycle!.at(-1));
      expect(cycle!.length).toBe(loop.length + 1);
      expect(new Set(cycle)).toEqual(new Set(loop));
      for (let i = 0; i + 1 < cycle!.length; i++) expect(parent.get(cycle![i]!)).toBe(cycle![i + 1]);
      if (loop.length === 1) expect(cycle).toEqual([top, top]);
    },
  );

  it('ignores introducers that are not in the list', () => {
    expect(
      findIntroductionCycle([
        { id: cid('a'), introducedBy: cid('outsider') },
        { id: cid('b'), introducedBy: cid('a') },
      ]),
    ).toBeUndefined();
  });

  test.prop([arbitraries.network(), fc.nat(), fc.nat()], { numRuns: 100 })(
    'parseNetwork rejects any generated network once a loop is closed',
    (network, which, up) => {
      fc.pre(network.contacts.length > 0);
      const bottom = network.contacts[which % network.contacts.length]!;
      const ancestors = chain(network.contacts, bottom.id);
      const top = ancestors[up % ancestors.length]!;
      const contacts = network.contacts.map((c) => (c.id === top ? { ...c, introducedBy: bottom.id } : c));
      const error = cycleError({ ...network, contacts });
      expect(new Set(error.cycle)).toEqual(new Set(ancestors.slice(0, ancestors.indexOf(top) + 1)));
    },
  );
});

describe('parseNetwork: records agree with each other', () => {
  const pathsOf = (input: FullNetworkInput) => {
    try {
      parseNetwork(input);
    } catch (error) {
      if (error instanceof ValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
      throw error;
    }
    throw new Error('expected a ValidationError');
  };

  it('refuses a thank-you whose contact is not the meeting’s contact', () => {
    const input = sample();
    input.thankYous[0] = { ...input.thankYous[0]!, contactId: 'ada' };
    expect(pathsOf(input)).toEqual(['thankYous[0].contactId: is "ada", but meeting "m-1" is with "bob"']);
  });

  it('refuses a meeting whose outreach went to someone else', () => {
    const input = sample();
    input.meetings[0] = { ...input.meetings[0]!, contactId: 'cy' };
    input.thankYous[0] = { ...input.thankYous[0]!, contactId: 'cy' };
    expect(pathsOf(input)).toEqual(['meetings[0].contactId: is "cy", but outreach "r-1" is to "bob"']);
  });

  it('refuses a referral in which someone introduces themselves', () => {
    const input = sample();
    input.referrals[0] = { ...input.referrals[0]!, contactId: 'bob' };
    expect(pathsOf(input)).toEqual(['referrals[0].contactId: a contact cannot introduce themselves']);
  });

  it('refuses the same contact listed twice, or as their own mutual contact', () => {
    const input = sample();
    input.contacts[2] = { ...input.contacts[2]!, mutualContacts: ['ada', 'cy', 'ada'] };
    input.outcomes[0] = { ...input.outcomes[0]!, contactIds: ['cy', 'cy'] };
    expect(pathsOf(input)).toEqual([
      'contacts[2].mutualContacts[1]: a contact is not their own mutual contact',
      'contacts[2].mutualContacts[2]: "ada" is listed twice',
      'outcomes[0].contactIds[1]: "cy" is listed twice',
    ]);
  });
});

// Shared by the referral-chain, funnel and agenda tests: build networks the way a user
// does (plain JSON-ish input through `parseNetwork`) and reorder their records.
import {
  ContactIdSchema,
  parseNetwork,
  type ContactId,
  type Network,
  type NetworkInput,
  type WorkspaceInput,
} from '../../src/index.js';

/** A seeker in New York, unless a test says otherwise. */
export const SEEKER: WorkspaceInput = {
  id: 'w-sam',
  name: 'Sam Seeker',
  timeZone: 'America/New_York',
  createdAt: '2024-11-01T09:00:00-04:00',
};

/** A validated network (ids branded, defaults applied) around the default seeker. */
export function networkOf(
  records: Omit<NetworkInput, 'workspace'> & { readonly workspace?: Partial<WorkspaceInput> },
): Network {
  const { workspace, ...rest } = records;
  return parseNetwork({ ...rest, workspace: { ...SEEKER, ...workspace } });
}

/** A branded contact id. */
export const cid = (id: string): ContactId => ContactIdSchema.parse(id);

/** The ISO form of an instant: how tests compare dates, never through local getters. */
export const iso = (date: Date): string => date.toISOString();

/** A small deterministic PRNG (mulberry32), so a shuffle is reproducible from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A copy of `list` in an order decided by `seed` (Fisher–Yates). */
export function shuffled<T>(list: readonly T[], seed: number): T[] {
  const next = random(seed);
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** The same network with every record array (and each outreach's attempts) reordered. */
export function shuffleNetwork(network: Network, seed: number): Network {
  return {
    workspace: network.workspace,
    contacts: shuffled(network.contacts, seed),
    organizations: shuffled(network.organizations, seed + 1),
    outreaches: shuffled(network.outreaches, seed + 2).map((outreach, i) => ({
      ...outreach,
      attempts: shuffled(outreach.attempts, seed + 100 + i),
    })),
    meetings: shuffled(network.meetings, seed + 3),
    thankYous: shuffled(network.thankYous, seed + 4),
    checkIns: shuffled(network.checkIns, seed + 5),
    referrals: shuffled(network.referrals, seed + 6),
    outcomes: shuffled(network.outcomes, seed + 7),
  };
}

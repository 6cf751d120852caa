import type { TieKind } from '../domain/contact.js';
import type { ContactId, OutcomeId } from '../domain/ids.js';
import type { Network } from '../domain/network.js';
import type { DirectChannel } from '../domain/policies.js';
import type { Outcome, OutcomeKind } from '../domain/referral.js';
import { OUTCOME_KINDS } from '../domain/vocabulary.js';
import { indexNetwork } from './networkIndex.js';
import { directAttempts } from './outreachRetry.js';
import { creditOutcome, introductionForest, type IntroductionForest } from './referralChain.js';

/** The stages a contact moves through, in order. Outcomes are counted apart, as records. */
export const FUNNEL_STAGES = ['reached', 'replied', 'met', 'introduced'] as const;
/** One stage of the funnel. */
export type FunnelStageName = (typeof FUNNEL_STAGES)[number];

/** How many contacts reached one stage, and what share of the stage before. */
export interface FunnelStage {
  readonly stage: FunnelStageName;
  readonly count: number;
  /** `count` over the previous stage's count; `null` when that is zero (and for `reached`). */
  readonly rate: number | null;
}

/** The funnel of one group of contacts. */
export interface FunnelRow<K> {
  readonly key: K;
  readonly stages: readonly FunnelStage[];
}

/** A number of outcome records for each kind (interview, internship, offer, hire). */
export type OutcomeCounts = Readonly<Record<OutcomeKind, number>>;

/** What came through one contact on the chains that led to outcomes. */
export interface IntroducerCredit {
  readonly contactId: ContactId;
  /** Outcomes whose chains pass through this contact, by kind; each outcome once. */
  readonly outcomes: OutcomeCounts;
  /** Those outcomes' ids, earliest first (then by id). */
  readonly outcomeIds: readonly OutcomeId[];
  /** The distinct chains through this contact, each root first as in `creditOutcome`, sorted by id. */
  readonly paths: readonly (readonly ContactId[])[];
  /** For example "2 offers came through Lena Ortiz (via Raj Patel -> Dana Kim)." */
  readonly reason: string;
}

/**
 * Where conversations come from and where they lead. Contact stages count contacts;
 * outcomes count outcome records, once each however many contacts they came through.
 */
export interface Funnel {
  /** Contacts at each stage: reached → replied → met → introduced. */
  readonly stages: readonly FunnelStage[];
  /** Outcome records by kind: one offer through a chain of three is 1 offer. */
  readonly outcomes: OutcomeCounts;
  /** Reached: contacts tried on the channel; later stages: contacts whose reply followed an attempt on it. */
  readonly byChannel: readonly FunnelRow<DirectChannel>[];
  /** Reached: contacts tried at least that many times; later stages: those who replied after exactly that many. */
  readonly byAttempt: readonly FunnelRow<number>[];
  /** Contacts reached, grouped by how the seeker knew them. */
  readonly byTie: readonly FunnelRow<TieKind>[];
  /**
   * Every contact on a chain that led to an outcome (who started it, each introducer,
   * the contact it came through), in the order of the introduction tree: roots by id,
   * each followed by whom they introduced. Credit, never added to `outcomes`.
   */
  readonly byIntroducer: readonly IntroducerCredit[];
  readonly rule: 'funnel';
  readonly reason: string;
}

type Progress = { depth: number; replyChannel?: DirectChannel; replyAttempt?: number; attemptsMade: number; channels: Set<DirectChannel> };

function stagesOf(depths: readonly number[], reachedOverride?: number): FunnelStage[] {
  const counts = FUNNEL_STAGES.map((_, i) => depths.filter((d) => d > i).length);
  if (reachedOverride !== undefined) counts[0] = reachedOverride;
  return FUNNEL_STAGES.map((stage, i) => {
    const previous = i === 0 ? 0 : counts[i - 1]!;
    return { stage, count: counts[i]!, rate: i === 0 || previous === 0 ? null : counts[i]! / previous };
  });
}

function rows<K>(groups: Map<K, number[]>, order: (a: K, b: K) => number, reached?: Map<K, number>): FunnelRow<K>[] {
  return [...groups.keys()].sort(order).map((key) => ({ key, stages: stagesOf(groups.get(key)!, reached?.get(key)) }));
}

function push<K>(groups: Map<K, number[]>, key: K, depth: number): void {
  const list = groups.get(key);
  if (list) list.push(depth);
  else groups.set(key, [depth]);
}

// Code-unit order, like the ids elsewhere: the same in every locale.
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const comparePaths = (a: readonly ContactId[], b: readonly ContactId[]) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareText(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return a.length - b.length;
};

function countOutcomes(outcomes: readonly Pick<Outcome, 'kind'>[]): OutcomeCounts {
  const counts = Object.fromEntries(OUTCOME_KINDS.map((kind) => [kind, 0])) as Record<OutcomeKind, number>;
  for (const outcome of outcomes) counts[outcome.kind]++;
  return counts;
}

/** "a", "a and b", "a, b and c". */
function listText(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** "1 interview and 2 offers", or `undefined` when there are none. */
function outcomesText(counts: OutcomeCounts): string | undefined {
  const parts = OUTCOME_KINDS.filter((kind) => counts[kind] > 0).map((kind) => `${counts[kind]} ${kind}${counts[kind] === 1 ? '' : 's'}`);
  return parts.length === 0 ? undefined : listText(parts);
}

/** Contacts on outcome chains in tree order: roots by id, each followed by their descendants. */
function treeOrder(forest: IntroductionForest, wanted: ReadonlySet<ContactId>): ContactId[] {
  const order: ContactId[] = [];
  // An explicit stack: chains can be long, recursion could overflow.
  const stack = [...forest.roots].reverse();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (wanted.has(id)) order.push(id);
    const children = forest.childrenOf.get(id) ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return order;
}

/** Credit along the chains of every outcome, one entry per contact on them. */
function creditByIntroducer(outcomes: readonly Outcome[], forest: IntroductionForest): IntroducerCredit[] {
  // Paths keyed by their last contact: a root-first chain is that contact's chain.
  const credit = new Map<ContactId, { outcomes: Set<Outcome>; paths: Map<ContactId, readonly ContactId[]> }>();
  for (const outcome of outcomes) {
    for (const path of creditOutcome(outcome, forest).paths) {
      for (const id of path) {
        let entry = credit.get(id);
        if (!entry) credit.set(id, (entry = { outcomes: new Set(), paths: new Map() }));
        entry.outcomes.add(outcome);
        entry.paths.set(path.at(-1)!, path);
      }
    }
  }
  const name = (id: ContactId) => forest.names.get(id) ?? id;
  return treeOrder(forest, new Set(credit.keys())).map((contactId) => {
    const entry = credit.get(contactId)!;
    const came = [...entry.outcomes].sort((a, b) => a.at.getTime() - b.at.getTime() || compareText(a.id, b.id));
    const paths = [...entry.paths.values()].sort(comparePaths);
    const counts = countOutcomes(came);
    // What follows this contact on each path: nothing when the outcome came through them.
    const ways = [...new Set(paths.map((path) => path.slice(path.indexOf(contactId) + 1).map(name).join(' -> ')))];
    const how =
      ways.length === 1 && ways[0] === ''
        ? 'directly'
        : `(${listText(ways.map((rest) => (rest === '' ? 'directly' : `via ${rest}`)))})`;
    return {
      contactId,
      outcomes: counts,
      outcomeIds: came.map((o) => o.id),
      paths,
      reason: `${outcomesText(counts)} came through ${name(contactId)} ${how}.`,
    };
  });
}

/**
 * Rule `funnel`: contacts at each stage, reached → replied → met → introduced, each
 * stage including only contacts that passed the ones before; and outcomes as records.
 * Reached means a direct attempt or a meeting; replied, a yes or a meeting; introduced,
 * an introduction or referral they made that is done. `outcomes` counts each outcome
 * record once; `byIntroducer` credits it to every contact on its chains, apart from
 * the totals.
 */
export function funnel(network: Network): Funnel {
  const index = indexNetwork(network);
  const forest = introductionForest(network.contacts);
  const introducers = new Set(network.referrals.filter((r) => r.status === 'done').map((r) => r.introducerId));

  const progress = new Map<ContactId, Progress>();
  for (const contact of network.contacts) {
    const history = index.historyOf(contact);
    const channels = new Set<DirectChannel>();
    let attemptsMade = 0;
    let replyChannel: DirectChannel | undefined;
    let replyAttempt: number | undefined;
    // The first yes (earliest, then by outreach id) decides the channel and attempt, so
    // the answer does not depend on the order the outreaches come in.
    let firstYes: { at: number; outreachId: string } | undefined;
    let replied = false;
    for (const outreach of history.outreaches) {
      const attempts = directAttempts(outreach);
      attemptsMade = Math.max(attemptsMade, attempts.length);
      for (const a of attempts) channels.add(a.channel);
      const reply = outreach.reply;
      if (reply?.answer === 'accepted') {
        replied = true;
        const at = reply.at.getTime();
        const before = attempts.filter((a) => a.at.getTime() <= at);
        const earlier = !firstYes || at < firstYes.at || (at === firstYes.at && outreach.id < firstYes.outreachId);
        if (before.length > 0 && earlier) {
          firstYes = { at, outreachId: outreach.id };
          replyChannel = before.at(-1)!.channel;
          replyAttempt = before.length;
        }
      }
    }
    const hasMeeting = history.meetings.some((m) => m.status !== 'cancelled');
    const met = history.meetings.some((m) => m.status === 'held');
    const flags = [attemptsMade > 0 || history.meetings.length > 0, replied || hasMeeting, met, introducers.has(contact.id)];
    let depth = 0;
    while (depth < flags.length && flags[depth]) depth++;
    const entry: Progress = { depth, attemptsMade, channels };
    if (replyChannel !== undefined) entry.replyChannel = replyChannel;
    if (replyAttempt !== undefined) entry.replyAttempt = replyAttempt;
    progress.set(contact.id, entry);
  }

  const all: number[] = [];
  const byChannel = new Map<DirectChannel, number[]>();
  const channelReached = new Map<DirectChannel, number>();
  const byAttempt = new Map<number, number[]>();
  const attemptReached = new Map<number, number>();
  const byTie = new Map<TieKind, number[]>();
  for (const contact of network.contacts) {
    const p = progress.get(contact.id)!;
    all.push(p.depth);
    if (p.depth === 0) continue;
    push(byTie, contact.tie, p.depth);
    for (const channel of p.channels) {
      channelReached.set(channel, (channelReached.get(channel) ?? 0) + 1);
      if (!byChannel.has(channel)) byChannel.set(channel, []);
    }
    if (p.replyChannel !== undefined) push(byChannel, p.replyChannel, p.depth);
    for (let n = 1; n <= p.attemptsMade; n++) {
      attemptReached.set(n, (attemptReached.get(n) ?? 0) + 1);
      if (!byAttempt.has(n)) byAttempt.set(n, []);
    }
    if (p.replyAttempt !== undefined) push(byAttempt, p.replyAttempt, p.depth);
  }

  const stages = stagesOf(all);
  const outcomes = countOutcomes(network.outcomes);
  const [reached, replied, met, introduced] = stages.map((s) => s.count) as [number, number, number, number];
  const came = outcomesText(outcomes);
  return {
    stages,
    outcomes,
    byChannel: rows(byChannel, compareText, channelReached),
    byAttempt: rows(byAttempt, (a, b) => a - b, attemptReached),
    byTie: rows(byTie, compareText),
    byIntroducer: creditByIntroducer(network.outcomes, forest),
    rule: 'funnel',
    reason:
      reached === 0 && came === undefined
        ? 'Nobody reached yet: every conversation starts with a first email.'
        : `${reached} reached, ${replied} replied, ${met} met, ${introduced} introduced or referred you; ${came === undefined ? 'no outcomes yet' : `${came} came of it`}.`,
  };
}

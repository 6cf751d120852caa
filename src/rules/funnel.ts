import type { TieKind } from '../domain/contact.js';
import type { ContactId } from '../domain/ids.js';
import type { Network } from '../domain/network.js';
import type { DirectChannel } from '../domain/policies.js';
import { indexNetwork } from './networkIndex.js';
import { directAttempts } from './outreachRetry.js';
import { creditOutcome, introductionForest } from './referralChain.js';

/** The stages a contact moves through, in order. */
export const FUNNEL_STAGES = ['reached', 'replied', 'met', 'introduced', 'interview', 'offer'] as const;
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

/** Where conversations come from and where they lead, overall and broken down. */
export interface Funnel {
  readonly stages: readonly FunnelStage[];
  /** Reached: contacts tried on the channel; later stages: contacts whose reply followed an attempt on it. */
  readonly byChannel: readonly FunnelRow<DirectChannel>[];
  /** Reached: contacts tried at least that many times; later stages: those who replied after exactly that many. */
  readonly byAttempt: readonly FunnelRow<number>[];
  readonly byTie: readonly FunnelRow<TieKind>[];
  /** `null` groups contacts nobody introduced. */
  readonly byIntroducer: readonly FunnelRow<ContactId | null>[];
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
const compareText = <K extends string | null>(a: K, b: K) => {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Rule `funnel`: reached → replied → met → introduced → interview → offer, counted in
 * contacts, each stage including only contacts that passed the ones before. Replied
 * means a yes or a meeting; introduced means they made an introduction or referral;
 * interview and offer count every contact credited through the referral chains.
 */
export function funnel(network: Network): Funnel {
  const index = indexNetwork(network);
  const forest = introductionForest(network.contacts);
  const credit = new Map<ContactId, number>();
  for (const outcome of network.outcomes) {
    const level = outcome.kind === 'interview' ? 5 : 6;
    for (const id of creditOutcome(outcome, forest).credited) credit.set(id, Math.max(credit.get(id) ?? 0, level));
  }
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
    const flags = [
      attemptsMade > 0 || history.meetings.length > 0,
      replied || hasMeeting,
      met,
      introducers.has(contact.id),
      (credit.get(contact.id) ?? 0) >= 5,
      (credit.get(contact.id) ?? 0) >= 6,
    ];
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
  const byIntroducer = new Map<ContactId | null, number[]>();
  for (const contact of network.contacts) {
    const p = progress.get(contact.id)!;
    all.push(p.depth);
    if (p.depth === 0) continue;
    push(byTie, contact.tie, p.depth);
    push(byIntroducer, contact.introducedBy ?? null, p.depth);
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
  const reached = stages[0]!.count;
  const met = stages[2]!.count;
  return {
    stages,
    byChannel: rows(byChannel, compareText, channelReached),
    byAttempt: rows(byAttempt, (a, b) => a - b, attemptReached),
    byTie: rows(byTie, compareText),
    byIntroducer: rows(byIntroducer, compareText),
    rule: 'funnel',
    reason:
      reached === 0
        ? 'Nobody reached yet: every conversation starts with a first email.'
        : `${reached} reached, ${stages[1]!.count} replied, ${met} met, ${stages[5]!.count} led to an offer.`,
  };
}

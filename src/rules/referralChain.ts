import { addDays } from 'date-fns';
import type { Contact } from '../domain/contact.js';
import { NotFoundError, ReferralCycleError } from '../domain/errors.js';
import type { ContactId, OutcomeId, ReferralId } from '../domain/ids.js';
import type { ReferralPolicy } from '../domain/policies.js';
import type { Outcome, Referral, ReferralKind } from '../domain/referral.js';
import { findIntroductionCycle } from '../domain/introductions.js';
import type { RuleContext } from './context.js';
import { fromWallClock, toWallClock } from '../domain/zone.js';

/** The part of a contact the referral rules read: who they are and who introduced them. */
export type IntroducedContact = Pick<Contact, 'id' | 'introducedBy'>;

/**
 * The introduction forest of a set of contacts, indexed once so chains, depths and
 * descendants are each a walk, not a scan. Throws `ReferralCycleError` on a cycle.
 */
export interface IntroductionForest {
  /** Who introduced each contact (absent for roots). */
  readonly parentOf: ReadonlyMap<ContactId, ContactId>;
  /** Whom each contact introduced, sorted by id. */
  readonly childrenOf: ReadonlyMap<ContactId, readonly ContactId[]>;
  /** Contacts nobody introduced (or whose introducer is not in the set), sorted by id. */
  readonly roots: readonly ContactId[];
  /** Every contact in the forest. */
  readonly members: ReadonlySet<ContactId>;
}

/** Indexes the `introducedBy` edges of `contacts`; throws `ReferralCycleError` on a cycle. */
export function introductionForest(contacts: readonly IntroducedContact[]): IntroductionForest {
  const cycle = findIntroductionCycle(contacts);
  if (cycle) throw new ReferralCycleError(cycle);
  const ids = new Set<ContactId>(contacts.map((c) => c.id));
  const parentOf = new Map<ContactId, ContactId>();
  const children = new Map<ContactId, ContactId[]>();
  const roots: ContactId[] = [];
  for (const contact of contacts) {
    const parent = contact.introducedBy;
    if (parent !== undefined && ids.has(parent)) {
      parentOf.set(contact.id, parent);
      const list = children.get(parent);
      if (list) list.push(contact.id);
      else children.set(parent, [contact.id]);
    } else {
      roots.push(contact.id);
    }
  }
  for (const list of children.values()) list.sort();
  roots.sort();
  return { parentOf, childrenOf: children, roots, members: ids };
}

/** A contact's chain of introductions back to where it started. */
export interface ReferralChain {
  readonly contactId: ContactId;
  /** The contact first, then who introduced them, and so on up to the root. */
  readonly chain: readonly ContactId[];
  readonly root: ContactId;
  /** Number of introductions between the root and the contact (0 for a root). */
  readonly depth: number;
  readonly rule: 'referral.chain';
  readonly reason: string;
}

function chainIn(forest: IntroductionForest, contactId: ContactId): ContactId[] {
  const chain: ContactId[] = [contactId];
  let parent = forest.parentOf.get(contactId);
  while (parent !== undefined) {
    chain.push(parent);
    parent = forest.parentOf.get(parent);
  }
  return chain;
}

function forestOf(contacts: readonly IntroducedContact[] | IntroductionForest): IntroductionForest {
  return 'parentOf' in contacts ? contacts : introductionForest(contacts);
}

/**
 * Rule `referral.chain`: the chain from a contact back to the root of their
 * introductions. Throws `NotFoundError` for an unknown contact and
 * `ReferralCycleError` if the introductions are not a forest.
 */
export function referralChain(
  contactId: ContactId,
  contacts: readonly IntroducedContact[] | IntroductionForest,
): ReferralChain {
  const forest = forestOf(contacts);
  if (!forest.members.has(contactId)) throw new NotFoundError('contact', contactId);
  const chain = chainIn(forest, contactId);
  const root = chain.at(-1)!;
  const depth = chain.length - 1;
  const reason =
    depth === 0
      ? `${contactId} is where a chain starts: nobody introduced them.`
      : `${contactId} came through ${depth === 1 ? 'one introduction' : `${depth} introductions`}: ${[...chain].reverse().join(' -> ')}.`;
  return { contactId, chain, root, depth, rule: 'referral.chain', reason };
}

/**
 * Everyone a contact led to, directly or through others, nearest first then by id.
 * Throws `NotFoundError` for an unknown contact and `ReferralCycleError` if the
 * introductions are not a forest.
 */
export function introducedThrough(
  contactId: ContactId,
  contacts: readonly IntroducedContact[] | IntroductionForest,
): ContactId[] {
  const forest = forestOf(contacts);
  if (!forest.members.has(contactId)) throw new NotFoundError('contact', contactId);
  const found: ContactId[] = [];
  let level: readonly ContactId[] = forest.childrenOf.get(contactId) ?? [];
  while (level.length > 0) {
    found.push(...level);
    level = level.flatMap((id) => forest.childrenOf.get(id) ?? []).sort();
  }
  return found;
}

/** Who gets credit for an outcome: every contact on the chain of every contact it came through. */
export interface OutcomeCredit {
  readonly outcomeId: OutcomeId;
  /** Sorted by id, each once. */
  readonly credited: readonly ContactId[];
  readonly rule: 'referral.credit';
  readonly reason: string;
}

/**
 * Rule `referral.credit`: an outcome is credited to every contact on the referral chain
 * of each contact it came through. Throws `NotFoundError` when the outcome names a
 * contact that is not among `contacts`.
 */
export function creditOutcome(
  outcome: Outcome,
  contacts: readonly IntroducedContact[] | IntroductionForest,
): OutcomeCredit {
  const forest = forestOf(contacts);
  const credited = new Set<ContactId>();
  for (const id of outcome.contactIds) if (!forest.members.has(id)) throw new NotFoundError('contact', id);
  for (const id of outcome.contactIds) for (const link of chainIn(forest, id)) credited.add(link);
  const list = [...credited].sort();
  return {
    outcomeId: outcome.id,
    credited: list,
    rule: 'referral.credit',
    reason: `The ${outcome.kind} came through ${outcome.contactIds.join(', ')}; everyone on their chains shares the credit (${list.length} ${list.length === 1 ? 'contact' : 'contacts'}).`,
  };
}

/** A promised introduction or referral that has not happened yet. */
export interface ReferralFollowUp {
  readonly referralId: ReferralId;
  readonly introducerId: ContactId;
  readonly dueAt: Date;
  readonly rule: 'referral.follow-up';
  readonly reason: string;
}

const PROMISE_WORDS: Record<ReferralKind, string> = {
  'name-suggested': 'a name to contact',
  'introduction-made': 'an introduction',
  'resume-forwarded': 'to forward your resume',
  'recommended-to-hr': 'a recommendation to HR',
};

/**
 * Rule `referral.follow-up`: an offered referral not done after `followUpAfterDays`
 * (7) days gets a polite follow-up with the introducer. `undefined` once it is done or declined.
 */
export function referralFollowUp(
  referral: Referral,
  policy: ReferralPolicy,
  ctx: RuleContext,
  introducer?: Pick<Contact, 'name'>,
): ReferralFollowUp | undefined {
  if (referral.status !== 'offered') return undefined;
  const dueAt = fromWallClock(addDays(toWallClock(referral.offeredAt, ctx.timeZone), policy.followUpAfterDays), ctx.timeZone);
  const name = introducer?.name ?? 'The introducer';
  return {
    referralId: referral.id,
    introducerId: referral.introducerId,
    dueAt,
    rule: 'referral.follow-up',
    reason: `${name} offered ${PROMISE_WORDS[referral.kind]} and it has not happened ${policy.followUpAfterDays} days later: follow up politely.`,
  };
}

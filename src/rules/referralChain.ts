import { addDays } from 'date-fns';
import type { Contact } from '../domain/contact.js';
import { NotFoundError, ReferralCycleError } from '../domain/errors.js';
import type { ContactId, OutcomeId, ReferralId } from '../domain/ids.js';
import type { ReferralPolicy } from '../domain/policies.js';
import type { Outcome, Referral, ReferralKind } from '../domain/referral.js';
import { findIntroductionCycle } from '../domain/introductions.js';
import type { RuleContext } from './context.js';
import { fromWallClock, toWallClock } from '../domain/zone.js';

/**
 * The part of a contact the referral rules read: who they are, who introduced them and,
 * when given, their name (reasons read "Lena Ortiz -> Raj Patel", ids otherwise).
 */
export type IntroducedContact = Pick<Contact, 'id' | 'introducedBy'> & Partial<Pick<Contact, 'name'>>;

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
  /** The name of each contact that came with one; reasons fall back to the id. */
  readonly names: ReadonlyMap<ContactId, string>;
}

/** Indexes the `introducedBy` edges of `contacts`; throws `ReferralCycleError` on a cycle. */
export function introductionForest(contacts: readonly IntroducedContact[]): IntroductionForest {
  const cycle = findIntroductionCycle(contacts);
  if (cycle) throw new ReferralCycleError(cycle);
  const ids = new Set<ContactId>(contacts.map((c) => c.id));
  const parentOf = new Map<ContactId, ContactId>();
  const children = new Map<ContactId, ContactId[]>();
  const names = new Map<ContactId, string>();
  const roots: ContactId[] = [];
  for (const contact of contacts) {
    if (contact.name !== undefined) names.set(contact.id, contact.name);
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
  return { parentOf, childrenOf: children, roots, members: ids, names };
}

/**
 * A contact's chain of introductions, in the order it happened: the contact who
 * started it first, then each introducer, then the contact.
 */
export interface ReferralChain {
  readonly contactId: ContactId;
  /** Root first: who started it, each introducer in turn, and the contact last. */
  readonly chain: readonly ContactId[];
  /** Who started the chain: `chain[0]`, the contact itself when nobody introduced them. */
  readonly root: ContactId;
  /** Number of introductions between the root and the contact (0 for a root). */
  readonly depth: number;
  readonly rule: 'referral.chain';
  readonly reason: string;
}

/** Root first, ending with `contactId`. */
function chainIn(forest: IntroductionForest, contactId: ContactId): ContactId[] {
  const chain: ContactId[] = [contactId];
  let parent = forest.parentOf.get(contactId);
  while (parent !== undefined) {
    chain.push(parent);
    parent = forest.parentOf.get(parent);
  }
  return chain.reverse();
}

function forestOf(contacts: readonly IntroducedContact[] | IntroductionForest): IntroductionForest {
  return 'parentOf' in contacts ? contacts : introductionForest(contacts);
}

/** How a reason names a contact: their name when the forest has it, else the id. */
function nameIn(forest: IntroductionForest, id: ContactId): string {
  return forest.names.get(id) ?? id;
}

/** A root-first chain as a reason writes it: "Lena Ortiz -> Raj Patel -> Dana Kim". */
function pathText(forest: IntroductionForest, chain: readonly ContactId[]): string {
  return chain.map((id) => nameIn(forest, id)).join(' -> ');
}

/**
 * Rule `referral.chain`: the chain of introductions that led to a contact, root first
 * (the contact who started it, each introducer, then the contact). Throws
 * `NotFoundError` for an unknown contact and `ReferralCycleError` if the
 * introductions are not a forest.
 */
export function referralChain(
  contactId: ContactId,
  contacts: readonly IntroducedContact[] | IntroductionForest,
): ReferralChain {
  const forest = forestOf(contacts);
  if (!forest.members.has(contactId)) throw new NotFoundError('contact', contactId);
  const chain = chainIn(forest, contactId);
  const root = chain[0]!;
  const depth = chain.length - 1;
  const reason =
    depth === 0
      ? `${nameIn(forest, contactId)} is where a chain starts: nobody introduced them.`
      : `${nameIn(forest, contactId)} came through ${depth === 1 ? 'one introduction' : `${depth} introductions`}: ${pathText(forest, chain)}.`;
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

/**
 * Who gets credit for an outcome: every contact on the chain of every contact it came
 * through, in the chains' order.
 */
export interface OutcomeCredit {
  readonly outcomeId: OutcomeId;
  /**
   * One root-first chain per contact the outcome came through, in the order of
   * `outcome.contactIds` (each contact once); each equals `referralChain(id).chain`.
   */
  readonly paths: readonly (readonly ContactId[])[];
  /** The contacts of `paths` in that order, each once, where it first appears. */
  readonly credited: readonly ContactId[];
  readonly rule: 'referral.credit';
  readonly reason: string;
}

/**
 * Rule `referral.credit`: an outcome is credited to every contact on the referral chain
 * of each contact it came through. Chains come in the order of `outcome.contactIds`,
 * each root first; `credited` lists their contacts in that order, each once. Throws
 * `NotFoundError` when the outcome names a contact that is not among `contacts`.
 */
export function creditOutcome(
  outcome: Outcome,
  contacts: readonly IntroducedContact[] | IntroductionForest,
): OutcomeCredit {
  const forest = forestOf(contacts);
  for (const id of outcome.contactIds) if (!forest.members.has(id)) throw new NotFoundError('contact', id);
  const through = [...new Set(outcome.contactIds)];
  const paths = through.map((id) => chainIn(forest, id));
  const credited = [...new Set(paths.flat())];
  const who = through.map((id) => nameIn(forest, id));
  const came = `The ${outcome.kind} came through ${who.length === 1 ? who[0] : `${who.slice(0, -1).join(', ')} and ${who.at(-1)}`}`;
  const reason =
    credited.length === 1
      ? `${came}, whom nobody introduced: the credit is theirs alone.`
      : `${came}; everyone on the way shares the credit (${credited.length} contacts): ${paths.map((p) => pathText(forest, p)).join('; ')}.`;
  return { outcomeId: outcome.id, paths, credited, rule: 'referral.credit', reason };
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

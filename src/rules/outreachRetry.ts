import type { Contact } from '../domain/contact.js';
import type { ContactId, OrganizationId } from '../domain/ids.js';
import type { Meeting } from '../domain/meeting.js';
import type { Organization } from '../domain/organization.js';
import type { Attempt, Outreach } from '../domain/outreach.js';
import type { DirectChannel, OutreachPolicy } from '../domain/policies.js';
import { describeChannelCounts } from '../domain/policyDefaults.js';
import { CHANNEL_NOUNS, CHANNEL_VERBS } from '../domain/vocabulary.js';
import { businessCountStart, businessDaysAfter, type BusinessCalendar } from './businessDays.js';
import type { RuleContext } from './context.js';

/** Why an outreach has no next attempt. */
export type OutreachStopReason = 'replied' | 'declined' | 'exhausted' | 'withdrawn';

/** What to do next in an outreach, and why. */
export type OutreachStep =
  | {
      readonly kind: 'attempt';
      /** 1-based number of the attempt to make, counting only direct attempts. */
      readonly attempt: number;
      readonly channel: DirectChannel;
      readonly dueAt: Date;
      readonly rule: 'outreach.retry';
      readonly reason: string;
    }
  | {
      readonly kind: 'ask-introduction';
      /** Mutual contacts who could introduce the seeker, in the contact's order. */
      readonly via: readonly ContactId[];
      readonly dueAt: Date;
      readonly rule: 'outreach.warm-introduction';
      readonly reason: string;
    }
  | {
      readonly kind: 'stop';
      readonly why: OutreachStopReason;
      /** When it stopped; for `exhausted`, when to move on if no reply has come. */
      readonly at: Date;
      readonly rule: 'outreach.retry';
      readonly reason: string;
    };




const byTime = (a: { at: Date }, b: { at: Date }) => a.at.getTime() - b.at.getTime();
// Plain code-unit order: the same in every locale, so the same input always sorts the same.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The attempts that reached for the contact directly, oldest first (attempts at the
 * same instant in a fixed order, so the order they were recorded in never matters).
 */
export function directAttempts(outreach: Outreach): (Attempt & { channel: DirectChannel })[] {
  const direct = outreach.attempts.filter((attempt): attempt is Attempt & { channel: DirectChannel } => attempt.channel !== 'introduction-request');
  // Attempts are mostly recorded in order; the sort (stable, so a no-op then) is only paid when they are not.
  for (let i = 1; i < direct.length; i++) {
    if (attemptOrder(direct[i - 1]!, direct[i]!) > 0) return direct.sort(attemptOrder);
  }
  return direct;
}

function attemptOrder(a: Attempt, b: Attempt): number {
  return byTime(a, b) || byText(a.channel, b.channel) || byText(a.result, b.result) || byText(a.note ?? '', b.note ?? '');
}

function calendarOf(policy: OutreachPolicy, ctx: RuleContext): BusinessCalendar {
  return { timeZone: ctx.timeZone, holidays: ctx.holidays ?? [], countFromNextDayAt: policy.countFromNextDayAt };
}

function reachable(channel: DirectChannel, contact: Contact | undefined): boolean {
  if (!contact) return true;
  if (channel === 'email') return contact.emails.length > 0;
  if (channel === 'phone') return contact.phones.length > 0;
  if (channel === 'linkedin') return contact.profileUrl !== undefined;
  return true;
}

/**
 * Where in the policy's sequence the attempts made so far leave off: each attempt is
 * matched to the next slot of its channel, going round the sequence. A sequence may
 * repeat a channel (`['email', 'email', 'phone']`), so the last attempt's channel alone
 * does not say which slot it filled. An attempt by a channel outside the sequence
 * leaves the position where it was.
 */
function sequencePosition(attempts: readonly { channel: DirectChannel }[], sequence: readonly DirectChannel[]): number {
  let position = 0;
  for (const { channel } of attempts) {
    for (let offset = 0; offset < sequence.length; offset++) {
      const index = (position + offset) % sequence.length;
      if (sequence[index] === channel) {
        position = (index + 1) % sequence.length;
        break;
      }
    }
  }
  return position;
}

/**
 * The channel for the next attempt: the next slot of the policy's sequence after the
 * attempts made so far (so the first goes by the first channel, then they alternate),
 * skipping channels whose cap is used up or that the contact cannot be reached on.
 */
function nextChannel(
  attempts: readonly { channel: DirectChannel }[],
  policy: OutreachPolicy,
  contact: Contact | undefined,
): DirectChannel | undefined {
  const used = usedCounts(attempts);
  const { sequence } = policy;
  const start = sequencePosition(attempts, sequence);
  for (let offset = 0; offset < sequence.length; offset++) {
    const channel = sequence[(start + offset) % sequence.length]!;
    const cap = policy.maxPerChannel[channel] ?? Infinity;
    if ((used[channel] ?? 0) < cap && reachable(channel, contact)) return channel;
  }
  return undefined;
}

function who(contact: Contact | undefined): string {
  return contact?.name ?? 'the contact';
}

function usedCounts(attempts: readonly { channel: DirectChannel }[]): Partial<Record<DirectChannel, number>> {
  const counts: Partial<Record<DirectChannel, number>> = {};
  for (const { channel } of attempts) counts[channel] = (counts[channel] ?? 0) + 1;
  return counts;
}

function limits(policy: OutreachPolicy): string {
  const caps = Object.fromEntries(
    [...new Set(policy.sequence)].flatMap((c) => (policy.maxPerChannel[c] === undefined ? [] : [[c, policy.maxPerChannel[c]]])),
  ) as Partial<Record<DirectChannel, number>>;
  const mix = describeChannelCounts(caps);
  return `up to ${policy.maxAttempts} attempts${mix === 'nothing' ? '' : `: ${mix}`}`;
}

/** How an outreach stands under `policy`: still going, or why it stopped. */
export function outreachStatus(outreach: Outreach, policy: OutreachPolicy, contact?: Contact): 'active' | OutreachStopReason {
  const ended = endOf(outreach);
  if (ended) return ended.why;
  const attempts = directAttempts(outreach);
  if (attempts.length >= policy.maxAttempts) return 'exhausted';
  if (nextChannel(attempts, policy, contact) || introducersToAsk(outreach, attempts.length, policy, contact)) return 'active';
  return 'exhausted';
}

/**
 * The mutual contacts to ask for an introduction when the warm-introduction rule
 * applies: no direct attempt and no introduction request yet, the contact was not
 * introduced already, and someone in the network knows them.
 */
function introducersToAsk(
  outreach: Outreach,
  directCount: number,
  policy: OutreachPolicy,
  contact: Contact | undefined,
): readonly ContactId[] | undefined {
  if (!policy.warmIntroductionFirst || !contact || contact.introducedBy || directCount > 0) return undefined;
  if (contact.mutualContacts.length === 0) return undefined;
  if (outreach.attempts.some((attempt) => attempt.channel === 'introduction-request')) return undefined;
  return contact.mutualContacts;
}

const ADDRESS_NOUN: Record<DirectChannel, string> = {
  email: 'email address',
  phone: 'phone number',
  linkedin: 'profile URL',
  'in-person': 'address',
};

/** The kinds of address the policy's channels need, as a person lists them. */
function addressesNeeded(policy: OutreachPolicy): string {
  const nouns = [...new Set(policy.sequence)]
    .filter((channel) => policy.maxPerChannel[channel] !== 0)
    .map((channel) => ADDRESS_NOUN[channel]);
  return nouns.length <= 1 ? (nouns[0] ?? 'address') : `${nouns.slice(0, -1).join(', ')} or ${nouns.at(-1)}`;
}

function endOf(outreach: Outreach): { why: 'replied' | 'declined' | 'withdrawn'; at: Date } | undefined {
  const { reply, withdrawnAt } = outreach;
  if (reply && (!withdrawnAt || reply.at.getTime() <= withdrawnAt.getTime())) {
    return { why: reply.answer === 'accepted' ? 'replied' : 'declined', at: reply.at };
  }
  return withdrawnAt ? { why: 'withdrawn', at: withdrawnAt } : undefined;
}

/**
 * The next step of an outreach (rule `outreach.retry`, with `outreach.warm-introduction`
 * before a cold first attempt): at most `maxAttempts` direct attempts and at most each
 * channel's cap, first by the sequence's first channel, then alternating; each retry
 * `retryAfterBusinessDays` business days after the last unanswered attempt; a reply or
 * a decline stops it; when nothing is left, "move on". Pass the contact to skip
 * channels they cannot be reached on and to name them in the reason.
 */
export function nextOutreachStep(
  outreach: Outreach,
  policy: OutreachPolicy,
  ctx: RuleContext,
  contact?: Contact,
): OutreachStep {
  return outreachStep(outreach, policy, ctx, contact, new Map());
}

/**
 * {@link nextOutreachStep}, with `waits` remembering when the retry wait ends per day
 * the count starts on (all the answer depends on): the agenda keeps one for all its
 * attempts, which fall on a few hundred days. Internal: not exported from the package.
 */
export function outreachStep(
  outreach: Outreach,
  policy: OutreachPolicy,
  ctx: RuleContext,
  contact: Contact | undefined,
  waits: Map<number, Date>,
): OutreachStep {
  const name = who(contact);
  const ended = endOf(outreach);
  if (ended) {
    const reason =
      ended.why === 'replied'
        ? `${name} replied: stop reaching out and set up the conversation.`
        : ended.why === 'declined'
          ? `${name} declined: stop here, thank them, and move on to someone else.`
          : `The outreach to ${name} was withdrawn.`;
    return { kind: 'stop', why: ended.why, at: ended.at, rule: 'outreach.retry', reason };
  }

  const calendar = calendarOf(policy, ctx);
  // The wait's end depends only on the day the count starts on.
  const retryDue = (at: Date) => {
    const start = businessCountStart(at, calendar).getTime();
    let due = waits.get(start);
    if (!due) waits.set(start, (due = businessDaysAfter(at, policy.retryAfterBusinessDays, calendar)));
    return due;
  };
  const attempts = directAttempts(outreach);
  const last = attempts.at(-1);
  const channel = attempts.length < policy.maxAttempts ? nextChannel(attempts, policy, contact) : undefined;

  // Asked before the channel check: an introduction is also the way to reach someone
  // whose email address or phone number the seeker does not have.
  const via = introducersToAsk(outreach, attempts.length, policy, contact);
  if (via) {
    return {
      kind: 'ask-introduction',
      via,
      dueAt: outreach.startedAt,
      rule: 'outreach.warm-introduction',
      reason: `${via.length === 1 ? 'A mutual contact knows' : `${via.length} mutual contacts know`} ${name}: ask for an introduction ${
        channel ? `before a cold ${CHANNEL_NOUNS[channel]}` : `(there is no ${addressesNeeded(policy)} on record to reach them directly)`
      }.`,
    };
  }

  let lastRequest: Attempt | undefined;
  for (const attempt of outreach.attempts) {
    if (attempt.channel === 'introduction-request' && (!lastRequest || attempt.at.getTime() >= lastRequest.at.getTime())) lastRequest = attempt;
  }
  if (!channel) {
    // Wait for an answer to the last thing sent before moving on; with nothing sent, move on now.
    const waitFrom = last?.at ?? lastRequest?.at;
    const made = describeChannelCounts(usedCounts(attempts));
    return {
      kind: 'stop',
      why: 'exhausted',
      at: waitFrom ? retryDue(waitFrom) : outreach.startedAt,
      rule: 'outreach.retry',
      reason:
        attempts.length >= policy.maxAttempts
          ? `${attempts.length} attempts made (${made}) without a reply from ${name}: move on to someone else.`
          : attempts.length === 0
            ? `No way to reach ${name}: there is no ${addressesNeeded(policy)} on record (${limits(policy)}); move on to someone else.`
            : `No channel left to reach ${name} after ${made} (${limits(policy)}): move on to someone else.`,
    };
  }

  if (!last) {
    if (lastRequest && !contact?.introducedBy) {
      return {
        kind: 'attempt',
        attempt: 1,
        channel,
        dueAt: retryDue(lastRequest.at),
        rule: 'outreach.retry',
        reason: `No introduction to ${name} ${policy.retryAfterBusinessDays} business days after asking for one: ${CHANNEL_VERBS[channel]} them directly (attempt 1, ${limits(policy)}).`,
      };
    }
    // Due from the latest of: the outreach's start, the last request, the introduction itself.
    let since = outreach.startedAt;
    for (const at of [lastRequest?.at, contact?.introducedBy ? contact.introducedAt : undefined]) {
      if (at && at.getTime() > since.getTime()) since = at;
    }
    return {
      kind: 'attempt',
      attempt: 1,
      channel,
      dueAt: since,
      rule: 'outreach.retry',
      reason: `First ${CHANNEL_NOUNS[channel]} to ${name}${contact?.introducedBy ? ', mentioning who introduced you' : ''}: people are busy and rarely answer the first time, so plan on ${limits(policy)}.`,
    };
  }

  const number = attempts.length + 1;
  return {
    kind: 'attempt',
    attempt: number,
    channel,
    dueAt: retryDue(last.at),
    rule: 'outreach.retry',
    reason: `No reply from ${name} ${policy.retryAfterBusinessDays} business days after attempt ${attempts.length} (${CHANNEL_NOUNS[last.channel]}): ${CHANNEL_VERBS[channel]} them, attempt ${number} of ${policy.maxAttempts}.`,
  };
}

/** A suggestion to reach a second person at the same organization (the 3B7 routine). */
export interface SecondContactSuggestion {
  readonly kind: 'second-contact';
  readonly organizationId: OrganizationId;
  /** Colleagues at the organization with no outreach yet, by id; empty when none is known. */
  readonly candidates: readonly ContactId[];
  readonly dueAt: Date;
  readonly rule: 'outreach.second-contact';
  readonly reason: string;
}

/** What the second-contact rule looks at besides the outreach itself. */
export interface SecondContactView {
  /** The contact the outreach is to. */
  readonly contact: Contact;
  readonly organization?: Organization;
  /** Colleagues at the organization with neither an outreach nor a meeting yet. */
  readonly candidates: readonly ContactId[];
  /** How many colleagues (not counting the contact) already have an outreach or a meeting. */
  readonly colleaguesReached: number;
}

/**
 * Builds the second-contact view of one contact from whole record lists (a scan; the
 * agenda builds it from its index instead).
 */
export function secondContactView(
  contact: Contact,
  records: {
    readonly contacts: readonly Contact[];
    readonly outreaches: readonly Outreach[];
    readonly meetings?: readonly Meeting[];
    readonly organizations?: readonly Organization[];
  },
): SecondContactView {
  const reached = new Set([...records.outreaches, ...(records.meetings ?? [])].map((r) => r.contactId));
  const colleagues = records.contacts.filter((c) => c.organizationId !== undefined && c.organizationId === contact.organizationId && c.id !== contact.id);
  const organization = records.organizations?.find((o) => o.id === contact.organizationId);
  return {
    contact,
    ...(organization ? { organization } : {}),
    candidates: colleagues.filter((c) => !reached.has(c.id)).map((c) => c.id).sort(),
    colleaguesReached: colleagues.filter((c) => reached.has(c.id)).length,
  };
}

/**
 * Rule `outreach.second-contact`: when the first direct attempt has gone
 * `secondContactAfterBusinessDays` business days without a reply, suggest reaching a
 * second person at the same organization, unless a colleague is already being reached
 * or the outreach has ended (replied, declined, withdrawn or exhausted).
 */
export function suggestSecondContact(
  outreach: Outreach,
  view: SecondContactView,
  policy: OutreachPolicy,
  ctx: RuleContext,
): SecondContactSuggestion | undefined {
  const { contact, candidates } = view;
  const organizationId = contact.organizationId;
  if (!organizationId || view.colleaguesReached > 0) return undefined;
  // Once the outreach has ended, exhausted included, its own step says what to do next.
  if (outreachStatus(outreach, policy, contact) !== 'active') return undefined;
  const first = directAttempts(outreach)[0];
  if (!first) return undefined;
  const place = view.organization?.name ?? 'the same organization';
  const days = policy.secondContactAfterBusinessDays;
  return {
    kind: 'second-contact',
    organizationId,
    candidates,
    dueAt: businessDaysAfter(first.at, days, calendarOf(policy, ctx)),
    rule: 'outreach.second-contact',
    reason:
      candidates.length > 0
        ? `No reply from ${contact.name} ${days} business days after the first ${CHANNEL_NOUNS[first.channel]}: reach out to a second person at ${place} (${candidates.length} known).`
        : `No reply from ${contact.name} ${days} business days after the first ${CHANNEL_NOUNS[first.channel]}: find a second person to reach at ${place}.`,
  };
}

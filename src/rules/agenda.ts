import { addDays } from 'date-fns';
import type { Contact } from '../domain/contact.js';
import type { ContactId, MeetingId, OutreachId, ReferralId } from '../domain/ids.js';
import type { Network } from '../domain/network.js';
import { PolicyError } from '../domain/errors.js';
import type { DirectChannel, Policies } from '../domain/policies.js';
import { DEFAULT_POLICIES, policyProblems } from '../domain/policyDefaults.js';
import { CHANNEL_VERBS } from '../domain/vocabulary.js';
import { fromWallClock, toWallClock } from '../domain/zone.js';
import { startOfLocalDayOffset } from './businessDays.js';
import { checkInReason, checkInTiming } from './checkInTiming.js';
import type { RuleContext, RuleId } from './context.js';
import { indexNetwork } from './networkIndex.js';
import { outreachStep, suggestSecondContact } from './outreachRetry.js';
import { preparationStatus } from './preparation.js';
import { referralFollowUp } from './referralChain.js';
import { thankYouStatus } from './thankYouDeadline.js';

/** What an agenda action asks the seeker to do. */
export type AgendaActionKind =
  | 'outreach.attempt'
  | 'outreach.ask-introduction'
  | 'outreach.second-contact'
  | 'outreach.move-on'
  | 'meeting.prepare'
  | 'thank-you.send'
  | 'check-in.send'
  | 'referral.follow-up';

/** One thing to do, when, for whom, and why. */
export interface AgendaAction {
  /**
   * Derived only from what the action is about (kind, record id, attempt number, the
   * touch a check-in follows), so the same situation gives the same id on every run.
   */
  readonly id: string;
  readonly kind: AgendaActionKind;
  readonly rule: RuleId;
  /** A short imperative line: "Email Ana Ruiz (attempt 2 of 5)". */
  readonly title: string;
  readonly reason: string;
  /** When it is due. Dates may be shared with other actions and with the records: read them, never change them. */
  readonly dueAt: Date;
  /** When it becomes overdue (shared like `dueAt`). */
  readonly overdueAt: Date;
  /** `now` is at or past `overdueAt`. */
  readonly overdue: boolean;
  readonly contactId: ContactId;
  readonly outreachId?: OutreachId;
  readonly meetingId?: MeetingId;
  readonly referralId?: ReferralId;
  readonly channel?: DirectChannel;
}

/** The window an agenda covers: `[from, to)`. */
export interface AgendaWindow {
  readonly from: Date;
  readonly to: Date;
}

/** What {@link agenda} is asked: the instant it is for, the window, and the policies. */
export interface AgendaOptions {
  /** The instant the agenda is for; decides what is overdue. */
  readonly now: Date;
  /** Start of the window; `now` unless given. */
  readonly from?: Date;
  /** End of the window (exclusive); 7 days after `from` on the seeker's calendar unless given. */
  readonly to?: Date;
  /** Complete policies, as `resolvePolicies(…)` gives them; the method's defaults unless given. */
  readonly policies?: Policies;
  /** Also list actions due before `from` that are still open (default true). */
  readonly includeEarlier?: boolean;
}

/** How many days the agenda covers when no `to` is given. */
export const AGENDA_DEFAULT_DAYS = 7;

const verb = (channel: DirectChannel) => CHANNEL_VERBS[channel].replace(/^./, (first) => first.toUpperCase());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * V8 keeps a string built from pieces (a template) as a tree of them, and an agenda keeps
 * hundreds of thousands of pieces alive for the garbage collector to copy. Reading a
 * string as a number flattens it in place, so the pieces die young.
 */
function flatten(action: AgendaAction): void {
  Number(action.id);
  Number(action.title);
  Number(action.reason);
}

/** Overdue first, then by due time, then by id: a total order, so the agenda is stable. */
export function compareActions(a: Pick<AgendaAction, 'overdue' | 'dueAt' | 'id'>, b: Pick<AgendaAction, 'overdue' | 'dueAt' | 'id'>): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Every open action the rules call for that is due in `[from, to)`, plus (unless
 * turned off) those due earlier and still open: overdue first, then by due time, then by id.
 * The time zone, holidays and phase come from `network.workspace`. A single pass over
 * the contacts; each reads only its own records.
 *
 * ```ts
 * agenda(network, { now: new Date() });                        // the next 7 days
 * agenda(network, { now, to: endOfMonth, policies: resolvePolicies({ outreach: { maxAttempts: 4 } }) });
 * ```
 */
export function agenda(network: Network, options: AgendaOptions): AgendaAction[] {
  const policies = options.policies ?? DEFAULT_POLICIES;
  const problems = policyProblems(policies);
  if (problems.length > 0) throw new PolicyError(problems);
  const ctx: RuleContext = {
    now: options.now,
    timeZone: network.workspace.timeZone,
    holidays: network.workspace.holidays,
  };
  const index = indexNetwork(network);
  const fromDate = options.from ?? options.now;
  const from = fromDate.getTime();
  const to = (options.to ?? fromWallClock(addDays(toWallClock(fromDate, ctx.timeZone), AGENDA_DEFAULT_DAYS), ctx.timeZone)).getTime();
  const now = options.now.getTime();
  const includeEarlier = options.includeEarlier ?? true;
  const actions: AgendaAction[] = [];
  const wanted = includeEarlier ? (due: number) => due < to : (due: number) => due < to && due >= from;
  const dayAfter = new Map<number, Date>();
  const nextDay = (at: Date) => {
    let day = dayAfter.get(at.getTime());
    if (!day) dayAfter.set(at.getTime(), (day = startOfLocalDayOffset(at, 1, ctx.timeZone)));
    return day;
  };
  const overdue = (at: Date) => now >= at.getTime();
  const checkInMemo = new Map<number, number>();
  // An outreach's action other than an attempt (attempts also name their channel).
  const outreachAction = (
    contactId: ContactId,
    outreachId: OutreachId,
    what: string,
    kind: AgendaActionKind,
    rule: RuleId,
    title: string,
    reason: string,
    dueAt: Date,
  ) => {
    const overdueAt = nextDay(dueAt);
    actions.push({ contactId, outreachId, id: `outreach-${outreachId}-${what}`, kind, rule, title, reason, dueAt, overdueAt, overdue: overdue(overdueAt) });
  };
  const waits = new Map<number, Date>();

  /**
   * Actions for one contact, by every per-contact rule. Each rule is asked only where it
   * can give an action (an outreach still open, a held meeting without a thank-you, …),
   * and titles and reasons are only written for actions inside the window: the answers
   * are those of calling every rule on every record (test/rules/agendaReference.ts).
   * Each action is written whole, `overdue` last, in the reference's key order.
   */
  function contactActions(contact: Contact): void {
    const history = index.historyOf(contact);
    const name = contact.name;
    const contactId = contact.id;
    const { referrals } = history;

    for (const outreach of history.outreaches) {
      // A reply (accepted or declined) or a withdrawal ends it: the step is a stop with
      // nothing to do, and no second contact is suggested.
      if (outreach.reply || outreach.withdrawnAt) continue;
      const step = outreachStep(outreach, policies.outreach, ctx, contact, waits);
      const outreachId = outreach.id;
      const { rule, reason } = step;
      if (step.kind === 'attempt') {
        const { dueAt, channel } = step;
        if (wanted(dueAt.getTime())) {
          const overdueAt = nextDay(dueAt);
          actions.push({
            contactId,
            outreachId,
            id: `outreach-${outreachId}-attempt-${step.attempt}`,
            kind: 'outreach.attempt',
            rule,
            title: `${verb(channel)} ${name} (attempt ${step.attempt} of ${policies.outreach.maxAttempts})`,
            reason,
            dueAt,
            overdueAt,
            channel,
            overdue: overdue(overdueAt),
          });
        }
      } else if (step.kind === 'ask-introduction') {
        if (wanted(step.dueAt.getTime())) {
          const via = step.via.map((id) => index.contactsById.get(id)?.name ?? id);
          const title = `Ask ${via.join(' or ')} to introduce you to ${name}`;
          outreachAction(contactId, outreachId, 'introduction', 'outreach.ask-introduction', rule, title, reason, step.dueAt);
        }
      } else if (step.why === 'exhausted' && wanted(step.at.getTime())) {
        outreachAction(contactId, outreachId, 'move-on', 'outreach.move-on', rule, `Move on from ${name}`, reason, step.at);
      }
      if (contact.organizationId && step.kind !== 'stop') {
        const reach = index.reachByOrganization.get(contact.organizationId);
        // This contact is counted among the reached: it has this outreach.
        const colleaguesReached = (reach?.reached ?? 1) - 1;
        // A colleague already reached: the rule suggests nothing.
        if (colleaguesReached > 0) continue;
        const organization = index.organizationsById.get(contact.organizationId);
        const suggestion = suggestSecondContact(
          outreach,
          {
            contact,
            ...(organization ? { organization } : {}),
            candidates: reach?.unreached ?? [],
            colleaguesReached,
          },
          policies.outreach,
          ctx,
        );
        if (suggestion && wanted(suggestion.dueAt.getTime())) {
          const title = `Reach a second person at ${organization?.name ?? 'the organization'}`;
          outreachAction(contactId, outreachId, 'second-contact', 'outreach.second-contact', suggestion.rule, title, suggestion.reason, suggestion.dueAt);
        }
      }
    }

    for (const meeting of history.meetings) {
      const meetingId = meeting.id;
      if (meeting.status === 'scheduled' || meeting.status === 'moved') {
        // Preparation is only asked of meetings still ahead.
        if (ctx.now < meeting.startAt) {
          const preparation = preparationStatus(meeting, policies.preparation, ctx, contact);
          if (preparation && !preparation.ready && wanted(preparation.dueAt.getTime())) {
            actions.push({
              contactId,
              meetingId,
              id: `meeting-${meetingId}-prepare`,
              kind: 'meeting.prepare',
              rule: preparation.rule,
              title: `Prepare for the ${meeting.format} with ${name}`,
              reason: preparation.reason,
              dueAt: preparation.dueAt,
              overdueAt: preparation.overdueAt,
              overdue: overdue(preparation.overdueAt),
            });
          }
        }
        continue;
      }
      // A thank-you is due or overdue only for a held meeting none was sent for; its
      // deadline is the meeting's end plus `dueWithinHours` (as `thankYouStatus` computes it).
      if (meeting.status !== 'held') continue;
      if (history.thankYous.some((note) => note.meetingId === meetingId)) continue;
      const due = meeting.startAt.getTime() + meeting.minutes * MINUTE + policies.thankYou.dueWithinHours * HOUR;
      if (!wanted(due)) continue;
      const thanks = thankYouStatus(meeting, { thankYous: history.thankYous, referrals }, policies.thankYou, ctx, contact);
      if (thanks.state === 'due' || thanks.state === 'overdue') {
        actions.push({
          contactId,
          meetingId,
          id: `meeting-${meetingId}-thank-you`,
          kind: 'thank-you.send',
          rule: thanks.rule,
          title: `Send ${name} a thank-you${thanks.askForIntroduction ? ' and ask for an introduction' : ''}`,
          reason: thanks.reason,
          dueAt: thanks.dueAt,
          overdueAt: thanks.dueAt,
          overdue: overdue(thanks.dueAt),
        });
      }
    }

    const phase = network.workspace.phase;
    const checkIn = checkInTiming(history, phase, policies.checkIn, ctx, checkInMemo);
    if (checkIn && wanted(checkIn.dueAt.getTime())) {
      actions.push({
        contactId,
        // Keyed by the touch it follows: a snooze moves the same check-in, a new touch makes a new one.
        id: `contact-${contactId}-check-in-${checkIn.lastTouch.at.getTime().toString(36)}`,
        kind: 'check-in.send',
        rule: 'check-in.cadence',
        title: `Check in with ${name}`,
        reason: checkInReason(contact, phase, policies.checkIn, checkIn, ctx),
        dueAt: checkIn.dueAt,
        overdueAt: checkIn.overdueAt,
        overdue: overdue(checkIn.overdueAt),
      });
    }

    for (const referral of referrals) {
      if (referral.status !== 'offered') continue;
      const followUp = referralFollowUp(referral, policies.referral, ctx, contact);
      if (followUp && wanted(followUp.dueAt.getTime())) {
        const overdueAt = nextDay(followUp.dueAt);
        actions.push({
          contactId,
          referralId: referral.id,
          id: `referral-${referral.id}-follow-up`,
          kind: 'referral.follow-up',
          rule: followUp.rule,
          title: `Follow up with ${name} on the promised introduction`,
          reason: followUp.reason,
          dueAt: followUp.dueAt,
          overdueAt,
          overdue: overdue(overdueAt),
        });
      }
    }
  }

  for (const contact of network.contacts) {
    const first = actions.length;
    contactActions(contact);
    for (let i = first; i < actions.length; i++) flatten(actions[i]!);
  }
  // Sorted by their keys copied into objects of one shape: actions come in several, and
  // reading keys across shapes costs more than the comparison itself.
  return actions
    .map((action, at) => ({ overdue: action.overdue, dueAt: action.dueAt, id: action.id, at }))
    .sort(compareActions)
    .map((keys) => actions[keys.at]!);
}

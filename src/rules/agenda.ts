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
import { nextCheckIn } from './checkInCadence.js';
import type { RuleContext, RuleId } from './context.js';
import { indexNetwork } from './networkIndex.js';
import { nextOutreachStep, suggestSecondContact } from './outreachRetry.js';
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
  readonly dueAt: Date;
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

type Draft = Omit<AgendaAction, 'overdue'>;

/** Actions for one contact, by every per-contact rule. */
function contactActions(
  contact: Contact,
  network: Network,
  index: ReturnType<typeof indexNetwork>,
  policies: Policies,
  ctx: RuleContext,
  emit: (draft: Draft) => void,
): void {
  const history = index.historyOf(contact);
  const nextDay = (at: Date) => startOfLocalDayOffset(at, 1, ctx.timeZone);
  const name = contact.name;
  const referrals = index.referralsByIntroducer.get(contact.id) ?? [];

  for (const outreach of history.outreaches) {
    const step = nextOutreachStep(outreach, policies.outreach, ctx, contact);
    const base = { contactId: contact.id, outreachId: outreach.id };
    if (step.kind === 'attempt') {
      emit({
        ...base,
        id: `outreach-${outreach.id}-attempt-${step.attempt}`,
        kind: 'outreach.attempt',
        rule: step.rule,
        title: `${verb(step.channel)} ${name} (attempt ${step.attempt} of ${policies.outreach.maxAttempts})`,
        reason: step.reason,
        dueAt: step.dueAt,
        overdueAt: nextDay(step.dueAt),
        channel: step.channel,
      });
    } else if (step.kind === 'ask-introduction') {
      const via = step.via.map((id) => index.contactsById.get(id)?.name ?? id);
      emit({
        ...base,
        id: `outreach-${outreach.id}-introduction`,
        kind: 'outreach.ask-introduction',
        rule: step.rule,
        title: `Ask ${via.join(' or ')} to introduce you to ${name}`,
        reason: step.reason,
        dueAt: step.dueAt,
        overdueAt: nextDay(step.dueAt),
      });
    } else if (step.why === 'exhausted') {
      emit({
        ...base,
        id: `outreach-${outreach.id}-move-on`,
        kind: 'outreach.move-on',
        rule: step.rule,
        title: `Move on from ${name}`,
        reason: step.reason,
        dueAt: step.at,
        overdueAt: nextDay(step.at),
      });
    }
    if (contact.organizationId && step.kind !== 'stop') {
      const organization = index.organizationsById.get(contact.organizationId);
      const reach = index.reachByOrganization.get(contact.organizationId);
      const suggestion = suggestSecondContact(
        outreach,
        {
          contact,
          ...(organization ? { organization } : {}),
          candidates: reach?.unreached ?? [],
          // This contact is counted among the reached: it has this outreach.
          colleaguesReached: (reach?.reached ?? 1) - 1,
        },
        policies.outreach,
        ctx,
      );
      if (suggestion) {
        emit({
          ...base,
          id: `outreach-${outreach.id}-second-contact`,
          kind: 'outreach.second-contact',
          rule: suggestion.rule,
          title: `Reach a second person at ${organization?.name ?? 'the organization'}`,
          reason: suggestion.reason,
          dueAt: suggestion.dueAt,
          overdueAt: nextDay(suggestion.dueAt),
        });
      }
    }
  }

  for (const meeting of history.meetings) {
    const preparation = preparationStatus(meeting, policies.preparation, ctx, contact);
    if (preparation && !preparation.ready && ctx.now < meeting.startAt) {
      emit({
        contactId: contact.id,
        meetingId: meeting.id,
        id: `meeting-${meeting.id}-prepare`,
        kind: 'meeting.prepare',
        rule: preparation.rule,
        title: `Prepare for the ${meeting.format} with ${name}`,
        reason: preparation.reason,
        dueAt: preparation.dueAt,
        overdueAt: preparation.overdueAt,
      });
    }
    const thanks = thankYouStatus(meeting, { thankYous: history.thankYous, referrals }, policies.thankYou, ctx, contact);
    if (thanks.state === 'due' || thanks.state === 'overdue') {
      emit({
        contactId: contact.id,
        meetingId: meeting.id,
        id: `meeting-${meeting.id}-thank-you`,
        kind: 'thank-you.send',
        rule: thanks.rule,
        title: `Send ${name} a thank-you${thanks.askForIntroduction ? ' and ask for an introduction' : ''}`,
        reason: thanks.reason,
        dueAt: thanks.dueAt,
        overdueAt: thanks.dueAt,
      });
    }
  }

  const checkIn = nextCheckIn(history, network.workspace.phase, policies.checkIn, ctx);
  if (checkIn) {
    emit({
      contactId: contact.id,
      // Keyed by the touch it follows: a snooze moves the same check-in, a new touch makes a new one.
      id: `contact-${contact.id}-check-in-${checkIn.lastTouch.at.getTime().toString(36)}`,
      kind: 'check-in.send',
      rule: checkIn.rule,
      title: `Check in with ${name}`,
      reason: checkIn.reason,
      dueAt: checkIn.dueAt,
      overdueAt: checkIn.overdueAt,
    });
  }

  for (const referral of referrals) {
    const followUp = referralFollowUp(referral, policies.referral, ctx, contact);
    if (followUp) {
      emit({
        contactId: contact.id,
        referralId: referral.id,
        id: `referral-${referral.id}-follow-up`,
        kind: 'referral.follow-up',
        rule: followUp.rule,
        title: `Follow up with ${name} on the promised introduction`,
        reason: followUp.reason,
        dueAt: followUp.dueAt,
        overdueAt: startOfLocalDayOffset(followUp.dueAt, 1, ctx.timeZone),
      });
    }
  }
}

/** Overdue first, then by due time, then by id: a total order, so the agenda is stable. */
export function compareActions(a: AgendaAction, b: AgendaAction): number {
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
  const emit = (draft: Draft) => {
    const due = draft.dueAt.getTime();
    const overdue = now >= draft.overdueAt.getTime();
    if (due >= to) return;
    if (due < from && !includeEarlier) return;
    actions.push({ ...draft, overdue });
  };
  for (const contact of network.contacts) contactActions(contact, network, index, policies, ctx, emit);
  return actions.sort(compareActions);
}

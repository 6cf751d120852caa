// The agenda as first written: every rule called in full for every record, reasons and
// all, then filtered to the window. Kept as the reference the optimized
// `src/rules/agenda.ts` must equal on generated networks (agendaReference.test.ts).
import { AGENDA_DEFAULT_DAYS, compareActions, type AgendaAction, type AgendaOptions } from '../../src/rules/agenda.js';
import { addDays } from 'date-fns';
import type { Contact } from '../../src/domain/contact.js';
import type { Network } from '../../src/domain/network.js';
import { PolicyError } from '../../src/domain/errors.js';
import type { DirectChannel, Policies } from '../../src/domain/policies.js';
import { DEFAULT_POLICIES, policyProblems } from '../../src/domain/policyDefaults.js';
import { CHANNEL_VERBS } from '../../src/domain/vocabulary.js';
import { fromWallClock, toWallClock } from '../../src/domain/zone.js';
import { startOfDay, addMonths } from 'date-fns';
import { localDateAt } from '../../src/rules/businessDays.js';
import { lastTouch, type CheckInStatus, type ContactHistory, type TouchKind } from '../../src/rules/checkInCadence.js';
import type { CheckInPolicy } from '../../src/domain/policies.js';
import type { Phase } from '../../src/domain/workspace.js';
import { meetingEnd } from '../../src/rules/thankYouDeadline.js';
import type { RuleContext } from '../../src/rules/context.js';
import { indexNetwork } from '../../src/rules/networkIndex.js';
import { nextOutreachStep, suggestSecondContact } from '../../src/rules/outreachRetry.js';
import { preparationStatus } from '../../src/rules/preparation.js';
import { referralFollowUp } from '../../src/rules/referralChain.js';
import { thankYouStatus } from '../../src/rules/thankYouDeadline.js';

// The walks and the check-in rule as first written, so the agenda's own versions are
// checked against them rather than against themselves.

/** The start of the local day `days` days after `instant`'s, by the civil-day walk on a UTCDate. */
function startOfLocalDayOffset(instant: Date, days: number, timeZone: string): Date {
  return fromWallClock(addDays(startOfDay(toWallClock(instant, timeZone)), days), timeZone);
}

const TOUCH_WORDS: Record<TouchKind, string> = {
  meeting: 'your conversation',
  'thank-you': 'your thank-you',
  'check-in': 'your last check-in',
  reply: 'their reply',
};

const latest = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/**
 * Rule `check-in.cadence`: once the seeker has met a contact, the next check-in is due
 * `everyMonths` after the last touch (3 while searching, 6 once employed) and overdue
 * after `overdueAfterMonths` (4 and 12); never within `minGapDays` (30) of the last
 * touch, and not before a snooze. Any touch resets the clock; records after `now` are
 * ignored. Returns `undefined` for a contact not yet met by `now` (no held meeting has
 * ended) or marked not to keep in touch with.
 */
function nextCheckIn(
  history: ContactHistory,
  phase: Phase,
  policy: CheckInPolicy,
  ctx: RuleContext,
): CheckInStatus | undefined {
  const { contact } = history;
  if (!contact.keepInTouch) return undefined;
  // Met by now: a held meeting that has ended at or before `now` (later records are ignored, as for touches).
  const met = history.meetings.some(
    (m) => m.contactId === contact.id && m.status === 'held' && meetingEnd(m).getTime() <= ctx.now.getTime(),
  );
  if (!met) return undefined;
  const touch = lastTouch(history, ctx.now);
  if (!touch) return undefined;

  const cadence = policy[phase.kind];
  // Months and days are added to the local wall-clock time, so "3 months later" keeps
  // the hour across DST changes and clamps Jan 31 to Apr 30.
  const wall = toWallClock(touch.at, ctx.timeZone);
  const later = (wallTime: Date) => fromWallClock(wallTime, ctx.timeZone);
  const byCadence = later(addMonths(wall, cadence.everyMonths));
  const byGap = later(addDays(wall, policy.minGapDays));
  const snooze = contact.checkInSnoozedUntil;
  const snoozed = snooze !== undefined && snooze.getTime() > latest(byCadence, byGap).getTime();
  const dueAt = snoozed ? snooze : latest(byCadence, byGap);
  const overdueAt = latest(later(addMonths(wall, cadence.overdueAfterMonths)), dueAt);
  const now = ctx.now.getTime();
  const state = now < dueAt.getTime() ? 'not-due' : now < overdueAt.getTime() ? 'due' : 'overdue';

  const every =
    phase.kind === 'searching'
      ? `while searching, check in about every ${cadence.everyMonths} months (an article, a career update)`
      : `now that you are employed, a coffee every ${cadence.everyMonths} months keeps it warm (overdue only after ${cadence.overdueAfterMonths})`;
  const snoozeNote = snoozed ? `; snoozed until ${localDateAt(snooze, ctx.timeZone)}` : '';
  const reason = `Last touch with ${contact.name} was ${TOUCH_WORDS[touch.kind]} on ${localDateAt(touch.at, ctx.timeZone)}; ${every}${snoozeNote}.`;
  return {
    contactId: contact.id,
    state,
    phase: phase.kind,
    lastTouch: touch,
    dueAt,
    overdueAt,
    rule: 'check-in.cadence',
    reason,
  };
}

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
  const referrals = network.referrals.filter((r) => r.introducerId === contact.id);

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
export function agendaReference(network: Network, options: AgendaOptions): AgendaAction[] {
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

// The agenda as first written: every rule called in full for every record, reasons and
// all, then filtered to the window. Kept as the reference the optimized
// `src/rules/agenda.ts` must equal on generated networks (agendaReference.test.ts).
import { AGENDA_DEFAULT_DAYS, compareActions, type AgendaAction, type AgendaOptions } from '../../src/rules/agenda.js';
import { addDays } from 'date-fns';
import type { Contact } from '../../src/domain/contact.js';
import type { ContactId, MeetingId, OutreachId, ReferralId } from '../../src/domain/ids.js';
import type { Network } from '../../src/domain/network.js';
import { PolicyError } from '../../src/domain/errors.js';
import type { DirectChannel, Policies } from '../../src/domain/policies.js';
import { DEFAULT_POLICIES, policyProblems } from '../../src/domain/policyDefaults.js';
import { CHANNEL_VERBS } from '../../src/domain/vocabulary.js';
import { fromWallClock, toWallClock } from '../../src/domain/zone.js';
import { startOfLocalDayOffset } from '../../src/rules/businessDays.js';
import { nextCheckIn } from '../../src/rules/checkInCadence.js';
import type { RuleContext, RuleId } from '../../src/rules/context.js';
import { indexNetwork } from '../../src/rules/networkIndex.js';
import { nextOutreachStep, suggestSecondContact } from '../../src/rules/outreachRetry.js';
import { preparationStatus } from '../../src/rules/preparation.js';
import { referralFollowUp } from '../../src/rules/referralChain.js';
import { thankYouStatus } from '../../src/rules/thankYouDeadline.js';

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

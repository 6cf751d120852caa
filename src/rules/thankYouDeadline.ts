import { addHours, addMinutes } from 'date-fns';
import type { Contact } from '../domain/contact.js';
import type { MeetingId } from '../domain/ids.js';
import type { ThankYou } from '../domain/followUp.js';
import type { Meeting } from '../domain/meeting.js';
import type { ThankYouPolicy } from '../domain/policies.js';
import type { Referral } from '../domain/referral.js';
import type { RuleContext } from './context.js';

/** Where a meeting's thank-you stands. */
export type ThankYouState = 'not-due' | 'due' | 'overdue' | 'sent-on-time' | 'sent-late';

/** A meeting's thank-you: its deadline, its state, and whether it should ask for an introduction. */
export interface ThankYouStatus {
  readonly meetingId: MeetingId;
  readonly state: ThankYouState;
  /** When the meeting ends (start plus its length). */
  readonly meetingEndsAt: Date;
  /** The deadline: `dueWithinHours` after the meeting ends. */
  readonly dueAt: Date;
  /** When the first thank-you for the meeting went out, if one did. */
  readonly sentAt?: Date;
  /** True when the meeting brought no introduction, so the note should ask for one. */
  readonly askForIntroduction: boolean;
  readonly rule: 'thank-you.deadline';
  readonly reason: string;
}

/** When a meeting ends: its start plus its length in minutes. */
export function meetingEnd(meeting: Meeting): Date {
  return addMinutes(meeting.startAt, meeting.minutes);
}

/** Whether the contact offered any introduction at or after this meeting. */
function introductionOffered(meeting: Meeting, referrals: readonly Referral[]): boolean {
  return referrals.some(
    (r) =>
      r.introducerId === meeting.contactId &&
      (r.meetingId === meeting.id || (r.meetingId === undefined && r.offeredAt >= meeting.startAt)),
  );
}

/**
 * Rule `thank-you.deadline` (with the ask-for-referral rule folded in): a held meeting's
 * thank-you is due within `dueWithinHours` (24) of its end; states not due, due,
 * overdue, sent on time, sent late. If the meeting brought no introduction, the note
 * should ask for one. `thankYous` and `referrals` may hold other meetings' records.
 */
export function thankYouStatus(
  meeting: Meeting,
  records: { readonly thankYous: readonly ThankYou[]; readonly referrals: readonly Referral[] },
  policy: ThankYouPolicy,
  ctx: RuleContext,
  contact?: Contact,
): ThankYouStatus {
  const meetingEndsAt = meetingEnd(meeting);
  const dueAt = addHours(meetingEndsAt, policy.dueWithinHours);
  const name = contact?.name ?? 'your contact';
  const askForIntroduction = policy.askForIntroduction && !introductionOffered(meeting, records.referrals);
  const ask = askForIntroduction ? ' No introduction was offered, so ask whether someone else comes to mind.' : '';
  const base = { meetingId: meeting.id, meetingEndsAt, dueAt, askForIntroduction, rule: 'thank-you.deadline' as const };

  if (meeting.status !== 'held') {
    const reason =
      meeting.status === 'cancelled'
        ? 'The meeting was cancelled: no thank-you is due.'
        : `The meeting with ${name} has not been held yet: a thank-you falls due within ${policy.dueWithinHours} hours of its end.`;
    return { ...base, state: 'not-due', reason };
  }

  let first: ThankYou | undefined;
  for (const note of records.thankYous) {
    if (note.meetingId === meeting.id && (!first || note.sentAt < first.sentAt)) first = note;
  }
  if (first) {
    const onTime = first.sentAt.getTime() <= dueAt.getTime();
    return {
      ...base,
      state: onTime ? 'sent-on-time' : 'sent-late',
      sentAt: first.sentAt,
      reason: onTime
        ? `Thank-you to ${name} sent within ${policy.dueWithinHours} hours of the meeting.`
        : `Thank-you to ${name} sent late: more than ${policy.dueWithinHours} hours after the meeting.`,
    };
  }
  const overdue = ctx.now.getTime() >= dueAt.getTime();
  return {
    ...base,
    state: overdue ? 'overdue' : 'due',
    reason: overdue
      ? `The thank-you to ${name} is overdue: it was due within ${policy.dueWithinHours} hours of the meeting; send it now, referring to points from your notes.${ask}`
      : `Send ${name} a thank-you within ${policy.dueWithinHours} hours of the meeting, referring to points from your notes.${ask}`,
  };
}

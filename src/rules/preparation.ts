import type { Contact } from '../domain/contact.js';
import type { MeetingId } from '../domain/ids.js';
import type { Meeting, PreparationQuestion } from '../domain/meeting.js';
import { PREPARATION_QUESTIONS, PREPARATION_QUESTION_TEXT } from '../domain/vocabulary.js';
import type { PreparationPolicy } from '../domain/policies.js';
import { startOfLocalDayOffset } from './businessDays.js';
import type { RuleContext } from './context.js';

/** How ready the seeker is for an upcoming meeting. */
export interface PreparationStatus {
  readonly meetingId: MeetingId;
  /** True when every question is answered and enough questions to ask are listed. */
  readonly ready: boolean;
  /** The six questions still without an answer, in the method's order. */
  readonly openQuestions: readonly PreparationQuestion[];
  readonly questionsToAsk: number;
  /** Start of the local day `dueDaysBefore` days before the meeting's day. */
  readonly dueAt: Date;
  /** When being unprepared becomes overdue: the end of the due day, or the meeting's start. */
  readonly overdueAt: Date;
  readonly rule: 'preparation';
  readonly reason: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Rule `preparation`: for a meeting still ahead (scheduled or moved), which of the six
 * questions are still open and whether questions to ask are listed; due the day
 * before. Returns `undefined` for a meeting held or cancelled.
 */
export function preparationStatus(
  meeting: Meeting,
  policy: PreparationPolicy,
  ctx: RuleContext,
  contact?: Contact,
): PreparationStatus | undefined {
  if (meeting.status !== 'scheduled' && meeting.status !== 'moved') return undefined;
  const openQuestions = PREPARATION_QUESTIONS.filter((q) => !meeting.preparation.answers[q]?.trim());
  const questionsToAsk = meeting.preparation.questionsToAsk.length;
  const enoughQuestions = questionsToAsk >= policy.minQuestionsToAsk;
  const ready = openQuestions.length === 0 && enoughQuestions;
  const dueAt = startOfLocalDayOffset(meeting.startAt, -policy.dueDaysBefore, ctx.timeZone);
  const endOfDueDay = startOfLocalDayOffset(dueAt, 1, ctx.timeZone);
  const overdueAt = endOfDueDay < meeting.startAt ? endOfDueDay : meeting.startAt;
  const withWhom = contact ? ` with ${contact.name}` : '';
  const when = policy.dueDaysBefore === 0 ? 'the same day' : `${plural(policy.dueDaysBefore, 'day')} before`;

  let reason: string;
  if (ready) {
    reason = `Ready for the ${meeting.format}${withWhom}: all six questions answered and ${plural(questionsToAsk, 'question')} to ask.`;
  } else {
    const gaps: string[] = [];
    if (openQuestions.length > 0) {
      const listed = openQuestions.map((q) => PREPARATION_QUESTION_TEXT[q]).join(' ');
      const count = openQuestions.length === PREPARATION_QUESTIONS.length ? 'all six questions' : `${openQuestions.length} of the six questions`;
      gaps.push(`${count} still open (${listed})`);
    }
    if (!enoughQuestions) {
      gaps.push(
        questionsToAsk === 0
          ? 'no questions to ask listed'
          : `only ${plural(questionsToAsk, 'question')} to ask listed, ${policy.minQuestionsToAsk} wanted`,
      );
    }
    reason = `Prepare for the ${meeting.format}${withWhom} ${when}: ${gaps.join(', and ')}.`;
  }
  return { meetingId: meeting.id, ready, openQuestions, questionsToAsk, dueAt, overdueAt, rule: 'preparation', reason };
}

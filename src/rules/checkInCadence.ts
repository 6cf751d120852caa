import { addDays, addMonths } from 'date-fns';
import type { Contact } from '../domain/contact.js';
import type { CheckIn, ThankYou } from '../domain/followUp.js';
import type { ContactId } from '../domain/ids.js';
import type { Meeting } from '../domain/meeting.js';
import type { Outreach } from '../domain/outreach.js';
import type { CheckInPolicy } from '../domain/policies.js';
import type { Phase } from '../domain/workspace.js';
import { localDateAt } from './businessDays.js';
import type { RuleContext } from './context.js';
import { meetingEnd } from './thankYouDeadline.js';
import { fromWallClock, toWallClock } from '../domain/zone.js';

/** One contact's records: what the per-contact rules read. Other contacts' records are ignored. */
export interface ContactHistory {
  readonly contact: Contact;
  readonly outreaches: readonly Outreach[];
  readonly meetings: readonly Meeting[];
  readonly thankYous: readonly ThankYou[];
  readonly checkIns: readonly CheckIn[];
}

/** What kind of touch the last one was. */
export type TouchKind = 'meeting' | 'thank-you' | 'check-in' | 'reply';

/** The most recent touch with a contact. */
export interface Touch {
  readonly kind: TouchKind;
  readonly at: Date;
}

/**
 * The contact's most recent touch at or before `now`: a held meeting (its end), a
 * thank-you, a check-in, or their reply to an outreach. Ties go to the kind listed first.
 */
export function lastTouch(history: ContactHistory, now: Date): Touch | undefined {
  const id = history.contact.id;
  let best: Touch | undefined;
  const consider = (kind: TouchKind, at: Date, contactId: ContactId) => {
    if (contactId !== id || at.getTime() > now.getTime()) return;
    if (!best || at.getTime() > best.at.getTime()) best = { kind, at };
  };
  for (const m of history.meetings) if (m.status === 'held') consider('meeting', meetingEnd(m), m.contactId);
  for (const t of history.thankYous) consider('thank-you', t.sentAt, t.contactId);
  for (const c of history.checkIns) consider('check-in', c.at, c.contactId);
  for (const o of history.outreaches) if (o.reply) consider('reply', o.reply.at, o.contactId);
  return best;
}

/** Where keeping in touch with one contact stands. */
export interface CheckInStatus {
  readonly contactId: ContactId;
  readonly state: 'not-due' | 'due' | 'overdue';
  readonly phase: Phase['kind'];
  readonly lastTouch: Touch;
  /** When the next check-in is due: the cadence, the minimum gap and any snooze, whichever is latest. */
  readonly dueAt: Date;
  /** When a missing check-in becomes overdue. */
  readonly overdueAt: Date;
  readonly rule: 'check-in.cadence';
  readonly reason: string;
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
export function nextCheckIn(
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

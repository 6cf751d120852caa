import type { Contact } from '../domain/contact.js';
import type { CheckIn, ThankYou } from '../domain/followUp.js';
import type { ContactId } from '../domain/ids.js';
import type { Meeting } from '../domain/meeting.js';
import type { Outreach } from '../domain/outreach.js';
import type { CheckInPolicy } from '../domain/policies.js';
import type { Phase } from '../domain/workspace.js';
import { checkInReason, checkInTiming } from './checkInTiming.js';
import type { RuleContext } from './context.js';
import { meetingEnd } from './thankYouDeadline.js';

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
  const timing = checkInTiming(history, phase, policy, ctx);
  if (!timing) return undefined;
  const { dueAt, overdueAt } = timing;
  const now = ctx.now.getTime();
  const state = now < dueAt.getTime() ? 'not-due' : now < overdueAt.getTime() ? 'due' : 'overdue';
  return {
    contactId: history.contact.id,
    state,
    phase: phase.kind,
    lastTouch: timing.lastTouch,
    dueAt,
    overdueAt,
    rule: 'check-in.cadence',
    reason: checkInReason(history.contact, phase, policy, timing, ctx),
  };
}

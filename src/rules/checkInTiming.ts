// The timing half of rule `check-in.cadence`, apart from its reason, so the agenda can
// skip the reason (two local dates and a sentence) for check-ins outside its window.
// Internal: `nextCheckIn` is the public rule and is built from these two.
import { addDays, addMonths, startOfDay } from 'date-fns';
import type { Contact } from '../domain/contact.js';
import type { CheckInPolicy } from '../domain/policies.js';
import type { Phase } from '../domain/workspace.js';
import { fromWallClockMs, toWallClock } from '../domain/zone.js';
import { localDateAt } from './businessDays.js';
import type { ContactHistory, Touch, TouchKind } from './checkInCadence.js';
import type { RuleContext } from './context.js';

/** When a contact's next check-in is due and overdue, and the touch it follows. */
export interface CheckInTiming {
  readonly lastTouch: Touch;
  readonly dueAt: Date;
  readonly overdueAt: Date;
  readonly snoozed: boolean;
}

const MINUTE = 60_000;

/**
 * The most recent touch at or before `now` (ms), as `lastTouch` finds it (ties go to
 * the kind listed first), without allocating a touch per record.
 */
function lastTouchOf(history: ContactHistory, now: number): Touch | undefined {
  const id = history.contact.id;
  let kind: TouchKind | undefined;
  let best = -Infinity;
  let bestDate: Date | undefined;
  for (const m of history.meetings) {
    if (m.status !== 'held' || m.contactId !== id) continue;
    const end = m.startAt.getTime() + m.minutes * MINUTE;
    if (end <= now && end > best) {
      best = end;
      kind = 'meeting';
      bestDate = undefined;
    }
  }
  for (const t of history.thankYous) {
    const at = t.sentAt.getTime();
    if (t.contactId === id && at <= now && at > best) {
      best = at;
      kind = 'thank-you';
      bestDate = t.sentAt;
    }
  }
  for (const c of history.checkIns) {
    const at = c.at.getTime();
    if (c.contactId === id && at <= now && at > best) {
      best = at;
      kind = 'check-in';
      bestDate = c.at;
    }
  }
  for (const o of history.outreaches) {
    if (!o.reply || o.contactId !== id) continue;
    const at = o.reply.at.getTime();
    if (at <= now && at > best) {
      best = at;
      kind = 'reply';
      bestDate = o.reply.at;
    }
  }
  if (kind === undefined) return undefined;
  // A meeting's end is computed, as `meetingEnd` does (a new Date); other touches keep the record's date.
  return { kind, at: bestDate ?? new Date(best) };
}

/**
 * When the next check-in with a contact is due (rule `check-in.cadence`), or
 * `undefined` when none is: not to be kept in touch with, or not met by `now`.
 * `memo` (one agenda's, for one phase and policy) keeps each local day's shifted days.
 */
export function checkInTiming(
  history: ContactHistory,
  phase: Phase,
  policy: CheckInPolicy,
  ctx: RuleContext,
  memo?: Map<number, number>,
): CheckInTiming | undefined {
  const { contact } = history;
  if (!contact.keepInTouch) return undefined;
  const now = ctx.now.getTime();
  // Met by now: a held meeting that has ended at or before `now` (later records are ignored, as for touches).
  let met = false;
  for (const m of history.meetings) {
    if (m.contactId === contact.id && m.status === 'held' && m.startAt.getTime() + m.minutes * MINUTE <= now) {
      met = true;
      break;
    }
  }
  if (!met) return undefined;
  const touch = lastTouchOf(history, now);
  if (!touch) return undefined;

  const cadence = policy[phase.kind];
  // Months and days are added to the local wall-clock time, so "3 months later" keeps
  // the hour across DST changes and clamps Jan 31 to Apr 30. They move the day and
  // keep the time of day, so they are worked out once per local day.
  const wall = toWallClock(touch.at, ctx.timeZone);
  const day = startOfDay(wall);
  const later = (slot: number, months: number, days: number) => {
    // Day starts are whole days apart: a slot number added keeps the keys apart.
    let local = memo?.get(day.getTime() + slot);
    if (local === undefined) {
      local = addDays(addMonths(day, months), days).getTime();
      memo?.set(day.getTime() + slot, local);
    }
    return fromWallClockMs(local + wall.getTime() - day.getTime(), ctx.timeZone);
  };
  const byCadence = later(0, cadence.everyMonths, 0);
  const byGap = later(1, 0, policy.minGapDays);
  const snooze = contact.checkInSnoozedUntil;
  const latest = byCadence >= byGap ? byCadence : byGap;
  const snoozed = snooze !== undefined && snooze.getTime() > latest;
  const dueAt = snoozed ? snooze : new Date(latest);
  const overdue = later(2, cadence.overdueAfterMonths, 0);
  const overdueAt = overdue >= dueAt.getTime() ? new Date(overdue) : dueAt;
  return { lastTouch: touch, dueAt, overdueAt, snoozed };
}

const TOUCH_WORDS: Record<TouchKind, string> = {
  meeting: 'your conversation',
  'thank-you': 'your thank-you',
  'check-in': 'your last check-in',
  reply: 'their reply',
};

/** The reason rule `check-in.cadence` gives for a timing. */
export function checkInReason(contact: Contact, phase: Phase, policy: CheckInPolicy, timing: CheckInTiming, ctx: RuleContext): string {
  const cadence = policy[phase.kind];
  const every =
    phase.kind === 'searching'
      ? `while searching, check in about every ${cadence.everyMonths} months (an article, a career update)`
      : `now that you are employed, a coffee every ${cadence.everyMonths} months keeps it warm (overdue only after ${cadence.overdueAfterMonths})`;
  const snoozeNote = timing.snoozed ? `; snoozed until ${localDateAt(timing.dueAt, ctx.timeZone)}` : '';
  return `Last touch with ${contact.name} was ${TOUCH_WORDS[timing.lastTouch.kind]} on ${localDateAt(timing.lastTouch.at, ctx.timeZone)}; ${every}${snoozeNote}.`;
}

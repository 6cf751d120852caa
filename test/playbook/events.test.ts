// Events that cannot have happened are refused; the Playbook answers what the rules
// know; times are read as people write them; an introduction resets the outreach clock.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import {
  INSTANT_FORMS,
  TIME_LIMITS,
  ValidationError,
  WorkspaceExistsError,
  createPlaybook,
  isReachoutError,
  localTimeIn,
  manualClock,
  type NetworkStore,
} from '../../src/index.js';
import { holdings, sequentialIds } from './helpers.js';

const ZONE = 'America/New_York';

/** Sam in New York on Monday 3 March 2025, 09:00, with Lena (event) and Raj (alumni). */
async function sam() {
  const store = createMemoryStore();
  const clock = manualClock('2025-03-03T09:00:00-05:00', { timeZone: ZONE });
  const playbook = createPlaybook({ store, clock, newId: sequentialIds('made') });
  await playbook.createWorkspace({ id: 'sam', name: 'Sam', timeZone: ZONE });
  const seeker = playbook.workspace('sam');
  await seeker.addContact({ id: 'lena', name: 'Lena Ortiz', tie: 'event', emails: ['lena@example.org'] });
  await seeker.addContact({ id: 'raj', name: 'Raj Patel', tie: 'alumni', emails: ['raj@example.org'], phones: ['+1 617 555 0100'] });
  return { store, clock, playbook, seeker };
}

/** Expects `action` to be refused with a ValidationError at `path` whose message contains `words`, writing nothing. */
async function refusedAt(store: NetworkStore, action: () => Promise<unknown>, path: string, words: string) {
  const before = await holdings(store, 'sam');
  const error: unknown = await action().then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(ValidationError);
  const issue = (error as ValidationError).issues.find((i) => i.path === path);
  expect(issue?.message, (error as Error).message).toContain(words);
  expect(await holdings(store, 'sam')).toEqual(before);
}

describe('events that cannot have happened are refused, and nothing is written', () => {
  it('a thank-you for a meeting that was not held', async () => {
    const { store, seeker } = await sam();
    await seeker.scheduleMeeting({ id: 'coffee', contactId: 'lena', startAt: '2025-03-05T08:30:00-05:00' });
    await refusedAt(store, () => seeker.recordThankYou({ meetingId: 'coffee' }), 'meetingId', 'not held');
  });

  it('a thank-you sent before the meeting started', async () => {
    const { store, clock, seeker } = await sam();
    await seeker.scheduleMeeting({ id: 'coffee', contactId: 'lena', startAt: '2025-03-05T08:30:00-05:00' });
    clock.set('2025-03-05T09:00:00-05:00');
    await seeker.holdMeeting('coffee');
    await refusedAt(store, () => seeker.recordThankYou({ meetingId: 'coffee', sentAt: '2025-03-05T08:00:00-05:00' }), 'sentAt', 'before the meeting started');
    // Once the coffee is over, the same day is fine.
    await expect(seeker.recordThankYou({ meetingId: 'coffee', sentAt: '2025-03-05T08:55:00-05:00' })).resolves.toBeDefined();
  });

  it('a reply dated before the first attempt, and one before the outreach started', async () => {
    const { store, seeker } = await sam();
    const outreach = await seeker.startOutreach({ contactId: 'lena', startedAt: '2025-03-01T10:00:00-05:00' });
    await refusedAt(store, () => seeker.recordReply(outreach.id, { answer: 'accepted', at: '2025-02-28T10:00:00-05:00' }), 'at', 'before the outreach started');
    await seeker.recordAttempt(outreach.id, { channel: 'email', at: '2025-03-02T10:00:00-05:00' });
    await refusedAt(store, () => seeker.recordReply(outreach.id, { answer: 'accepted', at: '2025-03-02T09:00:00-05:00' }), 'at', "before the outreach's first attempt");
    await refusedAt(store, () => seeker.recordDecline(outreach.id, { at: '2025-03-01T11:00:00-05:00' }), 'at', "before the outreach's first attempt");
  });

  it('an attempt after the reply: the outreach stopped at the answer', async () => {
    const { store, seeker } = await sam();
    const outreach = await seeker.startOutreach({ contactId: 'lena', startedAt: '2025-03-01T10:00:00-05:00' });
    await seeker.recordReply(outreach.id, { answer: 'accepted', at: '2025-03-02T10:00:00-05:00' });
    await refusedAt(store, () => seeker.recordAttempt(outreach.id, { channel: 'email', at: '2025-03-02T11:00:00-05:00' }), 'at', 'after the reply');
    // An email sent before the answer and recorded late is fine.
    await expect(seeker.recordAttempt(outreach.id, { channel: 'email', at: '2025-03-01T12:00:00-05:00' })).resolves.toBeDefined();
  });

  it('an attempt before the outreach started', async () => {
    const { store, seeker } = await sam();
    const outreach = await seeker.startOutreach({ contactId: 'lena', startedAt: '2025-03-01T10:00:00-05:00' });
    await refusedAt(store, () => seeker.recordAttempt(outreach.id, { channel: 'email', at: '2025-02-27T10:00:00-05:00' }), 'at', 'before the outreach started');
  });

  it('a meeting marked held before it starts, or after it was cancelled', async () => {
    const { store, seeker } = await sam();
    await seeker.scheduleMeeting({ id: 'coffee', contactId: 'lena', startAt: '2025-03-05T08:30:00-05:00' });
    await refusedAt(store, () => seeker.holdMeeting('coffee'), 'startAt', 'cannot be marked held before then');
    await seeker.cancelMeeting('coffee');
    await refusedAt(store, () => seeker.holdMeeting('coffee'), 'status', 'cancelled');
  });

  it("an outcome credited to another workspace's contact", async () => {
    const { store, playbook, seeker } = await sam();
    await playbook.createWorkspace({ id: 'otto', name: 'Otto', timeZone: 'Europe/Berlin' });
    await playbook.workspace('otto').addContact({ id: 'xavier', name: 'Xavier', tie: 'cold' });
    await refusedAt(store, () => seeker.recordOutcome({ kind: 'offer', contactIds: ['raj', 'xavier'] }), 'contactIds[1]', 'no contact "xavier" in this workspace');
  });

  it('what happened cannot be dated ahead of the clock; plans cannot run past the horizon', async () => {
    const { store, seeker } = await sam();
    const outreach = await seeker.startOutreach({ contactId: 'lena' });
    // 16 minutes ahead is refused, 15 is allowed: clocks of two devices differ a little.
    await refusedAt(store, () => seeker.recordAttempt(outreach.id, { channel: 'email', at: '2025-03-03T09:16:00-05:00' }), 'at', 'in the future');
    await expect(seeker.recordAttempt(outreach.id, { channel: 'email', at: '2025-03-03T09:15:00-05:00' })).resolves.toBeDefined();
    await refusedAt(store, () => seeker.recordCheckIn({ contactId: 'raj', at: '2026-01-01T00:00:00Z' }), 'at', 'in the future');
    await refusedAt(store, () => seeker.changePhase({ kind: 'employed', since: '2025-04-01T09:00:00-04:00' }), 'since', 'in the future');
    // A meeting next month is a plan; one in the year 2099 is a typo.
    await expect(seeker.scheduleMeeting({ contactId: 'raj', startAt: '2025-04-02T12:00:00-04:00' })).resolves.toBeDefined();
    await refusedAt(store, () => seeker.scheduleMeeting({ contactId: 'raj', startAt: '2099-04-02T12:00:00-04:00' }), 'startAt', `more than ${TIME_LIMITS.plannedDays} days ahead`);
  });

  it('a referral done before it was offered', async () => {
    const { store, seeker } = await sam();
    const referral = await seeker.recordReferral({ introducerId: 'lena', contactId: 'raj', kind: 'introduction-made', offeredAt: '2025-03-02T10:00:00-05:00' });
    await refusedAt(store, () => seeker.completeReferral(referral.id, { at: '2025-03-01T10:00:00-05:00' }), 'doneAt', 'before it was offered');
  });
});

describe('an introduction that happened resets the clock', () => {
  it('asked Lena on Monday, introduced on Thursday: the first email to Raj is due Thursday, not overdue', async () => {
    const { clock, seeker } = await sam();
    await seeker.updateContact('raj', { mutualContacts: ['lena'] });
    const outreach = await seeker.startOutreach({ contactId: 'raj' });
    await seeker.recordAttempt(outreach.id, { channel: 'introduction-request' });
    const referral = await seeker.recordReferral({ introducerId: 'lena', contactId: 'raj', kind: 'introduction-made' });
    clock.set('2025-03-06T14:00:00-05:00');
    await seeker.completeReferral(referral.id);
    const step = await seeker.nextStep(outreach.id);
    expect(step).toMatchObject({ kind: 'attempt', attempt: 1, channel: 'email' });
    expect(step.kind === 'attempt' && step.dueAt.toISOString()).toBe('2025-03-06T19:00:00.000Z');
    const [action] = (await seeker.agenda()).filter((a) => a.outreachId === outreach.id);
    expect(action).toMatchObject({ kind: 'outreach.attempt', overdue: false });
    expect((await seeker.network()).contacts.find((c) => c.id === 'raj')).toMatchObject({ introducedBy: 'lena' });
  });
});

describe('the Playbook answers what the rules know', () => {
  it('gives the thank-you, preparation and check-in status, the chain and the credit, and its rule context', async () => {
    const { clock, playbook, seeker } = await sam();
    await seeker.recordReferral({ introducerId: 'lena', contactId: 'raj', kind: 'introduction-made', status: 'done' });
    await seeker.scheduleMeeting({ id: 'coffee', contactId: 'raj', startAt: '2025-03-05T08:30:00-05:00' });
    expect(await seeker.preparationStatus('coffee')).toMatchObject({ rule: 'preparation', ready: false });
    clock.set('2025-03-05T09:00:00-05:00');
    await seeker.holdMeeting('coffee');
    expect(await seeker.preparationStatus('coffee')).toBeUndefined();
    expect(await seeker.thankYouStatus('coffee')).toMatchObject({ rule: 'thank-you.deadline', state: 'due' });
    clock.set('2025-03-06T09:00:00-05:00');
    expect(await seeker.thankYouStatus('coffee')).toMatchObject({ state: 'overdue' });
    expect(await seeker.checkInStatus('raj')).toMatchObject({ rule: 'check-in.cadence', contactId: 'raj', state: 'not-due' });
    expect(await seeker.checkInStatus('lena')).toBeUndefined();
    expect(await seeker.referralChain('raj')).toMatchObject({ rule: 'referral.chain', root: 'lena', depth: 1 });
    const offer = await seeker.recordOutcome({ kind: 'offer', contactIds: ['raj'] });
    expect((await seeker.outcomeCredit(offer.id)).credited).toEqual(['lena', 'raj']);
    expect(await seeker.ruleContext()).toEqual({ now: clock.now(), timeZone: ZONE, holidays: [] });
    expect(seeker.clock).toBe(clock);
    expect(playbook.clock).toBe(clock);
  });

  it('unknown records give NotFoundError', async () => {
    const { seeker } = await sam();
    await expect(seeker.thankYouStatus('ghost')).rejects.toMatchObject({ code: 'not-found' });
    await expect(seeker.checkInStatus('ghost')).rejects.toMatchObject({ code: 'not-found' });
    await expect(seeker.outcomeCredit('ghost')).rejects.toMatchObject({ code: 'not-found' });
    await expect(seeker.referralChain('ghost')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('createWorkspace on a taken id gives WorkspaceExistsError; ensureWorkspace opens or creates', async () => {
    const { store, playbook } = await sam();
    const error: unknown = await playbook.createWorkspace({ id: 'sam', name: 'Another Sam', timeZone: 'UTC' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceExistsError);
    expect(isReachoutError(error, 'workspace-exists')).toBe(true);
    const opened = await playbook.ensureWorkspace({ id: 'sam', name: 'Another Sam', timeZone: 'UTC' });
    expect(opened).toMatchObject({ created: false, workspace: { name: 'Sam', timeZone: ZONE } });
    const made = await playbook.ensureWorkspace({ id: 'ada', name: 'Ada', timeZone: 'Europe/Berlin' });
    expect(made).toMatchObject({ created: true, workspace: { id: 'ada', name: 'Ada' } });
    expect((await store.listWorkspaces()).map((h) => h.workspace.id).sort()).toEqual(['ada', 'sam']);
    const both = await Promise.all([1, 2, 3].map(() => playbook.ensureWorkspace({ id: 'cy', name: 'Cy', timeZone: 'UTC' })));
    expect(both.filter((r) => r.created)).toHaveLength(1);
  });
});

describe('times as people write them', () => {
  it("reads a time without an offset in the workspace's zone", async () => {
    const { seeker } = await sam();
    const meeting = await seeker.scheduleMeeting({ contactId: 'lena', startAt: '2025-08-10T08:30' });
    expect(meeting.startAt.toISOString()).toBe('2025-08-10T12:30:00.000Z');
    const outreach = await seeker.startOutreach({ contactId: 'raj', startedAt: '2025-03-01T10:00' });
    expect(outreach.startedAt.toISOString()).toBe('2025-03-01T15:00:00.000Z');
    const withSeconds = await seeker.recordAttempt(outreach.id, { channel: 'email', at: '2025-03-02T18:45:30.250' });
    expect(withSeconds.attempts[0]!.at.toISOString()).toBe('2025-03-02T23:45:30.250Z');
  });

  it('at a DST change: a skipped time moves forward by the jump, a repeated one is its first occurrence', () => {
    // New York springs forward at 02:00 on 9 March 2025 and falls back at 02:00 on 2 November 2025.
    expect(localTimeIn('2025-03-09T02:30', ZONE)?.toISOString()).toBe('2025-03-09T07:30:00.000Z'); // 03:30 EDT
    expect(localTimeIn('2025-11-02T01:30', ZONE)?.toISOString()).toBe('2025-11-02T05:30:00.000Z'); // 01:30 EDT, the first
    expect(localTimeIn('2025-02-30T10:00', ZONE)).toBeUndefined();
    expect(localTimeIn('2025-03-09T24:00', ZONE)).toBeUndefined();
    expect(localTimeIn('next tuesday', ZONE)).toBeUndefined();
  });

  it('a date that cannot be read gets a message that shows the accepted forms', async () => {
    const { store, seeker } = await sam();
    for (const startAt of ['10/08/2025 8:30', '2025-02-30T10:00', 'tomorrow']) {
      await refusedAt(store, () => seeker.scheduleMeeting({ contactId: 'lena', startAt }), 'startAt', '2026-08-10T08:30');
    }
    const error: unknown = await seeker.scheduleMeeting({ contactId: 'lena', startAt: 'tomorrow' }).catch((e: unknown) => e);
    expect((error as ValidationError).issues[0]?.message).toBe(INSTANT_FORMS);
  });
});

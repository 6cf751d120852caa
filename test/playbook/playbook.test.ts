// The whole method, end to end, through the Playbook only: a seeker in New York over
// the first months of 2025, with a manual clock replaying the weeks. Each chapter is
// one test and builds on the ones before.
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import {
  ContactIdSchema,
  PolicyError,
  agenda,
  createPlaybook,
  creditOutcome,
  funnel,
  manualClock,
  referralChain,
  thankYouStatus,
  type AgendaAction,
  type AgendaWindowInput,
  type ContactId,
  type ManualClock,
  type Network,
  type Playbook,
  type SeekerPlaybook,
} from '../../src/index.js';
import { sequentialIds } from './helpers.js';

const ZONE = 'America/New_York';
const WEEK = 7 * 24 * 3_600_000;
const cid = (id: string): ContactId => ContactIdSchema.parse(id);
const iso = (at: string) => new Date(at).toISOString();

describe('the Playbook records the whole method end to end', () => {
  let clock: ManualClock;
  let playbook: Playbook;
  let sam: SeekerPlaybook;

  /** The Playbook's agenda, checked against the pure rule on the Playbook's own network. */
  async function agendaNow(window: AgendaWindowInput = {}): Promise<AgendaAction[]> {
    const actions = await sam.agenda(window);
    const now = clock.now();
    const from = window.from === undefined ? now : new Date(window.from);
    const to = window.to === undefined ? new Date(from.getTime() + WEEK) : new Date(window.to);
    expect(actions).toEqual(agenda(await sam.network(), { from, to, policies: playbook.policies, now }));
    return actions;
  }
  const ids = (actions: readonly AgendaAction[]) => actions.map((action) => action.id);
  const find = (actions: readonly AgendaAction[], id: string) => {
    const action = actions.find((a) => a.id === id);
    expect(action, `agenda has ${id}`).toBeDefined();
    return action!;
  };
  const contact = async (id: string) => (await sam.network()).contacts.find((c) => c.id === id)!;
  const ctx = (network: Network) => ({ now: clock.now(), timeZone: network.workspace.timeZone });

  beforeAll(() => {
    clock = manualClock('2025-01-06T09:00:00-05:00', { timeZone: ZONE });
    playbook = createPlaybook({ store: createMemoryStore(), clock, newId: sequentialIds('id') });
  });

  it('Mon 6 Jan: opens a workspace, adds an organization and contacts, starts two outreaches', async () => {
    const workspace = await playbook.createWorkspace({ id: 'sam', name: 'Sam Seeker', timeZone: ZONE });
    expect(workspace).toEqual({
      id: 'sam',
      name: 'Sam Seeker',
      timeZone: ZONE,
      phase: { kind: 'searching' },
      holidays: [],
      createdAt: new Date('2025-01-06T14:00:00Z'),
    });
    sam = playbook.workspace('sam');
    expect(await sam.settings()).toEqual(workspace);

    const acme = await sam.addOrganization({
      id: 'acme',
      name: 'Acme Analytics',
      standsFor: 'Forecasting for small retailers',
      whyInterested: 'Their data team publishes openly',
    });
    expect(acme.createdAt).toEqual(clock.now());

    // Met at an analytics meetup: a business card, nobody in common.
    const nina = await sam.addContact({
      id: 'nina',
      name: 'Nina Patel',
      tie: 'event',
      organizationId: 'acme',
      role: 'Data Lead',
      emails: ['nina@acme.example'],
      phones: ['+1 212 555 0101'],
      researchNotes: 'Business card from the January analytics meetup',
    });
    expect(nina).toMatchObject({ mutualContacts: [], tags: [], keepInTouch: true, createdAt: clock.now() });
    await sam.addContact({ id: 'paul', name: 'Paul Moreau', tie: 'neighbour', emails: ['paul@example.org'] });
    // A family friend whom Paul knows: ask Paul for a warm introduction first.
    await sam.addContact({
      id: 'grace',
      name: 'Grace Kim',
      tie: 'family-friend',
      emails: ['grace@example.org'],
      phones: ['+1 646 555 0102'],
      mutualContacts: ['paul'],
    });

    expect(await sam.startOutreach({ id: 'o-nina', contactId: 'nina' })).toEqual({
      id: 'o-nina',
      contactId: 'nina',
      startedAt: clock.now(),
      attempts: [],
    });
    await sam.startOutreach({ id: 'o-grace', contactId: 'grace' });

    expect(await sam.nextStep('o-nina')).toMatchObject({ kind: 'attempt', attempt: 1, channel: 'email', dueAt: clock.now() });
    expect(await sam.nextStep('o-grace')).toMatchObject({ kind: 'ask-introduction', via: ['paul'], rule: 'outreach.warm-introduction' });

    const first = await agendaNow();
    expect(ids(first)).toEqual(['outreach-o-grace-introduction', 'outreach-o-nina-attempt-1']);
    expect(first.map((a) => [a.kind, a.title, a.overdue])).toEqual([
      ['outreach.ask-introduction', 'Ask Paul Moreau to introduce you to Grace Kim', false],
      ['outreach.attempt', 'Email Nina Patel (attempt 1 of 5)', false],
    ]);
    expect(find(first, 'outreach-o-nina-attempt-1').reason).toContain('plan on up to 5 attempts: 3 emails and 2 phone calls');
  });

  it('Mon 6 Jan: records the first email and the introduction request; the next steps follow the 3B7 rule', async () => {
    const afterEmail = await sam.recordAttempt('o-nina', { channel: 'email', note: 'Mentioned the meetup' });
    expect(afterEmail.attempts).toEqual([{ channel: 'email', at: clock.now(), result: 'sent', note: 'Mentioned the meetup' }]);
    await sam.recordAttempt('o-grace', { channel: 'introduction-request', note: 'Asked Paul over dinner' });

    const call = await sam.nextStep('o-nina');
    expect(call).toMatchObject({ kind: 'attempt', attempt: 2, channel: 'phone' });
    // Sent before noon on a Monday: seven business days later is Wednesday 15 January.
    expect(call.kind === 'attempt' && call.dueAt.toISOString()).toBe(iso('2025-01-15T00:00:00-05:00'));
    expect(call.kind === 'attempt' && call.reason).toContain('7 business days after attempt 1 (email)');
    expect(await sam.nextStep('o-grace')).toMatchObject({ kind: 'attempt', attempt: 1, channel: 'email' });

    // Nobody else at Acme is being reached: after 3 business days, reach a second person.
    const week = await agendaNow();
    expect(ids(week)).toEqual(['outreach-o-nina-second-contact']);
    const second = find(week, 'outreach-o-nina-second-contact');
    expect(second).toMatchObject({ kind: 'outreach.second-contact', title: 'Reach a second person at Acme Analytics', overdue: false });
    expect(second.dueAt.toISOString()).toBe(iso('2025-01-09T00:00:00-05:00'));
    expect(second.reason).toContain('3 business days after the first email');
  });

  it('Thu 9 Jan: Paul makes the introduction; a second person at Acme is reached', async () => {
    clock.set('2025-01-09T10:00:00-05:00');
    // Grace's first email falls due 7 business days after asking Paul, with Nina's call.
    expect(ids(await agendaNow())).toEqual(['outreach-o-nina-second-contact', 'outreach-o-grace-attempt-1', 'outreach-o-nina-attempt-2']);

    const introduction = await sam.recordReferral({
      id: 'r-paul-grace',
      introducerId: 'paul',
      kind: 'introduction-made',
      contactId: 'grace',
      status: 'done',
    });
    expect(introduction).toMatchObject({ status: 'done', offeredAt: clock.now(), doneAt: clock.now() });
    expect((await contact('grace')).introducedBy).toBe('paul');
    const email = await sam.nextStep('o-grace');
    expect(email).toMatchObject({ kind: 'attempt', attempt: 1, channel: 'email' });
    expect(email.reason).toContain('mentioning who introduced you');

    await sam.addContact({
      id: 'omar',
      name: 'Omar Haddad',
      tie: 'alumni',
      organizationId: 'acme',
      emails: ['omar@acme.example'],
      phones: ['+1 212 555 0103'],
    });
    await sam.startOutreach({ id: 'o-omar', contactId: 'omar' });
    await sam.recordAttempt('o-omar', { channel: 'email' });
    await sam.recordAttempt('o-grace', { channel: 'email' });

    // A colleague is being reached now, so the second-contact suggestion is gone; Omar's
    // and Grace's retries fall on Mon 20 Jan, after this week.
    const week = await agendaNow();
    expect(ids(week)).toEqual(['outreach-o-nina-attempt-2']);
    expect(week[0]).toMatchObject({ title: 'Call Nina Patel (attempt 2 of 5)', channel: 'phone', overdue: false });
  });

  it('Tue 14 Jan: Grace says yes; a coffee is scheduled and preparation is due the day before', async () => {
    clock.set('2025-01-14T11:00:00-05:00');
    const replied = await sam.recordReply('o-grace', { answer: 'accepted', note: 'Happy to meet for coffee' });
    expect(replied.reply).toEqual({ answer: 'accepted', channel: 'email', at: clock.now(), note: 'Happy to meet for coffee' });
    expect(await sam.nextStep('o-grace')).toMatchObject({ kind: 'stop', why: 'replied' });

    const meeting = await sam.scheduleMeeting({
      id: 'm-grace',
      contactId: 'grace',
      outreachId: 'o-grace',
      startAt: '2025-01-21T08:30:00-05:00',
    });
    expect(meeting).toMatchObject({ status: 'scheduled', minutes: 20, format: 'coffee', previousStarts: [], notes: [] });

    const week = await agendaNow();
    expect(ids(week)).toEqual(['outreach-o-nina-attempt-2', 'meeting-m-grace-prepare', 'outreach-o-omar-attempt-2']);
    const prepare = find(week, 'meeting-m-grace-prepare');
    expect(prepare.dueAt.toISOString()).toBe(iso('2025-01-20T00:00:00-05:00'));
    expect(prepare.title).toBe('Prepare for the coffee with Grace Kim');
    expect(prepare.reason).toContain('six questions still open');
    expect(prepare.reason).toContain('Do I know the company?');
    expect(prepare.reason).toContain('What are the right next steps?');
    expect(prepare.reason).toContain('no questions to ask listed');
  });

  it('Wed 15 Jan: calls Nina as the rule says', async () => {
    clock.set('2025-01-15T10:00:00-05:00');
    const step = await sam.nextStep('o-nina');
    expect(step).toMatchObject({ kind: 'attempt', attempt: 2, channel: 'phone' });
    await sam.recordAttempt('o-nina', { channel: 'phone', result: 'voicemail' });
    const next = await sam.nextStep('o-nina');
    expect(next).toMatchObject({ kind: 'attempt', attempt: 3, channel: 'email' });
    expect(next.kind === 'attempt' && next.dueAt.toISOString()).toBe(iso('2025-01-24T00:00:00-05:00'));
  });

  it('Mon 20 Jan: answers the preparation questions; the prepare action stays until all are answered', async () => {
    clock.set('2025-01-20T09:00:00-05:00');
    expect(ids(await agendaNow())).toEqual(['meeting-m-grace-prepare', 'outreach-o-omar-attempt-2', 'outreach-o-nina-attempt-3']);

    await sam.prepareMeeting('m-grace', {
      research: 'Read her talk on churn models',
      answers: {
        'know-the-company': 'Forecasting for small retailers',
        'what-it-stands-for': 'Open data work',
        'why-interested': 'I want to work on forecasting',
      },
    });
    const half = find(await agendaNow(), 'meeting-m-grace-prepare');
    expect(half.reason).toContain('3 of the six questions still open');
    expect(half.reason).toContain('What do I know about this person?');
    expect(half.reason).not.toContain('Do I know the company?');

    const ready = await sam.prepareMeeting('m-grace', {
      answers: { 'about-the-person': 'Ten years in analytics', 'what-i-want': 'How she started', 'next-steps': 'Ask who else to meet' },
      questionsToAsk: ['How did you start here?', 'What is the culture like?'],
    });
    // Answers merge; research given earlier is kept.
    expect(Object.keys(ready.preparation.answers)).toHaveLength(6);
    expect(ready.preparation.research).toBe('Read her talk on churn models');
    expect(ids(await agendaNow())).toEqual(['outreach-o-omar-attempt-2', 'outreach-o-nina-attempt-3']);

    // Omar: the call the rule asks for, then his yes by phone, then a video call.
    expect(await sam.nextStep('o-omar')).toMatchObject({ kind: 'attempt', attempt: 2, channel: 'phone' });
    await sam.recordAttempt('o-omar', { channel: 'phone' });
    clock.set('2025-01-20T09:30:00-05:00');
    await sam.recordReply('o-omar', { answer: 'accepted', channel: 'phone' });
    await sam.scheduleMeeting({
      id: 'm-omar',
      contactId: 'omar',
      outreachId: 'o-omar',
      startAt: '2025-01-22T16:00:00-05:00',
      minutes: 30,
      format: 'video',
    });
    expect(find(await agendaNow(), 'meeting-m-omar-prepare').dueAt.toISOString()).toBe(iso('2025-01-21T00:00:00-05:00'));
    // Omar asks to make it Thursday: the preparation moves with it.
    const moved = await sam.moveMeeting('m-omar', { startAt: '2025-01-23T16:00:00-05:00' });
    expect(moved).toMatchObject({ status: 'moved', startAt: new Date('2025-01-23T21:00:00Z'), previousStarts: [new Date('2025-01-22T21:00:00Z')] });
    const week = await agendaNow();
    expect(ids(week)).toEqual(['meeting-m-omar-prepare', 'outreach-o-nina-attempt-3']);
    expect(week[0]!.dueAt.toISOString()).toBe(iso('2025-01-22T00:00:00-05:00'));
  });

  it('Tue 21 Jan: holds the coffee with notes; the thank-you is due within 24 hours', async () => {
    clock.set('2025-01-21T09:00:00-05:00');
    const held = await sam.holdMeeting('m-grace', {
      notes: ['Started in consulting', 'The team values curiosity'],
      nextSteps: ['Send my portfolio'],
    });
    expect(held).toMatchObject({ status: 'held', notes: ['Started in consulting', 'The team values curiosity'], nextSteps: ['Send my portfolio'] });
    const more = await sam.addNotes('m-grace', { notes: ['Hiring in Q2'] });
    expect(more.notes).toEqual(['Started in consulting', 'The team values curiosity', 'Hiring in Q2']);

    const week = await agendaNow();
    expect(ids(week)).toEqual(['meeting-m-omar-prepare', 'meeting-m-grace-thank-you', 'outreach-o-nina-attempt-3']);
    const thanks = find(week, 'meeting-m-grace-thank-you');
    // Coffee 08:30 for 20 minutes: due by 08:50 the next day.
    expect(thanks.dueAt.toISOString()).toBe(iso('2025-01-22T08:50:00-05:00'));
    expect(thanks).toMatchObject({ kind: 'thank-you.send', title: 'Send Grace Kim a thank-you and ask for an introduction', overdue: false });
    expect(thanks.reason).toContain('within 24 hours');
    expect(thanks.reason).toContain('ask whether someone else comes to mind');

    // Grace offers to introduce Hana: the note need not ask any more.
    await sam.addContact({ id: 'hana', name: 'Hana Sato', tie: 'friend-of-a-friend', emails: ['hana@example.org'] });
    const offered = await sam.recordReferral({
      id: 'r-grace-hana',
      introducerId: 'grace',
      kind: 'introduction-made',
      contactId: 'hana',
      meetingId: 'm-grace',
    });
    expect(offered).toMatchObject({ status: 'offered', offeredAt: clock.now() });
    expect(offered.doneAt).toBeUndefined();
    expect((await contact('hana')).introducedBy).toBeUndefined();
    expect(find(await agendaNow(), 'meeting-m-grace-thank-you').title).toBe('Send Grace Kim a thank-you');

    clock.set('2025-01-21T18:00:00-05:00');
    const note = await sam.recordThankYou({ meetingId: 'm-grace', referencedNotes: ['The team values curiosity'] });
    // The first id the Playbook made up: everything before had its own.
    expect(note).toEqual({
      id: 'id-1',
      meetingId: 'm-grace',
      contactId: 'grace',
      sentAt: clock.now(),
      channel: 'email',
      referencedNotes: ['The team values curiosity'],
      askedForIntroduction: false,
    });
    // The week now reaches Tue 28 Jan 18:00: the follow-up on Grace's offer (7 days after it) shows.
    expect(ids(await agendaNow())).toEqual(['meeting-m-omar-prepare', 'outreach-o-nina-attempt-3', 'referral-r-grace-hana-follow-up']);
    const network = await sam.network();
    const status = thankYouStatus(network.meetings.find((m) => m.id === 'm-grace')!, network, playbook.policies.thankYou, ctx(network));
    expect(status.state).toBe('sent-on-time');
  });

  it('Thu 23 Jan: an unprepared meeting is overdue the day of; holding it makes a thank-you due', async () => {
    clock.set('2025-01-23T09:00:00-05:00');
    const [prepare] = await agendaNow();
    expect(prepare).toMatchObject({ id: 'meeting-m-omar-prepare', overdue: true, title: 'Prepare for the video with Omar Haddad' });

    clock.set('2025-01-23T16:30:00-05:00');
    await sam.holdMeeting('m-omar', { notes: ['Hiring analysts in the spring'] });
    const week = await agendaNow();
    expect(ids(week)).toEqual(['outreach-o-nina-attempt-3', 'meeting-m-omar-thank-you', 'referral-r-grace-hana-follow-up']);
    expect(find(week, 'meeting-m-omar-thank-you').dueAt.toISOString()).toBe(iso('2025-01-24T16:30:00-05:00'));
  });

  it('Fri 24 Jan to Sat 25 Jan: the third email to Nina; a late thank-you is recorded as sent late', async () => {
    clock.set('2025-01-24T10:00:00-05:00');
    expect(await sam.nextStep('o-nina')).toMatchObject({ attempt: 3, channel: 'email' });
    await sam.recordAttempt('o-nina', { channel: 'email' });
    const due = find(await agendaNow(), 'meeting-m-omar-thank-you');
    expect(due).toMatchObject({ overdue: false, title: 'Send Omar Haddad a thank-you and ask for an introduction' });

    // A cold email to Dev, who declines over the weekend.
    await sam.addContact({ id: 'dev', name: 'Dev Rao', tie: 'cold', emails: ['dev@example.org'] });
    await sam.startOutreach({ id: 'o-dev', contactId: 'dev' });
    await sam.recordAttempt('o-dev', { channel: 'email' });

    clock.set('2025-01-25T12:00:00-05:00');
    const declined = await sam.recordDecline('o-dev', { note: 'No time this quarter' });
    expect(declined.reply).toEqual({ answer: 'declined', channel: 'email', at: clock.now(), note: 'No time this quarter' });
    const stopped = await sam.nextStep('o-dev');
    expect(stopped).toMatchObject({ kind: 'stop', why: 'declined' });
    expect(stopped.reason).toContain('Dev Rao declined');
    expect((await agendaNow()).filter((a) => a.contactId === 'dev')).toEqual([]);

    const overdue = find(await agendaNow(), 'meeting-m-omar-thank-you');
    expect(overdue.overdue).toBe(true);
    expect(overdue.reason).toContain('is overdue');

    const card = await sam.recordThankYou({ meetingId: 'm-omar', channel: 'card', askedForIntroduction: true });
    expect(card).toMatchObject({ id: 'id-2', contactId: 'omar', channel: 'card', sentAt: clock.now() });
    expect(ids(await agendaNow())).not.toContain('meeting-m-omar-thank-you');
    const network = await sam.network();
    const status = thankYouStatus(network.meetings.find((m) => m.id === 'm-omar')!, network, playbook.policies.thankYou, ctx(network));
    expect(status).toMatchObject({ state: 'sent-late', sentAt: clock.now() });
    expect(status.reason).toContain('sent late');
  });

  it('Tue 28 Jan: the promised introduction gets a follow-up after 7 days; completing it links Hana to Grace', async () => {
    clock.set('2025-01-28T10:00:00-05:00');
    const week = await agendaNow();
    const followUp = find(week, 'referral-r-grace-hana-follow-up');
    expect(followUp).toMatchObject({
      kind: 'referral.follow-up',
      referralId: 'r-grace-hana',
      title: 'Follow up with Grace Kim on the promised introduction',
      overdue: false,
    });
    expect(followUp.dueAt.toISOString()).toBe(iso('2025-01-28T09:00:00-05:00'));
    expect(followUp.reason).toContain('7 days later');

    const done = await sam.completeReferral('r-grace-hana');
    expect(done).toMatchObject({ status: 'done', doneAt: clock.now() });
    expect((await contact('hana')).introducedBy).toBe('grace');
    expect(ids(await agendaNow())).not.toContain('referral-r-grace-hana-follow-up');

    await sam.startOutreach({ id: 'o-hana', contactId: 'hana' });
    const step = await sam.nextStep('o-hana');
    expect(step).toMatchObject({ kind: 'attempt', attempt: 1, channel: 'email' });
    expect(step.reason).toContain('mentioning who introduced you');
    await sam.recordAttempt('o-hana', { channel: 'email' });
  });

  it('30 Jan to 12 Feb: Hana meets, introduces Ivan, Ivan meets and offers to recommend the seeker to HR', async () => {
    clock.set('2025-01-30T14:00:00-05:00');
    await sam.recordReply('o-hana', { answer: 'accepted' });
    const prepared = {
      answers: {
        'know-the-company': 'yes',
        'what-it-stands-for': 'yes',
        'why-interested': 'yes',
        'about-the-person': 'yes',
        'what-i-want': 'yes',
        'next-steps': 'yes',
      },
      questionsToAsk: ['Where might my experience fit?'],
    };
    // A first date that falls through, then the call that happens.
    await sam.scheduleMeeting({ id: 'm-hana-first', contactId: 'hana', outreachId: 'o-hana', startAt: '2025-02-03T12:00:00-05:00' });
    expect(ids(await agendaNow())).toContain('meeting-m-hana-first-prepare');
    expect(await sam.cancelMeeting('m-hana-first')).toMatchObject({ status: 'cancelled' });
    expect(ids(await agendaNow())).not.toContain('meeting-m-hana-first-prepare');
    await sam.scheduleMeeting({ id: 'm-hana', contactId: 'hana', outreachId: 'o-hana', startAt: '2025-02-05T12:00:00-05:00', format: 'call', preparation: prepared });

    clock.set('2025-02-04T10:00:00-05:00');
    // Prepared when scheduled: no prepare action the day before.
    expect(ids(await agendaNow()).filter((id) => id.startsWith('meeting-'))).toEqual([]);
    expect(await sam.nextStep('o-nina')).toMatchObject({ attempt: 4, channel: 'phone' });
    await sam.recordAttempt('o-nina', { channel: 'phone', result: 'no-answer' });

    clock.set('2025-02-05T12:30:00-05:00');
    await sam.holdMeeting('m-hana', { notes: ['Knows the Acme data team'] });
    await sam.addContact({ id: 'ivan', name: 'Ivan Petrov', tie: 'friend-of-a-friend', organizationId: 'acme', emails: ['ivan@acme.example'] });
    await sam.recordReferral({ id: 'r-hana-ivan', introducerId: 'hana', kind: 'introduction-made', contactId: 'ivan', meetingId: 'm-hana', status: 'done' });
    expect((await contact('ivan')).introducedBy).toBe('hana');
    clock.set('2025-02-05T15:00:00-05:00');
    await sam.recordThankYou({ id: 't-hana', meetingId: 'm-hana', referencedNotes: ['Knows the Acme data team'] });
    await sam.startOutreach({ id: 'o-ivan', contactId: 'ivan' });
    await sam.recordAttempt('o-ivan', { channel: 'email' });

    clock.set('2025-02-07T10:00:00-05:00');
    await sam.recordReply('o-ivan', { answer: 'accepted' });
    await sam.scheduleMeeting({ id: 'm-ivan', contactId: 'ivan', outreachId: 'o-ivan', startAt: '2025-02-12T08:00:00-05:00', preparation: prepared });

    clock.set('2025-02-12T08:30:00-05:00');
    await sam.holdMeeting('m-ivan', { notes: ['Will put in a word with HR'] });
    await sam.recordReferral({ id: 'r-ivan-hr', introducerId: 'ivan', kind: 'recommended-to-hr', organizationId: 'acme', meetingId: 'm-ivan' });
    // A name Ivan thought of, then thought better of: no follow-up for it.
    await sam.recordReferral({ id: 'r-ivan-name', introducerId: 'ivan', kind: 'name-suggested', meetingId: 'm-ivan' });
    expect(await sam.declineReferral('r-ivan-name')).toMatchObject({ status: 'declined' });
    clock.set('2025-02-12T17:00:00-05:00');
    await sam.recordThankYou({ id: 't-ivan', meetingId: 'm-ivan' });
    expect(ids(await agendaNow())).toEqual(['outreach-o-nina-attempt-5', 'referral-r-ivan-hr-follow-up']);
  });

  it('Thu 13 Feb: the fifth attempt is the last; the rule says move on', async () => {
    clock.set('2025-02-13T10:00:00-05:00');
    expect(await sam.nextStep('o-nina')).toMatchObject({ attempt: 5, channel: 'email' });
    const last = await sam.recordAttempt('o-nina', { channel: 'email' });
    expect(last.attempts.map((a) => a.channel)).toEqual(['email', 'phone', 'email', 'phone', 'email']);

    const stop = await sam.nextStep('o-nina');
    expect(stop).toMatchObject({ kind: 'stop', why: 'exhausted', rule: 'outreach.retry' });
    expect(stop.kind === 'stop' && stop.at.toISOString()).toBe(iso('2025-02-24T00:00:00-05:00'));
    expect(stop.reason).toContain('5 attempts made (3 emails and 2 phone calls) without a reply from Nina Patel');
    expect(stop.reason).toContain('move on');

    await sam.completeReferral('r-ivan-hr');
  });

  it('20 Feb: an interview comes through a three-deep chain of introductions', async () => {
    clock.set('2025-02-20T10:00:00-05:00');
    const interview = await sam.recordOutcome({ id: 'out-interview', kind: 'interview', organizationId: 'acme', contactIds: ['ivan'], note: 'Screen with HR' });
    expect(interview.at).toEqual(clock.now());

    const network = await sam.network();
    const chain = referralChain(cid('ivan'), network.contacts);
    expect(chain).toMatchObject({ chain: ['paul', 'grace', 'hana', 'ivan'], root: 'paul', depth: 3 });
    expect(creditOutcome(interview, network.contacts).credited).toEqual(['paul', 'grace', 'hana', 'ivan']);
    const hr = network.referrals.find((r) => r.id === 'r-ivan-hr')!;
    expect(hr).toMatchObject({ kind: 'recommended-to-hr', status: 'done', organizationId: 'acme', doneAt: new Date('2025-02-13T15:00:00Z') });
  });

  it('Mon 24 Feb: the move-on falls due; withdrawing the outreach clears it', async () => {
    clock.set('2025-02-24T09:00:00-05:00');
    const week = await agendaNow();
    expect(ids(week)).toEqual(['outreach-o-nina-move-on']);
    expect(week[0]).toMatchObject({ kind: 'outreach.move-on', title: 'Move on from Nina Patel', overdue: false });

    const withdrawn = await sam.withdrawOutreach('o-nina');
    expect(withdrawn.withdrawnAt).toEqual(clock.now());
    expect(await sam.nextStep('o-nina')).toMatchObject({ kind: 'stop', why: 'withdrawn' });
    expect(await agendaNow()).toEqual([]);

    clock.set('2025-03-14T10:00:00-04:00');
    await sam.recordOutcome({ id: 'out-offer', kind: 'offer', organizationId: 'acme', contactIds: ['ivan'] });
  });

  it('14 Apr: while searching, check-ins fall due 3 months after the last touch; a snooze moves one', async () => {
    clock.set('2025-04-14T09:00:00-04:00');
    const spring = await agendaNow({ to: '2025-05-20T00:00:00-04:00' });
    const graceTouch = new Date('2025-01-21T18:00:00-05:00');
    const graceCheckIn = `contact-grace-check-in-${graceTouch.getTime().toString(36)}`;
    expect(spring.map((a) => [a.id, a.dueAt.toISOString()])).toEqual([
      // Three months after each thank-you, at the same local hour (EST then, EDT now).
      [graceCheckIn, iso('2025-04-21T18:00:00-04:00')],
      [`contact-omar-check-in-${new Date('2025-01-25T12:00:00-05:00').getTime().toString(36)}`, iso('2025-04-25T12:00:00-04:00')],
      [`contact-hana-check-in-${new Date('2025-02-05T15:00:00-05:00').getTime().toString(36)}`, iso('2025-05-05T15:00:00-04:00')],
      [`contact-ivan-check-in-${new Date('2025-02-12T17:00:00-05:00').getTime().toString(36)}`, iso('2025-05-12T17:00:00-04:00')],
    ]);
    const grace = find(spring, graceCheckIn);
    expect(grace).toMatchObject({ kind: 'check-in.send', title: 'Check in with Grace Kim', rule: 'check-in.cadence' });
    expect(grace.reason).toContain('Last touch with Grace Kim was your thank-you on 2025-01-21');
    expect(grace.reason).toContain('every 3 months');
    expect(ids(await agendaNow())).toEqual([]);

    const snoozed = await sam.snoozeCheckIn('grace', { until: '2025-05-01T09:00:00-04:00' });
    expect(snoozed.checkInSnoozedUntil).toEqual(new Date('2025-05-01T09:00:00-04:00'));
    // The snooze keeps everything else about the contact.
    expect(snoozed).toMatchObject({ introducedBy: 'paul', mutualContacts: ['paul'], emails: ['grace@example.org'] });
    const moved = find(await agendaNow({ to: '2025-05-20T00:00:00-04:00' }), graceCheckIn);
    expect(moved.dueAt.toISOString()).toBe(iso('2025-05-01T09:00:00-04:00'));
    expect(moved.reason).toContain('snoozed until 2025-05-01');

    // A check-in with Omar now: his next one is three months from today.
    const article = await sam.recordCheckIn({ contactId: 'omar', kind: 'article', note: 'Sent a piece on demand forecasting' });
    expect(article).toMatchObject({ id: 'id-3', contactId: 'omar', channel: 'email', kind: 'article', at: clock.now() });
    const omar = (await agendaNow({ to: '2025-08-01T00:00:00-04:00' })).find((a) => a.contactId === 'omar')!;
    expect(omar.id).toBe(`contact-omar-check-in-${clock.now().getTime().toString(36)}`);
    expect(omar.dueAt.toISOString()).toBe(iso('2025-07-14T09:00:00-04:00'));
  });

  it('16 Apr: landed a job; check-ins move to every 6 months', async () => {
    clock.set('2025-04-16T09:00:00-04:00');
    const employed = await sam.changePhase({ kind: 'employed' });
    expect(employed.phase).toEqual({ kind: 'employed', since: clock.now() });
    expect((await sam.settings()).phase).toEqual({ kind: 'employed', since: clock.now() });

    const year = await agendaNow({ to: '2026-01-01T00:00:00-05:00' });
    expect(year.map((a) => [a.contactId, a.dueAt.toISOString()])).toEqual([
      ['grace', iso('2025-07-21T18:00:00-04:00')],
      ['hana', iso('2025-08-05T15:00:00-04:00')],
      ['ivan', iso('2025-08-12T17:00:00-04:00')],
      ['omar', iso('2025-10-14T09:00:00-04:00')],
    ]);
    const grace = year[0]!;
    // Same touch, same action: the id does not change with the phase.
    expect(grace.id).toBe(`contact-grace-check-in-${new Date('2025-01-21T18:00:00-05:00').getTime().toString(36)}`);
    expect(grace.overdueAt.toISOString()).toBe(iso('2026-01-21T18:00:00-05:00'));
    expect(grace.reason).toContain('now that you are employed, a coffee every 6 months keeps it warm (overdue only after 12)');
  });

  it('the funnel counts the whole story: contacts at each stage, each outcome once', async () => {
    const result = await sam.funnel();
    expect(result).toEqual(funnel(await sam.network()));
    expect(result.stages.map((s) => [s.stage, s.count])).toEqual([
      ['reached', 6], // Nina, Grace, Omar, Dev, Hana, Ivan (Paul was only asked for an introduction)
      ['replied', 4], // Dev declined
      ['met', 4],
      ['introduced', 3], // Grace, Hana, Ivan
    ]);
    expect(result.stages[1]!.rate).toBe(4 / 6);
    // One interview and one offer, through a chain of four: counted once each.
    expect(result.outcomes).toEqual({ interview: 1, internship: 0, offer: 1, hire: 0 });
    expect(result.reason).toBe('6 reached, 4 replied, 4 met, 3 introduced or referred you; 1 interview and 1 offer came of it.');
    const byChannel = Object.fromEntries(result.byChannel.map((row) => [row.key, row.stages.map((s) => s.count)]));
    expect(byChannel).toEqual({ email: [6, 3, 3, 3], phone: [2, 1, 1, 0] });
    expect(result.byIntroducer.map((entry) => [entry.contactId, entry.outcomeIds, entry.paths])).toEqual(
      ['paul', 'grace', 'hana', 'ivan'].map((id) => [id, ['out-interview', 'out-offer'], [['paul', 'grace', 'hana', 'ivan']]]),
    );
    expect(result.byIntroducer[0]!.reason).toBe('1 interview and 1 offer came through Paul Moreau (via Grace Kim -> Hana Sato -> Ivan Petrov).');

    const network = await sam.network();
    expect(network.contacts).toHaveLength(7);
    expect(network.outreaches).toHaveLength(6);
    expect(network.meetings.map((m) => [m.id, m.status])).toEqual([
      ['m-grace', 'held'],
      ['m-omar', 'held'],
      ['m-hana-first', 'cancelled'],
      ['m-hana', 'held'],
      ['m-ivan', 'held'],
    ]);
    expect(network.thankYous).toHaveLength(4);
    expect(network.referrals.map((r) => [r.id, r.status])).toEqual([
      ['r-paul-grace', 'done'],
      ['r-grace-hana', 'done'],
      ['r-hana-ivan', 'done'],
      ['r-ivan-hr', 'done'],
      ['r-ivan-name', 'declined'],
    ]);
    expect(network.outcomes.map((o) => o.kind)).toEqual(['interview', 'offer']);
  });
});

describe('the policies and the seeker’s calendar reach every answer', () => {
  it('a stricter outreach policy, a 48-hour thank-you and a holiday, through nextStep and the agenda alike', async () => {
    const clock = manualClock('2025-01-13T09:00:00-05:00', { timeZone: ZONE });
    const playbook = createPlaybook({
      store: createMemoryStore(),
      clock,
      policies: { outreach: { maxAttempts: 3, maxPerChannel: { email: 2, phone: 1 } }, thankYou: { dueWithinHours: 48 } },
    });
    expect(playbook.policies.outreach).toMatchObject({ maxAttempts: 3, sequence: ['email', 'phone'], retryAfterBusinessDays: 7 });
    // Martin Luther King Jr. Day is a day off for this seeker.
    await playbook.createWorkspace({ id: 'kim', name: 'Kim', timeZone: ZONE, holidays: ['2025-01-20'] });
    const kim = playbook.workspace('kim');
    await kim.addContact({ id: 'lee', name: 'Lee Park', tie: 'press', emails: ['lee@example.org'], phones: ['+1 718 555 0104'] });
    await kim.startOutreach({ id: 'o-lee', contactId: 'lee' });
    await kim.recordAttempt('o-lee', { channel: 'email' });

    const call = await kim.nextStep('o-lee');
    // Seven business days from Mon 13 Jan, skipping the holiday: Thu 23 Jan.
    expect(call).toMatchObject({ kind: 'attempt', attempt: 2, channel: 'phone' });
    expect(call.kind === 'attempt' && call.dueAt.toISOString()).toBe(iso('2025-01-23T00:00:00-05:00'));
    const [action] = await kim.agenda({ to: '2025-02-01T00:00:00-05:00' });
    expect(action).toMatchObject({ id: 'outreach-o-lee-attempt-2', title: 'Call Lee Park (attempt 2 of 3)', dueAt: call.kind === 'attempt' ? call.dueAt : undefined });

    clock.set('2025-01-23T10:00:00-05:00');
    await kim.recordAttempt('o-lee', { channel: 'phone' });
    clock.set('2025-02-03T10:00:00-05:00');
    await kim.recordAttempt('o-lee', { channel: 'email' });
    const stop = await kim.nextStep('o-lee');
    expect(stop).toMatchObject({ kind: 'stop', why: 'exhausted' });
    expect(stop.reason).toContain('3 attempts made (2 emails and 1 phone call)');

    await kim.scheduleMeeting({ id: 'm-lee', contactId: 'lee', startAt: '2025-02-03T08:00:00-05:00', minutes: 30 });
    await kim.holdMeeting('m-lee');
    const thanks = (await kim.agenda()).find((a) => a.kind === 'thank-you.send')!;
    expect(thanks.dueAt.toISOString()).toBe(iso('2025-02-05T08:30:00-05:00'));
    expect(thanks.reason).toContain('within 48 hours');
    const network = await kim.network();
    expect(await kim.agenda()).toEqual(
      agenda(network, { from: clock.now(), to: new Date(clock.now().getTime() + WEEK), policies: playbook.policies, now: clock.now() }),
    );
  });

  it('policies that cannot be followed are refused when the Playbook is made', () => {
    expect(() => createPlaybook({ store: createMemoryStore(), policies: { outreach: { maxAttempts: 6 } } })).toThrow(PolicyError);
  });
});

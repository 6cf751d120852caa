import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICIES,
  directAttempts,
  nextOutreachStep,
  outreachStatus,
  resolvePolicies,
  type Contact,
  type Outreach,
  type OutreachInput,
  type OutreachPolicy,
  type OutreachStep,
  type RuleContext,
} from '../../src/index.js';
import { at, dana, newYork, outreachToDana } from './outreachFixtures.js';

type AttemptInput = NonNullable<OutreachInput['attempts']>[number];

const policy = DEFAULT_POLICIES.outreach;

function attemptStep(step: OutreachStep): Extract<OutreachStep, { kind: 'attempt' }> {
  if (step.kind !== 'attempt') throw new Error(`expected an attempt, got ${step.kind}: ${step.reason}`);
  return step;
}

function introductionStep(step: OutreachStep): Extract<OutreachStep, { kind: 'ask-introduction' }> {
  if (step.kind !== 'ask-introduction') throw new Error(`expected to ask for an introduction, got ${step.kind}: ${step.reason}`);
  return step;
}

function stopStep(step: OutreachStep): Extract<OutreachStep, { kind: 'stop' }> {
  if (step.kind !== 'stop') throw new Error(`expected a stop, got ${step.kind}: ${step.reason}`);
  return step;
}

/**
 * Makes each attempt the rule proposes, at the time given, and returns the steps the
 * rule proposed along the way (the last one being the answer after all attempts).
 */
function replay(
  madeAt: readonly string[],
  options: { policy?: OutreachPolicy; ctx?: RuleContext; contact?: Contact; outreach?: Partial<OutreachInput> } = {},
): OutreachStep[] {
  const rules = options.policy ?? policy;
  const ctx = options.ctx ?? newYork();
  const contact = options.contact ?? dana();
  const attempts: AttemptInput[] = [...(options.outreach?.attempts ?? [])];
  const steps: OutreachStep[] = [];
  for (const time of [...madeAt, undefined]) {
    const step = nextOutreachStep(outreachToDana({ ...options.outreach, attempts }), rules, ctx, contact);
    steps.push(step);
    if (time === undefined) break;
    attempts.push({ channel: attemptStep(step).channel, at: time });
  }
  return steps;
}

describe('nextOutreachStep: up to 5 attempts, about 3 emails and 2 calls, 7 business days apart', () => {
  // US federal holidays the seeker keeps: Memorial Day and Juneteenth 2026.
  const ctx = newYork(['2026-05-25', '2026-06-19']);
  const steps = replay(
    [
      '2026-03-02T10:15:00-05:00', // Monday morning
      '2026-03-11T15:30:00-04:00', // Wednesday afternoon, after the switch to summer time
      '2026-03-28T11:00:00-04:00', // a Saturday
      '2026-05-25T09:00:00-04:00', // Memorial Day
      '2026-06-11T09:00:00-04:00', // Thursday morning; Juneteenth falls in the count
    ],
    { ctx },
  );

  it('starts with an email right away', () => {
    const first = attemptStep(steps[0]!);
    expect(first).toMatchObject({ kind: 'attempt', attempt: 1, channel: 'email', rule: 'outreach.retry' });
    expect(first.dueAt).toEqual(at('2026-03-02T09:00:00-05:00'));
    expect(first.reason).toContain('Dana Whitfield');
    expect(first.reason).toContain('up to 5 attempts: 3 emails and 2 phone calls');
  });

  it('alternates email and phone: email, call, email, call, email', () => {
    const proposed = steps.slice(0, 5).map((step) => {
      const { attempt, channel } = attemptStep(step);
      return { attempt, channel };
    });
    expect(proposed).toEqual([
      { attempt: 1, channel: 'email' },
      { attempt: 2, channel: 'phone' },
      { attempt: 3, channel: 'email' },
      { attempt: 4, channel: 'phone' },
      { attempt: 5, channel: 'email' },
    ]);
  });

  it('counts a morning attempt on a business day from that day', () => {
    // Mon 2 March counts; 7 business days later is Wednesday 11 March, now on EDT.
    expect(attemptStep(steps[1]!).dueAt).toEqual(at('2026-03-11T00:00:00-04:00'));
  });

  it('counts an afternoon attempt from the next business day', () => {
    // Wed 11 March 15:30 counts from Thu 12 March: 13, 16, 17, 18, 19, 20, 23.
    expect(attemptStep(steps[2]!).dueAt).toEqual(at('2026-03-23T00:00:00-04:00'));
  });

  it('counts a weekend attempt from the next business day', () => {
    // Sat 28 March counts from Mon 30 March: 31, 1, 2, 3, 6, 7, 8 April.
    expect(attemptStep(steps[3]!).dueAt).toEqual(at('2026-04-08T00:00:00-04:00'));
  });

  it('counts a holiday attempt from the next business day', () => {
    // Memorial Day counts from Tue 26 May: 27, 28, 29, 1, 2, 3, 4 June.
    expect(attemptStep(steps[4]!).dueAt).toEqual(at('2026-06-04T00:00:00-04:00'));
  });

  it('says which attempt of how many it is and how long it waited', () => {
    expect(steps[2]!.reason).toContain('7 business days after attempt 2 (call)');
    expect(steps[2]!.reason).toContain('attempt 3 of 5');
    expect(steps[4]!.reason).toContain('attempt 5 of 5');
  });

  it('after 5 unanswered attempts says to move on, 7 business days after the last', () => {
    const last = stopStep(steps[5]!);
    expect(last).toMatchObject({ kind: 'stop', why: 'exhausted', rule: 'outreach.retry' });
    // Thu 11 June counts from that day; Juneteenth (Fri 19) is skipped: 12, 15, 16, 17, 18, 22, 23.
    expect(last.at).toEqual(at('2026-06-23T00:00:00-04:00'));
    expect(last.reason).toContain('move on');
    expect(last.reason).toContain('5 attempts made (3 emails and 2 phone calls)');
  });

  it('reports the outreach as active until the fifth attempt, then exhausted', () => {
    const attempts: AttemptInput[] = [];
    const made = ['email', 'phone', 'email', 'phone', 'email'] as const;
    made.forEach((channel, i) => {
      expect(outreachStatus(outreachToDana({ attempts }), policy, dana())).toBe('active');
      attempts.push({ channel, at: at(`2026-03-${String(2 + 7 * i).padStart(2, '0')}T10:00:00-05:00`) });
    });
    expect(outreachStatus(outreachToDana({ attempts }), policy, dana())).toBe('exhausted');
  });
});

describe('the 3B7 count of the retry', () => {
  const ctx = newYork(['2026-09-07', '2026-11-26']); // Labor Day, Thanksgiving
  const secondAttemptAfter = (emailAt: string) =>
    attemptStep(nextOutreachStep(outreachToDana({ attempts: [{ channel: 'email', at: emailAt }] }), policy, ctx, dana()));

  it.each([
    ['Tue 15 Sep, 11:59: from that Tuesday', '2026-09-15T11:59:00-04:00', '2026-09-24T00:00:00-04:00'],
    ['Tue 15 Sep, noon sharp: from Wednesday', '2026-09-15T12:00:00-04:00', '2026-09-25T00:00:00-04:00'],
    ['Sat 19 Sep: from Monday', '2026-09-19T09:00:00-04:00', '2026-09-30T00:00:00-04:00'],
    ['Sun 20 Sep, 23:30: from Monday', '2026-09-20T23:30:00-04:00', '2026-09-30T00:00:00-04:00'],
    ['Labor Day morning: from Tuesday', '2026-09-07T09:00:00-04:00', '2026-09-17T00:00:00-04:00'],
    ['Fri 20 Nov, Thanksgiving in the count', '2026-11-20T10:00:00-05:00', '2026-12-02T00:00:00-05:00'],
    ['Fri 30 Oct, across the end of summer time', '2026-10-30T10:00:00-04:00', '2026-11-10T00:00:00-05:00'],
  ])('an email on %s is followed by a call due at local midnight', (_, emailAt, due) => {
    const step = secondAttemptAfter(emailAt);
    expect(step.channel).toBe('phone');
    expect(step.dueAt).toEqual(at(due));
  });

  it('uses the policy’s cut-off time instead of noon when it has one', () => {
    const lateCutOff = resolvePolicies({ outreach: { countFromNextDayAt: '17:00' } }).outreach;
    const step = nextOutreachStep(
      outreachToDana({ attempts: [{ channel: 'email', at: '2026-09-15T14:00:00-04:00' }] }),
      lateCutOff,
      ctx,
      dana(),
    );
    expect(attemptStep(step).dueAt).toEqual(at('2026-09-24T00:00:00-04:00'));
  });

  it('counts in the seeker’s zone: Berlin across its switch to summer time', () => {
    const berlin: RuleContext = { now: at('2026-03-27T09:00:00+01:00'), timeZone: 'Europe/Berlin' };
    const step = nextOutreachStep(
      outreachToDana({ attempts: [{ channel: 'email', at: '2026-03-27T09:00:00+01:00' }] }),
      policy,
      berlin,
      dana(),
    );
    // Fri 27 March counts; 30, 31 March, 1, 2, 3, 6, 7 April; summer time began on Sun 29 March.
    expect(attemptStep(step).dueAt).toEqual(at('2026-04-07T00:00:00+02:00'));
  });
});

describe('a reply, a decline or a withdrawal ends the outreach', () => {
  const twoAttempts: AttemptInput[] = [
    { channel: 'email', at: '2026-03-02T10:15:00-05:00' },
    { channel: 'phone', at: '2026-03-11T10:00:00-04:00', result: 'voicemail' },
  ];

  it('stops as replied when Dana accepts', () => {
    const outreach = outreachToDana({
      attempts: twoAttempts,
      reply: { at: '2026-03-12T08:40:00-04:00', channel: 'email', answer: 'accepted' },
    });
    const step = stopStep(nextOutreachStep(outreach, policy, newYork(), dana()));
    expect(step).toMatchObject({ why: 'replied', rule: 'outreach.retry' });
    expect(step.at).toEqual(at('2026-03-12T08:40:00-04:00'));
    expect(step.reason).toContain('Dana Whitfield replied');
    expect(outreachStatus(outreach, policy, dana())).toBe('replied');
  });

  it('stops as declined when Dana says no', () => {
    const outreach = outreachToDana({
      attempts: twoAttempts,
      reply: { at: '2026-03-12T08:40:00-04:00', channel: 'phone', answer: 'declined' },
    });
    const step = stopStep(nextOutreachStep(outreach, policy, newYork(), dana()));
    expect(step.why).toBe('declined');
    expect(step.reason).toContain('move on');
    expect(outreachStatus(outreach, policy, dana())).toBe('declined');
  });

  it('stops as withdrawn when the seeker withdraws', () => {
    const outreach = outreachToDana({ attempts: twoAttempts, withdrawnAt: '2026-03-13T17:00:00-04:00' });
    const step = stopStep(nextOutreachStep(outreach, policy, newYork(), dana()));
    expect(step.why).toBe('withdrawn');
    expect(step.at).toEqual(at('2026-03-13T17:00:00-04:00'));
    expect(outreachStatus(outreach, policy, dana())).toBe('withdrawn');
  });

  it('keeps whichever came first of a reply and a withdrawal', () => {
    const reply = { at: '2026-03-16T09:00:00-04:00', channel: 'email', answer: 'accepted' } as const;
    const replyFirst = outreachToDana({ attempts: twoAttempts, reply, withdrawnAt: '2026-03-20T09:00:00-04:00' });
    const withdrawnFirst = outreachToDana({ attempts: twoAttempts, reply, withdrawnAt: '2026-03-13T09:00:00-04:00' });
    expect(stopStep(nextOutreachStep(replyFirst, policy, newYork(), dana())).why).toBe('replied');
    const withdrawn = stopStep(nextOutreachStep(withdrawnFirst, policy, newYork(), dana()));
    expect(withdrawn.why).toBe('withdrawn');
    expect(withdrawn.at).toEqual(at('2026-03-13T09:00:00-04:00'));
  });

  it('counts a reply to the fifth attempt as a reply, not as running out', () => {
    const outreach = outreachToDana({
      attempts: [
        { channel: 'email', at: '2026-03-02T10:00:00-05:00' },
        { channel: 'phone', at: '2026-03-11T10:00:00-04:00' },
        { channel: 'email', at: '2026-03-20T10:00:00-04:00' },
        { channel: 'phone', at: '2026-03-31T10:00:00-04:00' },
        { channel: 'email', at: '2026-04-09T10:00:00-04:00' },
      ],
      reply: { at: '2026-04-14T16:00:00-04:00', channel: 'email', answer: 'accepted' },
    });
    expect(stopStep(nextOutreachStep(outreach, policy, newYork(), dana())).why).toBe('replied');
  });
});

describe('channels the contact can be reached on', () => {
  it('emails a contact without a phone number three times, then moves on', () => {
    const noPhone = dana({ phones: [] });
    const steps = replay(
      ['2026-03-02T10:00:00-05:00', '2026-03-11T10:00:00-04:00', '2026-03-20T10:00:00-04:00'],
      { contact: noPhone },
    );
    expect(steps.slice(0, 3).map((step) => attemptStep(step).channel)).toEqual(['email', 'email', 'email']);
    const last = stopStep(steps[3]!);
    expect(last.why).toBe('exhausted');
    // Fri 20 March counts: 23, 24, 25, 26, 27, 30, 31.
    expect(last.at).toEqual(at('2026-03-31T00:00:00-04:00'));
    expect(last.reason).toContain('3 emails');
    expect(last.reason).toContain('move on');
    expect(outreachStatus(outreachToDana({ attempts: [] }), policy, noPhone)).toBe('active');
  });

  it('calls a contact without an email address, twice', () => {
    const steps = replay(['2026-03-02T10:00:00-05:00', '2026-03-11T10:00:00-04:00'], {
      contact: dana({ emails: [] }),
    });
    expect(steps.slice(0, 2).map((step) => attemptStep(step).channel)).toEqual(['phone', 'phone']);
    expect(stopStep(steps[2]!).why).toBe('exhausted');
  });

  it('moves on at once from a contact with no address and nobody to introduce them', () => {
    const unreachable = dana({ emails: [], phones: [] });
    const step = stopStep(nextOutreachStep(outreachToDana(), policy, newYork(), unreachable));
    expect(step.why).toBe('exhausted');
    expect(step.at).toEqual(at('2026-03-02T09:00:00-05:00'));
    expect(step.reason).toContain('no email address or phone number');
    expect(outreachStatus(outreachToDana(), policy, unreachable)).toBe('exhausted');
  });
});

describe('warm introduction before a cold email', () => {
  const knownToTwo = dana({ mutualContacts: ['priya', 'marcus'] });

  it('asks the mutual contacts for an introduction before any attempt', () => {
    const step = introductionStep(nextOutreachStep(outreachToDana(), policy, newYork(), knownToTwo));
    expect(step).toMatchObject({ via: ['priya', 'marcus'], rule: 'outreach.warm-introduction' });
    expect(step.dueAt).toEqual(at('2026-03-02T09:00:00-05:00'));
    expect(step.reason).toContain('2 mutual contacts');
    expect(step.reason).toContain('cold email');
  });

  it('emails directly 7 business days after asking when no introduction came', () => {
    const outreach = outreachToDana({ attempts: [{ channel: 'introduction-request', at: '2026-03-02T10:00:00-05:00' }] });
    const step = attemptStep(nextOutreachStep(outreach, policy, newYork(), knownToTwo));
    expect(step).toMatchObject({ attempt: 1, channel: 'email' });
    expect(step.dueAt).toEqual(at('2026-03-11T00:00:00-04:00'));
    expect(step.reason).toContain('7 business days after asking');
  });

  it('emails right away once the contact has been introduced', () => {
    const request = '2026-03-02T10:00:00-05:00';
    const outreach = outreachToDana({ attempts: [{ channel: 'introduction-request', at: request }] });
    const introduced = dana({ mutualContacts: ['priya', 'marcus'], introducedBy: 'priya' });
    const step = attemptStep(nextOutreachStep(outreach, policy, newYork(), introduced));
    expect(step).toMatchObject({ attempt: 1, channel: 'email' });
    expect(step.dueAt).toEqual(at(request));
    expect(step.reason).toContain('who introduced you');
  });

  it('after a request and a later introduction, the first email is due from the introduction, not the request', () => {
    // Asked Priya on Monday 2 March; she made the introduction on Thursday 12 March.
    const outreach = outreachToDana({ attempts: [{ channel: 'introduction-request', at: '2026-03-02T10:00:00-05:00' }] });
    const introducedAt = '2026-03-12T15:30:00-04:00';
    const introduced = dana({ mutualContacts: ['priya'], introducedBy: 'priya', introducedAt });
    const justAfter: RuleContext = { ...newYork(), now: at('2026-03-12T15:31:00-04:00') };
    const step = attemptStep(nextOutreachStep(outreach, policy, justAfter, introduced));
    expect(step).toMatchObject({ attempt: 1, channel: 'email' });
    expect(step.dueAt).toEqual(at(introducedAt));
    // Not due before the introduction happened, so not overdue the moment it is recorded.
    expect(step.dueAt.getTime()).toBeGreaterThan(at('2026-03-02T10:00:00-05:00').getTime());
  });

  it('does not ask for an introduction to someone already introduced', () => {
    const introduced = dana({ mutualContacts: ['priya'], introducedBy: 'priya' });
    expect(nextOutreachStep(outreachToDana(), policy, newYork(), introduced).kind).toBe('attempt');
  });

  it('goes straight to email when the policy turns the rule off', () => {
    const cold = resolvePolicies({ outreach: { warmIntroductionFirst: false } }).outreach;
    expect(attemptStep(nextOutreachStep(outreachToDana(), cold, newYork(), knownToTwo)).channel).toBe('email');
  });

  it('asks for an introduction to a contact the seeker has no address for', () => {
    const noAddress = dana({ emails: [], phones: [], mutualContacts: ['priya'] });
    const step = nextOutreachStep(outreachToDana(), policy, newYork(), noAddress);
    expect(step).toMatchObject({ kind: 'ask-introduction', via: ['priya'] });
    expect(step.reason).toContain('A mutual contact knows Dana Whitfield');
    expect(outreachStatus(outreachToDana(), policy, noAddress)).toBe('active');
  });

  it('never counts introduction requests toward the limits', () => {
    const outreach = outreachToDana({
      attempts: [
        { channel: 'introduction-request', at: '2026-03-02T10:00:00-05:00' },
        { channel: 'email', at: '2026-03-11T10:00:00-04:00' },
        { channel: 'introduction-request', at: '2026-03-12T10:00:00-04:00' },
        { channel: 'phone', at: '2026-03-20T10:00:00-04:00' },
        { channel: 'email', at: '2026-03-31T10:00:00-04:00' },
        { channel: 'phone', at: '2026-04-09T10:00:00-04:00' },
        { channel: 'introduction-request', at: '2026-04-10T10:00:00-04:00' },
      ],
    });
    const step = attemptStep(nextOutreachStep(outreach, policy, newYork(), knownToTwo));
    expect(step).toMatchObject({ attempt: 5, channel: 'email' });
    // Counted from the last direct attempt (Thu 9 April), not from the later request.
    expect(step.dueAt).toEqual(at('2026-04-20T00:00:00-04:00'));
    expect(directAttempts(outreach).map((attempt) => attempt.channel)).toEqual(['email', 'phone', 'email', 'phone']);
  });
});

describe('a custom policy', () => {
  // 4 attempts, 2 emails and 2 calls, 5 business days apart; Good Friday off.
  const fourTries = resolvePolicies({
    outreach: { maxAttempts: 4, maxPerChannel: { email: 2, phone: 2 }, retryAfterBusinessDays: 5 },
  }).outreach;
  const ctx = newYork(['2026-04-03']);
  const steps = replay(
    ['2026-03-30T09:00:00-04:00', '2026-04-07T09:30:00-04:00', '2026-04-14T13:00:00-04:00', '2026-04-22T10:00:00-04:00'],
    { policy: fourTries, ctx },
  );

  it('alternates email and phone four times, then moves on', () => {
    expect(steps.slice(0, 4).map((step) => attemptStep(step).channel)).toEqual(['email', 'phone', 'email', 'phone']);
    const last = stopStep(steps[4]!);
    expect(last.why).toBe('exhausted');
    expect(last.reason).toContain('4 attempts made (2 emails and 2 phone calls)');
    // Wed 22 April counts: 23, 24, 27, 28, 29.
    expect(last.at).toEqual(at('2026-04-29T00:00:00-04:00'));
  });

  it('waits 5 business days, skipping the holiday', () => {
    // Mon 30 March counts: 31, 1, 2, (Good Friday), 6, 7.
    expect(attemptStep(steps[1]!).dueAt).toEqual(at('2026-04-07T00:00:00-04:00'));
    // Tue 14 April 13:00 counts from Wed 15: 16, 17, 20, 21, 22.
    expect(attemptStep(steps[3]!).dueAt).toEqual(at('2026-04-22T00:00:00-04:00'));
  });

  it('names its own numbers in the reasons', () => {
    expect(steps[0]!.reason).toContain('up to 4 attempts: 2 emails and 2 phone calls');
    expect(steps[2]!.reason).toContain('5 business days after attempt 2');
    expect(steps[2]!.reason).toContain('attempt 3 of 4');
  });

  it('can start with a call', () => {
    const phoneFirst = resolvePolicies({ outreach: { sequence: ['phone', 'email'] } }).outreach;
    const steps = replay(['2026-03-02T10:00:00-05:00', '2026-03-11T10:00:00-04:00'], { policy: phoneFirst });
    expect(steps.map((step) => attemptStep(step).channel)).toEqual(['phone', 'email', 'phone']);
  });

  it('follows a sequence that repeats a channel: two emails, then a call', () => {
    const emailEmailCall = resolvePolicies({ outreach: { sequence: ['email', 'email', 'phone'] } }).outreach;
    const steps = replay(
      [
        '2026-03-02T10:00:00-05:00',
        '2026-03-11T10:00:00-04:00',
        '2026-03-20T10:00:00-04:00',
        '2026-03-31T10:00:00-04:00',
        '2026-04-09T10:00:00-04:00',
      ],
      { policy: emailEmailCall },
    );
    // The fourth email would be over the cap of 3, so the fifth attempt is the second call.
    expect(steps.slice(0, 5).map((step) => attemptStep(step).channel)).toEqual(['email', 'email', 'phone', 'email', 'phone']);
    expect(stopStep(steps[5]!).why).toBe('exhausted');
  });

  it('keeps alternating after an attempt by a channel outside the sequence', () => {
    const outreach = outreachToDana({
      attempts: [
        { channel: 'email', at: '2026-03-02T10:00:00-05:00' },
        { channel: 'linkedin', at: '2026-03-04T10:00:00-05:00' },
      ],
    });
    const step = attemptStep(nextOutreachStep(outreach, policy, newYork(), dana({ profileUrl: 'https://example.com/in/dana' })));
    expect(step).toMatchObject({ attempt: 3, channel: 'phone' });
  });
});

describe('directAttempts', () => {
  it('keeps the direct attempts, oldest first, whatever order they were recorded in', () => {
    const outreach: Outreach = outreachToDana({
      attempts: [
        { channel: 'phone', at: '2026-03-11T10:00:00-04:00' },
        { channel: 'introduction-request', at: '2026-03-01T10:00:00-05:00' },
        { channel: 'email', at: '2026-03-02T10:00:00-05:00' },
      ],
    });
    expect(directAttempts(outreach).map((attempt) => [attempt.channel, attempt.at.toISOString()])).toEqual([
      ['email', '2026-03-02T15:00:00.000Z'],
      ['phone', '2026-03-11T14:00:00.000Z'],
    ]);
    // The record itself is left as it was.
    expect(outreach.attempts.map((attempt) => attempt.channel)).toEqual(['phone', 'introduction-request', 'email']);
  });
});

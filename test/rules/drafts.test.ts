// What to say for every action the agenda gives, told through the method's stories: a
// business card from an event, an introduction through a friend, an alumna, a cold email
// that never gets an answer, a coffee to prepare and to thank for, a check-in months
// later, a promised introduction that has not happened.
import { describe, expect, it } from 'vitest';
import {
  NotFoundError,
  ValidationError,
  agenda,
  countWords,
  draftMessage,
  mailtoLink,
  resolvePolicies,
  type AgendaAction,
  type AgendaActionKind,
  type ContactInput,
  type DraftOptions,
  type MessageDraft,
  type Network,
  type NetworkInput,
} from '../../src/index.js';
import { FRENCH_DRAFTS } from '../../examples/drafts-french/templates.js';
import { networkOf } from './networkHelpers.js';

const CREATED = '2026-08-01T09:00:00-04:00';
const person = (id: string, name: string, extra: Partial<ContactInput> = {}): ContactInput => ({
  id,
  name,
  tie: 'cold',
  emails: [`${id}@example.org`],
  createdAt: CREATED,
  ...extra,
});

/** Sam Rivera's network in New York in August 2026, with whatever a story adds. */
function sams(records: Omit<NetworkInput, 'workspace'> & { workspace?: Partial<NetworkInput['workspace']> }): Network {
  return networkOf({
    ...records,
    workspace: { name: 'Sam Rivera', createdAt: CREATED, ...records.workspace },
    organizations: [
      { id: 'northwind', name: 'Northwind Health', createdAt: CREATED },
      { id: 'fabrikam', name: 'Fabrikam', createdAt: CREATED },
      ...(records.organizations ?? []),
    ],
  });
}

/** Monday 24 August 2026, 08:00 in New York. */
const MONDAY = new Date('2026-08-24T08:00:00-04:00');

/** The agenda's action of `kind` for `contactId`, and its draft. */
function draftFor(network: Network, kind: AgendaActionKind, contactId: string, options: DraftOptions = {}, now = MONDAY): { action: AgendaAction; draft: MessageDraft } {
  const to = new Date(now.getTime() + 400 * 86_400_000);
  const action = agenda(network, { now, to, ...(options.policies ? { policies: options.policies } : {}) }).find(
    (a) => a.kind === kind && a.contactId === contactId,
  );
  if (!action) throw new Error(`no ${kind} action for ${contactId}`);
  return { action, draft: draftMessage(action, network, options) };
}

/** The last paragraph before the sign-off. */
const ask = (body: string) => body.split('\n\n').at(-2) ?? '';

describe('first email (outreach.attempt, attempt 1 by email)', () => {
  it('the business card from an event: says where you met, asks for advice, ends with one question, stays short', () => {
    const network = sams({
      contacts: [person('lena', 'Lena Ortiz', { tie: 'event', organizationId: 'northwind', emails: ['lena.ortiz@northwind.example'] })],
      outreaches: [{ id: 'o-lena', contactId: 'lena', startedAt: '2026-08-24T07:00:00-04:00' }],
    });
    const { action, draft } = draftFor(network, 'outreach.attempt', 'lena');
    expect(draft).toEqual({
      actionId: action.id,
      kind: 'outreach.attempt',
      template: 'first-email',
      channel: 'email',
      recipientId: 'lena',
      to: 'lena.ortiz@northwind.example',
      subject: 'A question about your work at Northwind Health',
      body:
        'Hi Lena,\n\n' +
        "We met at an event, and I wanted to follow up about your work at Northwind Health. I'm exploring my next step and would value your advice and perspective.\n\n" +
        'Would you have 20 minutes for a short call or a coffee in the next two weeks?\n\n' +
        'Thank you,\nSam Rivera',
      mailto:
        'mailto:lena.ortiz@northwind.example?subject=A%20question%20about%20your%20work%20at%20Northwind%20Health' +
        '&body=Hi%20Lena%2C%0D%0A%0D%0AWe%20met%20at%20an%20event%2C%20and%20I%20wanted%20to%20follow%20up%20about%20your%20work%20at%20Northwind%20Health.' +
        '%20I\'m%20exploring%20my%20next%20step%20and%20would%20value%20your%20advice%20and%20perspective.%0D%0A%0D%0A' +
        'Would%20you%20have%2020%20minutes%20for%20a%20short%20call%20or%20a%20coffee%20in%20the%20next%20two%20weeks%3F%0D%0A%0D%0A' +
        'Thank%20you%2C%0D%0ASam%20Rivera',
      words: 52,
      wordLimit: 75,
      rule: 'draft.message',
      reason:
        'First email to Lena Ortiz (tie: event): how you found them, a request for advice, not a job, and one question; 52 words, within the 75 a first message should keep to.',
    });
    expect(draft.words).toBe(countWords(draft.body));
    expect(draft.body).toMatch(/advice/);
    expect(draft.body).not.toMatch(/\b(job|jobs|position|opening|hiring|resume)\b/i);
    expect(draft.body.match(/\?/g)).toHaveLength(1);
    expect(ask(draft.body)).toMatch(/\?$/);
  });

  it('a warm introduction says who suggested writing; an alumna, the alumni network', () => {
    const network = sams({
      contacts: [
        person('lena', 'Lena Ortiz', { tie: 'event' }),
        person('raj', 'Raj Patel', { tie: 'friend-of-a-friend', organizationId: 'northwind', introducedBy: 'lena', introducedAt: '2026-08-20T09:00:00-04:00' }),
        person('priya', 'Priya Shah', { tie: 'alumni', organizationId: 'fabrikam' }),
      ],
      outreaches: [
        { id: 'o-raj', contactId: 'raj', startedAt: '2026-08-21T09:00:00-04:00' },
        { id: 'o-priya', contactId: 'priya', startedAt: '2026-08-21T09:00:00-04:00' },
      ],
    });
    const raj = draftFor(network, 'outreach.attempt', 'raj').draft;
    expect(raj.body).toMatch(/^Hi Raj,\n\nLena Ortiz suggested I get in touch with you\. I'm exploring/);
    expect(raj.reason).toMatch(/^First email to Raj Patel \(introduced by Lena Ortiz\)/);
    const priya = draftFor(network, 'outreach.attempt', 'priya').draft;
    expect(priya.body).toMatch(/^Hi Priya,\n\nI found you through our alumni network and saw that you work at Fabrikam\. I'm/);
    expect(priya.subject).toBe('A question about your work at Fabrikam');
  });

  it('a missing field changes the sentence: no organization, no address, a title before the name', () => {
    const network = sams({
      contacts: [person('vera', 'Dr. Vera Lund', { tie: 'press', emails: [] , profileUrl: 'https://www.linkedin.com/in/vera' })],
      outreaches: [{ id: 'o-vera', contactId: 'vera', startedAt: '2026-08-21T09:00:00-04:00' }],
    });
    // No email address: the rule moves to the next channel it can use.
    const policies = resolvePolicies({ outreach: { sequence: ['email', 'linkedin'], maxPerChannel: { email: 3, linkedin: 2 } } });
    const { draft } = draftFor(network, 'outreach.attempt', 'vera', { policies });
    expect(draft.channel).toBe('linkedin');
    expect(draft.body).toBe(
      'Hi Dr. Lund, I read about your work and wanted to reach out. ' +
        "I'm exploring my next step and would value your advice. Would you have 20 minutes for a short call in the next two weeks? Thank you, Sam Rivera",
    );
    expect(draft.to).toBe('https://www.linkedin.com/in/vera');
    expect(draft).not.toHaveProperty('mailto');
    expect(draft).not.toHaveProperty('subject');
  });

  it('puts user text in as it is: a name holding "{{x}}" stays "{{x}}"', () => {
    const network = sams({
      workspace: { name: 'Sam {{signature}} Rivera' },
      contacts: [person('odd', '{{x}} Moss', { tie: 'cold', organizationId: 'fabrikam' })],
      outreaches: [{ id: 'o-odd', contactId: 'odd', startedAt: '2026-08-21T09:00:00-04:00' }],
    });
    const { draft } = draftFor(network, 'outreach.attempt', 'odd');
    expect(draft.body.startsWith('Hi {{x}},\n\n')).toBe(true);
    expect(draft.body.endsWith('\nSam {{signature}} Rivera')).toBe(true);
    expect(new URL(draft.mailto!).searchParams.get('body')).toBe(draft.body.replace(/\n/g, '\r\n'));
  });

  it('signs with the signature given, and takes a workspace\'s own templates in part', () => {
    const network = sams({
      contacts: [person('lena', 'Lena Ortiz', { tie: 'event' })],
      outreaches: [{ id: 'o-lena', contactId: 'lena', startedAt: '2026-08-21T09:00:00-04:00' }],
    });
    const { draft } = draftFor(network, 'outreach.attempt', 'lena', {
      signature: 'Sam Rivera\n+1 617 555 0100',
      templates: { 'first-email.subject': 'Hello from {{myFirstName}}' },
    });
    expect(draft.subject).toBe('Hello from Sam');
    expect(draft.body.endsWith('Thank you,\nSam Rivera\n+1 617 555 0100')).toBe(true);
    const refused = () => draftMessage(draftFor(network, 'outreach.attempt', 'lena').action, network, { templates: { 'first-email.body': 'Hi {{nickname}}' } });
    expect(refused).toThrow(ValidationError);
    expect(refused).toThrow('invalid draft templates: first-email.body: unknown placeholder {{nickname}}');
    expect(() => draftMessage(draftFor(network, 'outreach.attempt', 'lena').action, network, { templates: { 'first-email.body': 'at {{organization}}' } })).toThrow(
      'first-email.body: {{organization}} may be missing: write it inside {{#organization}}…{{/organization}}',
    );
  });

  it('says when a first message runs over the word limit because of what it was given', () => {
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const network = sams({
      organizations: [{ id: 'long', name: long.slice(0, 200), createdAt: CREATED }],
      contacts: [person('lena', 'Lena Ortiz', { tie: 'lecturer', organizationId: 'long' })],
      outreaches: [{ id: 'o-lena', contactId: 'lena', startedAt: '2026-08-21T09:00:00-04:00' }],
    });
    const { draft } = draftFor(network, 'outreach.attempt', 'lena');
    expect(draft.words).toBeGreaterThan(75);
    expect(draft.reason).toContain(`${draft.words} words, over the 75 a first message should keep to: shorten it`);
  });
});

/** Tom Becker, a cold name: emailed, called, emailed, called, emailed — no answer. */
function tomsOutreach(attempts: number) {
  const all = [
    { channel: 'email', at: '2026-07-01T10:00:00-04:00' },
    { channel: 'phone', at: '2026-07-13T10:00:00-04:00', result: 'voicemail' },
    { channel: 'email', at: '2026-07-23T10:00:00-04:00' },
    { channel: 'phone', at: '2026-08-03T10:00:00-04:00', result: 'no-answer' },
    { channel: 'email', at: '2026-08-11T10:00:00-04:00' },
  ] as const;
  return { id: 'o-tom', contactId: 'tom', startedAt: '2026-07-01T09:00:00-04:00', attempts: all.slice(0, attempts) };
}

describe('the next attempts', () => {
  const tom = (extra: Partial<ContactInput> = {}) =>
    person('tom', 'Tom Becker', { organizationId: 'fabrikam', emails: ['tom.becker@fabrikam.example'], phones: ['+1 617 555 0107'], ...extra });

  it('a follow-up email answers the first subject and names the day of the last try', () => {
    const network = sams({ contacts: [tom()], outreaches: [tomsOutreach(2)] });
    const { draft } = draftFor(network, 'outreach.attempt', 'tom', {}, new Date('2026-08-24T08:00:00-04:00'));
    expect(draft.template).toBe('follow-up-email');
    expect(draft.subject).toBe('Re: A question about your work at Fabrikam');
    expect(draft.body).toContain('I reached out on Monday, July 13 and know how busy things get');
    expect(draft.words).toBeLessThanOrEqual(75);
    expect(ask(draft.body)).toBe('Would 20 minutes in the next two weeks work for a short call?');
  });

  it('a call script: the opening line, the one question, what to say to voicemail', () => {
    const network = sams({ contacts: [tom()], outreaches: [tomsOutreach(1)] });
    const { draft } = draftFor(network, 'outreach.attempt', 'tom', { phone: '+1 617 555 0100' });
    expect(draft).toMatchObject({ template: 'phone-script', channel: 'phone', to: '+1 617 555 0107' });
    expect(draft).not.toHaveProperty('mailto');
    expect(draft.body).toBe(
      'Opening: Hi Tom, this is Sam Rivera. I came across your work at Fabrikam and wanted to reach out. I emailed you on Wednesday, July 1. Do you have a minute?\n\n' +
        'The one question: Would you have 20 minutes in the next two weeks to share your advice on your path at Fabrikam?\n\n' +
        "Voicemail: Hi Tom, this is Sam Rivera. I came across your work at Fabrikam and wanted to reach out. I'd value 20 minutes of your advice. " +
        "You can reach me at +1 617 555 0100. I'll also send you a short email. Thank you!",
    );
    // Without a number to leave, the voicemail does without the sentence.
    expect(draftFor(network, 'outreach.attempt', 'tom').draft.body).toContain("of your advice. I'll also send you a short email.");
  });

  it('in person: an opening line and the one question', () => {
    const network = sams({ contacts: [tom({ emails: [], phones: [] })], outreaches: [{ id: 'o-tom', contactId: 'tom', startedAt: '2026-08-21T09:00:00-04:00' }] });
    const policies = resolvePolicies({ outreach: { sequence: ['in-person'], maxPerChannel: {} } });
    const { draft } = draftFor(network, 'outreach.attempt', 'tom', { policies });
    expect(draft).toMatchObject({ template: 'in-person', channel: 'in-person' });
    expect(draft.body).toContain("Opening: Hi Tom, I'm Sam Rivera.");
    expect(draft.body).toContain('The one question: Would you have 20 minutes');
  });

  it('moving on: a polite last note by email, by LinkedIn without an address, and without a link when there is neither', () => {
    const network = sams({ contacts: [tom()], outreaches: [tomsOutreach(5)] });
    const { draft } = draftFor(network, 'outreach.move-on', 'tom');
    expect(draft).toMatchObject({ template: 'move-on', channel: 'email', to: 'tom.becker@fabrikam.example', subject: 'Closing the loop' });
    expect(draft.body).toBe(
      'Hi Tom,\n\nI know how busy things get, so this is my last note for now. ' +
        "If a short conversation ever suits you later, I'd still value your advice.\n\n" +
        'Thank you, and all the best at Fabrikam.\nSam Rivera',
    );
    const policies = resolvePolicies({ outreach: { maxAttempts: 2, sequence: ['phone'], maxPerChannel: { phone: 2 } } });
    const byLinkedIn = sams({
      contacts: [tom({ emails: [], profileUrl: 'https://www.linkedin.com/in/tom' })],
      outreaches: [{ ...tomsOutreach(4), attempts: tomsOutreach(4).attempts.filter((a) => a.channel === 'phone') }],
    });
    expect(draftFor(byLinkedIn, 'outreach.move-on', 'tom', { policies }).draft).toMatchObject({ channel: 'linkedin', to: 'https://www.linkedin.com/in/tom' });
    const nowhere = sams({
      contacts: [tom({ emails: [] })],
      outreaches: [{ ...tomsOutreach(4), attempts: tomsOutreach(4).attempts.filter((a) => a.channel === 'phone') }],
    });
    const note = draftFor(nowhere, 'outreach.move-on', 'tom', { policies }).draft;
    expect(note.channel).toBe('email');
    expect(note).not.toHaveProperty('to');
    expect(note).not.toHaveProperty('mailto');
  });
});

describe('warm introductions and a second person (3B7)', () => {
  it('asks the mutual contact for an introduction, by email to them', () => {
    const network = sams({
      contacts: [
        person('priya', 'Priya Shah', { tie: 'alumni', emails: ['priya.shah@fabrikam.example'] }),
        person('hugo', 'Hugo Bell', { organizationId: 'northwind', mutualContacts: ['priya'] }),
      ],
      outreaches: [{ id: 'o-hugo', contactId: 'hugo', startedAt: '2026-08-21T09:00:00-04:00' }],
    });
    const { draft } = draftFor(network, 'outreach.ask-introduction', 'hugo');
    expect(draft).toMatchObject({ template: 'ask-introduction', channel: 'email', recipientId: 'priya', to: 'priya.shah@fabrikam.example' });
    expect(draft.subject).toBe('Would you introduce me to Hugo Bell?');
    expect(draft.body).toContain('Hi Priya,');
    expect(draft.body).toContain('would value the advice of Hugo Bell at Northwind Health. I understand you know each other.');
    expect(draft.reason).toBe('Ask Priya Shah to introduce you to Hugo Bell: a warm introduction beats a cold email.');
  });

  it('writes a first email to a colleague at the same organization, or says how to find one', () => {
    const records = {
      contacts: [
        person('cleo', 'Cleo Park', { organizationId: 'northwind' }),
        person('dev', 'Dev Shah', { organizationId: 'northwind', tie: 'alumni' }),
      ],
      outreaches: [{ id: 'o-cleo', contactId: 'cleo', startedAt: '2026-08-17T09:00:00-04:00', attempts: [{ channel: 'email' as const, at: '2026-08-17T09:30:00-04:00' }] }],
    };
    const { draft } = draftFor(sams(records), 'outreach.second-contact', 'cleo');
    expect(draft).toMatchObject({ template: 'first-email', recipientId: 'dev', to: 'dev@example.org', wordLimit: 75 });
    expect(draft.body).toMatch(/^Hi Dev,\n\nI found you through our alumni network and saw that you work at Northwind Health\./);
    expect(draft.reason).toMatch(/^No reply yet from Cleo Park: a first email to Dev Shah \(tie: alumni\), a second person at Northwind Health; \d+ words/);

    const alone = sams({ ...records, contacts: [records.contacts[0]!] });
    const guidance = draftFor(alone, 'outreach.second-contact', 'cleo').draft;
    expect(guidance).toMatchObject({ template: 'find-second-contact', channel: 'guidance' });
    expect(guidance).not.toHaveProperty('to');
    expect(guidance.body).toMatch(/^No reply yet from Cleo Park\. Rather than wait, reach a second person at Northwind Health\./);
  });
});

describe('the meeting: prepare, then thank', () => {
  const ken = person('ken', 'Ken Ito', { tie: 'alumni', organizationId: 'fabrikam' });

  it('the preparation checklist holds the six questions with the answers so far', () => {
    const network = sams({
      contacts: [ken],
      meetings: [
        {
          id: 'm-ken',
          contactId: 'ken',
          startAt: '2026-08-26T08:30:00-04:00',
          preparation: { answers: { 'know-the-company': 'Payments for small shops.', 'what-it-stands-for': '  ' }, questionsToAsk: ['How did you start here?'] },
        },
      ],
    });
    const { draft } = draftFor(network, 'meeting.prepare', 'ken');
    expect(draft).toMatchObject({ template: 'prepare', channel: 'checklist', subject: 'Prepare for the coffee with Ken Ito on Wednesday, August 26' });
    expect(draft).not.toHaveProperty('to');
    expect(draft.body).toContain(
      '[x] Do I know the company? Payments for small shops.\n' +
        '[ ] What does it stand for? (still open)\n' +
        '[ ] Why am I interested in it? (still open)\n' +
        '[ ] What do I know about this person? (still open)\n' +
        '[ ] What do I want from this conversation? (still open)\n' +
        '[ ] What are the right next steps? (still open)\n\n' +
        'Questions to ask:\n- How did you start here?\n\n',
    );
    expect(draft.body).toMatch(/^Before the coffee with Ken Ito \(Fabrikam\) on Wednesday, August 26 at 8:30\sAM, know the answers to six questions:/);
    expect(draft.body).toContain('keep to 20 minutes, listen more than you talk, take brief notes, and ask who else you should speak with.');
    expect(draft.reason).toContain('(5 still open)');
  });

  it('the thank-you names the meeting and a point from the notes, asks who else to talk to, and says when it is due', () => {
    const network = sams({
      contacts: [person('priya', 'Priya Shah', { tie: 'alumni', organizationId: 'fabrikam' })],
      meetings: [
        { id: 'm-priya', contactId: 'priya', status: 'held', startAt: '2026-08-21T08:30:00-04:00', notes: ['', 'Fabrikam values ops experience\nand hires in spring', 'Ken leads payments'] },
      ],
    });
    const { action, draft } = draftFor(network, 'thank-you.send', 'priya', {}, new Date('2026-08-21T10:00:00-04:00'));
    expect(draft).toMatchObject({ template: 'thank-you', channel: 'email', to: 'priya@example.org', subject: 'Thank you for the coffee on Friday, August 21' });
    expect(draft.body).toBe(
      'Hi Priya,\n\nThank you for the coffee on Friday, August 21 and for your advice about Fabrikam.\n\n' +
        'What stayed with me: Fabrikam values ops experience\n\n' +
        "Is there someone else you think I should talk to? I'd be grateful for an introduction.\n\n" +
        'Thank you again,\nSam Rivera',
    );
    // Within the deadline: 24 hours after the 20-minute coffee ends.
    expect(draft.sendBy).toEqual(new Date('2026-08-22T08:50:00-04:00'));
    expect(draft.sendBy).toEqual(action.dueAt);
    expect(draft.reason).toBe(
      'Thank-you to Priya Shah for the coffee: it names the meeting and a point from your notes and asks who else to talk to, since no introduction was offered; ' +
        'send it by Sat 2026-08-22 08:50 (America/New_York), within 24 hours of the meeting.',
    );
  });

  it('after an introduction was offered, the thank-you thanks for it instead of asking', () => {
    const network = sams({
      contacts: [person('priya', 'Priya Shah', { tie: 'alumni' }), ken],
      meetings: [{ id: 'm-priya', contactId: 'priya', status: 'held', startAt: '2026-08-21T08:30:00-04:00', format: 'video' }],
      referrals: [{ id: 'r1', introducerId: 'priya', kind: 'introduction-made', contactId: 'ken', meetingId: 'm-priya', offeredAt: '2026-08-21T08:45:00-04:00' }],
    });
    const { draft } = draftFor(network, 'thank-you.send', 'priya', {}, new Date('2026-08-21T10:00:00-04:00'));
    expect(draft.body).toBe(
      'Hi Priya,\n\nThank you for the video call on Friday, August 21 and for your advice. Thank you also for offering to connect me with Ken Ito.\n\n' +
        'Thank you again,\nSam Rivera',
    );
  });
});

describe('keeping in touch', () => {
  const met = {
    contacts: [person('fay', 'Fay Lin', { tie: 'colleague', organizationId: 'northwind' })],
    meetings: [{ id: 'm-fay', contactId: 'fay', status: 'held' as const, startAt: '2026-05-12T10:00:00-04:00', notes: ['Rural pilots need clinic experience'] }],
    thankYous: [{ id: 't-fay', meetingId: 'm-fay', contactId: 'fay', sentAt: '2026-05-12T18:00:00-04:00' }],
  };

  it('while searching: an update and an offer to help in return', () => {
    const { draft } = draftFor(sams(met), 'check-in.send', 'fay');
    expect(draft).toMatchObject({ template: 'check-in-searching', channel: 'email', subject: 'A quick update' });
    expect(draft.body).toBe(
      "Hi Fay,\n\nI hope you're well. A quick update from my search: your advice when we spoke on Tuesday, May 12 is still helping me.\n\n" +
        'I keep coming back to this from our conversation: Rural pilots need clinic experience\n\n' +
        'Is there anything I can send your way or help with in return?\n\nBest,\nSam Rivera',
    );
    const withNews = draftFor(sams(met), 'check-in.send', 'fay', { news: 'I have a second interview at Northwind next week.' }).draft;
    expect(withNews.body).toContain("I hope you're well. Some news: I have a second interview at Northwind next week.");
  });

  it('once employed: the news of the new role, and a coffee', () => {
    const network = sams({
      ...met,
      workspace: { phase: { kind: 'employed', since: '2026-06-01T09:00:00-04:00' } },
      outcomes: [
        { id: 'offer', kind: 'offer', organizationId: 'fabrikam', contactIds: ['fay'], at: '2026-05-20T09:00:00-04:00' },
        { id: 'hire', kind: 'hire', organizationId: 'northwind', contactIds: ['fay'], at: '2026-05-25T09:00:00-04:00' },
      ],
    });
    const { draft } = draftFor(network, 'check-in.send', 'fay');
    expect(draft.template).toBe('check-in-employed');
    expect(draft.body).toContain("Some news: I've started a new role at Northwind Health, and our conversation on Tuesday, May 12 helped me get there.");
    expect(ask(draft.body)).toMatch(/Would you have time for a coffee in the coming weeks\?$/);
  });

  it('follows up on a promised introduction, naming the person', () => {
    const network = sams({
      contacts: [person('priya', 'Priya Shah', { tie: 'alumni' }), person('ken', 'Ken Ito', { organizationId: 'fabrikam' })],
      referrals: [{ id: 'r-ken', introducerId: 'priya', kind: 'name-suggested', contactId: 'ken', offeredAt: '2026-08-12T12:00:00-04:00' }],
    });
    const { draft } = draftFor(network, 'referral.follow-up', 'priya');
    expect(draft).toMatchObject({ template: 'referral-follow-up', channel: 'email', to: 'priya@example.org', subject: 'A gentle follow-up' });
    expect(draft.body).toBe(
      'Hi Priya,\n\nThank you again for suggesting I speak with Ken Ito. I know how busy things get, so this is just a gentle follow-up.\n\n' +
        'Would it help if I sent a short note about me that you could forward?\n\nThank you,\nSam Rivera',
    );
    const toHr = sams({
      contacts: [person('dana', 'Dana Kim')],
      referrals: [{ id: 'r-hr', introducerId: 'dana', kind: 'recommended-to-hr', organizationId: 'northwind', offeredAt: '2026-08-12T12:00:00-04:00' }],
    });
    expect(draftFor(toHr, 'referral.follow-up', 'dana').draft.body).toContain('Thank you again for offering to recommend me to HR at Northwind Health.');
  });
});

describe('in another language', () => {
  it('the French set writes the message and its dates in French', () => {
    const network = sams({
      contacts: [person('lena', 'Lena Ortiz', { tie: 'event', organizationId: 'northwind' })],
      outreaches: [{ id: 'o-lena', contactId: 'lena', startedAt: '2026-08-03T07:00:00-04:00', attempts: [{ channel: 'email', at: '2026-08-03T10:00:00-04:00' }] }],
    });
    const { draft } = draftFor(network, 'outreach.attempt', 'lena', { templates: FRENCH_DRAFTS }, new Date('2026-08-12T08:00:00-04:00'));
    expect(draft.subject).toBe('Re : Une question sur votre travail chez Northwind Health');
    expect(draft.body).toContain('lundi 3 août');
    expect(draft.body).toMatch(/^Bonjour Lena,/);
  });
});

describe('what it refuses', () => {
  const network = sams({ contacts: [person('lena', 'Lena Ortiz')], outreaches: [{ id: 'o-lena', contactId: 'lena', startedAt: '2026-08-21T09:00:00-04:00' }] });
  const action = agenda(network, { now: MONDAY })[0]!;

  it('an action whose records are not in the network, or that is no agenda action', () => {
    expect(() => draftMessage({ ...action, contactId: 'nobody' }, network)).toThrow(NotFoundError);
    expect(() => draftMessage({ ...action, outreachId: 'gone' }, network)).toThrow('outreach "gone" not found');
    expect(() => draftMessage({ ...action, kind: 'lunch' as AgendaActionKind }, network)).toThrow(ValidationError);
    expect(() => draftMessage(action, network, { signature: 42 as unknown as string })).toThrow('invalid draft options: signature: not a text');
  });
});

describe('mailtoLink', () => {
  it('percent-encodes as RFC 6068 asks: spaces as %20, line breaks as %0D%0A, reserved characters in the address', () => {
    expect(mailtoLink('a+b&c@example.org', 'Hi & bye?', 'One\ntwo\r\nthree 100%')).toBe(
      'mailto:a%2Bb%26c@example.org?subject=Hi%20%26%20bye%3F&body=One%0D%0Atwo%0D%0Athree%20100%25',
    );
    expect(mailtoLink('x@example.org')).toBe('mailto:x@example.org');
  });
});

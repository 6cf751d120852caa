import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICIES,
  MeetingSchema,
  OutreachSchema,
  resolvePolicies,
  secondContactView,
  suggestSecondContact,
  type Contact,
  type Meeting,
  type Outreach,
  type OutreachInput,
  type SecondContactSuggestion,
} from '../../src/index.js';
import { at, dana, harborlight, newYork, outreachToDana, person } from './outreachFixtures.js';

const policy = DEFAULT_POLICIES.outreach;

// Dana works at Harborlight Media with Eli and Ava; Omar is at another company.
const contacts: Contact[] = [
  dana(),
  person('eli', { organizationId: 'harborlight' }),
  person('ava', { organizationId: 'harborlight' }),
  person('omar', { organizationId: 'northwind' }),
  person('priya'),
];
const organizations = [harborlight()];

const emailedMondayMorning = (overrides: Partial<OutreachInput> = {}): Outreach =>
  outreachToDana({ attempts: [{ channel: 'email', at: '2026-03-02T10:15:00-05:00' }], ...overrides });

function suggestionFor(
  outreach: Outreach,
  records: { outreaches?: Outreach[]; meetings?: Meeting[] } = {},
): SecondContactSuggestion | undefined {
  const view = secondContactView(dana(), {
    contacts,
    organizations,
    outreaches: [outreach, ...(records.outreaches ?? [])],
    meetings: records.meetings ?? [],
  });
  return suggestSecondContact(outreach, view, policy, newYork());
}

describe('suggestSecondContact (the 3B of 3B7)', () => {
  it('suggests Dana’s colleagues 3 business days after the first email', () => {
    const suggestion = suggestionFor(emailedMondayMorning());
    expect(suggestion).toMatchObject({
      kind: 'second-contact',
      organizationId: 'harborlight',
      candidates: ['ava', 'eli'],
      rule: 'outreach.second-contact',
    });
    // Mon 2 March counts: 3, 4, 5 March.
    expect(suggestion?.dueAt).toEqual(at('2026-03-05T00:00:00-05:00'));
    expect(suggestion?.reason).toContain('3 business days after the first email');
    expect(suggestion?.reason).toContain('Harborlight Media (2 known)');
  });

  it('counts an afternoon first attempt from the next business day', () => {
    const suggestion = suggestionFor(
      outreachToDana({ attempts: [{ channel: 'phone', at: '2026-03-02T13:00:00-05:00' }] }),
    );
    // Counted from Tue 3 March: 4, 5, 6.
    expect(suggestion?.dueAt).toEqual(at('2026-03-06T00:00:00-05:00'));
    expect(suggestion?.reason).toContain('first call');
  });

  it('counts from the first direct attempt, not from later ones or introduction requests', () => {
    const suggestion = suggestionFor(
      outreachToDana({
        attempts: [
          { channel: 'phone', at: '2026-03-11T10:00:00-04:00' },
          { channel: 'email', at: '2026-03-02T10:15:00-05:00' },
          { channel: 'introduction-request', at: '2026-02-26T10:00:00-05:00' },
        ],
      }),
    );
    expect(suggestion?.dueAt).toEqual(at('2026-03-05T00:00:00-05:00'));
  });

  it('follows the policy’s number of business days', () => {
    const fiveDays = resolvePolicies({ outreach: { secondContactAfterBusinessDays: 5 } }).outreach;
    const outreach = emailedMondayMorning();
    const view = secondContactView(dana(), { contacts, organizations, outreaches: [outreach] });
    const suggestion = suggestSecondContact(outreach, view, fiveDays, newYork());
    // Mon 2 March counts: 3, 4, 5, 6, 9 March (summer time began on the 8th).
    expect(suggestion?.dueAt).toEqual(at('2026-03-09T00:00:00-04:00'));
    expect(suggestion?.reason).toContain('5 business days');
  });

  it('asks the seeker to find someone when no colleague is known', () => {
    const alone = dana({ organizationId: 'quietco' });
    const outreach = emailedMondayMorning();
    const view = secondContactView(alone, { contacts: [alone, ...contacts.slice(1)], outreaches: [outreach] });
    const suggestion = suggestSecondContact(outreach, view, policy, newYork());
    expect(suggestion?.candidates).toEqual([]);
    expect(suggestion?.reason).toContain('find a second person to reach at the same organization');
  });

  it('suggests nothing once a colleague is being reached', () => {
    const toEli = OutreachSchema.parse({ id: 'to-eli', contactId: 'eli', startedAt: '2026-03-03T09:00:00-05:00' });
    expect(suggestionFor(emailedMondayMorning(), { outreaches: [toEli] })).toBeUndefined();
  });

  it('suggests nothing once a meeting with a colleague is on the calendar', () => {
    const withAva = MeetingSchema.parse({ id: 'coffee-ava', contactId: 'ava', startAt: '2026-03-06T08:30:00-05:00' });
    expect(suggestionFor(emailedMondayMorning(), { meetings: [withAva] })).toBeUndefined();
  });

  it('suggests nothing before the first direct attempt', () => {
    expect(suggestionFor(outreachToDana())).toBeUndefined();
    expect(
      suggestionFor(outreachToDana({ attempts: [{ channel: 'introduction-request', at: '2026-03-02T10:00:00-05:00' }] })),
    ).toBeUndefined();
  });

  it('suggests nothing once the outreach has ended', () => {
    const replied = emailedMondayMorning({ reply: { at: '2026-03-03T09:00:00-05:00', channel: 'email', answer: 'accepted' } });
    const declined = emailedMondayMorning({ reply: { at: '2026-03-03T09:00:00-05:00', channel: 'email', answer: 'declined' } });
    const withdrawn = emailedMondayMorning({ withdrawnAt: '2026-03-03T09:00:00-05:00' });
    const exhausted = outreachToDana({
      attempts: [
        { channel: 'email', at: '2026-03-02T10:00:00-05:00' },
        { channel: 'phone', at: '2026-03-11T10:00:00-04:00' },
        { channel: 'email', at: '2026-03-20T10:00:00-04:00' },
        { channel: 'phone', at: '2026-03-31T10:00:00-04:00' },
        { channel: 'email', at: '2026-04-09T10:00:00-04:00' },
      ],
    });
    for (const ended of [replied, declined, withdrawn, exhausted]) expect(suggestionFor(ended)).toBeUndefined();
  });

  it('suggests nothing for a contact with no organization', () => {
    const freelance = person('dana', { name: 'Dana Whitfield' });
    const outreach = emailedMondayMorning();
    const view = secondContactView(freelance, { contacts, outreaches: [outreach] });
    expect(suggestSecondContact(outreach, view, policy, newYork())).toBeUndefined();
  });
});

describe('secondContactView', () => {
  it('lists the colleagues nobody has reached yet, sorted by id, and counts the rest', () => {
    const toEli = OutreachSchema.parse({ id: 'to-eli', contactId: 'eli', startedAt: '2026-03-03T09:00:00-05:00' });
    const view = secondContactView(dana(), {
      contacts: [...contacts, person('zoe', { organizationId: 'harborlight' }), person('ben', { organizationId: 'harborlight' })],
      organizations,
      outreaches: [emailedMondayMorning(), toEli],
    });
    expect(view.contact.id).toBe('dana');
    expect(view.organization?.name).toBe('Harborlight Media');
    expect(view.candidates).toEqual(['ava', 'ben', 'zoe']);
    expect(view.colleaguesReached).toBe(1);
  });

  it('counts a colleague met but never written to as reached', () => {
    const withAva = MeetingSchema.parse({ id: 'coffee-ava', contactId: 'ava', startAt: '2026-03-06T08:30:00-05:00' });
    const view = secondContactView(dana(), { contacts, outreaches: [], meetings: [withAva] });
    expect(view.candidates).toEqual(['eli']);
    expect(view.colleaguesReached).toBe(1);
  });

  it('leaves the organization out when it is not among the records', () => {
    const view = secondContactView(dana(), { contacts, outreaches: [] });
    expect('organization' in view).toBe(false);
    expect(view.candidates).toEqual(['ava', 'eli']);
    expect(view.colleaguesReached).toBe(0);
  });

  it('has no colleagues for a contact without an organization', () => {
    const view = secondContactView(person('priya'), { contacts, organizations, outreaches: [] });
    expect(view.candidates).toEqual([]);
    expect(view.colleaguesReached).toBe(0);
  });
});

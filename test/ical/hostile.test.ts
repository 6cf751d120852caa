// toICalendar answers actions that are not agenda actions with ValidationError, and
// bounds the text it escapes.
import { describe, expect, it } from 'vitest';
import { MAX_ACTION_TEXT, toICalendar } from '../../src/ical/index.js';
import { ValidationError, type AgendaAction } from '../../src/index.js';

const action: AgendaAction = {
  id: 'outreach-o1-attempt-2',
  kind: 'outreach.attempt',
  rule: 'outreach.retry',
  title: 'Email Lena Ortiz (attempt 2 of 5)',
  reason: 'No reply from Lena Ortiz 7 business days after attempt 1 (email).',
  dueAt: new Date('2025-03-10T04:00:00Z'),
  overdueAt: new Date('2025-03-11T04:00:00Z'),
  overdue: false,
  contactId: 'lena',
};
const options = { timeZone: 'America/New_York', stamp: new Date('2025-03-03T14:00:00Z') };

function refusal(actions: unknown, calendarOptions: unknown = options): ValidationError {
  let caught: unknown;
  try {
    toICalendar(actions as AgendaAction[], calendarOptions as typeof options);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  return caught as ValidationError;
}

describe('toICalendar with actions that are not agenda actions', () => {
  it('a kind that does not exist', () => {
    expect(refusal([{ ...action, kind: 'bogus' }]).issues).toContainEqual({ path: 'actions[0].kind', message: 'not a kind of agenda action' });
  });

  it('a five-million-character title is refused before any escaping', { timeout: 15_000 }, () => {
    const error = refusal([{ ...action, title: 'x'.repeat(5_000_000) }]);
    expect(error.issues).toEqual([{ path: 'actions[0].title', message: `longer than ${MAX_ACTION_TEXT.title} characters` }]);
  });

  it('not a list, a null action, missing fields, no options', () => {
    expect(refusal('actions').issues[0]?.path).toBe('actions');
    expect(refusal([null]).issues[0]?.path).toBe('actions[0]');
    expect(refusal([{ id: 'a' }]).issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['actions[0].kind', 'actions[0].title', 'actions[0].reason', 'actions[0].dueAt']),
    );
    expect(refusal([action], null).issues[0]?.path).toBe('options');
    expect(refusal([action], { ...options, reminders: 'x'.repeat(100_000) }).issues).toEqual([
      { path: 'reminders', message: 'not an object of action kinds' },
    ]);
  });

  it('a well-formed action still exports', () => {
    expect(toICalendar([action], options)).toContain('UID:outreach-o1-attempt-2@reachout');
  });
});

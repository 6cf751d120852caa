// A draft in the calendar: with `drafts`, each event's DESCRIPTION ends with the subject
// and first lines of what to say; without it, the calendar is the golden one, byte for byte.
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { ValidationError, agenda, draftMessage, type AgendaAction } from '../../src/index.js';
import { DRAFT_PREVIEW_LINES, agendaToICalendar, toICalendar } from '../../src/ical/index.js';
import { NOW, STAMP, WEEK, fixtureNetwork, goldenCalendars } from './fixture.js';

const descriptions = (calendar: string): Map<string, string> =>
  new Map(
    new ICAL.Component(ICAL.parse(calendar))
      .getAllSubcomponents('vevent')
      .map((event) => [String(event.getFirstPropertyValue('uid')), String(event.getFirstPropertyValue('description'))]),
  );

describe('drafts in the calendar', () => {
  const network = fixtureNetwork();
  const actions = agenda(network, { ...WEEK, now: NOW });

  it('ends each description with the draft: its subject and first lines, "…" when there is more', () => {
    const calendar = agendaToICalendar(network, { ...WEEK, now: NOW, stamp: STAMP, drafts: (action) => draftMessage(action, network) });
    const thanks = descriptions(calendar).get('meeting-m-dana-thank-you@reachout')!;
    const draft = draftMessage(actions.find((a) => a.id === 'meeting-m-dana-thank-you')!, network);
    const lines = draft.body.split('\n');
    expect(lines.length).toBeGreaterThan(DRAFT_PREVIEW_LINES);
    expect(thanks).toMatch(/\nPhone: \+1 \(646\) 555-0199, \+1 212 555 0142\n\nDraft:\n/);
    expect(thanks.endsWith(['Draft:', `Subject: ${draft.subject}`, ...lines.slice(0, DRAFT_PREVIEW_LINES), '…'].join('\n'))).toBe(true);
    expect(thanks).toContain('Subject: Thank you for the coffee on Friday, March 7\nHi Dana,\n\nThank you for the coffee on Friday, March 7');
    // A short draft is shown whole; every event has one.
    expect([...descriptions(calendar).values()].every((d) => d.includes('\n\nDraft:\n'))).toBe(true);
  });

  it('takes plain text too, and leaves out what the callback has no draft for', () => {
    const calendar = toICalendar(actions, {
      timeZone: network.workspace.timeZone,
      stamp: STAMP,
      drafts: (action: AgendaAction) => (action.kind === 'meeting.prepare' ? 'Read their last talk.\nList three questions.' : undefined),
    });
    const byUid = descriptions(calendar);
    expect(byUid.get('meeting-m-eli-prepare@reachout')!.endsWith('\n\nDraft:\nRead their last talk.\nList three questions.')).toBe(true);
    expect(byUid.get('outreach-o-ana-attempt-2@reachout')).not.toContain('Draft:');
  });

  it('is off unless asked: the golden calendar stays byte for byte the same', () => {
    expect(agendaToICalendar(network, { ...WEEK, now: NOW, stamp: STAMP, drafts: () => undefined })).toBe(goldenCalendars()['week.ics']);
  });

  it('refuses a drafts option that is no function, and a draft that is no text', () => {
    const options = { timeZone: 'America/New_York', stamp: STAMP };
    expect(() => toICalendar(actions, { ...options, drafts: 'yes' as never })).toThrow('invalid calendar export: drafts: not a function of an action');
    const bad = () => toICalendar(actions, { ...options, drafts: () => ({ body: 42 }) as never });
    expect(bad).toThrow(ValidationError);
    expect(bad).toThrow('drafts(actions[0]): not a text or { subject?, body }');
  });
});

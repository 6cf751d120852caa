// Exporting the agenda to a calendar: one event per action, UIDs from the actions'
// stable ids (a second import updates events instead of copying them), DTSTAMP from
// the clock. Day actions (here the second attempt) are all-day events on their date in
// the seeker's zone with a reminder at 08:30 there; the thank-you is a timed event at
// its deadline. The output is the same whatever the process's TZ.
import { agenda, parseNetwork, resolvePolicies } from 'reachout';
import { toICalendar } from 'reachout/ical';

const network = parseNetwork({
  workspace: { id: 'sam', name: 'Sam Rivera', timeZone: 'America/New_York', createdAt: '2026-10-01T09:00:00-04:00' },
  contacts: [
    { id: 'lena', name: 'Lena Ortiz', tie: 'event', emails: ['lena@example.org'], phones: ['+1 617 555 0142'], createdAt: '2026-10-01T09:00:00-04:00' },
  ],
  outreaches: [
    { id: 'to-lena', contactId: 'lena', startedAt: '2026-11-16T09:00:00-05:00', attempts: [{ channel: 'email', at: '2026-11-16T09:30:00-05:00' }] },
  ],
  meetings: [{ id: 'coffee', contactId: 'lena', status: 'held', startAt: '2026-11-23T08:30:00-05:00' }],
});

const now = new Date('2026-11-23T14:00:00Z');
const actions = agenda(network, { from: now, to: new Date('2026-11-30T05:00:00Z'), policies: resolvePolicies(), now });
const calendar = toICalendar(actions, {
  timeZone: network.workspace.timeZone,
  stamp: now,
  contacts: network.contacts,
  name: 'Informational interviews',
  reminderTime: '08:30',
  reminders: { 'thank-you.send': { minutesBefore: 3 * 60 } },
});
console.log(calendar);

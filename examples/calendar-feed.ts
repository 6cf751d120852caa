// A calendar feed a seeker subscribes to: one URL per workspace with a secret token in
// the path, served by Node's http through toNodeListener. The same `feed` handler is a
// Next.js route handler (`export const GET = feed`) or a Hono route (`(c) => feed(c.req.raw)`).
// This starts the server on 127.0.0.1, fetches the feed once as a calendar app would,
// prints what came back, and stops.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPlaybook, fixedClock } from 'reachout';
import { createMemoryStore } from 'reachout/adapters/memory';
import { calendarFeedPath, createCalendarFeed, newFeedToken, toNodeListener } from 'reachout/ical';

const clock = fixedClock('2026-11-23T14:00:00Z');
const playbook = createPlaybook({ store: createMemoryStore(), clock });
const sam = await playbook.createWorkspace({ id: 'sam', name: 'Sam Rivera', timeZone: 'America/New_York' });
const seeker = playbook.workspace(sam.id);
const lena = await seeker.addContact({ id: 'lena', name: 'Lena Ortiz', tie: 'event', emails: ['lena@example.org'] });
const outreach = await seeker.startOutreach({ id: 'to-lena', contactId: lena.id, startedAt: new Date('2026-11-09T14:00:00Z') });
await seeker.recordAttempt(outreach.id, { channel: 'email', at: new Date('2026-11-09T14:30:00Z') });

// An app keeps one token per workspace (and can replace it to revoke the old URL).
const tokens = new Map([[sam.id, newFeedToken()]]);
const feed = createCalendarFeed({
  playbook,
  tokens: (workspaceId) => tokens.get(workspaceId),
  basePath: '/calendar',
  window: { days: 30 },
});

const server = createServer(toNodeListener(feed));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
try {
  const { port } = server.address() as AddressInfo;
  const path = calendarFeedPath(sam.id, tokens.get(sam.id)!, '/calendar');
  // What to give the seeker: their calendar app subscribes to this URL and polls it.
  console.log(`Subscribe: webcal://127.0.0.1:${port}${path}`);

  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  console.log(`${response.status} ${response.headers.get('content-type')}, ETag ${response.headers.get('etag')}`);
  const body = await response.text();
  console.log(body.split('\r\n').slice(0, 16).join('\n'));

  // A calendar app polling again with the ETag gets 304 until the agenda changes.
  const again = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'If-None-Match': response.headers.get('etag')! } });
  console.log(`Polling again: ${again.status}`);
  const wrong = await fetch(`http://127.0.0.1:${port}${calendarFeedPath(sam.id, newFeedToken(), '/calendar')}`);
  console.log(`A guessed token: ${wrong.status}`);
} finally {
  server.closeAllConnections();
  server.close();
}

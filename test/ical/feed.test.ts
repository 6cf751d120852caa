// The calendar feed as a calendar app meets it: a real Node HTTP server on 127.0.0.1,
// subscribed to with a real `fetch`, answers read by ical.js.
import { execFile } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError, createPlaybook, manualClock, type Playbook } from '../../src/index.js';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import {
  DEFAULT_FEED_DAYS,
  calendarFeedPath,
  createCalendarFeed,
  newFeedToken,
  toNodeListener,
  type CalendarFeedOptions,
} from '../../src/ical/index.js';

const clock = manualClock('2025-03-10T13:00:00Z');
const TOKENS = new Map([
  ['w-sam', newFeedToken()],
  ['w-lee', newFeedToken()],
  // A token for a workspace the store does not hold (deleted, say).
  ['w-gone', newFeedToken()],
]);
const SAM = TOKENS.get('w-sam')!;
const LEE = TOKENS.get('w-lee')!;
let tokenLookups = 0;
const tokens = (workspaceId: string) => {
  tokenLookups++;
  return Promise.resolve(TOKENS.get(workspaceId));
};

let playbook: Playbook;
let outreachId: string;
let server: Server;
let origin: string;
const errors: unknown[] = [];

async function listen(options: Partial<CalendarFeedOptions> = {}): Promise<{ server: Server; origin: string }> {
  const feed = createCalendarFeed({ playbook, tokens, clock, ...options });
  const started = createServer(toNodeListener(feed, { onError: (error) => errors.push(error) }));
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  return { server: started, origin: `http://127.0.0.1:${(started.address() as AddressInfo).port}` };
}

async function close(closing: Server): Promise<void> {
  closing.closeAllConnections();
  await new Promise((resolve) => closing.close(resolve));
}

/** A request sent byte for byte as given (fetch would normalize `..` and encode the path). */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const { port } = server.address() as AddressInfo;
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

const url = (workspaceId: string, token: string) => `${origin}${calendarFeedPath(workspaceId, token)}`;

beforeAll(async () => {
  playbook = createPlaybook({ store: createMemoryStore(), clock });
  await playbook.createWorkspace({ id: 'w-sam', name: 'Sam Seeker', timeZone: 'America/New_York' });
  await playbook.createWorkspace({ id: 'w-lee', name: 'Lee Seeker', timeZone: 'Europe/Berlin' });
  await playbook.createWorkspace({ id: 'w-nobody', name: 'No Token', timeZone: 'UTC' });
  const sam = playbook.workspace('w-sam');
  await sam.addContact({ id: 'ana', name: 'Ana Ruiz', tie: 'alumni', emails: ['ana@example.com'] });
  const outreach = await sam.startOutreach({ contactId: 'ana', startedAt: new Date('2025-02-27T14:00:00Z') });
  await sam.recordAttempt(outreach.id, { channel: 'email', at: new Date('2025-02-27T15:00:00Z') });
  outreachId = outreach.id;
  ({ server, origin } = await listen());
});

afterAll(async () => {
  await close(server);
});

describe('a calendar app subscribing to the feed', () => {
  it('gets 200, text/calendar, a private cache lifetime, an ETag, and a calendar ical.js reads', async () => {
    const response = await fetch(url('w-sam', SAM));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    expect(response.headers.get('etag')).toMatch(/^W\/"[0-9a-f]{64}"$/);
    const body = await response.text();
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(body));

    const calendar = new ICAL.Component(ICAL.parse(body));
    const now = clock.now();
    const expected = await playbook.workspace('w-sam').agenda({ from: now, to: new Date(now.getTime() + DEFAULT_FEED_DAYS * 86_400_000) });
    expect(expected.length).toBeGreaterThan(0);
    const events = calendar.getAllSubcomponents('vevent');
    expect(events.map((e) => e.getFirstPropertyValue('uid'))).toEqual(expected.map((a) => `${a.id}@reachout`));
    // DTSTAMP is the playbook's clock, not the machine's.
    expect(String(events[0]!.getFirstPropertyValue('dtstamp'))).toBe('2025-03-10T13:00:00Z');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('reachout: Sam Seeker');
  });

  it('answers 304 to If-None-Match with the current ETag, also once DTSTAMP has moved on', async () => {
    const first = await fetch(url('w-sam', SAM));
    const etag = first.headers.get('etag')!;
    await first.text();
    clock.advance({ minutes: 5 });
    const again = await fetch(url('w-sam', SAM), { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('private, max-age=300');
    expect(await again.text()).toBe('');
    // Any of several tags, weak or strong, matches; another tag does not.
    const listed = await fetch(url('w-sam', SAM), { headers: { 'If-None-Match': `"nope", ${etag.slice(2)}` } });
    expect(listed.status).toBe(304);
    const other = await fetch(url('w-sam', SAM), { headers: { 'If-None-Match': 'W/"0000"' } });
    expect(other.status).toBe(200);
    await other.text();
  });

  it('gives a new ETag and the new calendar once the agenda changes', async () => {
    const before = await fetch(url('w-sam', SAM));
    const etag = before.headers.get('etag')!;
    const oldBody = await before.text();
    await playbook.workspace('w-sam').recordReply(outreachId, { answer: 'accepted', at: clock.now() });

    const after = await fetch(url('w-sam', SAM), { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const body = await after.text();
    expect(body).not.toBe(oldBody);
    expect(new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent')).toHaveLength(0);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await fetch(url('w-sam', SAM));
    const body = await get.text();
    const head = await fetch(url('w-sam', SAM), { method: 'HEAD' });
    expect(head.status).toBe(200);
    for (const name of ['content-type', 'cache-control', 'etag', 'content-length']) {
      expect(head.headers.get(name), name).toBe(get.headers.get(name));
    }
    expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(body));
    expect(await head.text()).toBe('');
  });

  it('serves each workspace its own agenda, under its own token', async () => {
    const response = await fetch(url('w-lee', LEE));
    expect(response.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Berlin');
  });
});

describe('the feed tells a stranger nothing', () => {
  it('answers the same 404 for a wrong token, another workspace\'s token, a workspace without a token and an unknown or deleted workspace', async () => {
    const misses = [
      url('w-sam', newFeedToken()), // wrong token, same length
      url('w-sam', `${SAM}x`), // one character more
      url('w-sam', SAM.slice(0, -1)), // one character less
      url('w-sam', LEE), // another workspace's token
      url('w-nobody', SAM), // a workspace without a token
      url('w-ghost', SAM), // no such workspace
      url('w-gone', TOKENS.get('w-gone')!), // a valid token, but the store has no such workspace
    ];
    const seen = new Set<string>();
    for (const miss of misses) {
      const lookups = tokenLookups;
      const response = await fetch(miss);
      const headers = ['content-type', 'cache-control', 'etag'].map((name) => `${name}=${response.headers.get(name)}`);
      seen.add(`${response.status} ${headers.join(' ')} ${await response.text()}`);
      // The same path every time: the token is looked up once, known workspace or not.
      expect(tokenLookups - lookups, miss).toBe(1);
    }
    expect([...seen]).toEqual(['404 content-type=text/plain; charset=utf-8 cache-control=no-store etag=null Not found\n']);
  });

  it('answers 405 with Allow to any method but GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const response = await fetch(url('w-sam', SAM), { method, ...(method === 'POST' ? { body: 'x' } : {}) });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      await response.text();
    }
  });

  it('answers garbage paths with 404 (400 for an unreadable URL), quickly and without looking up a token', async () => {
    const lookups = tokenLookups;
    const long = 'a'.repeat(8_000);
    const garbage = [
      `/${long}`,
      `/w-sam/${long}.ics`,
      `/w-sam/${SAM}`, // no .ics
      `/w-sam/${SAM}.ics/extra`,
      '/../../etc/passwd',
      `/w-sam/%2e%2e/${SAM}.ics`,
      `/w-sam/..%2f${SAM}.ics`,
      `/w%2Dsam/${SAM}.ics`, // percent-encoded "-": never decoded
      `/w-sam/${SAM}%2eics`,
      `//w-sam/${SAM}.ics`,
      `/w-sam//${SAM}.ics`,
      `/${'%'.repeat(2_000)}`,
      `/w-sam/${SAM}.ics.ics`,
    ];
    for (const path of garbage) {
      const { status, body, ms } = await raw(path);
      expect([path.slice(0, 40), status, body]).toEqual([path.slice(0, 40), 404, 'Not found\n']);
      expect(ms).toBeLessThan(1_000);
    }
    expect(tokenLookups).toBe(lookups);
    const unreadable = await raw(`/w-sam/${SAM}.ics`, { Host: 'not a host' });
    expect([unreadable.status, unreadable.body]).toEqual([400, 'Bad request\n']);
  });

  it('ignores the query string: a token there opens nothing, garbage there changes nothing', async () => {
    const inQuery = await raw(`/w-sam/feed.ics?token=${SAM}`);
    expect(inQuery.status).toBe(404);
    const noisy = await raw(`${calendarFeedPath('w-sam', SAM)}?${'x=%ZZ&'.repeat(1_000)}`);
    expect(noisy.status).toBe(200);
  });

  it('serves under a base path and nowhere else', async () => {
    const mounted = await listen({ basePath: '/calendar' });
    try {
      const at = (path: string) => fetch(`${mounted.origin}${path}`).then(async (r) => [r.status, await r.text()] as const);
      expect((await at(calendarFeedPath('w-sam', SAM, '/calendar')))[0]).toBe(200);
      expect((await at(calendarFeedPath('w-sam', SAM)))[0]).toBe(404);
      expect((await at(`/calendarx/w-sam/${SAM}.ics`))[0]).toBe(404);
    } finally {
      await close(mounted.server);
    }
  });
});

describe('the feed in other servers and on bad input', () => {
  it('is a plain WHATWG handler: a Request in, a Response out', async () => {
    const feed = createCalendarFeed({ playbook, tokens, clock, window: { days: 7 }, maxAgeSeconds: 60, calendar: { name: 'Sam, this week' } });
    const response = await feed(new Request(`https://app.example${calendarFeedPath('w-lee', LEE)}`));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, max-age=60');
    expect(await response.text()).toContain('\r\nX-WR-CALNAME:Sam\\, this week\r\n');
  });

  it('answers 500 when the token lookup fails, tells onError, and keeps serving', async () => {
    const failing = createCalendarFeed({ playbook, clock, tokens: () => Promise.reject(new Error('database down')) });
    const started = createServer(toNodeListener(failing, { onError: (error) => errors.push(error) }));
    await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
    try {
      const address = `http://127.0.0.1:${(started.address() as AddressInfo).port}${calendarFeedPath('w-sam', SAM)}`;
      const response = await fetch(address);
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('Internal server error\n');
      expect(errors.at(-1)).toEqual(new Error('database down'));
      expect((await fetch(address)).status).toBe(500);
    } finally {
      await close(started);
    }
  });

  it('refuses bad options with a ValidationError naming each field', () => {
    const attempt = () =>
      createCalendarFeed({ playbook, tokens, window: { days: 0 }, basePath: 'calendar', maxAgeSeconds: -1 });
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['window.days', 'basePath', 'maxAgeSeconds']);
    }
  });

  it('makes unguessable URL-safe tokens and paths only for ids and tokens a URL can carry', () => {
    const made = new Set(Array.from({ length: 50 }, () => newFeedToken()));
    expect(made.size).toBe(50);
    for (const token of made) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(calendarFeedPath('w-sam', 'abc', '/cal')).toBe('/cal/w-sam/abc.ics');
    expect(() => calendarFeedPath('w-sam', 'a/b')).toThrow(ValidationError);
    expect(() => calendarFeedPath('../x', 'abc')).toThrow(ValidationError);
  });
});

describe('examples/calendar-feed.ts', () => {
  it('serves, fetches once, prints the status and the calendar, and exits by itself', async () => {
    const script = fileURLToPath(new URL('../../examples/calendar-feed.ts', import.meta.url));
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', script], { timeout: 30_000 }, (error, out) => (error ? reject(error) : resolve(out))),
    );
    expect(stdout).toMatch(/^Subscribe: webcal:\/\/127\.0\.0\.1:\d+\/calendar\/sam\/[A-Za-z0-9_-]{43}\.ics\n200 text\/calendar; charset=utf-8/);
    expect(stdout).toContain('\nBEGIN:VCALENDAR\n');
    expect(stdout).toContain('\nDTSTART;VALUE=DATE:20261118\n');
    expect(stdout).toMatch(/\nPolling again: 304\nA guessed token: 404\n$/);
  }, 60_000);
});

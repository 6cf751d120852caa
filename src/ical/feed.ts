// A workspace's agenda as a calendar feed a calendar app subscribes to:
// `GET <basePath>/<workspaceId>/<token>.ics`. The token sits in the path because
// calendar apps subscribe to a bare URL (often `webcal://`) and send no custom headers.
//
// - Only the WHATWG `Request`/`Response` and Web Crypto (`crypto.subtle`), so the same
//   handler runs in Node 20+, Deno, Bun, Hono, Next.js route handlers and edge runtimes.
// - The token is checked by comparing SHA-256 digests of both sides in a loop that
//   always reads all 32 bytes: the time taken says nothing about how much of a guess
//   was right, nor (digests having one length) how long the real token is.
// - A wrong token, a token of another workspace, a workspace without a token and an
//   unknown workspace all take the same path (one `tokens` call, two digests, one
//   comparison) and get the same 404: the feed never says which workspaces exist.
import { systemClock, type Clock } from '../domain/clock.js';
import { isReachoutError, ValidationError, type FieldIssue } from '../domain/errors.js';
import type { Playbook } from '../playbook/index.js';
import { playbookCalendar, type PlaybookCalendarOptions } from './calendar.js';

/** A request handler in the WHATWG fetch style: Hono, Next.js route handlers, Deno, Bun, workers. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** Options of {@link createCalendarFeed}. */
export interface CalendarFeedOptions {
  /** The playbook whose workspaces the feed serves (`workspace(id)`, and its `clock` when it has one). */
  readonly playbook: Pick<Playbook, 'workspace'> & Partial<Pick<Playbook, 'clock'>>;
  /**
   * The feed's secret token for a workspace, or `undefined` when it has none (the feed
   * then answers 404). Asked on every request, so revoking a token takes effect at once.
   * A token uses only letters, digits, `_` and `-` (like those {@link newFeedToken}
   * makes); any other token never matches a URL.
   */
  readonly tokens: (workspaceId: string) => string | undefined | Promise<string | undefined>;
  /** The clock for DTSTAMP and the window's start; the playbook's own clock unless given. */
  readonly clock?: Clock;
  /** How far ahead the feed looks: `days` from now (default 30). Open actions due earlier are always listed. */
  readonly window?: { readonly days: number };
  /** Where the feed is mounted, like `/calendar` (default: the root). */
  readonly basePath?: string;
  /** How the calendar is written: name, reminders, `allDay`, `reminderTime`, UID domain, PRODID. */
  readonly calendar?: Omit<PlaybookCalendarOptions, 'stamp'>;
  /** `Cache-Control: private, max-age=<seconds>` of a served feed (default 300). */
  readonly maxAgeSeconds?: number;
}

/** How far ahead a feed looks unless `window.days` says otherwise. */
export const DEFAULT_FEED_DAYS = 30;
/** How long a client may reuse a feed without asking again, unless `maxAgeSeconds` says otherwise. */
export const DEFAULT_FEED_MAX_AGE_SECONDS = 300;

const DAY_MS = 86_400_000;
const MAX_FEED_DAYS = 366;
const BASE_PATH = /^(?:\/[A-Za-z0-9._~-]+){0,16}$/;
// Ids and tokens are matched as sent, never percent-decoded: both use only these
// characters, so `%`, `.` or `/` in either simply means "not a feed URL".
const FEED_PATH = /^\/([A-Za-z0-9_-]{1,128})\/([A-Za-z0-9_-]{1,256})\.ics$/;
const TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

const encoder = new TextEncoder();

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** Whether two digests are equal, reading every byte whatever the answer. */
function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ (b[i] ?? 0);
  return difference === 0;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * A new random feed token: 32 bytes from `crypto.getRandomValues` as 43 base64url
 * characters. Store it with the workspace and return it from `tokens`.
 */
export function newFeedToken(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The path of a workspace's feed, `<basePath>/<workspaceId>/<token>.ics`: put the app's
 * origin before it (`https://app.example` or `webcal://app.example`) to subscribe.
 */
export function calendarFeedPath(workspaceId: string, token: string, basePath = ''): string {
  const issues: FieldIssue[] = [];
  if (!BASE_PATH.test(basePath)) issues.push({ path: 'basePath', message: 'must be "" or a path like "/calendar"' });
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(workspaceId)) issues.push({ path: 'workspaceId', message: 'not a workspace id' });
  if (!TOKEN.test(token)) issues.push({ path: 'token', message: 'use 1 to 256 letters, digits, "_" and "-"' });
  if (issues.length > 0) throw new ValidationError('calendar feed path', issues);
  return `${basePath}/${workspaceId}/${token}.ics`;
}

function optionProblems(options: CalendarFeedOptions): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (typeof options.playbook?.workspace !== 'function') issues.push({ path: 'playbook', message: 'must be a Playbook' });
  if (typeof options.tokens !== 'function') issues.push({ path: 'tokens', message: 'must be a function of the workspace id' });
  const days = options.window?.days;
  if (days !== undefined && !(Number.isSafeInteger(days) && days >= 1 && days <= MAX_FEED_DAYS)) {
    issues.push({ path: 'window.days', message: `must be a whole number of days from 1 to ${MAX_FEED_DAYS}` });
  }
  if (options.basePath !== undefined && !BASE_PATH.test(options.basePath)) {
    issues.push({ path: 'basePath', message: 'must be "" or a path like "/calendar" (letters, digits, ".", "_", "~", "-")' });
  }
  const maxAge = options.maxAgeSeconds;
  if (maxAge !== undefined && !(Number.isSafeInteger(maxAge) && maxAge >= 0)) {
    issues.push({ path: 'maxAgeSeconds', message: 'must be a whole number of seconds, 0 or more' });
  }
  return issues;
}

/** Whether an `If-None-Match` value names `etag` (weak comparison, as RFC 9110 asks for GET and HEAD). */
function matchesETag(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  const tags: readonly string[] = ifNoneMatch.match(/"[^"]*"/g) ?? [];
  return tags.includes(opaque);
}

const text = (status: number, body: string, headers: Record<string, string> = {}, head = false) =>
  new Response(head ? null : body, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });

/**
 * A handler that serves each workspace's agenda as an iCalendar feed at
 * `GET <basePath>/<workspaceId>/<token>.ics` (subscribe with `webcal://host/…` or
 * `https://host/…`). Answers:
 *
 * - 200 `text/calendar; charset=utf-8` with `Cache-Control: private, max-age=300` and a
 *   weak `ETag` (a SHA-256 of the body without its DTSTAMP lines, which move with the
 *   clock): an unchanged agenda keeps its ETag;
 * - 304 when `If-None-Match` names the current ETag; HEAD: the same headers, no body;
 * - 404, always the same, for any other path, a wrong token, a token of another
 *   workspace, a workspace without a token and an unknown workspace;
 * - 405 with `Allow: GET, HEAD` for any other method.
 *
 * Throws `ValidationError` at once for bad options. Errors from `tokens` or the store
 * propagate, for the server to answer 500.
 *
 * ```ts
 * const feed = createCalendarFeed({ playbook, clock, tokens: (id) => db.feedToken(id), basePath: '/calendar' });
 * export const GET = feed; // Next.js route handler, or app.get('/calendar/*', (c) => feed(c.req.raw)) in Hono
 * ```
 */
export function createCalendarFeed(options: CalendarFeedOptions): FetchHandler {
  const issues = optionProblems(options);
  if (issues.length > 0) throw new ValidationError('calendar feed options', issues);
  const { playbook, tokens, calendar = {} } = options;
  const clock = options.clock ?? options.playbook.clock ?? systemClock;
  const windowMs = (options.window?.days ?? DEFAULT_FEED_DAYS) * DAY_MS;
  const basePath = options.basePath ?? '';
  const cacheControl = `private, max-age=${options.maxAgeSeconds ?? DEFAULT_FEED_MAX_AGE_SECONDS}`;

  const notFound = (head: boolean) => text(404, 'Not found\n', {}, head);

  return async (request) => {
    const head = request.method === 'HEAD';
    if (request.method !== 'GET' && !head) return text(405, 'Method not allowed\n', { Allow: 'GET, HEAD' });

    const { pathname } = new URL(request.url);
    const match = pathname.startsWith(basePath) ? FEED_PATH.exec(pathname.slice(basePath.length)) : null;
    if (!match) return notFound(head);
    const [, workspaceId = '', token = ''] = match;

    const expected = await tokens(workspaceId);
    const known = typeof expected === 'string' && TOKEN.test(expected);
    // Without a token, compare against "" (which no URL carries): the same work as a real comparison.
    const [given, wanted] = await Promise.all([sha256(token), sha256(known ? expected : '')]);
    if (!sameDigest(given, wanted) || !known) return notFound(head);

    const now = clock.now();
    let body: string;
    try {
      const window = { from: now, to: new Date(now.getTime() + windowMs) };
      body = await playbookCalendar(playbook.workspace(workspaceId), window, { ...calendar, stamp: now });
    } catch (error) {
      // A token for a workspace that is gone: the same answer as any other miss.
      if (isReachoutError(error, 'not-found')) return notFound(head);
      throw error;
    }

    const etag = `W/"${hex(await sha256(body.replace(/^DTSTAMP:.*\r\n/gm, '')))}"`;
    const headers = { ETag: etag, 'Cache-Control': cacheControl };
    if (matchesETag(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers });
    return new Response(head ? null : body, {
      status: 200,
      headers: {
        ...headers,
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Length': String(encoder.encode(body).byteLength),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}

// Mounts a WHATWG fetch handler in Node's `http` (or `https`, or Express) without
// importing a `node:` module: it only calls methods of the request and response objects
// it is given, described here by the few members it uses.
import type { FetchHandler } from './feed.js';

/** What {@link toNodeListener} reads of Node's `IncomingMessage`. */
export interface NodeRequestLike {
  readonly method?: string | undefined;
  /** The request target as sent: `/path?query`. */
  readonly url?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body, in chunks. */
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
}

/** What {@link toNodeListener} calls on Node's `ServerResponse`. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string | readonly string[]): unknown;
  end(chunk?: Uint8Array): unknown;
}

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /** Scheme and host of the request URLs (`https://calendar.example`); `http://` and the Host header unless given. */
  readonly origin?: string;
  /** Told about an error the handler threw (the client gets a 500); `console.error` unless given. */
  readonly onError?: (error: unknown) => void;
}

const NO_BODY = new Set(['GET', 'HEAD']);

async function readBody(request: NodeRequestLike): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of request) {
    chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array));
  }
  const body = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The WHATWG `Request` for a Node request, or undefined if its target or Host is not a URL. */
async function toRequest(request: NodeRequestLike, origin: string | undefined): Promise<Request | undefined> {
  const target = request.url ?? '/';
  let url: URL;
  try {
    const host = request.headers['host'];
    const base = origin ?? `http://${typeof host === 'string' && host !== '' ? host : 'localhost'}`;
    // Concatenated, not resolved: a target like `//other.example/x` stays a path on this host.
    url = target.startsWith('/') ? new URL(base + target) : new URL(target);
  } catch {
    return undefined;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.append(name, value);
    else if (value) for (const item of value) headers.append(name, item);
  }
  const method = (request.method ?? 'GET').toUpperCase();
  const body = NO_BODY.has(method) ? undefined : await readBody(request);
  return new Request(url, { method, headers, ...(body !== undefined ? { body } : {}) });
}

/**
 * A Node `http` request listener that answers with a WHATWG fetch handler, such as
 * {@link createCalendarFeed}'s: `http.createServer(toNodeListener(feed))`. It buffers
 * request and response bodies (fine for a calendar feed, not meant for streaming),
 * answers 400 to a request whose URL cannot be read, and 500 when the handler throws.
 */
export function toNodeListener(
  handler: FetchHandler,
  options: NodeListenerOptions = {},
): (request: NodeRequestLike, response: NodeResponseLike) => void {
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const plain = (response: NodeResponseLike, status: number, body: string) => {
    response.statusCode = status;
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    response.end(new TextEncoder().encode(body));
  };

  const answer = async (request: NodeRequestLike, response: NodeResponseLike) => {
    const webRequest = await toRequest(request, options.origin);
    if (!webRequest) return plain(response, 400, 'Bad request\n');
    const webResponse = await handler(webRequest);
    const body = webResponse.body ? new Uint8Array(await webResponse.arrayBuffer()) : undefined;
    response.statusCode = webResponse.status;
    webResponse.headers.forEach((value, name) => {
      if (name !== 'set-cookie') response.setHeader(name, value);
    });
    const cookies = webResponse.headers.getSetCookie();
    if (cookies.length > 0) response.setHeader('Set-Cookie', cookies);
    response.end(body);
  };

  return (request, response) => {
    answer(request, response).catch((error: unknown) => {
      onError(error);
      try {
        plain(response, 500, 'Internal server error\n');
      } catch {
        // The response was already under way; nothing more to say.
      }
    });
  };
}

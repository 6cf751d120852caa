// `reachout/ical`: the agenda as iCalendar (calendar.ts), served as a token-protected
// feed a calendar app subscribes to (feed.ts), mounted in any server that speaks the
// WHATWG `Request`/`Response`, or in Node's `http` through a small adapter (node.ts).
// Nothing here imports a `node:` module, so the entry also runs in edge runtimes.
export * from './calendar.js';
export * from './feed.js';
export * from './node.js';

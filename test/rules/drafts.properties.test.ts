// Properties of drafting over generated networks: whatever the records, every action the
// agenda gives has a draft, nothing of the template language or a missing value shows,
// first messages stay short, mailto links round-trip, and the process's zone changes nothing.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  DEFAULT_POLICIES,
  agenda,
  countWords,
  draftMessage,
  meetingEnd,
  parseNetwork,
  resolvePolicies,
  type MessageDraft,
  type Network,
  type Policies,
} from '../../src/index.js';
import { network as networkArb } from '../../src/testing/arbitraries.js';

const DAY = 86_400_000;

const POLICY_VARIANTS: readonly Policies[] = [
  DEFAULT_POLICIES,
  // Every direct channel, so LinkedIn messages and visits are drafted too.
  resolvePolicies({ outreach: { sequence: ['linkedin', 'email', 'in-person', 'phone'], maxPerChannel: {}, maxAttempts: 6 } }),
  resolvePolicies({ outreach: { warmIntroductionFirst: false, secondContactAfterBusinessDays: 1 }, referral: { followUpAfterDays: 1 } }),
];

/** A generated network, an instant in its life, and every action open or due within a year. */
const scenario = fc
  .record({
    network: networkArb({ maxContacts: 10 }),
    nowMinutes: fc.integer({ min: 0, max: 800 * 24 * 60 }),
    policies: fc.constantFrom(...POLICY_VARIANTS),
  })
  .map(({ network, nowMinutes, policies }) => {
    const now = new Date(network.workspace.createdAt.getTime() + nowMinutes * 60_000);
    return { network, now, policies, actions: agenda(network, { now, to: new Date(now.getTime() + 366 * DAY), policies }) };
  });

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;
const draftsOf = (s: Scenario, network: Network = s.network): MessageDraft[] =>
  s.actions.map((action) => draftMessage(action, network, { policies: s.policies }));

/** What must never show in a message: the template language, a missing value, an empty bracket. */
const LEFTOVERS = /\{\{|\}\}|undefined|null|NaN|Invalid Date|\(\s*\)|\[\]/;

describe('draftMessage: properties', () => {
  test.prop([scenario])('every agenda action has a draft, for the action, by the rule, with its words counted', (s) => {
    const drafts = draftsOf(s);
    expect(drafts).toHaveLength(s.actions.length);
    drafts.forEach((draft, i) => {
      const action = s.actions[i]!;
      expect(draft.actionId).toBe(action.id);
      expect(draft.kind).toBe(action.kind);
      expect(draft.rule).toBe('draft.message');
      expect(draft.reason.length).toBeGreaterThan(0);
      expect(draft.body.trim().length).toBeGreaterThan(0);
      expect(draft.words).toBe(countWords(draft.body));
    });
  });

  test.prop([scenario])('no placeholder, missing value or empty bracket survives', (s) => {
    for (const draft of draftsOf(s)) {
      expect(draft.body).not.toMatch(LEFTOVERS);
      expect(draft.subject ?? '').not.toMatch(LEFTOVERS);
      expect(draft.reason).not.toMatch(LEFTOVERS);
      // A subject is one line.
      expect(draft.subject ?? '').not.toMatch(/[\r\n]/);
    }
  });

  test.prop([scenario])('first messages keep to the word limit, ask for advice, and end with one question', (s) => {
    for (const draft of draftsOf(s)) {
      if (draft.wordLimit !== undefined) expect(draft.words).toBeLessThanOrEqual(draft.wordLimit);
      if (draft.template === 'first-email') {
        expect(draft.wordLimit).toBe(75);
        expect(draft.body).toContain('advice');
        // The generated names hold no "?": the one question is the template's.
        expect(draft.body.match(/\?/g)).toHaveLength(1);
        expect(draft.body.split('\n\n').at(-2)).toMatch(/\?$/);
      }
    }
  });

  test.prop([scenario])('a thank-you names the meeting and is due by the deadline', (s) => {
    s.actions.forEach((action) => {
      if (action.kind !== 'thank-you.send') return;
      const draft = draftMessage(action, s.network, { policies: s.policies });
      const meeting = s.network.meetings.find((m) => m.id === action.meetingId)!;
      expect(draft.sendBy).toEqual(new Date(meetingEnd(meeting).getTime() + s.policies.thankYou.dueWithinHours * 3_600_000));
      expect(draft.subject).toMatch(/^Thank you for the (coffee|call|video call|meeting) on /);
    });
  });

  test.prop([scenario])('a mailto link is there exactly for an email with an address, and round-trips through new URL()', (s) => {
    for (const draft of draftsOf(s)) {
      expect(draft.mailto !== undefined).toBe(draft.channel === 'email' && draft.to !== undefined);
      if (draft.mailto === undefined) continue;
      expect(draft.mailto).not.toMatch(/[\s+]/);
      const url = new URL(draft.mailto);
      expect(url.protocol).toBe('mailto:');
      expect(decodeURIComponent(url.pathname)).toBe(draft.to);
      const fields = Object.fromEntries(
        url.search
          .slice(1)
          .split('&')
          .map((pair) => pair.split('=').map(decodeURIComponent) as [string, string]),
      );
      expect(fields).toEqual({
        ...(draft.subject !== undefined ? { subject: draft.subject } : {}),
        body: draft.body.replace(/\r\n|\r|\n/g, '\r\n'),
      });
    }
  });

  test.prop([scenario], { numRuns: 30 })('drafts are the same under any process time zone, and from a reloaded network', (s) => {
    const saved = process.env.TZ;
    try {
      const byZone = ['UTC', 'America/Los_Angeles', 'Pacific/Auckland', 'Asia/Kathmandu'].map((zone) => {
        process.env.TZ = zone;
        return JSON.stringify(draftsOf(s));
      });
      expect(new Set(byZone).size).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    expect(draftsOf(s, parseNetwork(JSON.parse(JSON.stringify(s.network))))).toEqual(draftsOf(s));
  });

  const text = fc
    .string({ minLength: 1, maxLength: 60, unit: fc.constantFrom('a', 'Z', ' ', '{', '}', '#', '^', '/', '?', '&', '%', '+', '=', 'é', '😀', '.', '(', ')') })
    .map((t) => t.trim())
    .filter((t) => t.length > 0);

  test.prop([text, text])('names and organizations go in verbatim, template syntax and all', (name, organization) => {
    const network = parseNetwork({
      workspace: { id: 'w', name: 'Sam Rivera', timeZone: 'Europe/Berlin', createdAt: '2026-01-05T09:00:00Z' },
      organizations: [{ id: 'org', name: organization, createdAt: '2026-01-05T09:00:00Z' }],
      contacts: [{ id: 'c', name: `Lena ${name}`, tie: 'cold', organizationId: 'org', emails: ['lena@example.org'], createdAt: '2026-01-05T09:00:00Z' }],
      outreaches: [{ id: 'o', contactId: 'c', startedAt: '2026-01-05T09:00:00Z' }],
    });
    const [action] = agenda(network, { now: new Date('2026-01-05T10:00:00Z') });
    const draft = draftMessage(action!, network);
    expect(draft.subject).toBe(`A question about your work at ${organization}`);
    expect(draft.body).toContain(`I came across your work at ${organization} and wanted to reach out.`);
    expect(draft.body.startsWith('Hi Lena,\n\n')).toBe(true);
    const url = new URL(draft.mailto!);
    expect(decodeURIComponent(url.search.split('&')[0]!.slice('?subject='.length))).toBe(draft.subject);
  });
});

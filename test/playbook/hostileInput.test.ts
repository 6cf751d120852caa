// Hostile input is answered with a typed error, in time linear in its size, and changes
// nothing: deep nesting, long lists and strings, ids that are not strings, line breaks.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import {
  INPUT_LIMITS,
  MAX_ISSUES,
  PolicyError,
  ValidationError,
  businessDaysAfter,
  createPlaybook,
  fixedClock,
  isBusinessDayAt,
  localDateAt,
  nextOutreachStep,
  parseNetwork,
  resolvePolicies,
  startOfLocalDayOffset,
  type NetworkStore,
  type OutreachInput,
} from '../../src/index.js';
import { dana, newYork, outreachToDana } from '../rules/outreachFixtures.js';
import { holdings } from './helpers.js';

// These run in well under a second; the old quadratic checks took 20 to 90 seconds.
const LINEAR = { timeout: 15_000 };

/** `{ a: { a: … } }` nested `levels` deep, built without recursion. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let level = 0; level < levels; level++) value = { a: value };
  return value;
}

async function sam() {
  const store = createMemoryStore();
  const playbook = createPlaybook({ store, clock: fixedClock('2025-03-03T09:00:00-05:00') });
  await playbook.createWorkspace({ id: 'sam', name: 'Sam', timeZone: 'America/New_York' });
  const seeker = playbook.workspace('sam');
  await seeker.addContact({ id: 'lena', name: 'Lena Ortiz', tie: 'event', emails: ['lena@example.org'] });
  await seeker.startOutreach({ id: 'o-lena', contactId: 'lena' });
  await seeker.scheduleMeeting({ id: 'coffee', contactId: 'lena', startAt: '2025-03-05T08:30:00-05:00' });
  return { store, playbook, seeker };
}

/** Runs `action`, expects a `ValidationError`, checks the store is unchanged; returns the error. */
async function refused(store: NetworkStore, action: () => Promise<unknown>): Promise<ValidationError> {
  const before = await holdings(store, 'sam');
  const error: unknown = await Promise.resolve()
    .then(action)
    .then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(ValidationError);
  expect(await holdings(store, 'sam')).toEqual(before);
  return error as ValidationError;
}

describe('deeply nested input', () => {
  it.each([30_000, 100_000])('%i levels under an unknown key: one issue at the depth limit', LINEAR, async (levels) => {
    const { store, seeker } = await sam();
    const error = await refused(store, () => seeker.addContact({ name: 'Eve', tie: 'cold', junk: nested(levels) } as never));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.message).toBe(`nested deeper than ${INPUT_LIMITS.maxDepth} levels`);
    expect(error.issues[0]!.path.startsWith('junk.a.a')).toBe(true);
  });

  it('in resolvePolicies and parseNetwork too', LINEAR, () => {
    expect(() => resolvePolicies({ outreach: nested(100_000) } as never)).toThrow(PolicyError);
    expect(() => parseNetwork({ workspace: nested(100_000) })).toThrow(ValidationError);
  });
});

describe('long lists and strings', () => {
  it('a list of 300,000 tags: one issue, a short message', LINEAR, async () => {
    const { store, seeker } = await sam();
    const error = await refused(store, () => seeker.addContact({ name: 'Eve', tie: 'cold', tags: Array<string>(300_000).fill('x') }));
    expect(error.issues).toEqual([{ path: 'tags', message: `more than ${INPUT_LIMITS.maxArrayLength} entries (300000)` }]);
    expect(error.message.length).toBeLessThan(200);
  });

  it('a list within the length limit but full of bad entries: at most MAX_ISSUES issues and a count of the rest', async () => {
    const { store, seeker } = await sam();
    const error = await refused(store, () => seeker.addNotes('coffee', { notes: Array<number>(200).fill(1) as never }));
    expect(error.issues).toHaveLength(MAX_ISSUES);
    expect(error.omittedIssues).toBe(100);
    expect(error.message).toMatch(/; and 100 more$/);
  });

  it('a string of a million characters where a reply belongs is refused, never spread into keys', LINEAR, async () => {
    const { store, seeker } = await sam();
    const error = await refused(store, () => seeker.recordDecline('o-lena', 'y'.repeat(1_000_000) as never));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.message).toBe(`longer than ${INPUT_LIMITS.maxStringLength} characters`);
  });

  it('an object with 300,000 keys, and a key of a million characters', LINEAR, async () => {
    const { store, seeker } = await sam();
    const wide = Object.fromEntries(Array.from({ length: 300_000 }, (_, i) => [`k${i}`, i]));
    expect((await refused(store, () => seeker.addContact({ name: 'Eve', tie: 'cold', ...wide } as never))).issues).toHaveLength(1);
    const longKey = { name: 'Eve', tie: 'cold', ['k'.repeat(1_000_000)]: 1 };
    const error = await refused(store, () => seeker.addContact(longKey as never));
    expect(error.message.length).toBeLessThan(300);
  });
});

describe('ids that are not strings', () => {
  const odd: readonly [string, unknown][] = [
    ['a null-prototype object', Object.create(null)],
    ['a symbol', Symbol('x')],
    ['a number', 42],
    ['null', null],
  ];

  it.each(odd)('Playbook methods answer %s with ValidationError', async (_, id) => {
    const { store, playbook, seeker } = await sam();
    const calls: (() => Promise<unknown>)[] = [
      () => seeker.cancelMeeting(id as string),
      () => seeker.nextStep(id as string),
      () => seeker.recordAttempt(id as string, { channel: 'email' }),
      () => seeker.updateContact(id as string, { role: 'CTO' }),
      () => seeker.thankYouStatus(id as string),
      () => seeker.checkInStatus(id as string),
      () => seeker.referralChain(id as string),
      () => seeker.outcomeCredit(id as string),
      async () => playbook.workspace(id as string),
    ];
    for (const call of calls) await refused(store, call);
  });

  it.each(odd)('store methods answer %s with ValidationError', async (_, id) => {
    const { store } = await sam();
    await expect(store.getWorkspace(id as string)).rejects.toBeInstanceOf(ValidationError);
    await expect(store.loadNetwork(id as string)).rejects.toBeInstanceOf(ValidationError);
    await expect(store.getRecord('sam', 'contact', id as string)).rejects.toBeInstanceOf(ValidationError);
    await expect(store.getRecord(id as string, 'contact', 'lena')).rejects.toBeInstanceOf(ValidationError);
    await expect(store.commit(id as string, { expectedRevision: 0, operations: [] })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('pure rules terminate and fail typed on invalid dates, zones and holidays', () => {
  const calendar = { timeZone: 'UTC', holidays: ['x'] };

  it('businessDaysAfter with an invalid date, zone or holiday', LINEAR, () => {
    expect(() => businessDaysAfter(new Date(Number.NaN), 1, calendar)).toThrow(ValidationError);
    expect(() => businessDaysAfter(new Date('2025-03-03T10:00:00Z'), 1, { timeZone: 'Mars/Olympus' })).toThrow(ValidationError);
    expect(() => businessDaysAfter(new Date('2025-03-03T10:00:00Z'), 1, calendar)).toThrow(/holidays\[0\]: not a calendar day/);
    expect(() => businessDaysAfter(new Date('2025-03-03T10:00:00Z'), Number.POSITIVE_INFINITY, { timeZone: 'UTC' })).toThrow(ValidationError);
    expect(() => isBusinessDayAt(new Date(Number.NaN), { timeZone: 'UTC' })).toThrow(ValidationError);
    expect(() => localDateAt(new Date(Number.NaN), 'UTC')).toThrow(ValidationError);
    expect(() => startOfLocalDayOffset(new Date(0), 1, 'Nowhere/Nothing')).toThrow(ValidationError);
  });

  it('nextOutreachStep given an invalid attempt date or a malformed holiday', LINEAR, () => {
    const policy = resolvePolicies().outreach;
    const bad = { ...outreachToDana(), attempts: [{ channel: 'email', at: new Date(Number.NaN), result: 'sent' }] } as unknown as ReturnType<typeof outreachToDana>;
    expect(() => nextOutreachStep(bad, policy, newYork(), dana())).toThrow(ValidationError);
    const emailed = outreachToDana({ attempts: [{ channel: 'email', at: '2026-03-03T10:00:00-05:00' }] } as Partial<OutreachInput>);
    expect(() => nextOutreachStep(emailed, policy, { ...newYork(), holidays: ['2025-13-45'] }, dana())).toThrow(ValidationError);
  });
});

describe('single-line texts', () => {
  it('fold line breaks in names, roles and tags into spaces', async () => {
    const { seeker } = await sam();
    const contact = await seeker.addContact({ name: 'Ana\r\nRuiz', role: 'Head of\nData', tie: 'cold', tags: ['fin\u2028tech'] });
    expect(contact).toMatchObject({ name: 'Ana Ruiz', role: 'Head of Data', tags: ['fin tech'] });
    const organization = await seeker.addOrganization({ name: 'North\n\nwind' });
    expect(organization.name).toBe('North wind');
  });

  it('refuse a profile URL with a line break in it', async () => {
    const { store, seeker } = await sam();
    await refused(store, () => seeker.addContact({ name: 'Eve', tie: 'cold', profileUrl: 'https://example.org/in/\neve' }));
  });
});

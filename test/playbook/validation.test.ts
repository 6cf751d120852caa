// Bad input gets a clear error and changes nothing: every Playbook method, fed bad
// input, unknown ids, duplicate ids, introduction cycles or `__proto__` keys, throws the
// library's error and leaves the store exactly as it was.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import {
  ContactSchema,
  NotFoundError,
  ReferralCycleError,
  ValidationError,
  createPlaybook,
  manualClock,
  type NetworkStore,
  type Playbook,
  type SeekerPlaybook,
} from '../../src/index.js';
import { holdings, sequentialIds, wid } from './helpers.js';

const LATER = '2025-03-12T10:00:00-04:00';

/**
 * A workspace `w` with something of every kind: organization `org`; contacts `a`
 * (with `b` as a mutual contact) and `b`; outreach `o-a`; meeting `m-a` (scheduled)
 * and `m-held` (held); thank-you `t-1`; check-in `c-1`; referral `r-ab` (offered);
 * outcome `out-1`. Another workspace, `other`, holds a contact `x`.
 */
async function fixture(): Promise<{ store: NetworkStore; playbook: Playbook; w: SeekerPlaybook }> {
  const store = createMemoryStore();
  const clock = manualClock('2025-03-03T09:00:00-05:00', { timeZone: 'America/New_York' });
  const playbook = createPlaybook({ store, clock, newId: sequentialIds('made') });
  await playbook.createWorkspace({ id: 'w', name: 'Wren', timeZone: 'America/New_York' });
  await playbook.createWorkspace({ id: 'other', name: 'Otto', timeZone: 'Europe/Berlin' });
  await playbook.workspace('other').addContact({ id: 'x', name: 'Xavier', tie: 'cold' });
  const w = playbook.workspace('w');
  await w.addOrganization({ id: 'org', name: 'Orbit Labs' });
  await w.addContact({ id: 'b', name: 'Bea', tie: 'alumni', emails: ['bea@example.org'] });
  await w.addContact({ id: 'a', name: 'Abe', tie: 'event', organizationId: 'org', emails: ['abe@example.org'], mutualContacts: ['b'] });
  await w.startOutreach({ id: 'o-a', contactId: 'a' });
  await w.recordAttempt('o-a', { channel: 'email' });
  await w.scheduleMeeting({ id: 'm-a', contactId: 'a', startAt: LATER });
  await w.scheduleMeeting({ id: 'm-held', contactId: 'b', startAt: '2025-03-03T08:00:00-05:00' });
  await w.holdMeeting('m-held', { notes: ['Talked about Orbit'] });
  await w.recordThankYou({ id: 't-1', meetingId: 'm-held' });
  await w.recordCheckIn({ id: 'c-1', contactId: 'b' });
  await w.recordReferral({ id: 'r-ab', introducerId: 'b', kind: 'introduction-made', contactId: 'a', meetingId: 'm-held' });
  await w.recordOutcome({ id: 'out-1', kind: 'interview', contactIds: ['b'] });
  return { store, playbook, w };
}

/**
 * Runs `action`, expects it to fail with `type`, and checks that no workspace, record
 * or revision changed. Returns the error.
 */
async function refused<E extends Error>(
  store: NetworkStore,
  action: () => Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  const before = { w: await holdings(store, 'w'), other: await holdings(store, 'other'), all: await store.listWorkspaces() };
  const error: unknown = await action().then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(type);
  expect({ w: await holdings(store, 'w'), other: await holdings(store, 'other'), all: await store.listWorkspaces() }).toEqual(before);
  return error as E;
}

type Case = readonly [name: string, call: (w: SeekerPlaybook, playbook: Playbook) => Promise<unknown>, path: string];

const BAD_INPUT: readonly Case[] = [
  ['createWorkspace: unknown time zone', (_, p) => p.createWorkspace({ name: 'Zoe', timeZone: 'Mars/Olympus' }), 'timeZone'],
  ['addContact: no name', (w) => w.addContact({ tie: 'event' } as never), 'name'],
  ['addContact: bad email', (w) => w.addContact({ name: 'Zed', tie: 'event', emails: ['not-an-email'] }), 'emails[0]'],
  ['addContact: their own mutual contact', (w) => w.addContact({ id: 'z', name: 'Zed', tie: 'event', mutualContacts: ['z'] }), 'mutualContacts[0]'],
  ['updateContact: unknown tie', (w) => w.updateContact('a', { tie: 'pen-pal' as never }), 'tie'],
  ['updateContact: the id cannot change', (w) => w.updateContact('a', { id: 'z' } as never), 'id'],
  ['updateContact: a mutual contact twice', (w) => w.updateContact('a', { mutualContacts: ['b', 'b'] }), 'mutualContacts[1]'],
  ['updateContact: their own mutual contact', (w) => w.updateContact('a', { mutualContacts: ['a'] }), 'mutualContacts[0]'],
  ['addOrganization: empty name', (w) => w.addOrganization({ name: '' }), 'name'],
  ['updateOrganization: bad website', (w) => w.updateOrganization('org', { website: 'not a url' }), 'website'],
  ['startOutreach: bad start', (w) => w.startOutreach({ contactId: 'a', startedAt: 'yesterday' }), 'startedAt'],
  ['recordAttempt: unknown channel', (w) => w.recordAttempt('o-a', { channel: 'fax' as never }), 'channel'],
  ['recordAttempt: unknown result', (w) => w.recordAttempt('o-a', { channel: 'email', result: 'lost' as never }), 'result'],
  ['recordAttempt: not an object', (w) => w.recordAttempt('o-a', null as never), '(root)'],
  ['recordReply: unknown answer', (w) => w.recordReply('o-a', { answer: 'maybe' as never }), 'answer'],
  ['recordDecline: bad date', (w) => w.recordDecline('o-a', { at: 'not a date' }), 'at'],
  ['withdrawOutreach: bad date', (w) => w.withdrawOutreach('o-a', { at: 42 as never }), 'at'],
  ['scheduleMeeting: too short', (w) => w.scheduleMeeting({ contactId: 'a', startAt: LATER, minutes: 2 }), 'minutes'],
  ['scheduleMeeting: no status on input', (w) => w.scheduleMeeting({ contactId: 'a', startAt: LATER, status: 'held' } as never), 'status'],
  ['scheduleMeeting: another contact’s outreach', (w) => w.scheduleMeeting({ contactId: 'b', outreachId: 'o-a', startAt: LATER }), 'outreachId'],
  ['moveMeeting: no new start', (w) => w.moveMeeting('m-a', {} as never), 'startAt'],
  ['moveMeeting: a held meeting', (w) => w.moveMeeting('m-held', { startAt: LATER }), 'status'],
  ['cancelMeeting: a held meeting', (w) => w.cancelMeeting('m-held'), 'status'],
  ['holdMeeting: a note that is not text', (w) => w.holdMeeting('m-a', { notes: [42 as never] }), 'notes[0]'],
  ['prepareMeeting: not one of the six questions', (w) => w.prepareMeeting('m-a', { answers: { 'favourite-colour': 'blue' } as never }), 'answers'],
  ['addNotes: next steps not a list', (w) => w.addNotes('m-a', { nextSteps: 'call back' as never }), 'nextSteps'],
  ['recordThankYou: unknown channel', (w) => w.recordThankYou({ meetingId: 'm-held', channel: 'pigeon' as never }), 'channel'],
  ['recordThankYou: the contact is the meeting’s', (w) => w.recordThankYou({ meetingId: 'm-held', contactId: 'a' } as never), 'contactId'],
  ['recordCheckIn: unknown kind', (w) => w.recordCheckIn({ contactId: 'a', kind: 'gossip' as never }), 'kind'],
  ['snoozeCheckIn: bad date', (w) => w.snoozeCheckIn('a', { until: 'soon' }), 'until'],
  ['recordReferral: unknown kind', (w) => w.recordReferral({ introducerId: 'a', kind: 'bribe' as never }), 'kind'],
  ['completeReferral: bad date', (w) => w.completeReferral('r-ab', { at: 'x' }), 'at'],
  ['recordOutcome: through nobody', (w) => w.recordOutcome({ kind: 'interview', contactIds: [] }), 'contactIds'],
  ['recordOutcome: a contact twice', (w) => w.recordOutcome({ kind: 'offer', contactIds: ['a', 'a'] }), 'contactIds[1]'],
  ['changePhase: unknown phase', (w) => w.changePhase({ kind: 'retired' } as never), 'kind'],
  ['changePhase: bad date', (w) => w.changePhase({ kind: 'employed', since: 'last week' }), 'since'],
  ['agenda: bad start', (w) => w.agenda({ from: 'tomorrow' }), 'from'],
  ['agenda: ends before it starts', (w) => w.agenda({ from: LATER, to: '2025-03-01T00:00:00Z' }), 'to'],
];

describe('bad input: ValidationError with the field path, nothing written', () => {
  it.each(BAD_INPUT)('%s', async (_, call, path) => {
    const { store, playbook, w } = await fixture();
    const error = await refused(store, () => call(w, playbook), ValidationError);
    expect(error.code).toBe('validation');
    expect(error.issues.map((issue) => issue.path)).toContainEqual(expect.stringMatching(new RegExp(`^${path.replace(/[[\]().]/g, '\\$&')}`)));
    expect(error.message).toContain(path);
  });

  it('reports bad input as a rejected promise, never a synchronous throw', async () => {
    const { w, playbook } = await fixture();
    for (const [name, call] of BAD_INPUT) {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = call(w, playbook);
      }, name).not.toThrow();
      await expect(promise, name).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('an invalid workspace id is refused before any call', async () => {
    const { playbook } = await fixture();
    expect(() => playbook.workspace('no spaces allowed')).toThrow(ValidationError);
  });

  it('a change keeps every field it does not name', async () => {
    const { w } = await fixture();
    const changed = await w.updateContact('a', { role: 'Head of Data' });
    expect(changed).toMatchObject({ role: 'Head of Data', emails: ['abe@example.org'], mutualContacts: ['b'], organizationId: 'org', keepInTouch: true });
    await w.updateOrganization('org', { standsFor: 'Satellites for farmers' });
    const renamed = await w.updateOrganization('org', { name: 'Orbit' });
    expect(renamed).toMatchObject({ name: 'Orbit', standsFor: 'Satellites for farmers' });
    await w.prepareMeeting('m-a', { research: 'Read the launch post', questionsToAsk: ['How did you start here?'] });
    const prepared = await w.prepareMeeting('m-a', { answers: { 'why-interested': 'Their mission' } });
    expect(prepared.preparation).toEqual({
      answers: { 'why-interested': 'Their mission' },
      research: 'Read the launch post',
      questionsToAsk: ['How did you start here?'],
    });
  });
});

const NOT_FOUND: readonly (readonly [name: string, call: (w: SeekerPlaybook) => Promise<unknown>, subject: string])[] = [
  ['updateContact', (w) => w.updateContact('ghost', { role: 'x' }), 'contact'],
  ['updateContact: another workspace’s contact', (w) => w.updateContact('x', { role: 'x' }), 'contact'],
  ['updateOrganization', (w) => w.updateOrganization('ghost', { name: 'x' }), 'organization'],
  ['addContact: unknown organization', (w) => w.addContact({ name: 'Zed', tie: 'cold', organizationId: 'ghost' }), 'organization'],
  ['addContact: unknown mutual contact', (w) => w.addContact({ name: 'Zed', tie: 'cold', mutualContacts: ['ghost'] }), 'contact'],
  ['addContact: unknown introducer', (w) => w.addContact({ name: 'Zed', tie: 'cold', introducedBy: 'ghost' }), 'contact'],
  ['startOutreach', (w) => w.startOutreach({ contactId: 'ghost' }), 'contact'],
  ['startOutreach: another workspace’s contact', (w) => w.startOutreach({ contactId: 'x' }), 'contact'],
  ['recordAttempt', (w) => w.recordAttempt('ghost', { channel: 'email' }), 'outreach'],
  ['recordReply', (w) => w.recordReply('ghost', { answer: 'accepted' }), 'outreach'],
  ['recordDecline', (w) => w.recordDecline('ghost'), 'outreach'],
  ['withdrawOutreach', (w) => w.withdrawOutreach('ghost'), 'outreach'],
  ['nextStep', (w) => w.nextStep('ghost'), 'outreach'],
  ['scheduleMeeting: unknown contact', (w) => w.scheduleMeeting({ contactId: 'ghost', startAt: LATER }), 'contact'],
  ['scheduleMeeting: unknown outreach', (w) => w.scheduleMeeting({ contactId: 'a', outreachId: 'ghost', startAt: LATER }), 'outreach'],
  ['moveMeeting', (w) => w.moveMeeting('ghost', { startAt: LATER }), 'meeting'],
  ['cancelMeeting', (w) => w.cancelMeeting('ghost'), 'meeting'],
  ['holdMeeting', (w) => w.holdMeeting('ghost'), 'meeting'],
  ['prepareMeeting', (w) => w.prepareMeeting('ghost', {}), 'meeting'],
  ['addNotes', (w) => w.addNotes('ghost', { notes: ['x'] }), 'meeting'],
  ['recordThankYou', (w) => w.recordThankYou({ meetingId: 'ghost' }), 'meeting'],
  ['recordCheckIn', (w) => w.recordCheckIn({ contactId: 'ghost' }), 'contact'],
  ['snoozeCheckIn', (w) => w.snoozeCheckIn('ghost', { until: LATER }), 'contact'],
  ['recordReferral: unknown introducer', (w) => w.recordReferral({ introducerId: 'ghost', kind: 'name-suggested' }), 'contact'],
  ['recordReferral: unknown contact', (w) => w.recordReferral({ introducerId: 'a', kind: 'introduction-made', contactId: 'ghost' }), 'contact'],
  ['recordReferral: unknown organization', (w) => w.recordReferral({ introducerId: 'a', kind: 'recommended-to-hr', organizationId: 'ghost' }), 'organization'],
  ['recordReferral: unknown meeting', (w) => w.recordReferral({ introducerId: 'a', kind: 'name-suggested', meetingId: 'ghost' }), 'meeting'],
  ['completeReferral', (w) => w.completeReferral('ghost'), 'referral'],
  ['declineReferral', (w) => w.declineReferral('ghost'), 'referral'],
  ['recordOutcome: unknown organization', (w) => w.recordOutcome({ kind: 'offer', contactIds: ['a'], organizationId: 'ghost' }), 'organization'],
];

describe('unknown ids: NotFoundError, nothing written', () => {
  it.each(NOT_FOUND)('%s', async (_, call, subject) => {
    const { store, w } = await fixture();
    const error = await refused(store, () => call(w), NotFoundError);
    expect(error.code).toBe('not-found');
    expect(error.subject).toBe(subject);
    expect(['ghost', 'x']).toContain(error.id);
  });

  it('an unknown workspace is not found by any method, and is not created', async () => {
    const { store, playbook } = await fixture();
    const nowhere = playbook.workspace('nowhere');
    const calls: readonly (() => Promise<unknown>)[] = [
      () => nowhere.settings(),
      () => nowhere.network(),
      () => nowhere.agenda(),
      () => nowhere.funnel(),
      () => nowhere.nextStep('o-a'),
      () => nowhere.addContact({ name: 'Zed', tie: 'cold' }),
      () => nowhere.addOrganization({ name: 'Zeta' }),
      () => nowhere.startOutreach({ contactId: 'a' }),
      () => nowhere.recordAttempt('o-a', { channel: 'email' }),
      () => nowhere.holdMeeting('m-a'),
      () => nowhere.changePhase({ kind: 'employed' }),
    ];
    for (const call of calls) {
      const error = await refused(store, call, NotFoundError);
      expect(error).toMatchObject({ code: 'not-found', subject: 'workspace', id: 'nowhere' });
    }
    expect(await store.getWorkspace('nowhere' as never)).toBeUndefined();
  });
});

describe('duplicate ids: ValidationError on `id`, nothing written', () => {
  const DUPLICATES: readonly (readonly [string, (w: SeekerPlaybook, playbook: Playbook) => Promise<unknown>])[] = [
    ['addContact', (w) => w.addContact({ id: 'a', name: 'Another Abe', tie: 'cold' })],
    ['addOrganization', (w) => w.addOrganization({ id: 'org', name: 'Another Orbit' })],
    ['startOutreach', (w) => w.startOutreach({ id: 'o-a', contactId: 'b' })],
    ['scheduleMeeting', (w) => w.scheduleMeeting({ id: 'm-a', contactId: 'b', startAt: LATER })],
    ['recordThankYou', (w) => w.recordThankYou({ id: 't-1', meetingId: 'm-held' })],
    ['recordCheckIn', (w) => w.recordCheckIn({ id: 'c-1', contactId: 'a' })],
    ['recordReferral', (w) => w.recordReferral({ id: 'r-ab', introducerId: 'a', kind: 'name-suggested' })],
    ['recordOutcome', (w) => w.recordOutcome({ id: 'out-1', kind: 'offer', contactIds: ['a'] })],
  ];

  it.each(DUPLICATES)('%s', async (_, call) => {
    const { store, playbook, w } = await fixture();
    const error = await refused(store, () => call(w, playbook), ValidationError);
    expect(error.issues).toEqual([{ path: 'id', message: expect.stringContaining('already exists') }]);
  });

  it('a made-up id that is taken is refused too', async () => {
    const { store, w } = await fixture();
    // A playbook whose id maker comes up with an id that a contact already has.
    const again = createPlaybook({ store, newId: () => 'a' }).workspace('w');
    const error = await refused(store, () => again.addContact({ name: 'Abe Again', tie: 'cold' }), ValidationError);
    expect(error.issues[0]?.path).toBe('id');
    expect((await w.network()).contacts.find((c) => c.id === 'a')?.name).toBe('Abe');
  });
});

describe('introductions form a forest: ReferralCycleError, nothing written', () => {
  it('nobody introduces themselves', async () => {
    const { store, w } = await fixture();
    const byReferral = await refused(store, () => w.recordReferral({ introducerId: 'a', kind: 'introduction-made', contactId: 'a' }), ReferralCycleError);
    expect(byReferral).toMatchObject({ code: 'referral-cycle', cycle: ['a', 'a'] });
    const byUpdate = await refused(store, () => w.updateContact('a', { introducedBy: 'a' }), ReferralCycleError);
    expect(byUpdate.cycle).toEqual(['a', 'a']);
    const byAdd = await refused(store, () => w.addContact({ id: 'z', name: 'Zed', tie: 'cold', introducedBy: 'z' }), ReferralCycleError);
    expect(byAdd.cycle).toEqual(['z', 'z']);
  });

  it('A introduced by B, then B introduced by A', async () => {
    const { store, w } = await fixture();
    // Bea introduces Abe.
    await w.completeReferral('r-ab');
    expect((await w.network()).contacts.find((c) => c.id === 'a')?.introducedBy).toBe('b');

    const byReferral = await refused(
      store,
      () => w.recordReferral({ introducerId: 'a', kind: 'introduction-made', contactId: 'b', status: 'done' }),
      ReferralCycleError,
    );
    expect(byReferral.cycle).toHaveLength(3);
    expect(new Set(byReferral.cycle)).toEqual(new Set(['a', 'b']));
    await refused(store, () => w.updateContact('b', { introducedBy: 'a' }), ReferralCycleError);

    // An offer alone links nobody; completing it would close the loop.
    await w.recordReferral({ id: 'r-ba', introducerId: 'a', kind: 'introduction-made', contactId: 'b' });
    await refused(store, () => w.completeReferral('r-ba'), ReferralCycleError);
    const network = await w.network();
    expect(network.referrals.find((r) => r.id === 'r-ba')?.status).toBe('offered');
    expect(network.contacts.find((c) => c.id === 'b')?.introducedBy).toBeUndefined();
  });

  it('a loop already in the store (written by another tool) is reported, not walked forever', async () => {
    const { store, w } = await fixture();
    const head = (await store.getWorkspace(wid('w')))!;
    const at = new Date('2025-03-01T00:00:00Z');
    // The store checks each record's shape, not how records point at each other.
    await store.commit(wid('w'), {
      expectedRevision: head.revision,
      operations: [
        { op: 'put', kind: 'contact', record: ContactSchema.parse({ id: 'p', name: 'Pia', tie: 'cold', introducedBy: 'q', createdAt: at }) },
        { op: 'put', kind: 'contact', record: ContactSchema.parse({ id: 'q', name: 'Quin', tie: 'cold', introducedBy: 'p', createdAt: at }) },
      ],
    });
    const error = await refused(store, () => w.addContact({ id: 'n', name: 'Nia', tie: 'cold', introducedBy: 'p' }), ReferralCycleError);
    expect(new Set(error.cycle)).toEqual(new Set(['p', 'q']));
    expect(error.cycle[0]).toBe(error.cycle.at(-1));
  });

  it('a longer loop is found through the whole chain', async () => {
    const { store, w } = await fixture();
    await w.addContact({ id: 'y', name: 'Yan', tie: 'cold', introducedBy: 'b' });
    await w.addContact({ id: 'z', name: 'Zoe', tie: 'cold', introducedBy: 'y' });
    const error = await refused(store, () => w.updateContact('b', { introducedBy: 'z' }), ReferralCycleError);
    expect(error.cycle[0]).toBe(error.cycle.at(-1));
    expect(new Set(error.cycle)).toEqual(new Set(['b', 'y', 'z']));
  });
});

describe('`__proto__`, `constructor` and `prototype` keys: ValidationError, Object.prototype untouched', () => {
  const POISON: readonly (readonly [string, (w: SeekerPlaybook, playbook: Playbook) => Promise<unknown>, string])[] = [
    ['createWorkspace', (_, p) => p.createWorkspace(JSON.parse('{"name":"Eve","timeZone":"UTC","__proto__":{"polluted":"yes"}}')), '__proto__'],
    ['addContact', (w) => w.addContact(JSON.parse('{"name":"Eve","tie":"cold","__proto__":{"polluted":"yes"}}')), '__proto__'],
    ['updateContact', (w) => w.updateContact('a', JSON.parse('{"tags":["x"],"constructor":{"prototype":{"polluted":"yes"}}}')), 'constructor'],
    ['prepareMeeting', (w) => w.prepareMeeting('m-a', JSON.parse('{"answers":{"__proto__":{"polluted":"yes"}}}')), 'answers.__proto__'],
    ['recordAttempt', (w) => w.recordAttempt('o-a', JSON.parse('{"channel":"email","__proto__":{"polluted":"yes"}}')), '__proto__'],
    ['recordDecline', (w) => w.recordDecline('o-a', JSON.parse('{"__proto__":{"polluted":"yes"}}')), '__proto__'],
    ['recordReferral', (w) => w.recordReferral(JSON.parse('{"introducerId":"a","kind":"name-suggested","prototype":{"polluted":"yes"}}')), 'prototype'],
    ['agenda', (w) => w.agenda(JSON.parse('{"__proto__":{"polluted":"yes"}}')), '__proto__'],
  ];

  it.each(POISON)('%s', async (_, call, path) => {
    const { store, playbook, w } = await fixture();
    const error = await refused(store, () => call(w, playbook), ValidationError);
    expect(error.issues.map((issue) => issue.path)).toContain(path);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// Rule `import.match`: which drafts the network already holds, what a duplicate adds,
// and when the plan refuses to decide.
import { describe, expect, it } from 'vitest';
import {
  ContactSchema,
  connectedOnNote,
  emptyNetwork,
  importedRecords,
  parseNetwork,
  planImport,
  type Contact,
  type ContactDraft,
  type ImportEntry,
  type Network,
  type Organization,
} from '../../src/index.js';
import * as fromImportEntry from '../../src/import/index.js';

const CREATED = new Date('2025-01-06T14:00:00Z');

const draft = (name: string, fields: Partial<ContactDraft> = {}): ContactDraft => ({
  name,
  emails: [],
  phones: [],
  tie: 'other',
  researchNotes: '',
  tags: [],
  ...fields,
});

const contact = (id: string, name: string, fields: Partial<Contact> = {}): Contact => ({
  id,
  name,
  emails: [],
  phones: [],
  tie: 'event',
  mutualContacts: [],
  researchNotes: '',
  tags: [],
  keepInTouch: true,
  createdAt: CREATED,
  ...fields,
});

const organization = (id: string, name: string): Organization => ({ id, name, standsFor: '', whyInterested: '', createdAt: CREATED });

function network(contacts: Contact[] = [], organizations: Organization[] = []): Network {
  return parseNetwork({
    ...emptyNetwork({ id: 'sam', name: 'Sam', timeZone: 'America/New_York', phase: { kind: 'searching' }, holidays: [], createdAt: CREATED }),
    contacts,
    organizations,
  });
}

const only = (entries: readonly ImportEntry[]) => {
  expect(entries).toHaveLength(1);
  return entries[0]!;
};

describe('planImport matches each draft to the network', () => {
  const lena = contact('lena', 'Lena Ortiz', {
    emails: ['lena@example.org'],
    phones: ['+1 617 555 0142'],
    profileUrl: 'https://www.linkedin.com/in/lena-ortiz',
    organizationId: 'northwind',
  });
  const base = network([lena, contact('raj', 'Raj Patel')], [organization('northwind', 'Northwind Health')]);

  it('by profile URL, ignoring scheme, www, a country subdomain, case, a trailing slash and the query', () => {
    const entry = only(planImport(base, [draft('L. Ortiz', { profileUrl: 'http://de.linkedin.com/in/Lena-Ortiz/?trk=abc' })]).entries);
    expect(entry).toMatchObject({ status: 'duplicate', contactId: 'lena', matchedBy: 'profile-url', changes: false });
    expect(entry.reason).toBe('Same profile URL as Lena Ortiz: nothing new to add.');
  });

  it('by e-mail address, in any case', () => {
    expect(only(planImport(base, [draft('Someone', { emails: ['LENA@Example.org'] })]).entries)).toMatchObject({ status: 'duplicate', contactId: 'lena', matchedBy: 'email' });
  });

  it('by phone number, ignoring spaces, dashes, dots and parentheses, with 00 read as +', () => {
    expect(only(planImport(base, [draft('Someone', { phones: ['0016175550142'] })]).entries)).toMatchObject({ contactId: 'lena', matchedBy: 'phone' });
    expect(only(planImport(base, [draft('Someone', { phones: ['+1 (617) 555-0142'] })]).entries)).toMatchObject({ contactId: 'lena', matchedBy: 'phone' });
    // A national form is not guessed to be the same number.
    expect(only(planImport(base, [draft('Someone', { phones: ['617 555 0142'] })]).entries).status).toBe('new');
  });

  it('by name at the same organization, ignoring accents, punctuation and case; a name alone never matches', () => {
    const withJose = network([contact('jose', 'José-Luis Pérez', { organizationId: 'n' })], [organization('n', 'Northwind Health')]);
    expect(only(planImport(withJose, [draft('jose luis perez', { organizationName: 'NORTHWIND  health' })]).entries)).toMatchObject({
      status: 'duplicate',
      contactId: 'jose',
      matchedBy: 'name-and-organization',
    });
    expect(only(planImport(withJose, [draft('José-Luis Pérez')]).entries).status).toBe('new');
    expect(only(planImport(withJose, [draft('José-Luis Pérez', { organizationName: 'Contoso' })]).entries).status).toBe('new');
  });

  it('the strongest kind decides: a profile URL match wins over an e-mail address that is someone else’s', () => {
    const raj = contact('raj', 'Raj Patel', { emails: ['raj@example.com'] });
    const plan = planImport(network([lena, raj], [organization('northwind', 'Northwind Health')]), [
      draft('Lena Ortiz', { profileUrl: 'https://linkedin.com/in/lena-ortiz', emails: ['raj@example.com', 'lena.new@example.org'] }),
    ]);
    const entry = only(plan.entries);
    expect(entry).toMatchObject({ status: 'duplicate', contactId: 'lena', matchedBy: 'profile-url' });
    // Raj's address is never merged into Lena: one address, one person.
    expect(entry.status === 'duplicate' && entry.merge.emails).toEqual(['lena.new@example.org']);
  });

  it('two people matching is a conflict, not imported', () => {
    const twoPeople = network([lena, contact('raj', 'Raj Patel', { emails: ['raj@x.example'] })], [organization('northwind', 'Northwind Health')]);
    const entry = only(planImport(twoPeople, [draft('Both', { emails: ['lena@example.org', 'raj@x.example'] })]).entries);
    expect(entry).toMatchObject({ status: 'conflict', matchedBy: 'email', candidates: [{ contactId: 'lena', name: 'Lena Ortiz' }, { contactId: 'raj', name: 'Raj Patel' }] });
    expect(entry.reason).toBe('The e-mail address matches 2 people (Lena Ortiz, Raj Patel): not imported; merge or correct them first.');
  });

  it('one match whose profile URL differs is a conflict: maybe another person, maybe a changed URL', () => {
    const entry = only(planImport(base, [draft('Lena Ortiz', { emails: ['lena@example.org'], profileUrl: 'https://www.linkedin.com/in/lena-ortiz-2' })]).entries);
    expect(entry).toMatchObject({ status: 'conflict', matchedBy: 'email', candidates: [{ contactId: 'lena' }] });
    expect(entry.reason).toContain('but the profile URLs differ');
  });

  it('a person listed twice in one import is one new contact; the second entry is a repeat that adds to it', () => {
    const plan = planImport(base, [
      draft('Ana Li', { emails: ['ana@example.com'], row: 3 }),
      draft('Ana Li', { emails: ['ANA@example.com', 'ana.li@work.example'], phones: ['+44 20 7946 0958'] }),
    ]);
    expect(plan.entries.map((entry) => entry.status)).toEqual(['new', 'repeat']);
    const repeat = plan.entries[1]!;
    expect(repeat).toMatchObject({ sameAs: 0, matchedBy: 'email', merge: { emails: ['ana.li@work.example'], phones: ['+44 20 7946 0958'] } });
    expect(repeat.reason).toBe('Same e-mail address as Ana Li (row 3 of this import): adds 1 e-mail address, 1 phone number.');
    const records = importedRecords(base, plan, { now: CREATED, newId: () => 'ana' });
    expect(records.added).toHaveLength(1);
    expect(records.added[0]).toMatchObject({ emails: ['ana@example.com', 'ana.li@work.example'], phones: ['+44 20 7946 0958'] });
  });
});

describe('a duplicate gains only what the contact lacks', () => {
  it('new addresses, numbers and tags are added; profile URL, role and organization only when missing; nothing is overwritten', () => {
    const raj = contact('raj', 'Raj Patel', { emails: ['raj@example.com'], role: 'Engineer', tags: ['Alumni'] });
    const base = network([raj]);
    const plan = planImport(base, [
      draft('Rajesh Patel', {
        emails: ['raj@example.com', 'rajesh@contoso.example'],
        phones: ['+44 20 7946 0958'],
        profileUrl: 'https://www.linkedin.com/in/rajpatel',
        role: 'Senior Engineer',
        organizationName: 'Contoso, Ltd.',
        tags: ['alumni', 'Referrers'],
        connectedOn: '2021-02-03',
      }),
    ]);
    const entry = only(plan.entries);
    expect(entry).toMatchObject({
      status: 'duplicate',
      changes: true,
      merge: {
        emails: ['rajesh@contoso.example'],
        phones: ['+44 20 7946 0958'],
        profileUrl: 'https://www.linkedin.com/in/rajpatel',
        organization: { name: 'Contoso, Ltd.' },
        notes: ['Connected on 3 Feb 2021.'],
        tags: ['Referrers'],
      },
    });
    expect(entry.status === 'duplicate' && 'role' in entry.merge).toBe(false);
    expect(plan.organizations).toEqual([{ name: 'Contoso, Ltd.' }]);
    const ids = ['contoso'];
    const { merged, added, organizations } = importedRecords(base, plan, { now: CREATED, newId: () => ids.shift()! });
    expect(added).toEqual([]);
    expect(organizations).toEqual([{ id: 'contoso', name: 'Contoso, Ltd.', standsFor: '', whyInterested: '', createdAt: CREATED }]);
    expect(merged).toEqual([
      {
        ...raj,
        emails: ['raj@example.com', 'rajesh@contoso.example'],
        phones: ['+44 20 7946 0958'],
        profileUrl: 'https://www.linkedin.com/in/rajpatel',
        organizationId: 'contoso',
        researchNotes: 'Connected on 3 Feb 2021.',
        tags: ['Alumni', 'Referrers'],
      },
    ]);
    // The name, role and tie the seeker recorded stay as they are; so does createdAt.
    expect(merged[0]).toMatchObject({ name: 'Raj Patel', role: 'Engineer', tie: 'event', createdAt: CREATED });
  });

  it('never grows a contact past the schema’s limits (10 e-mail addresses, 10 phone numbers, 50 tags, 20,000 characters of notes)', () => {
    const full = contact('full', 'Full Person', {
      emails: Array.from({ length: 9 }, (_, i) => `old${i}@example.com`),
      phones: Array.from({ length: 10 }, (_, i) => `+1 555 010${i}`),
      tags: Array.from({ length: 49 }, (_, i) => `tag${i}`),
      researchNotes: 'x'.repeat(19_990),
    });
    const plan = planImport(network([full]), [
      draft('Full Person', {
        emails: ['old0@example.com', 'new1@example.com', 'new2@example.com'],
        phones: ['+1 555 9999'],
        tags: ['new-a', 'new-b'],
        connectedOn: '2024-03-15',
      }),
    ]);
    const { merged } = importedRecords(network([full]), plan, { now: CREATED, newId: () => 'x' });
    expect(merged).toHaveLength(1);
    const grown = ContactSchema.parse(merged[0]);
    expect(grown.emails).toHaveLength(10);
    expect(grown.phones).toHaveLength(10);
    expect(grown.tags).toHaveLength(50);
    expect(grown.researchNotes).toBe('x'.repeat(19_990));
    // The schema refuses one more of each: the caps above are its own.
    expect(ContactSchema.safeParse({ ...grown, emails: [...grown.emails, 'one@more.example'] }).success).toBe(false);
    expect(ContactSchema.safeParse({ ...grown, phones: [...grown.phones, '+1 555 0000'] }).success).toBe(false);
    expect(ContactSchema.safeParse({ ...grown, tags: [...grown.tags, 'one-more'] }).success).toBe(false);
    expect(ContactSchema.safeParse({ ...grown, researchNotes: 'x'.repeat(20_001) }).success).toBe(false);
  });
});

describe('organizations', () => {
  it('one per distinct name, compared case-insensitively, linked to an existing one when the network has it', () => {
    const base = network([], [organization('nw', 'Northwind Health')]);
    const plan = planImport(base, [
      draft('A', { organizationName: 'northwind health' }),
      draft('B', { organizationName: 'Contoso' }),
      draft('C', { organizationName: 'CONTOSO' }),
      draft('D'),
    ]);
    expect(plan.organizations).toEqual([{ name: 'Northwind Health', organizationId: 'nw' }, { name: 'Contoso' }]);
    expect(plan.counts).toEqual({ new: 4, duplicate: 0, repeat: 0, conflict: 0, unchanged: 0, newOrganizations: 1 });
    expect(plan.entries.slice(0, 2).map((entry) => entry.reason)).toEqual([
      'A will be added at Northwind Health: no contact has this profile URL, e-mail address or phone number, or this name at this organization.',
      'B will be added at Contoso (a new organization): no contact has this profile URL, e-mail address or phone number, or this name at this organization.',
    ]);
    const ids = ['contoso', 'a', 'b', 'c', 'd'];
    const records = importedRecords(base, plan, { now: CREATED, newId: () => ids.shift()! });
    expect(records.organizations.map((o) => o.id)).toEqual(['contoso']);
    expect(records.added.map((c) => [c.name, c.organizationId])).toEqual([
      ['A', 'nw'],
      ['B', 'contoso'],
      ['C', 'contoso'],
      ['D', undefined],
    ]);
  });

  it('an organization only a conflicting draft names is not created', () => {
    const base = network([contact('a', 'A', { emails: ['x@example.com'] }), contact('b', 'B', { phones: ['+1 555 0100'] })]);
    const plan = planImport(base, [draft('Z', { emails: ['x@example.com'], phones: ['+1 555 0100'], organizationName: 'Nowhere' })]);
    expect(plan.entries[0]!.status).toBe('duplicate');
    const conflict = planImport(network([contact('a', 'A', { emails: ['x@example.com'] }), contact('b', 'B', { emails: ['y@example.com'] })]), [
      draft('Z', { emails: ['x@example.com', 'y@example.com'], organizationName: 'Nowhere' }),
    ]);
    expect(conflict.entries[0]!.status).toBe('conflict');
    expect(conflict.organizations).toEqual([]);
  });
});

describe('a new contact', () => {
  it('keeps the day it connected as a line of its research notes; its createdAt is when it is imported', () => {
    const plan = planImport(network(), [draft('Lena Ortiz', { researchNotes: 'Met at the meetup.', connectedOn: '2024-03-15' })]);
    const entry = only(plan.entries);
    expect(entry.status === 'new' && entry.contact.researchNotes).toBe('Met at the meetup.\nConnected on 15 Mar 2024.');
    expect(entry.reason).toBe('Lena Ortiz will be added: no contact has this profile URL, e-mail address or phone number.');
    const now = new Date('2026-02-01T10:00:00Z');
    expect(importedRecords(network(), plan, { now, newId: () => 'lena' }).added[0]!.createdAt).toBe(now);
    expect(connectedOnNote('2021-02-03')).toBe('Connected on 3 Feb 2021.');
  });
});

describe('re-planning an imported list', () => {
  it('gives only unchanged duplicates', () => {
    const drafts = [
      draft('Lena Ortiz', { profileUrl: 'https://www.linkedin.com/in/lena', organizationName: 'Northwind', connectedOn: '2024-03-15' }),
      draft('Raj Patel', { emails: ['raj@example.com'], tags: ['x'] }),
      draft('Raj Patel', { emails: ['raj@example.com'], phones: ['+1 555 0100'] }),
      draft('Dana Kim', { organizationName: 'Fabrikam' }),
    ];
    const first = planImport(network(), drafts);
    let next = 0;
    const records = importedRecords(network(), first, { now: CREATED, newId: () => `id-${++next}` });
    const after = network(records.added, records.organizations);
    const again = planImport(after, drafts);
    expect(again.counts).toEqual({ new: 0, duplicate: 4, repeat: 0, conflict: 0, unchanged: 4, newOrganizations: 0 });
    expect(importedRecords(after, again, { now: CREATED, newId: () => 'never' })).toEqual({ organizations: [], added: [], merged: [] });
  });

  it('is pure: the network and drafts are not changed', () => {
    const base = network([contact('raj', 'Raj Patel', { emails: ['raj@example.com'] })]);
    const drafts = [draft('Raj', { emails: ['raj@example.com', 'second@example.com'] })];
    const before = structuredClone({ base, drafts });
    planImport(base, drafts);
    expect({ base, drafts }).toEqual(before);
  });
});

describe('reachout/import', () => {
  it('re-exports the planner the root entry has', () => {
    expect(fromImportEntry.planImport).toBe(planImport);
    expect(fromImportEntry.importedRecords).toBe(importedRecords);
  });
});

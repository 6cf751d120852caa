// vCard 3.0 and 4.0 in, vCard 4.0 out: as the README documents, and read by ical.js.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { ImportFormatError, type Contact, type Organization } from '../../src/index.js';
import { readLinkedInConnections, readVCards, writeVCards } from '../../src/import/index.js';
import { fixture } from './helpers.js';

const contact = (fields: Record<string, unknown>) => ({ emails: [], phones: [], tie: 'other', researchNotes: '', tags: [], ...fields });

describe('readVCards', () => {
  it('reads Apple’s vCard 3.0: item groups, escaped commas, folded lines, photos left out', () => {
    const { contacts, skipped, dropped } = readVCards(fixture('apple-contacts.vcf'));
    expect(contacts).toEqual([
      contact({
        name: 'Lena Ortiz',
        emails: ['lena@example.org', 'lena.ortiz@northwind.example'],
        phones: ['+1 (617) 555-0142'],
        // Apple writes `https\://`; the LinkedIn address wins over any other.
        profileUrl: 'https://www.linkedin.com/in/lena-ortiz-4a1b2c',
        role: 'Director of Partnerships',
        organizationName: 'Northwind Health',
        researchNotes: 'Met at the Boston health-tech meetup, March 2024.\nIntroduced me to Raj.',
        row: 1,
      }),
      contact({
        name: 'Raj Patel',
        emails: ['raj.patel@example.com'],
        phones: ['+44 20 7946 0958'],
        profileUrl: 'https://www.linkedin.com/in/rajpatel',
        organizationName: 'Contoso, Ltd.',
        tags: ['Engineering', 'Referrers'],
        row: 2,
      }),
    ]);
    expect(skipped).toEqual([{ row: 3, line: 32, reason: 'no name: a contact needs one' }]);
    expect(dropped).toEqual([]);
  });

  it('reads vCard 4.0 with a BOM: tel: URIs, escaped line breaks, Google’s system categories left out; a card cut short is skipped', () => {
    const { contacts, skipped, dropped } = readVCards(fixture('contacts-4.0.vcf'));
    expect(contacts).toEqual([
      contact({
        name: 'Dana Kim',
        emails: ['dana.kim@fabrikam.example'],
        phones: ['+1-555-555-0110'],
        profileUrl: 'https://www.linkedin.com/in/dana-kim',
        role: 'VP, Product',
        organizationName: 'Fabrikam, Inc.',
        researchNotes: 'Prefers calls after 4pm.\nHas a dog named Biscuit; loves hiking.',
        tags: ['Product'],
        row: 1,
      }),
      contact({ name: 'Ngozi Okafor', emails: ['ngozi@example.ng', 'ngozi.okafor@wideworld.example'], profileUrl: 'https://ngozi.example.ng', row: 2 }),
    ]);
    expect(skipped).toEqual([{ row: 3, line: 21, reason: 'has no END:VCARD: the file is cut short' }]);
    expect(dropped).toEqual([{ row: 1, line: 1, field: 'TEL', value: 'tel:+1-555-555-0111;ext=102', reason: 'not a phone number' }]);
  });

  it('refuses Outlook’s vCard 2.1 with a typed error that names the version and what to do', () => {
    let error: unknown;
    try {
      readVCards(fixture('outlook-2.1.vcf'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportFormatError);
    expect(error).toMatchObject({ code: 'import-format', format: 'vcard', problem: 'unsupported-version', line: 1 });
    expect((error as Error).message).toBe(
      'cannot read this vCard file (line 1): card 1 is vCard 2.1 (an old format, written by Outlook and old phones, with quoted-printable text) and is not read: ' +
        'open the file in Apple Contacts or Google Contacts and export the contacts again as vCard (3.0), then read that file',
    );
  });

  it('skips a card ical.js cannot parse and reads the others', () => {
    const text = 'BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Broken\nTHIS LINE HAS NO COLON\nEND:VCARD\nBEGIN:VCARD\nVERSION:4.0\nFN:Good Two\nEND:VCARD\n';
    const { contacts, skipped } = readVCards(text);
    expect(contacts.map((c) => c.name)).toEqual(['Good One', 'Good Two']);
    expect(skipped).toEqual([{ row: 2, line: 5, reason: expect.stringMatching(/^ical\.js cannot parse it \(.+\)$/) }]);
  });

  it('takes the name from N when a card has no FN', () => {
    expect(readVCards('BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kim;Dana;J.;Dr.;\r\nEND:VCARD\r\n').contacts[0]!.name).toBe('Dana J. Kim');
  });

  it('tells a CSV export from a vCard file', () => {
    expect(() => readVCards(fixture('linkedin-connections-old.csv'))).toThrow('no vCard in the file (no BEGIN:VCARD line): it looks like a CSV export');
    expect(() => readLinkedInConnections(fixture('apple-contacts.vcf'))).toThrow('this is a vCard file: read it with readVCards');
  });
});

describe('writeVCards', () => {
  const organizations: Organization[] = [{ id: 'nw', name: 'Northwind; Health, Inc.', standsFor: '', whyInterested: '', createdAt: new Date('2025-01-01T00:00:00Z') }];
  const lena: Contact = {
    id: 'lena',
    name: 'Lena Ortiz-Núñez',
    emails: ['lena@example.org'],
    phones: ['+1 (617) 555-0142', '617.555.0100'],
    profileUrl: 'https://www.linkedin.com/in/lena-ortiz?trk=a,b;c',
    organizationId: 'nw',
    role: 'Director, Partnerships',
    tie: 'event',
    mutualContacts: [],
    researchNotes: 'Line one; with, punctuation\\\nLine two — and a long line that has to be folded because it is much longer than seventy-five octets: 😀😀😀',
    tags: ['health, tech', 'Alumni'],
    keepInTouch: true,
    createdAt: new Date('2025-01-06T14:00:00Z'),
  };

  it('writes vCard 4.0 that ical.js parses to the same values', () => {
    const text = writeVCards([lena], { organizations });
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\nUID:lena\r\nFN:Lena Ortiz-Núñez\r\nN:Ortiz-Núñez;Lena;;;\r\n')).toBe(true);
    expect(text.endsWith('END:VCARD\r\n')).toBe(true);
    // ical.js folds after 75 octets of content; a continuation line adds its leading space.
    expect(Math.max(...text.split('\r\n').map((line) => new TextEncoder().encode(line).length))).toBeLessThanOrEqual(76);
    const card = new ICAL.Component(ICAL.parse(text));
    expect(card.getFirstPropertyValue('fn')).toBe(lena.name);
    expect(card.getAllProperties('email').map((p) => p.getFirstValue())).toEqual(lena.emails);
    expect(card.getAllProperties('tel').map((p) => p.getFirstValue())).toEqual(lena.phones);
    expect(card.getFirstPropertyValue('url')).toBe(lena.profileUrl);
    expect(card.getFirstProperty('org')!.getFirstValue()).toBe('Northwind; Health, Inc.');
    expect(card.getFirstPropertyValue('title')).toBe(lena.role);
    expect(card.getFirstPropertyValue('note')).toBe(lena.researchNotes);
    expect(card.getAllProperties('categories').map((p) => p.getFirstValue())).toEqual(lena.tags);
  });

  it('is read back by readVCards to the contact’s own values', () => {
    const [back] = readVCards(writeVCards([lena], { organizations })).contacts;
    expect(back).toEqual({
      name: lena.name,
      emails: lena.emails,
      phones: lena.phones,
      profileUrl: lena.profileUrl,
      role: lena.role,
      organizationName: 'Northwind; Health, Inc.',
      tie: 'other',
      researchNotes: lena.researchNotes,
      tags: lena.tags,
      row: 1,
    });
  });

  it('writes nothing for no contacts, and keeps a card’s text on its own lines whatever the input holds', () => {
    expect(writeVCards([])).toBe('');
    const text = writeVCards([{ ...lena, name: 'Eve\r\nEND:VCARD\r\nBEGIN:VCARD\u0007', researchNotes: 'a\r\nb\rc\u0000d' }]);
    const { contacts } = readVCards(text);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ name: 'Eve END:VCARD BEGIN:VCARD', researchNotes: 'a\nb\ncd' });
  });
});

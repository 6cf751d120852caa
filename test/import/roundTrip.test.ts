// Any contact list written as LinkedIn's Connections.csv or as vCard, and read back,
// gives the same contacts: awkward characters (quotes, commas, semicolons, backslashes,
// `=`/`+`/`-`/`@` at the start, accents, CJK, emoji) included.
import { test } from '@fast-check/vitest';
import ICAL from 'ical.js';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { WebUrlSchema, isEmailAddress, type ContactDraft } from '../../src/index.js';
import { readLinkedInConnections, readVCards, writeVCards } from '../../src/import/index.js';
import { linkedInCsv, type Connection } from './helpers.js';

// What no single-line field holds: controls (C0, DEL, C1) and line separators.
// eslint-disable-next-line no-control-regex
const NOT_IN_A_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const NOT_IN_NOTES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

const awkward = fc.constantFrom('=', '+', '-', '@', '"', "'", ',', ';', ':', '\\', ' ', 'é', 'ß', '佐', '😀', '\u00a0x');
const char = fc.oneof(awkward, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));

/** A trimmed, single-line text of 1 to `max` characters. */
const line = (max: number) =>
  fc
    .array(char, { minLength: 1, maxLength: Math.min(max, 30) })
    .map((chars) => chars.join(''))
    .filter((text) => text !== '' && text === text.trim() && text.length <= max && !NOT_IN_A_LINE.test(text));

const notes = fc
  .array(fc.oneof(line(80), fc.constant('\t indented')), { maxLength: 4 })
  .map((lines) => lines.join('\n').trim())
  .filter((text) => !NOT_IN_NOTES.test(text));

const email = fc.emailAddress().filter((address) => address.length <= 254 && isEmailAddress(address));
const phone = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...'0123456789'), { minLength: 3, maxLength: 15 }), fc.array(fc.constantFrom(' ', '-', '.', '(', ')'), { maxLength: 4 }))
  .map(([plus, digits, separators]) => {
    const parts = [...digits];
    separators.forEach((separator, at) => parts.splice(1 + ((at * 3) % (parts.length - 1)), 0, separator));
    return `${plus ? '+' : ''}${parts.join('')}`.trim();
  });
const profileUrl = fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true }).filter((url) => WebUrlSchema.safeParse(url).data === url);
const linkedInUrl = fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,30}$/).map((slug) => `https://www.linkedin.com/in/${slug}`);
const day = fc.date({ min: new Date('1995-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `2024-03-15` as LinkedIn writes it: `15 Mar 2024`. */
const linkedInDate = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

const connection = fc.record(
  {
    first: line(90),
    last: line(90),
    url: fc.option(linkedInUrl, { nil: undefined }),
    email: fc.option(email, { nil: undefined }),
    company: fc.option(line(200), { nil: undefined }),
    position: fc.option(line(200), { nil: undefined }),
    connectedOn: day,
  },
  { requiredKeys: ['first', 'last', 'connectedOn'] },
);

describe('LinkedIn Connections.csv', () => {
  test.prop([fc.array(connection, { maxLength: 25 }), fc.boolean(), fc.boolean()])('written and read back gives the same contacts', (rows, preamble, crlf) => {
    const written: Connection[] = rows.map((row) => ({ ...row, connectedOn: linkedInDate(row.connectedOn) }));
    const { contacts, skipped, dropped } = readLinkedInConnections(linkedInCsv(written, { preamble, crlf }));
    expect(skipped).toEqual([]);
    expect(dropped).toEqual([]);
    expect(contacts).toEqual(
      rows.map((row, index) => ({
        name: `${row.first} ${row.last}`,
        emails: row.email === undefined ? [] : [row.email],
        phones: [],
        ...(row.url === undefined ? {} : { profileUrl: row.url }),
        ...(row.position === undefined ? {} : { role: row.position }),
        ...(row.company === undefined ? {} : { organizationName: row.company }),
        tie: 'other',
        researchNotes: '',
        tags: [],
        connectedOn: row.connectedOn,
        row: index + 1,
      })),
    );
  });
});

const draft: fc.Arbitrary<ContactDraft> = fc
  .record(
    {
      name: line(200),
      emails: fc.uniqueArray(email, { maxLength: 10, selector: (address) => address.toLowerCase() }),
      phones: fc.uniqueArray(phone, { maxLength: 10, selector: (number) => number.replace(/\D/g, '') }),
      profileUrl: fc.option(fc.oneof(profileUrl, linkedInUrl), { nil: undefined }),
      role: fc.option(line(200), { nil: undefined }),
      organizationName: fc.option(line(200), { nil: undefined }),
      researchNotes: notes,
      // Google's system groups (myContacts, starred) are not read back as tags.
      tags: fc.uniqueArray(line(60).filter((tag) => !['mycontacts', 'starred'].includes(tag.toLowerCase())), { maxLength: 8, selector: (tag) => tag.toLowerCase() }),
    },
    { requiredKeys: ['name', 'emails', 'phones', 'researchNotes', 'tags'] },
  )
  .map((fields) => ({ ...fields, tie: 'other' as const }));

describe('vCard', () => {
  test.prop([fc.array(draft, { minLength: 1, maxLength: 12 })])('written by writeVCards and read back by readVCards gives the same contacts', (drafts) => {
    const text = writeVCards(drafts);
    const { contacts, skipped, dropped } = readVCards(text);
    expect(skipped).toEqual([]);
    expect(dropped).toEqual([]);
    expect(contacts).toEqual(drafts.map((fields, index) => ({ ...fields, row: index + 1 })));
  });

  test.prop([fc.array(draft, { minLength: 1, maxLength: 6 })])('written by writeVCards is read by ical.js, card for card, name for name', (drafts) => {
    const parsed: unknown = ICAL.parse(writeVCards(drafts));
    const components = (drafts.length === 1 ? [parsed] : (parsed as unknown[])).map((jcard) => new ICAL.Component(jcard as unknown[]));
    expect(components.map((card) => card.getFirstPropertyValue('fn'))).toEqual(drafts.map((fields) => fields.name));
    expect(components.map((card) => card.getFirstPropertyValue('version'))).toEqual(drafts.map(() => '4.0'));
  });
});

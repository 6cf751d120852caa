// vCard 3.0 and 4.0 (Google, iCloud, Outlook) through ical.js: it handles folding,
// escaping, groups (`item1.EMAIL`) and value types; this file finds where each card
// begins and ends, so one damaged card is reported and the others are still read.
import ICAL from 'ical.js';
import { ImportFormatError } from '../domain/errors.js';
import { ReadReport, readOptions, type RawValue, type ReadOptions, type ReadResult } from './draft.js';
import { fileText, type ImportFile } from './text.js';

/** One card's lines as found in the file. */
interface CardText {
  /** 1 = the first card of the file. */
  readonly number: number;
  /** The line its BEGIN:VCARD is on. */
  readonly line: number;
  readonly lines: string[];
  version: string | undefined;
  complete: boolean;
}

/** A jCard property: name, parameters, value type, then its values. */
type JCardProperty = [name: string, parameters: Record<string, unknown>, type: string, ...values: unknown[]];

// Google's system groups, which its vCards list as categories: not the seeker's tags.
const SYSTEM_CATEGORIES = new Set(['mycontacts', 'starred']);
// A photo is not read: its lines (base64, often most of an iCloud export) never reach the parser.
const PHOTO = /^([A-Za-z0-9-]+\.)?PHOTO[;:]/i;

/** Where each card begins and ends. Nesting is followed, so an embedded card stays inside its card. */
function splitCards(text: string): CardText[] {
  const cards: CardText[] = [];
  let card: CardText | undefined;
  let depth = 0;
  let inPhoto = false;
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const bare = line.trim().toUpperCase();
    if (bare === 'BEGIN:VCARD') {
      if (depth === 0) cards.push((card = { number: cards.length + 1, line: index + 1, lines: [], version: undefined, complete: false }));
      depth++;
    } else if (!card || depth === 0) continue;
    else if (inPhoto && (line.startsWith(' ') || line.startsWith('\t'))) continue;
    else if ((inPhoto = PHOTO.test(line))) continue;
    else if (bare === 'END:VCARD') {
      depth--;
      if (depth === 0) card.complete = true;
    } else if (depth === 1 && line.slice(0, 8).toUpperCase() === 'VERSION:') {
      card.version = line.slice(8).trim();
    }
    card?.lines.push(line);
    if (depth === 0) card = undefined;
  }
  return cards;
}

const strings = (values: readonly unknown[]): string[] => values.filter((value): value is string => typeof value === 'string');

/** The first component of a structured value (`ORG:Acme;Sales` is `Acme`), or the value itself. */
const firstComponent = (value: unknown): string => (Array.isArray(value) ? String(value[0] ?? '') : typeof value === 'string' ? value : '');

/**
 * Reads vCard 3.0 and 4.0 files (one or many cards; Google, iCloud, Outlook): each card
 * becomes a draft with its name (FN, or else the parts of N), e-mail addresses, phone
 * numbers (`tel:` URIs too), the first LinkedIn address (URL or X-SOCIALPROFILE) or
 * else the first URL as the profile URL, the organization (first part of ORG), title
 * (as the role), notes, and categories as tags (Google's `myContacts` and `starred`
 * are not tags). Photos are not read. A card without a name, cut short or that ical.js
 * cannot parse is skipped; values that are not what their property says are left out;
 * both are reported with the card number and line.
 *
 * Throws `ImportFormatError` for a file that cannot be read at all (empty, binary, too
 * large, no card) and for vCard 2.1, whose quoted-printable text this reader does not
 * decode; `ValidationError` for bad options.
 */
export function readVCards(file: ImportFile, options: ReadOptions = {}): ReadResult {
  const { tie, tags, maxBytes } = readOptions(options);
  const text = fileText(file, 'vcard', maxBytes);
  const cards = splitCards(text);
  if (cards.length === 0) {
    // A look at the start only: a hint must not cost more than the file.
    const csv = text.slice(0, 2_000).toLowerCase().includes('first name,') ? ': it looks like a CSV export; read it with readLinkedInConnections or readGoogleContacts' : '';
    throw new ImportFormatError('vcard', 'header', `no vCard in the file (no BEGIN:VCARD line)${csv}`);
  }
  const old = cards.find((card) => card.version === '2.1');
  if (old) {
    const count = cards.filter((card) => card.version === '2.1').length;
    throw new ImportFormatError(
      'vcard',
      'unsupported-version',
      `${count === 1 ? 'card' : `${count} cards, the first`} ${old.number} is vCard 2.1 (an old format, written by Outlook and old phones, with quoted-printable text) and is not read: ` +
        'open the file in Apple Contacts or Google Contacts and export the contacts again as vCard (3.0), then read that file',
      old.line,
    );
  }
  const report = new ReadReport({ tie, tags });
  for (const card of cards) {
    if (!card.complete) {
      report.skip(card.number, card.line, 'has no END:VCARD: the file is cut short');
      continue;
    }
    let properties: JCardProperty[];
    try {
      const parsed: unknown = ICAL.parse(card.lines.join('\r\n'));
      // One component comes back as itself, several as a list.
      const component = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed[0] : parsed) as [string, JCardProperty[]];
      properties = component[1];
    } catch (error) {
      report.skip(card.number, card.line, `ical.js cannot parse it (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    report.add(rawContact(properties), card.number, card.line);
  }
  return report.result();
}

/** A card's properties, as the values a contact draft is made of. */
function rawContact(properties: readonly JCardProperty[]) {
  const all = (name: string) => properties.filter((property) => property[0] === name);
  const values = (name: string, field: string, map: (text: string) => string = (text) => text): RawValue[] =>
    all(name).flatMap((property) => strings(property.slice(3)).map((value) => ({ field, value: map(value) })));
  const one = (name: string, field: string): RawValue | undefined => {
    const property = all(name)[0];
    return property === undefined ? undefined : { field, value: firstComponent(property[3]) };
  };

  const fn = strings(all('fn').flatMap((property) => property.slice(3)))[0]?.trim() ?? '';
  const n = all('n')[0]?.[3];
  // N is family;given;additional;prefix;suffix: a person reads given, additional, family.
  const fromN = Array.isArray(n) ? [n[1], n[2], n[0]].filter((part): part is string => typeof part === 'string' && part.trim() !== '').join(' ') : '';
  const notes = values('note', 'NOTE').map((note) => note.value);
  // Apple's vCard 3.0 escapes the colon of a URL (`http\://`), which vCard does not define.
  const urls = [...values('url', 'URL', (url) => url.replace(/\\:/g, ':')), ...values('x-socialprofile', 'X-SOCIALPROFILE').filter((url) => /^https?:/i.test(url.value))];
  return {
    name: fn || fromN,
    emails: values('email', 'EMAIL'),
    phones: values('tel', 'TEL'),
    urls,
    role: one('title', 'TITLE'),
    organization: one('org', 'ORG'),
    notes: notes.length === 0 ? undefined : { field: 'NOTE', value: notes.join('\n') },
    tags: values('categories', 'CATEGORIES').filter((category) => !SYSTEM_CATEGORIES.has(category.value.trim().toLowerCase())),
  };
}

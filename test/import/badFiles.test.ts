// Files that are not what a reader expects: each gets a typed error or a complete
// report, never a crash, and in time linear in its size.
import { describe, expect, it } from 'vitest';
import { ImportFormatError, ValidationError, type ImportFormatProblem } from '../../src/index.js';
import { readGoogleContacts, readLinkedInConnections, readVCards, type ReadResult } from '../../src/import/index.js';
import { fixture, linkedInCsv } from './helpers.js';

const readers = [
  ['readLinkedInConnections', readLinkedInConnections],
  ['readGoogleContacts', readGoogleContacts],
  ['readVCards', readVCards],
] as const;

/** The problem of the `ImportFormatError` that `read` throws (failing the test for anything else). */
function problemOf(read: () => ReadResult): ImportFormatProblem {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFormatError);
    return (error as ImportFormatError).problem;
  }
  throw new Error('expected an ImportFormatError, the file was read');
}

describe.each(readers)('%s refuses a file it cannot read, with ImportFormatError', (_name, read) => {
  it('empty, or only blank lines and a BOM', () => {
    expect(problemOf(() => read(''))).toBe('empty');
    expect(problemOf(() => read('\uFEFF \r\n\t\n'))).toBe('empty');
    expect(problemOf(() => read(new Uint8Array()))).toBe('empty');
  });

  it('binary: NUL bytes, a PNG, a ZIP archive (LinkedIn’s download itself)', () => {
    expect(problemOf(() => read(Buffer.from([0x00, 0x01, 0x02, 0x03])))).toBe('binary');
    expect(problemOf(() => read(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])))).toBe('binary');
    expect(problemOf(() => read(Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000', 'latin1')))).toBe('binary');
    expect(() => read(Buffer.from('PK\u0003\u0004 rest', 'latin1'))).toThrow(/ZIP archive.*unzip it/);
  });

  it('bytes that are not UTF-8', () => {
    expect(problemOf(() => read(Buffer.from([0x46, 0x69, 0x72, 0x73, 0x74, 0xe9, 0x2c, 0x0a])))).toBe('encoding');
  });

  it('larger than maxBytes (32 MiB unless given), refused before any parsing', () => {
    const fiftyMegabytes = Buffer.alloc(50 * 1024 * 1024, 0x41);
    const started = performance.now();
    expect(problemOf(() => read(fiftyMegabytes))).toBe('too-large');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(() => read(fiftyMegabytes)).toThrow('the file has 50.0 MiB, more than the 32.0 MiB a reader takes: pass a larger maxBytes to read it');
    expect(problemOf(() => read('x'.repeat(101), { maxBytes: 100 }))).toBe('too-large');
  });

  it('something that is not a file’s text or bytes: ValidationError, not a TypeError', () => {
    for (const bad of [undefined, null, 42, {}, ['a'], new ArrayBuffer(4)]) expect(() => read(bad as never)).toThrow(ValidationError);
  });
});

describe('CSV files that are damaged', () => {
  it('a header that is not there: says what was expected and what the file starts with', () => {
    expect(() => readLinkedInConnections('Name,Phone\nRaj,555\n')).toThrow(
      'cannot read this LinkedIn Connections.csv: no header row with First Name, Last Name and Connected On; the file starts with "Name,Phone"',
    );
    expect(problemOf(() => readGoogleContacts('Just some text\nand more\n'))).toBe('header');
  });

  it('a quote never closed (a file cut short): the line it opened on', () => {
    const csv = linkedInCsv([{ first: 'Raj', last: 'Patel', connectedOn: '3 Feb 2021' }, { first: 'Dana', last: 'Kim', connectedOn: '28 Nov 2019' }]);
    const cut = csv.slice(0, csv.lastIndexOf('"Kim'));
    let error: unknown;
    try {
      readLinkedInConnections(cut + '"Ki');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'import-format', problem: 'malformed' });
    expect((error as Error).message).toMatch(/^cannot read this LinkedIn Connections\.csv \(line \d+\): a quoted cell is never closed: the file is cut short or damaged$/);
    expect(problemOf(() => readGoogleContacts('First Name,Notes,E-mail 1 - Value\nAna,"unfinished note\n\nmore'))).toBe('malformed');
  });

  it('a row longer than a million characters is damage, refused in time linear in its size', () => {
    const huge = `First Name,Last Name,Connected On\nA,"${'x'.repeat(2_000_000)}`;
    const started = performance.now();
    expect(problemOf(() => readLinkedInConnections(huge))).toBe('malformed');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a file that ends mid-row reports that row, and reads every row before it', () => {
    const csv = linkedInCsv([{ first: 'Raj', last: 'Patel', company: 'Contoso', connectedOn: '3 Feb 2021' }], { preamble: false, crlf: false });
    const { contacts, skipped } = readLinkedInConnections(`${csv}Dana,Kim,https://www.link`);
    expect(contacts.map((c) => c.name)).toEqual(['Raj Patel']);
    expect(skipped).toEqual([{ row: 2, line: 3, reason: "has 3 of the header's 7 cells: the row is cut short" }]);
  });

  it('UTF-16 with a byte-order mark (Excel’s "Unicode text") is read', () => {
    const text = fixture('linkedin-connections-old.csv').toString('utf8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(readLinkedInConnections(utf16)).toEqual(readLinkedInConnections(text));
  });
});

describe('vCard files that are damaged', () => {
  it('no card at all', () => {
    expect(problemOf(() => readVCards('hello\nworld\n'))).toBe('header');
  });

  it('cards that never end: reported, nothing thrown', () => {
    const { contacts, skipped } = readVCards('BEGIN:VCARD\nVERSION:3.0\nFN:Only Begins\nBEGIN:VCARD\nFN:x\n');
    expect(contacts).toEqual([]);
    // A BEGIN inside an open card nests; the outer card is the one cut short.
    expect(skipped).toEqual([{ row: 1, line: 1, reason: 'has no END:VCARD: the file is cut short' }]);
  });

  it('a mixed file with one 2.1 card is refused whole, naming the first', () => {
    const text = `${fixture('contacts-4.0.vcf').toString('utf8').split('BEGIN:VCARD\nVERSION:4.0\nFN:Cut Short')[0]}${fixture('outlook-2.1.vcf').toString('utf8')}`;
    expect(() => readVCards(text)).toThrow(/card 3 is vCard 2\.1/);
  });

  it('lines built to make a pattern backtrack are answered in time linear in their size', () => {
    const started = performance.now();
    const spaces = readVCards(`BEGIN:VCARD\nVERSION:${' '.repeat(1_000_000)}x y\nFN:Ana\nEND:VCARD\n`);
    expect(spaces.contacts.map((c) => c.name)).toEqual(['Ana']);
    expect(problemOf(() => readVCards('first name'.repeat(1_000_000)))).toBe('header');
    expect(problemOf(() => readVCards(`PHOTO${'a'.repeat(1_000_000)}`))).toBe('header');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('100,000 tiny cards are read in one linear pass', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A B\r\nEND:VCARD\r\n'.repeat(100_000);
    const { contacts } = readVCards(text);
    expect(contacts).toHaveLength(100_000);
  });
});

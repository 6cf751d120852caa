// LinkedIn's Connections.csv, as the README documents reading it.
import { describe, expect, it } from 'vitest';
import { ImportFormatError, ValidationError } from '../../src/index.js';
import { readLinkedInConnections } from '../../src/import/index.js';
import { fixture, linkedInCsv } from './helpers.js';

const connection = (fields: Record<string, unknown>) => ({ emails: [], phones: [], tie: 'other', researchNotes: '', tags: [], ...fields });

describe('readLinkedInConnections', () => {
  it('reads a current export: preamble, CRLF, empty e-mails, quoted commas, non-Latin names', () => {
    const { contacts, skipped, dropped } = readLinkedInConnections(fixture('linkedin-connections.csv'));
    expect(contacts).toEqual([
      connection({ name: 'Lena Ortiz', profileUrl: 'https://www.linkedin.com/in/lena-ortiz-4a1b2c', role: 'Director of Partnerships', organizationName: 'Northwind Health', connectedOn: '2024-03-15', row: 1 }),
      connection({ name: 'Raj Patel', emails: ['raj.patel@example.com'], profileUrl: 'https://www.linkedin.com/in/rajpatel', role: 'Senior Engineer', organizationName: 'Contoso, Ltd.', connectedOn: '2021-02-03', row: 2 }),
      connection({ name: 'Dana Kim', profileUrl: 'https://www.linkedin.com/in/dana-kim', role: 'VP, Product', organizationName: 'Fabrikam, Inc.', connectedOn: '2019-11-28', row: 3 }),
      connection({ name: '美咲 佐藤', profileUrl: 'https://www.linkedin.com/in/%E7%BE%8E%E5%92%B2-%E4%BD%90%E8%97%A4', role: 'UX Researcher', organizationName: 'Tōkyō Design Studio', connectedOn: '2023-01-01', row: 4 }),
      connection({ name: 'José Pérez García', profileUrl: 'https://www.linkedin.com/in/jose-perez-garcia', role: 'Data Analyst', organizationName: 'Northwind Health', connectedOn: '2022-09-09', row: 5 }),
      connection({ name: 'Ahmed Hassan', profileUrl: 'https://www.linkedin.com/in/ahmed-hassan-77', connectedOn: '2023-08-20', row: 7 }),
      connection({ name: 'Tom Becker', profileUrl: 'https://www.linkedin.com/in/tombecker', role: 'Account Manager', organizationName: 'Adventure Works', row: 8 }),
      // Cells that a spreadsheet would take for formulas are data: kept exactly as text.
      connection({ name: '=HYPERLINK("http://evil.example") Smith', profileUrl: 'https://www.linkedin.com/in/hyperlink-smith', role: '-Consultant', organizationName: '@Risk Partners', connectedOn: '2022-05-05', row: 9 }),
      // A quoted line break in a cell is one space in a single-line field.
      connection({ name: 'Priya Shah "PJ"', profileUrl: 'https://www.linkedin.com/in/priya-shah', role: 'Head of Talent, EMEA', organizationName: 'Wide World Importers', connectedOn: '2024-04-30', row: 10 }),
    ]);
    expect(skipped).toEqual([{ row: 6, line: 10, reason: 'no name: a contact needs one' }]);
    expect(dropped).toEqual([
      { row: 8, line: 12, field: 'Connected On', value: '2024-31-12', reason: 'not a date like "15 Mar 2024" (or 2024-03-15); left out rather than guessed' },
      { row: 10, line: 14, field: 'Email Address', value: 'priya@@example', reason: 'not an e-mail address' },
    ]);
  });

  it('reads an older export: no preamble, no URL column, LF line endings', () => {
    const { contacts, skipped, dropped } = readLinkedInConnections(fixture('linkedin-connections-old.csv'));
    expect(contacts).toEqual([
      connection({ name: 'Lena Ortiz', emails: ['lena.ortiz@northwind.example'], role: 'Director of Partnerships', organizationName: 'Northwind Health', connectedOn: '2018-03-15', row: 1 }),
      connection({ name: 'Sam Lee', connectedOn: '2017-07-02', row: 2 }),
      connection({ name: 'Kai Müller', emails: ['kai@example.de'], role: 'Geschäftsführer', organizationName: 'Müller & Söhne, GmbH', connectedOn: '2016-12-31', row: 3 }),
    ]);
    expect([skipped, dropped]).toEqual([[], []]);
  });

  it('reads the same from text and bytes, and from CRLF and LF', () => {
    const bytes = fixture('linkedin-connections.csv');
    const text = bytes.toString('utf8');
    expect(readLinkedInConnections(text)).toEqual(readLinkedInConnections(bytes));
    expect(readLinkedInConnections(text.replaceAll('\r\n', '\n'))).toEqual(readLinkedInConnections(bytes));
  });

  it('finds the header by its names, wherever it is and whatever the column order', () => {
    const text = ['Exported for Sam', 'by a tool', 'Connected On,Company,Last Name,First Name', '3 Feb 2021,Contoso,Patel,Raj'].join('\n');
    expect(readLinkedInConnections(text).contacts).toEqual([connection({ name: 'Raj Patel', organizationName: 'Contoso', connectedOn: '2021-02-03', row: 1 })]);
  });

  it('reads "Connected On" strictly: LinkedIn’s form and ISO dates only, never a guess', () => {
    const dates = ['3 Feb 2021', '03 feb 2021', '2021-02-03', '29 Feb 2024', '29 Feb 2023', '3/2/2021', 'Feb 3, 2021', '3 February 2021', '32 Jan 2021'];
    const csv = linkedInCsv(
      dates.map((connectedOn, i) => ({ first: `P${i}`, last: 'X', connectedOn })),
      { preamble: false },
    );
    const { contacts, dropped } = readLinkedInConnections(csv);
    expect(contacts.map((c) => c.connectedOn)).toEqual(['2021-02-03', '2021-02-03', '2021-02-03', '2024-02-29', undefined, undefined, undefined, undefined, undefined]);
    expect(dropped.map((d) => d.value)).toEqual(['29 Feb 2023', '3/2/2021', 'Feb 3, 2021', '3 February 2021', '32 Jan 2021']);
  });

  it('skips a row with another number of cells than the header, saying why', () => {
    const text = ['First Name,Last Name,Company,Connected On', 'Raj,Patel,Contoso,3 Feb 2021', 'Dana,Kim,Fabrikam, Inc.,28 Nov 2019', 'Tom,Becker'].join('\n');
    const { contacts, skipped } = readLinkedInConnections(text);
    expect(contacts.map((c) => c.name)).toEqual(['Raj Patel']);
    expect(skipped).toEqual([
      { row: 2, line: 3, reason: 'has 5 cells where the header has 4: a comma outside quotes?' },
      { row: 3, line: 4, reason: "has 2 of the header's 4 cells: the row is cut short" },
    ]);
  });

  it('strips control characters and gives every contact the tie and tags asked for', () => {
    const text = linkedInCsv([{ first: 'Ra\u0007j', last: 'Pa\u0000tel\u009b', company: 'Con\u001btoso', connectedOn: '3 Feb 2021' }], { preamble: false });
    // NUL is binary content: refused as a file. Without it, the other controls go.
    expect(() => readLinkedInConnections(text)).toThrow(ImportFormatError);
    const clean = readLinkedInConnections(text.replace('\u0000', ''), { tie: 'alumni', tags: ['linkedin'] });
    expect(clean.contacts).toEqual([connection({ name: 'Raj Patel', organizationName: 'Contoso', connectedOn: '2021-02-03', tie: 'alumni', tags: ['linkedin'], row: 1 })]);
  });

  it('refuses options that are not a tie kind or tags, with field paths', () => {
    const csv = fixture('linkedin-connections.csv');
    expect(() => readLinkedInConnections(csv, { tie: 'buddy' as never })).toThrow(ValidationError);
    expect(() => readLinkedInConnections(csv, { tags: ['x'.repeat(61)] })).toThrow(/tags\[0\]/);
  });
});

// Google Contacts' CSV export, as the README documents reading it.
import { describe, expect, it } from 'vitest';
import { ImportFormatError } from '../../src/index.js';
import { readGoogleContacts } from '../../src/import/index.js';
import { fixture } from './helpers.js';

const contact = (fields: Record<string, unknown>) => ({ emails: [], phones: [], tie: 'other', researchNotes: '', tags: [], ...fields });

describe('readGoogleContacts', () => {
  it('reads the current export: BOM, numbered groups, " ::: " values, labels, multi-line notes', () => {
    const { contacts, skipped, dropped } = readGoogleContacts(fixture('google-contacts.csv'));
    expect(contacts).toEqual([
      contact({
        name: 'Lena Ortiz',
        emails: ['lena.ortiz@northwind.example', 'lena@example.org'],
        phones: ['+1 617 555 0142'],
        profileUrl: 'https://www.linkedin.com/in/lena-ortiz-4a1b2c',
        role: 'Director of Partnerships',
        organizationName: 'Northwind Health',
        // `* myContacts` and `* starred` are Google's own groups, not the seeker's labels.
        tags: ['Alumni'],
        row: 1,
      }),
      contact({
        name: "Mary Anne O'Neil",
        emails: ['mary.oneil@example.com'],
        phones: ['(617) 555-0199', '+1 617 555 0100'],
        organizationName: 'Contoso, Ltd.',
        researchNotes: 'Met at the Boston career fair.\nAsk about the data team, "Q3" hiring.',
        tags: ['Boston, 2024'],
        row: 2,
      }),
      contact({ name: 'Coach Vee', emails: ['vee@example.net'], tags: ['Mentors'], row: 4 }),
      contact({ name: 'Wei 张', profileUrl: 'https://wei.example.cn/', organizationName: 'Fabrikam, Inc.', row: 5 }),
    ]);
    expect(skipped).toEqual([{ row: 3, line: 5, reason: 'no name: a contact needs one' }]);
    expect(dropped).toEqual([
      { row: 2, line: 3, field: 'Phone 2 - Value', value: 'call me maybe', reason: 'not a phone number' },
      { row: 5, line: 7, field: 'E-mail 1 - Value', value: 'not-an-email', reason: 'not an e-mail address' },
      { row: 5, line: 7, field: 'Organization Name', value: 'Tailspin Toys', reason: 'a contact has one organization: the first is kept' },
    ]);
  });

  it('reads the older export’s column names', () => {
    const text = [
      'Name,Given Name,Additional Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Organization 1 - Title',
      'Dana Kim,Dana,,Kim,* My Contacts ::: Product,* Work,dana@fabrikam.example,Mobile,+1 555 555 0110,Fabrikam,VP Product',
      'Ken Ito,,,,* My Contacts,,ken@example.jp,,,,',
    ].join('\r\n');
    expect(readGoogleContacts(text).contacts).toEqual([
      contact({ name: 'Dana Kim', emails: ['dana@fabrikam.example'], phones: ['+1 555 555 0110'], organizationName: 'Fabrikam', role: 'VP Product', tags: ['Product'], row: 1 }),
      contact({ name: 'Ken Ito', emails: ['ken@example.jp'], row: 2 }),
    ]);
  });

  it('keeps at most 10 e-mail addresses, reporting the rest', () => {
    const emails = Array.from({ length: 12 }, (_, i) => `a${i}@example.com`).join(' ::: ');
    const { contacts, dropped } = readGoogleContacts(`First Name,E-mail 1 - Value\nAna,${emails}\n`);
    expect(contacts[0]!.emails).toHaveLength(10);
    expect(dropped.map((d) => [d.value, d.reason])).toEqual([
      ['a10@example.com', 'a contact keeps at most 10 e-mail addresses'],
      ['a11@example.com', 'a contact keeps at most 10 e-mail addresses'],
    ]);
  });

  it('tells a LinkedIn file from a Google one, and says which reader fits', () => {
    const error = (() => {
      try {
        readGoogleContacts(fixture('linkedin-connections.csv'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ImportFormatError);
    expect(error).toMatchObject({ code: 'import-format', format: 'google-csv', problem: 'header' });
    expect((error as Error).message).toContain("it looks like LinkedIn's Connections.csv: read it with readLinkedInConnections");
  });
});

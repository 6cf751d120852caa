// Google Contacts' CSV export ("Google CSV"): numbered groups of columns (`E-mail 1 -
// Label`, `E-mail 1 - Value`, …), several values in one cell separated by ` ::: `,
// labels such as `* myContacts`, a byte-order mark and multi-line notes. The older
// export's names (`Given Name`, `Group Membership`, `E-mail 1 - Type`) are read too.
import { column, readCsv } from './csv.js';
import { ReadReport, readOptions, type RawValue, type ReadOptions, type ReadResult } from './draft.js';
import { cellCountReason } from './linkedin.js';
import { fileText, type ImportFile } from './text.js';

const VALUES_SEPARATOR = ' ::: ';
const NAME_COLUMNS = ['first name', 'given name', 'name'];
const GROUP_VALUE = /^(e-mail|phone|website) (\d+) - value$/;

const isGoogleHeader = (names: ReadonlySet<string>) =>
  NAME_COLUMNS.some((name) => names.has(name)) &&
  [...names].some((name) => GROUP_VALUE.test(name) || name === 'labels' || name === 'group membership' || name === 'organization name' || name === 'organization 1 - name');

/**
 * Reads a Google Contacts CSV export: each contact becomes a draft with its name (first,
 * middle and last; or the older export's `Name`; or the nickname), every e-mail address
 * and phone number of every numbered group (a cell may hold several, separated by
 * ` ::: `), the first LinkedIn web address (or else the first web address) as the
 * profile URL, organization name and title, notes, and its own labels as tags
 * (Google's system groups, `* myContacts` and `* starred`, are not tags). Rows without a
 * name are skipped; values that are not what their column says are left out; both are
 * reported with their row and line.
 *
 * Throws `ImportFormatError` for a file that cannot be read at all and `ValidationError`
 * for bad options.
 */
export function readGoogleContacts(file: ImportFile, options: ReadOptions = {}): ReadResult {
  const { tie, tags, maxBytes } = readOptions(options);
  const text = fileText(file, 'google-csv', maxBytes);
  const table = readCsv(text, 'google-csv', isGoogleHeader, 'First Name (or Name) and E-mail 1 - Value, Phone 1 - Value or Labels');
  const { header, labels } = table;
  const report = new ReadReport({ tie, tags });
  const groups = { 'e-mail': [] as number[], phone: [] as number[], website: [] as number[] };
  header.forEach((name, index) => {
    const match = GROUP_VALUE.exec(name);
    if (match) groups[match[1] as keyof typeof groups].push(index);
  });
  const first = (...names: string[]) => names.map((name) => column(header, name)).find((index) => index !== undefined);
  const columns = {
    first: first('first name', 'given name'),
    middle: first('middle name', 'additional name'),
    last: first('last name', 'family name'),
    name: first('name'),
    nickname: first('nickname'),
    organization: first('organization name', 'organization 1 - name'),
    title: first('organization title', 'organization 1 - title'),
    notes: first('notes'),
    labels: first('labels', 'group membership'),
  };
  for (const { cells, row, line } of table.rows) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    if (cells.length !== header.length) {
      report.skip(row, line, cellCountReason(cells.length, header.length));
      continue;
    }
    const cell = (index: number | undefined) => (index === undefined ? '' : (cells[index] ?? '').trim());
    const values = (indexes: readonly number[]): RawValue[] =>
      indexes.flatMap((index) => split(cells[index] ?? '').map((value) => ({ field: labels[index] ?? '', value })));
    const parts = [cell(columns.first), cell(columns.middle), cell(columns.last)].filter((part) => part !== '');
    const name = parts.length > 0 ? parts.join(' ') : cell(columns.name) || cell(columns.nickname);
    const [organization, ...otherOrganizations] = columns.organization === undefined ? [] : split(cells[columns.organization] ?? '');
    const added = report.add(
      {
        name,
        emails: values(groups['e-mail']),
        phones: values(groups.phone),
        urls: values(groups.website),
        role: columns.title === undefined ? undefined : { field: 'Organization Title', value: split(cells[columns.title] ?? '')[0] ?? '' },
        organization: organization === undefined ? undefined : { field: 'Organization Name', value: organization },
        notes: columns.notes === undefined ? undefined : { field: 'Notes', value: cells[columns.notes] ?? '' },
        tags: columns.labels === undefined ? [] : split(cells[columns.labels] ?? '').filter((label) => !label.startsWith('* ')).map((value) => ({ field: 'Labels', value })),
      },
      row,
      line,
    );
    if (added) for (const other of otherOrganizations) report.drop(row, line, { field: 'Organization Name', value: other }, 'a contact has one organization: the first is kept');
  }
  return report.result();
}

/** The values of one cell: ` ::: ` separates several. */
function split(cell: string): string[] {
  return cell
    .split(VALUES_SEPARATOR)
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

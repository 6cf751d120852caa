// LinkedIn's Connections.csv, from "Get a copy of your data": a "Notes:" preamble in
// newer exports, then `First Name,Last Name,URL,Email Address,Company,Position,Connected On`
// (older exports have no preamble and no URL column).
import { column, readCsv } from './csv.js';
import { ReadReport, readOptions, type RawValue, type ReadOptions, type ReadResult } from './draft.js';
import { fileText, type ImportFile } from './text.js';

const REQUIRED = ['first name', 'last name', 'connected on'] as const;

/**
 * Reads LinkedIn's `Connections.csv`: each connection becomes a contact draft with its
 * name, profile URL, e-mail address (LinkedIn leaves most empty), company (as the
 * organization's name), position (as the role) and "Connected On" day. The header row is
 * found by its names, after any preamble. Rows without a name, or with a different
 * number of cells than the header, are skipped; values that are not what their column
 * says are left out; both are reported with their row and line.
 *
 * Throws `ImportFormatError` for a file that cannot be read at all (empty, binary, too
 * large, no such header, a quote never closed) and `ValidationError` for bad options.
 */
export function readLinkedInConnections(file: ImportFile, options: ReadOptions = {}): ReadResult {
  const { tie, tags, maxBytes } = readOptions(options);
  const text = fileText(file, 'linkedin-csv', maxBytes);
  const table = readCsv(text, 'linkedin-csv', (names) => REQUIRED.every((name) => names.has(name)), 'First Name, Last Name and Connected On');
  const { header } = table;
  const report = new ReadReport({ tie, tags });
  const columns = {
    first: column(header, 'first name'),
    last: column(header, 'last name'),
    url: column(header, 'url'),
    email: column(header, 'email address'),
    company: column(header, 'company'),
    position: column(header, 'position'),
    connectedOn: column(header, 'connected on'),
  };
  for (const { cells, row, line } of table.rows) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    if (cells.length !== header.length) {
      report.skip(row, line, cellCountReason(cells.length, header.length));
      continue;
    }
    const value = (index: number | undefined, field: string): RawValue | undefined =>
      index === undefined ? undefined : { field, value: cells[index] ?? '' };
    const first = value(columns.first, 'First Name')?.value.trim() ?? '';
    const last = value(columns.last, 'Last Name')?.value.trim() ?? '';
    const url = value(columns.url, 'URL');
    const email = value(columns.email, 'Email Address');
    report.add(
      {
        name: [first, last].filter((part) => part !== '').join(' '),
        emails: email ? [email] : [],
        phones: [],
        urls: url ? [url] : [],
        role: value(columns.position, 'Position'),
        organization: value(columns.company, 'Company'),
        tags: [],
        connectedOn: value(columns.connectedOn, 'Connected On'),
      },
      row,
      line,
    );
  }
  return report.result();
}

/** Why a row with the wrong number of cells is not read. */
export function cellCountReason(cells: number, columns: number): string {
  return cells < columns
    ? `has ${cells} of the header's ${columns} cells: the row is cut short`
    : `has ${cells} cells where the header has ${columns}: a comma outside quotes?`;
}

// CSV through csv-parse: it handles quoting, the byte-order mark and line endings; this
// file finds the header row by its names and gives each data row its row and line.
import { CsvError, parse } from 'csv-parse/sync';
import { ImportFormatError, type ImportFormat } from '../domain/errors.js';

/** A data row: its cells, its number (1 = the first row after the header) and the line it starts on. */
export interface CsvRow {
  readonly cells: readonly string[];
  readonly row: number;
  readonly line: number;
}

/** A CSV file's header and its data rows. */
export interface CsvTable {
  /** The column names, trimmed and lower-cased, for looking columns up. */
  readonly header: readonly string[];
  /** The column names as the file writes them, for reports. */
  readonly labels: readonly string[];
  readonly rows: readonly CsvRow[];
}

// Rows before the header a file may have (LinkedIn's "Notes:" preamble takes two).
const HEADER_SEARCH_ROWS = 20;
// A longer row is damage (a quote never closed), not a contact: Google's longest note is far shorter.
const MAX_ROW_CHARACTERS = 1_000_000;

/** Other files a reader might be given by mistake, told apart by their header, with the reader to use. */
const LOOKALIKES: readonly { readonly test: (names: ReadonlySet<string>) => boolean; readonly hint: string }[] = [
  { test: (names) => names.has('connected on'), hint: "it looks like LinkedIn's Connections.csv: read it with readLinkedInConnections" },
  { test: (names) => [...names].some((name) => /^(e-mail|phone) \d+ - value$/.test(name)), hint: 'it looks like a Google Contacts CSV: read it with readGoogleContacts' },
];

/**
 * Parses `text` and returns the header (the first of the first rows that `isHeader`
 * accepts) and the data rows after it. Throws `ImportFormatError` for a quote never
 * closed or a row that cannot be read (with its line), or no header (saying what was
 * expected, and which reader fits when the file is another known export).
 */
export function readCsv(text: string, format: ImportFormat, isHeader: (names: ReadonlySet<string>) => boolean, expected: string): CsvTable {
  if (/^\s*BEGIN:VCARD/i.test(text)) throw new ImportFormatError(format, 'header', 'this is a vCard file: read it with readVCards');
  // csv-parse counts a CRLF inside a quoted cell as two lines; with LF only, line numbers are exact.
  const lf = text.replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(lf, {
      bom: true,
      info: true,
      relax_column_count: true,
      // A stray quote inside an unquoted cell (`Robert "Bob" Smith`) is text, as a person wrote it.
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: MAX_ROW_CHARACTERS,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : undefined;
    const detail =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted cell is never closed: the file is cut short or damaged'
        : error.code === 'CSV_MAX_RECORD_SIZE'
          ? `a row is longer than ${MAX_ROW_CHARACTERS.toLocaleString('en-US')} characters: a quote that is never closed?`
          : `the CSV cannot be read (${error.message})`;
    throw new ImportFormatError(format, 'malformed', detail, line);
  }
  const names = (cells: readonly string[]) => cells.map((cell) => cell.trim().toLowerCase());
  const at = records.slice(0, HEADER_SEARCH_ROWS).findIndex(({ record }) => isHeader(new Set(names(record))));
  if (at < 0) {
    const seen = new Set(records.slice(0, HEADER_SEARCH_ROWS).flatMap(({ record }) => names(record)));
    const hint = LOOKALIKES.find((lookalike) => lookalike.test(seen))?.hint;
    const first = lf.split('\n', 1)[0]!.slice(0, 80);
    throw new ImportFormatError(format, 'header', `no header row with ${expected}; the file starts with "${first}"${hint ? `: ${hint}` : ''}`);
  }
  const rows: CsvRow[] = [];
  for (let index = at + 1; index < records.length; index++) {
    const { record, info } = records[index]!;
    // A record ends on `info.lines`; line breaks inside its quoted cells say where it began.
    let breaks = 0;
    for (const cell of record) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) breaks++;
    rows.push({ cells: record, row: index - at, line: info.lines - breaks });
  }
  const labels = records[at]!.record.map((cell) => cell.trim());
  return { header: names(labels), labels, rows };
}

/** The cell of `row` under the first column named `name`, or `undefined` when the header has none. */
export function column(header: readonly string[], name: string): number | undefined {
  const index = header.indexOf(name);
  return index < 0 ? undefined : index;
}

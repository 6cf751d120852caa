// Shared by the import tests: fixtures by name, and LinkedIn's Connections.csv written
// the way LinkedIn writes it (every cell quoted here, so no cell can be read as anything
// but text, and a cell starting with `=` is never written unquoted).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fixture's bytes. */
export const fixture = (name: string): Buffer => readFileSync(join(import.meta.dirname, 'fixtures', name));

/** LinkedIn's preamble above the header in exports since 2020. */
export const LINKEDIN_PREAMBLE = [
  'Notes:',
  '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more about this at https://www.linkedin.com/help/linkedin/answer/261"',
  '',
];

/** One connection as LinkedIn's columns hold it. */
export interface Connection {
  readonly first: string;
  readonly last: string;
  readonly url?: string | undefined;
  readonly email?: string | undefined;
  readonly company?: string | undefined;
  readonly position?: string | undefined;
  /** As LinkedIn writes it: `15 Mar 2024`. */
  readonly connectedOn: string;
}

const quoted = (cell: string) => `"${cell.replaceAll('"', '""')}"`;

/** A Connections.csv of `rows`: with the preamble and CRLF line endings unless told otherwise. */
export function linkedInCsv(rows: readonly Connection[], options: { preamble?: boolean; crlf?: boolean } = {}): string {
  const lines = [
    ...(options.preamble === false ? [] : LINKEDIN_PREAMBLE),
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
    ...rows.map((row) => [row.first, row.last, row.url ?? '', row.email ?? '', row.company ?? '', row.position ?? '', row.connectedOn].map(quoted).join(',')),
  ];
  const newline = options.crlf === false ? '\n' : '\r\n';
  return lines.join(newline) + newline;
}

// What the command prints: data to stdout (or only JSON with --json), messages to stderr,
// colour only where a person reads it.

/** The streams and environment one run prints to. */
export interface Terminal {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Colour on stdout only on a terminal, never with `NO_COLOR` (any non-empty value, as
 * no-color.org says) or `TERM=dumb`; `FORCE_COLOR` (other than `0`/`false`) forces it.
 * Decided here, not by a library: some turn colour on whenever `CI` is set.
 */
export function wantsColour(terminal: Terminal): boolean {
  const force = terminal.env['FORCE_COLOR'];
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (terminal.env['NO_COLOR']) return false;
  if (terminal.env['TERM'] === 'dumb') return false;
  return terminal.stdout.isTTY === true;
}

const ANSI = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39] } as const;
/** A text style this command uses. */
export type Style = keyof typeof ANSI;

/** One run's printer. */
export class Printer {
  readonly colour: boolean;
  constructor(
    readonly terminal: Terminal,
    readonly json: boolean,
  ) {
    this.colour = wantsColour(terminal);
  }

  /** `text` in `style` when colour is on. */
  paint(style: Style, text: string): string {
    if (!this.colour) return text;
    const [on, off] = ANSI[style];
    return `\u001b[${on}m${text}\u001b[${off}m`;
  }

  /** A line of data on stdout (not with --json). */
  line(text = ''): void {
    if (!this.json) this.terminal.stdout.write(`${text}\n`);
  }

  /** A message for the person on stderr ("Added Lena Ortiz."). */
  say(text: string): void {
    this.terminal.stderr.write(`${text}\n`);
  }

  /** The data of a --json run on stdout: dates become ISO-8601 (UTC, `Z`). */
  data(value: unknown): void {
    if (this.json) this.terminal.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Columns padded to their widest cell; the header in bold. */
  table(header: readonly string[], rows: readonly (readonly string[])[], styles: readonly (Style | undefined)[] = []): void {
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
    const render = (cells: readonly string[]) =>
      cells
        .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd();
    this.line(this.paint('bold', render(header)));
    rows.forEach((row, index) => {
      const style = styles[index];
      this.line(style ? this.paint(style, render(row)) : render(row));
    });
  }
}

/** An instant as the seeker reads it in their zone: `Mon 2 Mar 2026 09:30`. */
export function localTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')} ${part('hour')}:${part('minute')}`;
}

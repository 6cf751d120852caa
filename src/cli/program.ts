// The `reachout` program: global options, the command registry, exit codes. Commands
// parse, call the Playbook and print; no rule of the method lives here.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { describeFailure, EXIT } from './errors.js';
import { Printer, type Terminal } from './output.js';
import { storeResolver, SeekerSession, type GlobalOptions, type StoreResolver } from './session.js';

/** What the program runs with: where it prints and how it opens a store. */
export interface Runtime {
  readonly terminal: Terminal;
  readonly resolveStore: StoreResolver;
}

/** One command's run: its options, its printer, and the seeker's session once opened. */
export class Run {
  readonly printer: Printer;
  private session: SeekerSession | undefined;
  constructor(
    readonly runtime: Runtime,
    readonly options: GlobalOptions,
  ) {
    this.printer = new Printer(runtime.terminal, options.json === true);
  }

  get env(): NodeJS.ProcessEnv {
    return this.runtime.terminal.env;
  }

  /** The chosen workspace, opened on first use and closed when the command ends. */
  async seeker(): Promise<SeekerSession> {
    this.session ??= await SeekerSession.open(this.options, this.env, this.runtime.resolveStore);
    return this.session;
  }

  async close(): Promise<void> {
    await this.session?.close();
    this.session = undefined;
  }
}

/** Adds a group of commands to the program: the registry's unit. */
export type CommandGroup = (program: Command, runtime: Runtime) => void;

/** Wraps a command's work: options with the globals, and the store closed afterwards. */
export function act<A extends unknown[]>(runtime: Runtime, work: (run: Run, ...args: A) => Promise<void>) {
  return async (...args: unknown[]): Promise<void> => {
    const command = args[args.length - 1] as Command;
    const run = new Run(runtime, command.optsWithGlobals<GlobalOptions>());
    try {
      await work(run, ...(args.slice(0, -1) as A));
    } finally {
      await run.close();
    }
  };
}

/** Ends a command's help with examples, as every command's help does. */
export function examples(command: Command, ...lines: string[]): Command {
  return command.addHelpText('after', `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
}

function version(): string {
  // dist/cli/main.js and src/cli/program.ts both sit two folders below package.json.
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** The program with every group of commands registered. */
export function buildProgram(runtime: Runtime, groups: readonly CommandGroup[]): Command {
  const program = new Command('reachout')
    .description('Run the informational-interview method from a terminal: who to reach out to, when to try again, when to thank and check in.')
    .version(version(), '-V, --version')
    .addOption(new Option('--data <dir>', 'where the records live (default: $REACHOUT_DATA, $XDG_DATA_HOME/reachout or ~/.local/share/reachout)'))
    .addOption(new Option('--store <url>', 'a PostgreSQL database instead of the JSON files: postgres://… (default: $REACHOUT_STORE); needs the pg package'))
    .addOption(new Option('-w, --workspace <id>', "the seeker's workspace (default: $REACHOUT_WORKSPACE or the one init made)"))
    .addOption(new Option('--now <time>', 'a fixed clock, for scripts and tests: 2026-03-02 09:30 (workspace zone) or ISO with offset'))
    .addOption(new Option('--json', 'print only JSON on stdout'))
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.terminal.stdout.write(text),
      writeErr: (text) => runtime.terminal.stderr.write(text),
    });
  for (const group of groups) group(program, runtime);
  // Every subcommand reports usage errors the same way (exit 2, not commander's 1).
  const settle = (command: Command) => {
    command.exitOverride().configureOutput({
      writeOut: (text) => runtime.terminal.stdout.write(text),
      writeErr: (text) => runtime.terminal.stderr.write(text),
    });
    command.commands.forEach(settle);
  };
  program.commands.forEach(settle);
  examples(program, 'reachout init --name "Sam Rivera" --time-zone America/New_York', 'reachout contact add "Lena Ortiz" --email lena@example.org --tie event', 'reachout reach Lena', 'reachout agenda');
  return program;
}

const QUIET_EXITS = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version', 'commander.executeSubCommandAsync']);

/** Runs the program on `argv` (without `node` and the script) and gives the exit code. */
export async function runProgram(argv: readonly string[], runtime: Runtime, groups: readonly CommandGroup[]): Promise<number> {
  const program = buildProgram(runtime, groups);
  const json = argv.includes('--json');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (QUIET_EXITS.has(error.code)) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      // commander printed its message on stderr already.
      if (json) runtime.terminal.stdout.write(`${JSON.stringify({ error: { code: 'usage', message: error.message.replace(/^error: /, '') } })}\n`);
      return EXIT.usage;
    }
    const failure = describeFailure(error);
    runtime.terminal.stderr.write(`reachout: ${failure.message}\n`);
    if (json) runtime.terminal.stdout.write(`${JSON.stringify({ error: { code: failure.code, message: failure.message } })}\n`);
    return failure.exitCode;
  }
}

/** The JSON-file store in the data directory, or PostgreSQL with `--store postgres://…`. */
export const defaultRuntime = (terminal: Terminal): Runtime => ({ terminal, resolveStore: storeResolver });

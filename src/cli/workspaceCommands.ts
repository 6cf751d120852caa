// The seeker's workspace and a coach's view of many: init, workspaces, overview, phase.
import { Argument } from 'commander';
import { isTimeZone } from '../domain/primitives.js';
import { createPlaybook } from '../playbook/index.js';
import { act, examples, type CommandGroup } from './program.js';
import { clockOf, dataDirOf, idFromName, readConfig, storeUrlOf, writeConfig } from './session.js';

interface InitOptions {
  readonly name: string;
  readonly timeZone: string;
  readonly holiday?: string[];
}

const machineZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export const workspaceCommands: CommandGroup = (program, runtime) => {
  examples(
    program
      .command('init')
      .description("open a seeker's workspace and make it the default")
      .requiredOption('--name <name>', "the seeker's name")
      .option('--time-zone <zone>', 'IANA time zone where business days are counted (default: this machine\'s)')
      .option('--holiday <date...>', 'local days that are not business days (2026-07-03)')
      .action(
        act(runtime, async (run, options: InitOptions) => {
          const dataDir = dataDirOf(run.options, run.env);
          const store = await run.runtime.resolveStore({ dataDir, mustExist: false, url: storeUrlOf(run.options, run.env) });
          try {
            const timeZone = options.timeZone ?? machineZone();
            // A zone that does not exist is the Playbook's to refuse; --now is read in UTC meanwhile.
            const playbook = createPlaybook({ store, clock: clockOf(run.options, isTimeZone(timeZone) ? timeZone : 'UTC') });
            const taken = new Set((await store.listWorkspaces()).map((head) => head.workspace.id));
            const id = run.options.workspace ?? run.env['REACHOUT_WORKSPACE'] ?? idFromName(options.name, taken);
            const workspace = await playbook.createWorkspace({
              ...(id === undefined ? {} : { id }),
              name: options.name,
              timeZone,
              holidays: options.holiday ?? [],
            });
            writeConfig(dataDir, { ...readConfig(dataDir), defaultWorkspace: workspace.id });
            run.printer.data(workspace);
            run.printer.say(`Opened workspace "${workspace.id}" for ${workspace.name} (${workspace.timeZone}) in ${dataDir}; it is the default now.`);
          } finally {
            await store.close();
          }
        }),
      ),
    'reachout init --name "Sam Rivera" --time-zone America/New_York',
    'reachout init --name "Ana Ruiz" --time-zone Europe/Madrid --workspace ana --holiday 2026-10-12',
  );

  examples(
    program
      .command('workspaces')
      .description('list the workspaces in the data directory (one per seeker, for a coach)')
      .action(
        act(runtime, async (run) => {
          const dataDir = dataDirOf(run.options, run.env);
          const store = await run.runtime.resolveStore({ dataDir, mustExist: true, url: storeUrlOf(run.options, run.env) });
          try {
            const heads = await store.listWorkspaces();
            const chosen = readConfig(dataDir).defaultWorkspace;
            run.printer.data(heads.map((head) => ({ ...head.workspace, default: head.workspace.id === chosen })));
            run.printer.table(
              ['', 'ID', 'NAME', 'TIME ZONE', 'PHASE'],
              heads.map(({ workspace }) => [workspace.id === chosen ? '*' : '', workspace.id, workspace.name, workspace.timeZone, workspace.phase.kind]),
            );
          } finally {
            await store.close();
          }
        }),
      ),
    'reachout workspaces',
  );

  examples(
    program
      .command('overview')
      .description("for a coach: every workspace's overdue actions, most overdue first")
      .action(
        act(runtime, async (run) => {
          const dataDir = dataDirOf(run.options, run.env);
          const store = await run.runtime.resolveStore({ dataDir, mustExist: true, url: storeUrlOf(run.options, run.env) });
          try {
            if (run.runtime.terminal.stderr.isTTY && !run.printer.json) run.printer.say('Reading every workspace…');
            // The coach's clock: --now read in UTC when it has no offset (workspaces differ in zone).
            const overview = await createPlaybook({ store, clock: clockOf(run.options, 'UTC') }).overview();
            run.printer.data(overview);
            for (const { workspace, overdue } of overview.workspaces) {
              run.printer.line(`${run.printer.paint('bold', workspace.name)} (${workspace.id}): ${overdue.length} overdue`);
              for (const action of overdue) run.printer.line(`  ${run.printer.paint('red', action.title)} — ${action.reason}`);
            }
          } finally {
            await store.close();
          }
        }),
      ),
    'reachout overview --json',
  );

  examples(
    program
      .command('phase')
      .description('say where the seeker stands: still searching, or employed (check-ins change their tone)')
      .addArgument(new Argument('<phase>', 'searching or employed').choices(['searching', 'employed']))
      .option('--since <time>', 'employed since (default: now)')
      .action(
        act(runtime, async (run, phase: 'searching' | 'employed', options: { since?: string }) => {
          const session = await run.seeker();
          const workspace = await session.seeker.changePhase(
            phase === 'searching' ? { kind: 'searching' } : { kind: 'employed', ...(options.since === undefined ? {} : { since: session.time(options.since, '--since') }) },
          );
          run.printer.data(workspace);
          run.printer.say(`${workspace.name} is ${workspace.phase.kind === 'employed' ? `employed since ${session.show(workspace.phase.since)}` : 'searching'}.`);
        }),
      ),
    'reachout phase employed --since 2026-05-04',
  );
};

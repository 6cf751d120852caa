// What the rules answer: agenda, funnel, tree, ics, draft.
import { writeFileSync } from 'node:fs';
import { playbookCalendar } from '../ical/calendar.js';
import { TIME_LIMITS } from '../playbook/index.js';
import { introductionForest, type IntroductionForest } from '../rules/referralChain.js';
import type { ContactId } from '../domain/ids.js';
import { CommandError } from './errors.js';
import { localTime } from './output.js';
import { act, examples, type CommandGroup } from './program.js';
import { findContact, parseDays } from './session.js';

const DAY_MS = 86_400_000;

/** A branch of the introduction forest, for --json. */
interface IntroductionBranch {
  readonly id: string;
  readonly name: string;
  readonly introduced: readonly IntroductionBranch[];
}

function branchOf(forest: IntroductionForest, id: ContactId): IntroductionBranch {
  return { id, name: forest.names.get(id) ?? id, introduced: (forest.childrenOf.get(id) ?? []).map((child) => branchOf(forest, child)) };
}

function drawBranch(branch: IntroductionBranch, prefix: string, last: boolean, root: boolean, lines: string[]): void {
  lines.push(root ? branch.name : `${prefix}${last ? '└─ ' : '├─ '}${branch.name}`);
  const childPrefix = root ? '' : `${prefix}${last ? '   ' : '│  '}`;
  branch.introduced.forEach((child, index) => drawBranch(child, childPrefix, index === branch.introduced.length - 1, false, lines));
}

const percent = (rate: number | null) => (rate === null ? '' : `${Math.round(rate * 100)}%`);

export const answerCommands: CommandGroup = (program, runtime) => {
  examples(
    program
      .command('agenda')
      .description('what to do: overdue actions and those due in the next days, with why')
      .option('--days <n>', 'how many days ahead', '7')
      .action(
        act(runtime, async (run, options: { days: string }) => {
          const days = parseDays(options.days);
          const session = await run.seeker();
          const now = session.seeker.clock.now();
          const [actions, network] = await Promise.all([session.seeker.agenda({ to: new Date(now.getTime() + days * DAY_MS) }), session.seeker.network()]);
          run.printer.data(actions);
          if (actions.length === 0) {
            run.printer.say(`Nothing due in the next ${days} day(s).`);
            return;
          }
          const nameOf = (id: string) => network.contacts.find((c) => c.id === id)?.name ?? id;
          run.printer.table(
            ['WHEN', 'WHAT', 'FOR WHOM', 'WHY'],
            actions.map((action) => [
              `${localTime(action.dueAt, session.timeZone)}${action.overdue ? ' (overdue)' : ''}`,
              action.title,
              nameOf(action.contactId),
              action.reason,
            ]),
            actions.map((action) => (action.overdue ? 'red' : undefined)),
          );
        }),
      ),
    'reachout agenda',
    'reachout agenda --days 14 --json',
  );

  examples(
    program
      .command('funnel')
      .description('where conversations come from and where they lead')
      .action(
        act(runtime, async (run) => {
          const session = await run.seeker();
          const funnel = await session.seeker.funnel();
          run.printer.data(funnel);
          run.printer.table(
            ['STAGE', 'CONTACTS', 'OF THE STAGE BEFORE'],
            funnel.stages.map((stage) => [stage.stage, String(stage.count), percent(stage.rate)]),
          );
          run.printer.line();
          run.printer.line(`Outcomes: ${Object.entries(funnel.outcomes).map(([kind, count]) => `${count} ${kind}`).join(', ')}`);
          if (funnel.byChannel.length > 0) {
            run.printer.line();
            run.printer.table(
              ['CHANNEL', ...funnel.stages.map((stage) => stage.stage.toUpperCase())],
              funnel.byChannel.map((row) => [row.key, ...row.stages.map((stage) => String(stage.count))]),
            );
          }
          run.printer.say(funnel.reason);
        }),
      ),
    'reachout funnel --json',
  );

  examples(
    program
      .command('tree')
      .description('the referral forest: who introduced whom')
      .action(
        act(runtime, async (run) => {
          const session = await run.seeker();
          const forest = introductionForest((await session.seeker.network()).contacts);
          const branches = forest.roots.map((root) => branchOf(forest, root)).sort((a, b) => a.name.localeCompare(b.name));
          run.printer.data(branches);
          const lines: string[] = [];
          for (const branch of branches) drawBranch(branch, '', true, true, lines);
          for (const line of lines) run.printer.line(line);
        }),
      ),
    'reachout tree',
  );

  examples(
    program
      .command('ics')
      .description('the agenda as an iCalendar file (stdout unless --out), to import into a calendar')
      .option('--days <n>', 'how many days ahead', '7')
      .option('--out <file>', 'write it to a file instead')
      .action(
        act(runtime, async (run, options: { days: string; out?: string }) => {
          const days = parseDays(options.days);
          const session = await run.seeker();
          const now = session.seeker.clock.now();
          const ics = await playbookCalendar(session.seeker, { to: new Date(now.getTime() + days * DAY_MS) });
          if (options.out !== undefined) {
            writeFileSync(options.out, ics);
            run.printer.say(`Wrote ${options.out}.`);
          } else {
            // The calendar itself is the data: printed as is, --json or not.
            run.runtime.terminal.stdout.write(ics);
          }
        }),
      ),
    'reachout ics --days 14 > agenda.ics',
    'reachout ics --out agenda.ics',
  );

  examples(
    program
      .command('draft')
      .description("what to say for an agenda action: an action id, or a contact's first open action")
      .argument('<contact-or-action>', 'an action id from "agenda --json", or a contact')
      .action(
        act(runtime, async (run, target: string) => {
          const session = await run.seeker();
          const now = session.seeker.clock.now();
          const [actions, network] = await Promise.all([
            session.seeker.agenda({ to: new Date(now.getTime() + TIME_LIMITS.plannedDays * DAY_MS) }),
            session.seeker.network(),
          ]);
          let action = actions.find((a) => a.id === target);
          if (!action) {
            const contact = findContact(network.contacts, target);
            action = actions.find((a) => a.contactId === contact.id);
            if (!action) throw new CommandError('no-action', `nothing is open for ${contact.name}, so there is nothing to draft`);
          }
          const draft = await session.seeker.draft(action.id);
          run.printer.data(draft);
          if (draft.to !== undefined) run.printer.line(`To: ${draft.to}`);
          if (draft.subject !== undefined) run.printer.line(`Subject: ${draft.subject}`);
          if (draft.to !== undefined || draft.subject !== undefined) run.printer.line();
          run.printer.line(draft.body);
          run.printer.say(`(${action.title}; ${draft.words} words${draft.wordLimit === undefined ? '' : ` of at most ${draft.wordLimit}`})`);
        }),
      ),
    'reachout draft Lena',
  );
};

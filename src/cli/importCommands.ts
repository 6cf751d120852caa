// Bringing a network in and taking it out: import linkedin|google|vcard FILE, export json|vcard.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { Argument, Option } from 'commander';
import type { TieKind } from '../domain/contact.js';
import { TIE_KINDS } from '../domain/vocabulary.js';
import { readGoogleContacts, readLinkedInConnections, readVCards, writeVCards, type ReadResult } from '../import/index.js';
import { planImport, type ImportPlan } from '../rules/importPlan.js';
import { CommandError } from './errors.js';
import { act, examples, type CommandGroup, type Run } from './program.js';

const READERS = { linkedin: readLinkedInConnections, google: readGoogleContacts, vcard: readVCards } as const;
type ImportFormat = keyof typeof READERS;

interface ImportOptions {
  readonly yes?: boolean;
  readonly tie?: TieKind;
}

/** The plan as a person reads it: one line of totals, then each entry that is not plainly new. */
function describePlan(run: Run, plan: ImportPlan, read: ReadResult): void {
  const { counts } = plan;
  run.printer.line(
    `${counts.new} new, ${counts.duplicate} already known (${counts.duplicate + counts.repeat - counts.unchanged} with something to add), ` +
      `${counts.repeat} listed twice, ${counts.conflict} conflicts, ${counts.newOrganizations} new organizations`,
  );
  for (const entry of plan.entries) {
    if (entry.status === 'duplicate' && entry.changes) run.printer.line(`  same as ${entry.contactName} (by ${entry.matchedBy}): ${entry.draft.name}`);
    if (entry.status === 'conflict') {
      run.printer.line(`  conflict: ${entry.draft.name} matches ${entry.candidates.map((candidate) => candidate.name).join(' and ')} (by ${entry.matchedBy}); not imported`);
    }
  }
  for (const skipped of read.skipped) run.printer.say(`skipped row ${skipped.row} (line ${skipped.line}): ${skipped.reason}`);
}

/** Asks on a terminal whether to go on; never asks when stdin is not one. */
async function confirmed(run: Run, question: string): Promise<boolean> {
  if (!process.stdin.isTTY || run.printer.json) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

export const importCommands: CommandGroup = (program, runtime) => {
  examples(
    program
      .command('import')
      .description('bring contacts in from a LinkedIn, Google Contacts or vCard export: shows the plan, imports with --yes')
      .addArgument(new Argument('<format>', 'linkedin (Connections.csv), google (contacts.csv) or vcard (.vcf)').choices(Object.keys(READERS)))
      .argument('<file>', 'the exported file')
      .option('-y, --yes', 'import without asking')
      .addOption(new Option('--tie <kind>', 'how the seeker knows these people').choices([...TIE_KINDS]))
      .action(
        act(runtime, async (run, format: ImportFormat, file: string, options: ImportOptions) => {
          let text: Buffer;
          try {
            text = readFileSync(file);
          } catch (error) {
            throw new CommandError('not-found', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
          }
          const read = READERS[format](text, options.tie === undefined ? {} : { tie: options.tie });
          const session = await run.seeker();
          const plan = planImport(await session.seeker.network(), read.contacts);
          describePlan(run, plan, read);
          const go = options.yes === true || (await confirmed(run, `Import ${plan.counts.new} new contacts and update ${plan.counts.duplicate - plan.counts.unchanged}?`));
          if (!go) {
            run.printer.data({ plan, skipped: read.skipped, imported: false });
            run.printer.say('Nothing imported: run again with --yes to import.');
            return;
          }
          const result = await session.seeker.importContacts(plan, {
            ...(run.runtime.terminal.stderr.isTTY && !run.printer.json ? { onProgress: (progress: { stage: string }) => run.printer.say(`${progress.stage}…`) } : {}),
          });
          const counts = { added: result.added.length, merged: result.merged.length, organizationsAdded: result.organizationsAdded.length };
          run.printer.data({ imported: true, ...counts, contacts: { added: result.added, merged: result.merged }, skipped: read.skipped });
          run.printer.say(`Imported: ${counts.added} added, ${counts.merged} updated, ${counts.organizationsAdded} organizations added.`);
        }),
      ),
    'reachout import linkedin Connections.csv --yes',
    'reachout import vcard contacts.vcf --tie friend-of-a-friend',
  );

  examples(
    program
      .command('export')
      .description('take the workspace out: json (every record, importable again) or vcard (the contacts)')
      .addArgument(new Argument('<format>', 'json or vcard').choices(['json', 'vcard']))
      .action(
        act(runtime, async (run, format: 'json' | 'vcard') => {
          const session = await run.seeker();
          if (format === 'json') {
            // The document is the data itself, with or without --json.
            run.runtime.terminal.stdout.write(`${JSON.stringify(await session.seeker.exportWorkspace(), null, 2)}\n`);
            return;
          }
          const { contacts, organizations } = await session.seeker.network();
          run.runtime.terminal.stdout.write(writeVCards(contacts, { organizations }));
        }),
      ),
    'reachout export json > sam.json',
    'reachout export vcard > contacts.vcf',
  );
};

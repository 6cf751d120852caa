// Getting a conversation: reach, attempt, reply, next, introduce.
import { Argument, Option } from 'commander';
import { ATTEMPT_RESULTS, CHANNELS } from '../domain/vocabulary.js';
import type { OutreachStep } from '../rules/outreachRetry.js';
import { act, examples, type CommandGroup, type Run } from './program.js';
import { CommandError } from './errors.js';
import { findContact, openOutreachOf, outreachesOf, type SeekerSession } from './session.js';

/** Prints what to do next on an outreach, as the rule says it. */
async function tellNextStep(run: Run, session: SeekerSession, outreachId: string): Promise<OutreachStep> {
  const step = await session.seeker.nextStep(outreachId);
  run.printer.say(`Next: ${step.reason}`);
  return step;
}

export const outreachCommands: CommandGroup = (program, runtime) => {
  examples(
    program
      .command('reach')
      .description('start an outreach to a contact (then record each attempt)')
      .argument('<contact>', 'id or part of the name')
      .option('--at <time>', 'when it started (default: now)')
      .action(
        act(runtime, async (run, query: string, options: { at?: string }) => {
          const session = await run.seeker();
          const contact = findContact((await session.seeker.network()).contacts, query);
          const outreach = await session.seeker.startOutreach({
            contactId: contact.id,
            ...(options.at === undefined ? {} : { startedAt: session.time(options.at, '--at') }),
          });
          run.printer.say(`Started an outreach to ${contact.name}.`);
          const next = await tellNextStep(run, session, outreach.id);
          run.printer.data({ outreach, next });
        }),
      ),
    'reachout reach Lena',
  );

  examples(
    program
      .command('attempt')
      .description('record an attempt to reach a contact: an email sent, a call made, …')
      .argument('<contact>', 'id or part of the name')
      .addArgument(new Argument('<channel>', 'how').choices(CHANNELS))
      .option('--at <time>', 'when (default: now)')
      .addOption(new Option('--result <result>', 'what came of it').choices(ATTEMPT_RESULTS).default('sent'))
      .option('--note <text>', 'a note')
      .action(
        act(runtime, async (run, query: string, channel: (typeof CHANNELS)[number], options: { at?: string; result: (typeof ATTEMPT_RESULTS)[number]; note?: string }) => {
          const session = await run.seeker();
          const at = options.at === undefined ? {} : { at: session.time(options.at, '--at') };
          const network = await session.seeker.network();
          const contact = findContact(network.contacts, query);
          const outreach = await session.seeker.recordAttempt(openOutreachOf(network, contact).id, {
            channel,
            result: options.result,
            ...at,
            ...(options.note === undefined ? {} : { note: options.note }),
          });
          run.printer.say(`Recorded attempt ${outreach.attempts.length} (${channel}) to ${contact.name}.`);
          const next = await tellNextStep(run, session, outreach.id);
          run.printer.data({ outreach, next });
        }),
      ),
    'reachout attempt Lena email --at "2026-03-02 09:30"',
    'reachout attempt Lena phone --result voicemail',
  );

  examples(
    program
      .command('reply')
      .description("record a contact's answer to an outreach")
      .argument('<contact>', 'id or part of the name')
      .addArgument(new Argument('<answer>', 'their answer').choices(['accepted', 'declined']))
      .option('--at <time>', 'when it came (default: now)')
      .addOption(new Option('--channel <channel>', 'how it came').choices(CHANNELS).default('email'))
      .option('--note <text>', 'a note')
      .action(
        act(runtime, async (run, query: string, answer: 'accepted' | 'declined', options: { at?: string; channel: (typeof CHANNELS)[number]; note?: string }) => {
          const session = await run.seeker();
          const at = options.at === undefined ? {} : { at: session.time(options.at, '--at') };
          const network = await session.seeker.network();
          const contact = findContact(network.contacts, query);
          const outreach = await session.seeker.recordReply(openOutreachOf(network, contact).id, {
            answer,
            channel: options.channel,
            ...at,
            ...(options.note === undefined ? {} : { note: options.note }),
          });
          run.printer.data(outreach);
          run.printer.say(
            answer === 'accepted'
              ? `${contact.name} said yes. Schedule it: reachout meet ${contact.id} "YYYY-MM-DD HH:MM"`
              : `${contact.name} declined; the outreach is over.`,
          );
        }),
      ),
    'reachout reply Lena accepted',
  );

  examples(
    program
      .command('next')
      .description("the next step of a contact's latest outreach, and why")
      .argument('<contact>', 'id or part of the name')
      .action(
        act(runtime, async (run, query: string) => {
          const session = await run.seeker();
          const network = await session.seeker.network();
          const contact = findContact(network.contacts, query);
          const latest = outreachesOf(network, contact.id)[0];
          if (!latest) throw new CommandError('no-outreach', `no outreach to ${contact.name} yet: start one with "reachout reach ${contact.id}"`);
          const step = await session.seeker.nextStep(latest.id);
          run.printer.data(step);
          run.printer.line(step.reason);
        }),
      ),
    'reachout next Lena',
    'reachout next Lena --json',
  );

  examples(
    program
      .command('introduce')
      .description('record that one contact introduced the seeker to another')
      .argument('<introducer>', 'who made the introduction: id or part of the name')
      .argument('<contact>', 'whom they introduced: id or part of the name')
      .option('--at <time>', 'when (default: now)')
      .option('--note <text>', 'a note')
      .action(
        act(runtime, async (run, introducerQuery: string, contactQuery: string, options: { at?: string; note?: string }) => {
          const session = await run.seeker();
          const network = await session.seeker.network();
          const introducer = findContact(network.contacts, introducerQuery);
          const contact = findContact(network.contacts, contactQuery);
          const referral = await session.seeker.recordReferral({
            introducerId: introducer.id,
            kind: 'introduction-made',
            contactId: contact.id,
            status: 'done',
            ...(options.at === undefined ? {} : { offeredAt: session.time(options.at, '--at') }),
            ...(options.note === undefined ? {} : { note: options.note }),
          });
          run.printer.data(referral);
          run.printer.say(`${introducer.name} introduced ${contact.name}.`);
        }),
      ),
    'reachout introduce Lena "Raj Patel"',
  );
};

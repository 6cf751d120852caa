// The conversation and what follows it: meet, held, notes, thanks, check-in, snooze, outcome.
import { Argument, Option } from 'commander';
import type { Meeting } from '../domain/meeting.js';
import type { Network } from '../domain/network.js';
import type { Contact } from '../domain/contact.js';
import { CHECK_IN_CHANNELS, CHECK_IN_KINDS, MEETING_FORMATS, OUTCOME_KINDS, THANK_YOU_CHANNELS } from '../domain/vocabulary.js';
import { CommandError } from './errors.js';
import { act, examples, type CommandGroup } from './program.js';
import { findContact, outreachesOf } from './session.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * The meeting a command is about: `--meeting ID`, else the contact's meetings in a
 * state the command can act on, the earliest first.
 */
function meetingOf(network: Network, contact: Contact, states: readonly Meeting['status'][], chosen?: string): Meeting {
  const meetings = network.meetings.filter((m) => m.contactId === contact.id);
  if (chosen !== undefined) {
    const meeting = meetings.find((m) => m.id === chosen);
    if (!meeting) throw new CommandError('not-found', `no meeting "${chosen}" with ${contact.name} (see "reachout contact show ${contact.id}")`);
    return meeting;
  }
  const candidates = meetings.filter((m) => states.includes(m.status)).sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
  const meeting = states.includes('held') ? candidates.at(-1) : candidates[0];
  if (!meeting) throw new CommandError('no-meeting', `no ${states.join(' or ')} meeting with ${contact.name} (see "reachout contact show ${contact.id}")`);
  return meeting;
}

export const meetingCommands: CommandGroup = (program, runtime) => {
  examples(
    program
      .command('meet')
      .description('schedule a meeting (an informational interview) with a contact')
      .argument('<contact>', 'id or part of the name')
      .argument('<when>', 'its start: 2026-03-10 08:30 in the workspace zone, or ISO with offset')
      .option('--minutes <n>', 'how long', '20')
      .addOption(new Option('--format <format>', 'how it happens').choices(MEETING_FORMATS).default('coffee'))
      .action(
        act(runtime, async (run, query: string, when: string, options: { minutes: string; format: (typeof MEETING_FORMATS)[number] }) => {
          const session = await run.seeker();
          const network = await session.seeker.network();
          const contact = findContact(network.contacts, query);
          const outreach = outreachesOf(network, contact.id)[0];
          const meeting = await session.seeker.scheduleMeeting({
            contactId: contact.id,
            startAt: session.time(when, '<when>'),
            minutes: Number(options.minutes),
            format: options.format,
            ...(outreach ? { outreachId: outreach.id } : {}),
          });
          run.printer.data(meeting);
          run.printer.say(`Meeting with ${contact.name} on ${session.show(meeting.startAt)} (${meeting.minutes} min ${meeting.format}).`);
        }),
      ),
    'reachout meet Lena "2026-03-10 08:30" --minutes 20 --format coffee',
  );

  examples(
    program
      .command('held')
      .description('mark a meeting as held, with notes and next steps (the thank-you clock starts)')
      .argument('<contact>', 'id or part of the name')
      .option('--note <text>', 'a point from the conversation (repeat for more)', collect)
      .option('--next-step <text>', 'a next step (repeat for more)', collect)
      .option('--meeting <id>', 'which meeting (default: the earliest one not yet held)')
      .action(
        act(runtime, async (run, query: string, options: { note?: string[]; nextStep?: string[]; meeting?: string }) => {
          const session = await run.seeker();
          const network = await session.seeker.network();
          const contact = findContact(network.contacts, query);
          const meeting = await session.seeker.holdMeeting(meetingOf(network, contact, ['scheduled', 'moved'], options.meeting).id, {
            notes: options.note ?? [],
            nextSteps: options.nextStep ?? [],
          });
          const thankYou = await session.seeker.thankYouStatus(meeting.id);
          run.printer.data({ meeting, thankYou });
          run.printer.say(`Held the meeting with ${contact.name}. ${thankYou.reason}`);
        }),
      ),
    'reachout held Lena --note "Hiring for Q3" --next-step "Send portfolio"',
  );

  examples(
    program
      .command('notes')
      .description("add notes to a contact's latest held meeting")
      .argument('<contact>', 'id or part of the name')
      .argument('[note...]', 'points from the conversation')
      .option('--next-step <text>', 'a next step (repeat for more)', collect)
      .option('--meeting <id>', 'which meeting (default: the latest held)')
      .action(
        act(runtime, async (run, query: string, notes: string[], options: { nextStep?: string[]; meeting?: string }) => {
          const session = await run.seeker();
          const network = await session.seeker.network();
          const contact = findContact(network.contacts, query);
          const meeting = await session.seeker.addNotes(meetingOf(network, contact, ['held'], options.meeting).id, {
            notes,
            nextSteps: options.nextStep ?? [],
          });
          run.printer.data(meeting);
          run.printer.say(`Added ${notes.length} note(s) and ${options.nextStep?.length ?? 0} next step(s) to the meeting with ${contact.name}.`);
        }),
      ),
    'reachout notes Lena "Knows the Boston team" --next-step "Read their blog"',
  );

  examples(
    program
      .command('thanks')
      .description('record the thank-you sent after a meeting')
      .argument('<contact>', 'id or part of the name')
      .option('--at <time>', 'when it was sent (default: now)')
      .addOption(new Option('--channel <channel>', 'how').choices(THANK_YOU_CHANNELS).default('email'))
      .option('--asked-for-introduction', 'it asked them to suggest someone else to speak with')
      .option('--meeting <id>', 'which meeting (default: the latest held)')
      .action(
        act(runtime, async (run, query: string, options: { at?: string; channel: (typeof THANK_YOU_CHANNELS)[number]; askedForIntroduction?: boolean; meeting?: string }) => {
          const session = await run.seeker();
          const network = await session.seeker.network();
          const contact = findContact(network.contacts, query);
          const thankYou = await session.seeker.recordThankYou({
            meetingId: meetingOf(network, contact, ['held'], options.meeting).id,
            channel: options.channel,
            askedForIntroduction: options.askedForIntroduction === true,
            ...(options.at === undefined ? {} : { sentAt: session.time(options.at, '--at') }),
          });
          run.printer.data(thankYou);
          run.printer.say(`Recorded the thank-you to ${contact.name}.`);
        }),
      ),
    'reachout thanks Lena --asked-for-introduction',
  );

  examples(
    program
      .command('check-in')
      .description('record a check-in that keeps a relationship warm')
      .argument('<contact>', 'id or part of the name')
      .option('--at <time>', 'when (default: now)')
      .addOption(new Option('--channel <channel>', 'how').choices(CHECK_IN_CHANNELS).default('email'))
      .addOption(new Option('--kind <kind>', 'what it carried').choices(CHECK_IN_KINDS).default('update'))
      .option('--note <text>', 'a note')
      .action(
        act(runtime, async (run, query: string, options: { at?: string; channel: (typeof CHECK_IN_CHANNELS)[number]; kind: (typeof CHECK_IN_KINDS)[number]; note?: string }) => {
          const session = await run.seeker();
          const contact = findContact((await session.seeker.network()).contacts, query);
          const checkIn = await session.seeker.recordCheckIn({
            contactId: contact.id,
            channel: options.channel,
            kind: options.kind,
            ...(options.at === undefined ? {} : { at: session.time(options.at, '--at') }),
            ...(options.note === undefined ? {} : { note: options.note }),
          });
          const next = await session.seeker.checkInStatus(contact.id);
          run.printer.data({ checkIn, next: next ?? null });
          run.printer.say(`Recorded a check-in with ${contact.name}.${next ? ` ${next.reason}` : ''}`);
        }),
      ),
    'reachout check-in Lena --kind article --note "Sent the piece on clinic software"',
  );

  examples(
    program
      .command('snooze')
      .description('propose no check-in with a contact before a date')
      .argument('<contact>', 'id or part of the name')
      .argument('<until>', 'the date: 2026-06-01 (workspace zone) or a time')
      .action(
        act(runtime, async (run, query: string, until: string) => {
          const session = await run.seeker();
          const contact = findContact((await session.seeker.network()).contacts, query);
          const changed = await session.seeker.snoozeCheckIn(contact.id, { until: session.time(until, '<until>') });
          run.printer.data(changed);
          run.printer.say(`No check-in with ${contact.name} before ${until}.`);
        }),
      ),
    'reachout snooze Lena 2026-06-01',
  );

  examples(
    program
      .command('outcome')
      .description('record what came of the networking: an interview, internship, offer or hire')
      .argument('<contact>', 'the contact it came through: id or part of the name')
      .addArgument(new Argument('<kind>', 'what came of it').choices(OUTCOME_KINDS))
      .option('--also <contact>', 'another contact it came through (repeat for more)', collect)
      .option('--at <time>', 'when (default: now)')
      .option('--note <text>', 'a note')
      .action(
        act(runtime, async (run, query: string, kind: (typeof OUTCOME_KINDS)[number], options: { also?: string[]; at?: string; note?: string }) => {
          const session = await run.seeker();
          const network = await session.seeker.network();
          const contacts = [query, ...(options.also ?? [])].map((q) => findContact(network.contacts, q));
          const outcome = await session.seeker.recordOutcome({
            kind,
            contactIds: contacts.map((c) => c.id),
            ...(options.at === undefined ? {} : { at: session.time(options.at, '--at') }),
            ...(options.note === undefined ? {} : { note: options.note }),
          });
          const credit = await session.seeker.outcomeCredit(outcome.id);
          run.printer.data({ outcome, credit });
          run.printer.say(`Recorded: ${kind}. ${credit.reason}`);
        }),
      ),
    'reachout outcome Lena interview --note "Product role, first round"',
  );
};

// The people and organizations in the seeker's network: contact add|list|show|edit, org add.
import { Argument, Option } from 'commander';
import { TIE_KINDS } from '../domain/vocabulary.js';
import type { Contact } from '../domain/contact.js';
import type { Network } from '../domain/network.js';
import type { ContactChanges } from '../playbook/index.js';
import { act, examples, type CommandGroup } from './program.js';
import { findContact, findNamed, idFromName, outreachesOf, type SeekerSession } from './session.js';

interface ContactFields {
  readonly email?: string[];
  readonly phone?: string[];
  readonly tie?: (typeof TIE_KINDS)[number];
  readonly role?: string;
  readonly org?: string;
  readonly profile?: string;
  readonly introducedBy?: string;
  readonly tag?: string[];
  readonly note?: string;
}

const contactOptions = () => [
  new Option('--email <address...>', 'email addresses'),
  new Option('--phone <number...>', 'phone numbers'),
  new Option('--tie <tie>', 'how the seeker knows them').choices(TIE_KINDS),
  new Option('--role <role>', 'their role'),
  new Option('--org <organization>', 'their organization, by id or name'),
  new Option('--profile <url>', 'a profile page (LinkedIn and the like)'),
  new Option('--introduced-by <contact>', 'who introduced them, by id or name'),
  new Option('--tag <tag...>', 'tags'),
  new Option('--note <text>', 'research notes'),
];

function fieldsOf(network: Network, options: ContactFields): ContactChanges {
  return {
    ...(options.email === undefined ? {} : { emails: options.email }),
    ...(options.phone === undefined ? {} : { phones: options.phone }),
    ...(options.tie === undefined ? {} : { tie: options.tie }),
    ...(options.role === undefined ? {} : { role: options.role }),
    ...(options.org === undefined ? {} : { organizationId: findNamed(network.organizations, options.org, 'organization', 'reachout org list').id }),
    ...(options.profile === undefined ? {} : { profileUrl: options.profile }),
    ...(options.introducedBy === undefined ? {} : { introducedBy: findContact(network.contacts, options.introducedBy).id }),
    ...(options.tag === undefined ? {} : { tags: options.tag }),
    ...(options.note === undefined ? {} : { researchNotes: options.note }),
  };
}

/** A contact as `contact show` prints it. */
function describeContact(session: SeekerSession, network: Network, contact: Contact): string[] {
  const org = network.organizations.find((o) => o.id === contact.organizationId);
  const introducer = network.contacts.find((c) => c.id === contact.introducedBy);
  const lines = [`${contact.name} (${contact.id})`, `  tie: ${contact.tie}`];
  if (contact.role || org) lines.push(`  works: ${[contact.role, org?.name].filter(Boolean).join(' at ')}`);
  if (contact.emails.length) lines.push(`  email: ${contact.emails.join(', ')}`);
  if (contact.phones.length) lines.push(`  phone: ${contact.phones.join(', ')}`);
  if (contact.profileUrl) lines.push(`  profile: ${contact.profileUrl}`);
  if (introducer) lines.push(`  introduced by: ${introducer.name}`);
  if (contact.tags.length) lines.push(`  tags: ${contact.tags.join(', ')}`);
  if (contact.researchNotes) lines.push(`  notes: ${contact.researchNotes}`);
  for (const outreach of outreachesOf(network, contact.id)) {
    const ending = outreach.reply ? `replied ${outreach.reply.answer}` : outreach.withdrawnAt ? 'withdrawn' : 'open';
    lines.push(`  outreach ${outreach.id}: started ${session.show(outreach.startedAt)}, ${outreach.attempts.length} attempt(s), ${ending}`);
  }
  for (const meeting of network.meetings.filter((m) => m.contactId === contact.id)) {
    lines.push(`  meeting ${meeting.id}: ${session.show(meeting.startAt)}, ${meeting.minutes} min ${meeting.format}, ${meeting.status}`);
  }
  return lines;
}

export const contactCommands: CommandGroup = (program, runtime) => {
  const contact = program.command('contact').description('the people in the network: add, list, show, edit');
  examples(contact, 'reachout contact add "Lena Ortiz" --email lena@example.org --tie event', 'reachout contact list');

  const add = contact
    .command('add')
    .description('add a contact')
    .addArgument(new Argument('<name>', 'their full name'));
  for (const option of contactOptions()) add.addOption(option);
  add.action(
    act(runtime, async (run, name: string, options: ContactFields) => {
      const session = await run.seeker();
      const network = await session.seeker.network();
      const id = idFromName(name, new Set(network.contacts.map((c) => c.id)));
      const added = await session.seeker.addContact({ ...fieldsOf(network, options), ...(id === undefined ? {} : { id }), name, tie: options.tie ?? 'other' });
      run.printer.data(added);
      run.printer.say(`Added ${added.name} (${added.id}).`);
    }),
  );
  examples(add, 'reachout contact add "Lena Ortiz" --email lena@example.org --phone "+1 617 555 0142" --tie event');

  examples(
    contact
      .command('list')
      .alias('ls')
      .description('list the contacts')
      .action(
        act(runtime, async (run) => {
          const session = await run.seeker();
          const network = await session.seeker.network();
          const contacts = [...network.contacts].sort((a, b) => a.name.localeCompare(b.name));
          run.printer.data(contacts);
          run.printer.table(
            ['ID', 'NAME', 'TIE', 'EMAIL'],
            contacts.map((c) => [c.id, c.name, c.tie, c.emails[0] ?? '']),
          );
        }),
      ),
    'reachout contact list --json',
  );

  examples(
    contact
      .command('show')
      .description("a contact's details, outreaches and meetings")
      .argument('<contact>', 'id or part of the name')
      .action(
        act(runtime, async (run, query: string) => {
          const session = await run.seeker();
          const network = await session.seeker.network();
          const found = findContact(network.contacts, query);
          run.printer.data({
            contact: found,
            outreaches: outreachesOf(network, found.id),
            meetings: network.meetings.filter((m) => m.contactId === found.id),
          });
          for (const line of describeContact(session, network, found)) run.printer.line(line);
        }),
      ),
    'reachout contact show Lena',
  );

  const edit = contact
    .command('edit')
    .description("change a contact's fields (lists given replace the old ones)")
    .argument('<contact>', 'id or part of the name')
    .option('--name <name>', 'their full name')
    .option('--no-keep-in-touch', 'propose no more check-ins with them')
    .option('--keep-in-touch', 'propose check-ins again');
  for (const option of contactOptions()) edit.addOption(option);
  edit.action(
    act(runtime, async (run, query: string, options: ContactFields & { name?: string; keepInTouch?: boolean }) => {
      const session = await run.seeker();
      const network = await session.seeker.network();
      const found = findContact(network.contacts, query);
      const changed = await session.seeker.updateContact(found.id, {
        ...fieldsOf(network, options),
        ...(options.name === undefined ? {} : { name: options.name }),
        ...(options.keepInTouch === undefined ? {} : { keepInTouch: options.keepInTouch }),
      });
      run.printer.data(changed);
      run.printer.say(`Changed ${changed.name} (${changed.id}).`);
    }),
  );
  examples(edit, 'reachout contact edit Lena --role "Product lead" --org Acme');

  const org = program.command('org').description('the organizations the seeker researches');
  examples(
    org
      .command('add')
      .description('add an organization')
      .argument('<name>', 'its name')
      .option('--website <url>', 'its website')
      .option('--stands-for <text>', 'what it stands for: mission, products, recent news')
      .option('--why <text>', 'why the seeker is interested in it')
      .action(
        act(runtime, async (run, name: string, options: { website?: string; standsFor?: string; why?: string }) => {
          const session = await run.seeker();
          const network = await session.seeker.network();
          const id = idFromName(name, new Set(network.organizations.map((o) => o.id)));
          const added = await session.seeker.addOrganization({
            ...(id === undefined ? {} : { id }),
            name,
            ...(options.website === undefined ? {} : { website: options.website }),
            ...(options.standsFor === undefined ? {} : { standsFor: options.standsFor }),
            ...(options.why === undefined ? {} : { whyInterested: options.why }),
          });
          run.printer.data(added);
          run.printer.say(`Added ${added.name} (${added.id}).`);
        }),
      ),
    'reachout org add Acme --website https://acme.example --why "They build tools for clinics"',
  );
  examples(
    org
      .command('list')
      .alias('ls')
      .description('list the organizations')
      .action(
        act(runtime, async (run) => {
          const session = await run.seeker();
          const organizations = [...(await session.seeker.network()).organizations].sort((a, b) => a.name.localeCompare(b.name));
          run.printer.data(organizations);
          run.printer.table(['ID', 'NAME', 'WEBSITE'], organizations.map((o) => [o.id, o.name, o.website ?? '']));
        }),
      ),
    'reachout org list',
  );
  examples(org, 'reachout org add Acme');
};

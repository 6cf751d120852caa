// The main job: a job seeker's network grown the way the method grows one, replayed
// over four months with a manual clock on the embedded JSON-file store, then this
// week's agenda, what to say for its first action, the funnel and the referral tree.
//
//   npm run demo            (store and agenda.ics kept in .demo/ for a look; every run starts afresh)
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import {
  createPlaybook,
  draftMessage,
  introductionForest,
  manualClock,
  OUTCOME_KINDS,
  thankYouStatus,
  type AgendaAction,
  type Contact,
  type ContactId,
  type FunnelStageName,
  type Meeting,
  type Network,
  type SeekerPlaybook,
} from 'reachout';
import { createJsonFileStore } from 'reachout/adapters/json';
import { toICalendar } from 'reachout/ical';

const ZONE = 'America/New_York';
const demoDir = join(import.meta.dirname, '..', '.demo');
const storeDir = join(demoDir, 'store');
const calendarFile = join(demoDir, 'agenda.ics');
rmSync(demoDir, { recursive: true, force: true });

const clock = manualClock('2026-08-03T13:00:00Z', { timeZone: ZONE });
/** A local wall time in the seeker's zone (`2026-08-12 10:15`) as an instant. */
const wall = (local: string) => {
  const [day = '', time = '09:00'] = local.split(' ');
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(new TZDate(y!, m! - 1, d!, hh!, mm!, ZONE).getTime());
};

let counter = 0;
const store = await createJsonFileStore({ path: storeDir });
const playbook = createPlaybook({ store, clock, newId: () => `r${++counter}` });

const workspace = await playbook.createWorkspace({
  id: 'sam',
  name: 'Sam Rivera',
  timeZone: ZONE,
  holidays: ['2026-09-07', '2026-10-12', '2026-11-26'],
});
const sam: SeekerPlaybook = playbook.workspace(workspace.id);

// Organizations the seeker researched.
const northwind = await sam.addOrganization({
  id: 'northwind',
  name: 'Northwind Health',
  standsFor: 'Affordable telehealth for rural clinics.',
  whyInterested: 'Product work with real patients at the end of it.',
});
const contoso = await sam.addOrganization({ id: 'contoso', name: 'Contoso Labs', standsFor: 'Data tools for hospitals.' });
const fabrikam = await sam.addOrganization({ id: 'fabrikam', name: 'Fabrikam', standsFor: 'Payments for small shops.' });

// People with some tie: a business card, a family friend, an alumna, a cold name.
const lena = await sam.addContact({
  id: 'lena',
  name: 'Lena Ortiz',
  tie: 'event',
  role: 'Product lead',
  organizationId: northwind.id,
  emails: ['lena.ortiz@northwind.example'],
  phones: ['+1 617 555 0142'],
  researchNotes: 'Business card from the Boston health-tech meetup; spoke on rural telehealth.',
});
const marcus = await sam.addContact({
  id: 'marcus',
  name: 'Marcus Webb',
  tie: 'family-friend',
  organizationId: contoso.id,
  emails: ['marcus@contoso.example'],
  phones: ['+1 617 555 0199'],
});
const priya = await sam.addContact({
  id: 'priya',
  name: 'Priya Shah',
  tie: 'alumni',
  role: 'Engineering manager',
  organizationId: fabrikam.id,
  emails: ['priya.shah@fabrikam.example'],
});
const tom = await sam.addContact({
  id: 'tom',
  name: 'Tom Becker',
  tie: 'cold',
  role: 'VP Product',
  organizationId: fabrikam.id,
  emails: ['tom.becker@fabrikam.example'],
  phones: ['+1 617 555 0107'],
  researchNotes: 'Quoted in the Globe on small-business payments.',
});

// The story is a list of events replayed in time order, so the clock only moves forward.
type Event = { readonly at: Date; readonly run: () => Promise<void> };
const events: Event[] = [];
const on = (when: string | Date, run: () => Promise<void>) =>
  events.push({ at: typeof when === 'string' ? wall(when) : when, run });
async function replay() {
  while (events.length > 0) {
    events.sort((a, b) => a.at.getTime() - b.at.getTime());
    const next = events.shift()!;
    if (next.at > clock.now()) clock.set(next.at);
    await next.run();
  }
}

/** Follows the outreach rule: each attempt it proposes, at 10:00 on its due day, until a yes after `replyAfter` attempts. */
function reachOut(contact: Contact, start: string, replyAfter: number | undefined, then?: () => void) {
  on(start, async () => {
    const outreach = await sam.startOutreach({ contactId: contact.id });
    const step = async (): Promise<void> => {
      const next = await sam.nextStep(outreach.id);
      if (next.kind !== 'attempt') return;
      on(new Date(Math.max(next.dueAt.getTime() + 10 * 3_600_000, clock.now().getTime())), async () => {
        await sam.recordAttempt(outreach.id, { channel: next.channel });
        if (next.attempt === replyAfter) {
          on(new Date(clock.now().getTime() + 5 * 3_600_000), async () => {
            await sam.recordReply(outreach.id, { answer: 'accepted', channel: next.channel });
            then?.();
          });
        } else await step();
      });
    };
    await step();
  });
}

/** A coffee two days out, prepared, held, then a thank-you `thanksAfterHours` after it ends. */
function converse(contact: Contact, thanksAfterHours: number, notes: string[], then?: (meeting: Meeting) => void) {
  on(clock.now(), async () => {
    const meeting = await sam.scheduleMeeting({ contactId: contact.id, startAt: new Date(clock.now().getTime() + 86_400_000) });
    // Their calendar filled up: moved a day later.
    await sam.moveMeeting(meeting.id, { startAt: new Date(meeting.startAt.getTime() + 86_400_000) });
    await sam.prepareMeeting(meeting.id, {
      answers: {
        'know-the-company': 'Read the annual report and two product reviews.',
        'what-it-stands-for': 'Care where clinics are far apart.',
        'why-interested': 'My field work in rural health.',
        'about-the-person': `${contact.role ?? 'Their role'}; their talks and posts.`,
        'what-i-want': 'How they started there; where my experience might fit.',
        'next-steps': 'Ask who else I should speak with.',
      },
      questionsToAsk: ['How did you start here?', 'What is the culture like?', 'Where might my experience fit?'],
    });
    const startAt = new Date(meeting.startAt.getTime() + 86_400_000);
    on(new Date(startAt.getTime() + 20 * 60_000), async () => {
      const held = await sam.holdMeeting(meeting.id, { notes, nextSteps: ['Send the thank-you', 'Follow up on names suggested'] });
      on(new Date(clock.now().getTime() + thanksAfterHours * 3_600_000), async () => {
        await sam.recordThankYou({ meetingId: meeting.id, referencedNotes: notes.slice(0, 1), askedForIntroduction: true });
      });
      then?.(held);
    });
  });
}

/** An introduction offered at a meeting and made a few days later. */
function introduce(introducer: Contact, introduced: Contact, meeting: Meeting, daysLater: number, then: () => void) {
  on(clock.now(), async () => {
    const referral = await sam.recordReferral({ introducerId: introducer.id, kind: 'introduction-made', contactId: introduced.id, meetingId: meeting.id });
    on(new Date(clock.now().getTime() + daysLater * 86_400_000), async () => {
      await sam.completeReferral(referral.id);
      then();
    });
  });
}

const raj = await sam.addContact({ id: 'raj', name: 'Raj Patel', tie: 'friend-of-a-friend', organizationId: northwind.id, emails: ['raj@northwind.example'] });
const dana = await sam.addContact({ id: 'dana', name: 'Dana Kim', tie: 'friend-of-a-friend', role: 'Director of Product', organizationId: northwind.id, emails: ['dana@northwind.example'] });
const ken = await sam.addContact({ id: 'ken', name: 'Ken Ito', tie: 'alumni', organizationId: fabrikam.id, emails: ['ken@fabrikam.example'] });

// The business card: the first email goes unanswered, the call gets a yes; Lena
// introduces Raj, Raj introduces Dana, Dana recommends Sam to HR: an interview, an offer.
reachOut(lena, '2026-08-03 09:30', 2, () =>
  converse(lena, 30, ['Northwind is opening a product role', 'Talk to Raj about the rural pilots'], (coffee) =>
    introduce(lena, raj, coffee, 4, () =>
      reachOut(raj, '2026-08-25 09:00', 1, () =>
        converse(raj, 2, ['Pilots need someone who knows clinics', 'Dana runs hiring for product'], (call) =>
          introduce(raj, dana, call, 2, () =>
            reachOut(dana, '2026-09-08 09:00', 1, () =>
              converse(dana, 4, ['A product role opens in October', 'She will pass my resume to HR'], () =>
                on('2026-09-18 15:00', async () => {
                  await sam.recordReferral({ introducerId: dana.id, kind: 'recommended-to-hr', organizationId: northwind.id, status: 'done', doneAt: clock.now() });
                }),
              ),
            ),
          ),
        ),
      ),
    ),
  ),
);
on('2026-10-01 14:00', async () => {
  await sam.recordOutcome({ kind: 'interview', organizationId: northwind.id, contactIds: [dana.id] });
});
on('2026-11-09 10:00', async () => {
  await sam.recordOutcome({ kind: 'offer', organizationId: northwind.id, contactIds: [dana.id] });
});

// The family friend: a yes to the first email, a coffee, a quick thank-you.
reachOut(marcus, '2026-08-04 08:45', 1, () => converse(marcus, 3, ['Contoso is hiring analysts in spring', 'Try the hospital data meetup']));

// The cold email: five tries (three emails, two calls), no answer: move on.
reachOut(tom, '2026-08-04 11:00', undefined);
let coldReason = '';
on('2026-09-25 09:00', async () => {
  const outreach = (await sam.network()).outreaches.find((o) => o.contactId === tom.id)!;
  coldReason = (await sam.nextStep(outreach.id)).reason;
  await sam.withdrawOutreach(outreach.id);
});

// The alumna: a conversation, an article later, and a promised name not yet given.
reachOut(priya, '2026-09-01 10:30', 1, () =>
  converse(priya, 1, ['Fabrikam values ops experience', 'Ken Ito leads the payments team'], (coffee) =>
    on('2026-11-12 12:00', async () => {
      await sam.recordReferral({ introducerId: priya.id, kind: 'name-suggested', contactId: ken.id, meetingId: coffee.id, note: 'Will ask Ken whether he has time.' });
    }),
  ),
);
on('2026-10-20 09:00', async () => {
  await sam.recordCheckIn({ contactId: priya.id, kind: 'article', note: 'Sent the piece on small-shop payments.' });
});

// Landed the job: employed from November 16; a coffee with Ken on the 25th, preparation half done.
on('2026-11-16 09:00', async () => {
  await sam.changePhase({ kind: 'employed' });
  const coffee = await sam.scheduleMeeting({ contactId: ken.id, startAt: wall('2026-11-25 08:30') });
  await sam.prepareMeeting(coffee.id, { answers: { 'know-the-company': 'Yes: payments for small shops.' } });
});

await replay();

// Monday morning, November 23: what is due this week?
const now = wall('2026-11-23 08:00');
clock.set(now);
const weekEnd = new Date(new TZDate(2026, 10, 30, 0, 0, ZONE).getTime());
const actions = await sam.agenda({ from: now, to: weekEnd });
const network = await sam.network();
const upcoming = await sam.agenda({ from: weekEnd, to: new Date(weekEnd.getTime() + 400 * 86_400_000) });

const local = (date: Date, pattern: string) => format(new TZDate(date.getTime(), ZONE), pattern);
const names = new Map(network.contacts.map((c) => [c.id, c.name]));
const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[22m` : text);

console.log(bold(`reachout demo: ${workspace.name}'s network, replayed from ${local(new Date('2026-08-03T13:00:00Z'), 'MMM d')} to ${local(now, 'MMM d, yyyy')} (${ZONE})`));
console.log(`JSON store: ${storeDir}`);
console.log(`Cold outreach to ${tom.name}, withdrawn Sep 25: ${coldReason}`);
const thanks = network.meetings
  .filter((m) => m.status === 'held')
  .map((m) => thankYouStatus(m, network, playbook.policies.thankYou, { now, timeZone: ZONE }, network.contacts.find((c) => c.id === m.contactId)));
const late = thanks.filter((t) => t.state === 'sent-late');
console.log(`Thank-yous: ${thanks.length - late.length} within 24 hours, ${late.length} late (${late.map((t) => t.reason).join(' ')})\n`);

console.log(bold(`This week, ${local(now, 'EEE MMM d')} – ${local(new Date(weekEnd.getTime() - 1), 'EEE MMM d')}`));
const line = (action: AgendaAction) =>
  `  ${action.overdue ? 'OVERDUE' : '       '}  ${local(action.dueAt, 'EEE MMM d')}  ${action.title}\n                        ${action.reason}`;
console.log(actions.length > 0 ? actions.map(line).join('\n') : '  nothing due');

// What to say for the first of them, filled from the records.
if (actions[0]) {
  const draft = await sam.draft(actions[0].id);
  console.log(bold(`\nWhat to say: ${actions[0].title}`));
  if (draft.to) console.log(`  To: ${draft.to}`);
  if (draft.subject) console.log(`  Subject: ${draft.subject}`);
  console.log(`\n${draft.body.replace(/^(?=.)/gm, '  ')}\n`);
  console.log(`  (${draft.channel}, ${draft.words} words${draft.mailto ? '; a mailto: link opens it in a mail app' : ''})`);
}

console.log(bold('\nNext check-ins (employed since Nov 16: every 6 months, overdue after 12)'));
for (const action of upcoming.filter((a) => a.kind === 'check-in.send')) {
  console.log(`  ${local(action.dueAt, 'EEE MMM d, yyyy')}  ${action.title}`);
}

// Contacts at each stage; outcomes apart, each counted once; credit along the chains last.
console.log(bold('\nFunnel'));
const funnel = await sam.funnel();
const percent = (rate: number | null) => (rate === null ? '' : ` (${Math.round(rate * 100)}%)`);
const stageLabel = (stage: FunnelStageName) => (stage === 'introduced' ? 'introduced or referred you' : stage);
console.log(`  ${funnel.stages.map((s) => `${s.count} ${stageLabel(s.stage)}${percent(s.rate)}`).join(' → ')}`);
for (const row of funnel.byChannel) {
  const [reached, replied] = row.stages;
  console.log(`  by ${row.key}: ${reached!.count} tried this way, ${replied!.count} said yes to it${percent(replied!.count / Math.max(1, reached!.count))}`);
}
// By tie, up to the last stage anyone reached: "cold: 1 reached", not a row of zeros.
for (const row of funnel.byTie) {
  const reachedStages = row.stages.filter((s) => s.count > 0);
  console.log(`  ${row.key}: ${reachedStages.map((s) => `${s.count} ${stageLabel(s.stage)}`).join(', ')}`);
}
const outcomeWords = OUTCOME_KINDS.filter((kind) => funnel.outcomes[kind] > 0).map((kind) => `${funnel.outcomes[kind]} ${kind}${funnel.outcomes[kind] === 1 ? '' : 's'}`);
console.log(`  outcomes: ${outcomeWords.length > 0 ? outcomeWords.join(', ') : 'none yet'}`);
// The chains' roots: each line tells a whole chain; the credit is not added to the counts above.
for (const credit of funnel.byIntroducer.filter((c) => c.paths.every((path) => path[0] === c.contactId))) {
  console.log(`    ${credit.reason}`);
}

console.log(bold('\nReferral tree'));
printTree(network);

// The week's agenda as a calendar: stable UIDs, so importing it again updates the events.
// Each event's description ends with the first lines of its draft.
writeFileSync(
  calendarFile,
  toICalendar(actions, {
    timeZone: ZONE,
    stamp: now,
    contacts: network.contacts,
    name: `${workspace.name}: informational interviews`,
    drafts: (action) => draftMessage(action, network, { policies: playbook.policies }),
  }),
);
console.log(`\nCalendar: ${calendarFile} (${actions.length} events)`);
await store.close();

function printTree(records: Network) {
  const forest = introductionForest(records.contacts);
  const ties = new Map(records.contacts.map((c) => [c.id, c.tie]));
  // What happened at each contact, in time order: referrals they made to an organization, outcomes through them.
  const events = new Map<ContactId, { at: Date; text: string }[]>();
  const add = (id: ContactId, at: Date, text: string) => events.set(id, [...(events.get(id) ?? []), { at, text }]);
  const place = (id: string | undefined) => records.organizations.find((o) => o.id === id)?.name ?? 'an organization';
  for (const referral of records.referrals) {
    if (referral.status === 'declined' || (referral.kind !== 'recommended-to-hr' && referral.kind !== 'resume-forwarded')) continue;
    const done = referral.status === 'done';
    const what = referral.kind === 'recommended-to-hr' ? (done ? 'recommended you to HR' : 'offered to recommend you to HR') : done ? 'forwarded your resume' : 'offered to forward your resume';
    add(referral.introducerId, referral.doneAt ?? referral.offeredAt, `${what} at ${place(referral.organizationId)}`);
  }
  for (const outcome of records.outcomes) {
    for (const id of new Set(outcome.contactIds)) add(id, outcome.at, `${outcome.kind} ${local(outcome.at, 'MMM d')}`);
  }
  const walk = (id: ContactId, prefix: string, last: boolean, depth: number) => {
    const happened = (events.get(id) ?? []).sort((a, b) => a.at.getTime() - b.at.getTime()).map((e) => ` → ${e.text}`);
    const label = `${names.get(id)}${depth === 0 ? ` (${ties.get(id)})` : ''}${happened.join('')}`;
    console.log(depth === 0 ? `  ${label}` : `  ${prefix}${last ? '└─ ' : '├─ '}${label}`);
    const children = forest.childrenOf.get(id) ?? [];
    children.forEach((child, i) => walk(child, depth === 0 ? '' : `${prefix}${last ? '   ' : '│  '}`, i === children.length - 1, depth + 1));
  };
  for (const root of forest.roots) walk(root, '', true, 0);
}

// A synthetic network shaped like a busy seeker's: per contact about ten records
// (an outreach with attempts and a reply, meetings, thank-yous, check-ins, a referral).
// Built directly as typed records (no schema pass) so generation stays out of the timings.
import type {
  CheckIn,
  Contact,
  ContactId,
  Meeting,
  Network,
  Organization,
  OrganizationId,
  Outreach,
  Referral,
  ThankYou,
} from '../src/index.js';
import { emptyNetwork } from '../src/index.js';

/** A small deterministic PRNG (mulberry32), so every run measures the same network. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const TIES = ['family-friend', 'friend-of-a-friend', 'alumni', 'event', 'cold', 'colleague'] as const;

/** Builds a network of `contacts` contacts, about ten records each, ending near `now`. */
export function syntheticNetwork(contacts: number, now: Date, seed = 42): Network {
  const random = seeded(seed);
  const start = now.getTime() - 300 * DAY;
  const at = (dayOffset: number) => new Date(start + dayOffset * DAY + Math.floor(random() * 10) * 3_600_000);
  const network: Network = emptyNetwork({
    id: 'bench' as Network['workspace']['id'],
    name: 'Bench seeker',
    timeZone: 'America/New_York',
    phase: { kind: 'searching' },
    holidays: ['2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25'],
    createdAt: new Date(start),
  });
  const orgCount = Math.max(1, Math.floor(contacts / 10));
  for (let o = 0; o < orgCount; o++) {
    const organization: Organization = {
      id: `org-${o}` as OrganizationId,
      name: `Organization ${o}`,
      standsFor: '',
      whyInterested: '',
      createdAt: new Date(start),
    };
    network.organizations.push(organization);
  }
  for (let i = 0; i < contacts; i++) {
    const id = `c-${i}` as ContactId;
    const introducer = i > 0 && random() < 0.4 ? (`c-${Math.floor(random() * i)}` as ContactId) : undefined;
    const contact: Contact = {
      id,
      name: `Contact ${i}`,
      emails: [`c${i}@example.com`],
      phones: random() < 0.7 ? ['+1 555 0100'] : [],
      organizationId: `org-${i % orgCount}` as OrganizationId,
      tie: TIES[i % TIES.length]!,
      mutualContacts: [],
      researchNotes: '',
      tags: [],
      keepInTouch: true,
      createdAt: new Date(start),
      ...(introducer ? { introducedBy: introducer } : {}),
    };
    network.contacts.push(contact);
    const first = Math.floor(random() * 200);
    const attempts = 1 + Math.floor(random() * 3);
    const replied = random() < 0.6;
    const outreach: Outreach = {
      id: `o-${i}` as Outreach['id'],
      contactId: id,
      startedAt: at(first),
      attempts: Array.from({ length: attempts }, (_, k) => ({
        channel: k % 2 === 0 ? ('email' as const) : ('phone' as const),
        at: at(first + k * 9),
        result: 'sent' as const,
      })),
      ...(replied ? { reply: { at: at(first + attempts * 9 - 5), channel: 'email' as const, answer: 'accepted' as const } } : {}),
    };
    network.outreaches.push(outreach);
    if (!replied) continue;
    for (let m = 0; m < 2; m++) {
      const day = first + attempts * 9 + m * 40;
      const held = day < 295;
      const meeting: Meeting = {
        id: `m-${i}-${m}` as Meeting['id'],
        contactId: id,
        status: held ? 'held' : 'scheduled',
        startAt: at(day),
        minutes: 20,
        format: 'coffee',
        previousStarts: [],
        preparation: { answers: { 'know-the-company': 'yes' }, research: '', questionsToAsk: [] },
        notes: ['their start here'],
        nextSteps: [],
      };
      network.meetings.push(meeting);
      if (held && random() < 0.8) {
        const note: ThankYou = {
          id: `t-${i}-${m}` as ThankYou['id'],
          meetingId: meeting.id,
          contactId: id,
          sentAt: at(day + 1),
          channel: 'email',
          referencedNotes: [],
          askedForIntroduction: false,
        };
        network.thankYous.push(note);
      }
    }
    for (let c = 0; c < 2; c++) {
      const checkIn: CheckIn = {
        id: `k-${i}-${c}` as CheckIn['id'],
        contactId: id,
        at: at(first + 60 + c * 45),
        channel: 'email',
        kind: 'article',
      };
      network.checkIns.push(checkIn);
    }
    if (i > 0 && random() < 0.3) {
      const referral: Referral = {
        id: `r-${i}` as Referral['id'],
        introducerId: id,
        kind: 'introduction-made',
        contactId: `c-${Math.floor(random() * i)}` as ContactId,
        status: random() < 0.5 ? 'offered' : 'done',
        offeredAt: at(first + 30),
      };
      network.referrals.push(referral);
    }
  }
  return network;
}

/** How many records a network holds (attempts counted as records). */
export function recordCount(network: Network): number {
  return (
    network.contacts.length +
    network.organizations.length +
    network.outreaches.reduce((sum, o) => sum + 1 + o.attempts.length + (o.reply ? 1 : 0), 0) +
    network.meetings.length +
    network.thankYous.length +
    network.checkIns.length +
    network.referrals.length +
    network.outcomes.length
  );
}

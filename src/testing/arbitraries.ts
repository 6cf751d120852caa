// `reachout/testing/arbitraries`: fast-check arbitraries for every record and for whole
// valid networks. Its own subpath so that property tests under any runner (node:test,
// jest, mocha) load fast-check only, never vitest; `reachout/testing` re-exports it.
import fc, { type Arbitrary } from 'fast-check';
import { TieKindSchema, ContactSchema, type Contact, type ContactInput } from '../domain/contact.js';
import {
  CheckInChannelSchema,
  CheckInKindSchema,
  CheckInSchema,
  ThankYouChannelSchema,
  ThankYouSchema,
  type CheckIn,
  type CheckInInput,
  type ThankYou,
  type ThankYouInput,
} from '../domain/followUp.js';
import {
  MeetingFormatSchema,
  MeetingSchema,
  MeetingStatusSchema,
  PreparationQuestionSchema,
  type Meeting,
  type MeetingInput,
  type PreparationQuestion,
} from '../domain/meeting.js';
import { NetworkSchema, type Network, type NetworkInput } from '../domain/network.js';
import { OrganizationSchema, type Organization, type OrganizationInput } from '../domain/organization.js';
import {
  AttemptResultSchema,
  ChannelSchema,
  OutreachSchema,
  type Outreach,
  type OutreachInput,
} from '../domain/outreach.js';
import {
  OutcomeKindSchema,
  OutcomeSchema,
  ReferralKindSchema,
  ReferralSchema,
  ReferralStatusSchema,
  type Outcome,
  type OutcomeInput,
  type Referral,
  type ReferralInput,
} from '../domain/referral.js';
import { WorkspaceSchema, type Workspace, type WorkspaceInput } from '../domain/workspace.js';

// ---------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Earliest instant any arbitrary produces: 2000-01-01T00:00:00.000Z. */
const MIN_INSTANT = Date.UTC(2000, 0, 1);
/** Latest instant any arbitrary produces: 2060-12-31T23:59:59.999Z. */
const MAX_INSTANT = Date.UTC(2060, 11, 31, 23, 59, 59, 999);
/** Room left after a record's first instant for the instants that follow it. */
const RECORD_SPAN = 2 * 365 * DAY;

/** Bounds for {@link instant}; both are clamped to 2000–2060. */
export interface InstantOptions {
  /** Earliest instant (inclusive). */
  readonly min?: Date;
  /** Latest instant (inclusive). */
  readonly max?: Date;
}

/** Valid `Date`s with whole milliseconds between 2000-01-01 and 2060-12-31 (UTC). */
export function instant(options: InstantOptions = {}): Arbitrary<Date> {
  const min = Math.max(MIN_INSTANT, Math.ceil(options.min?.getTime() ?? MIN_INSTANT));
  const max = Math.min(MAX_INSTANT, Math.floor(options.max?.getTime() ?? MAX_INSTANT));
  if (!(min <= max)) throw new RangeError(`instant(): empty range ${String(options.min)} .. ${String(options.max)}`);
  return fc.integer({ min, max }).map((ms) => new Date(ms));
}

/** Milliseconds since the epoch of a first instant that leaves {@link RECORD_SPAN} of room. */
const startMs = (span = RECORD_SPAN): Arbitrary<number> => fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT - span });

/** A gap in whole minutes between `min` and `max` minutes, in milliseconds. */
const gap = (minMinutes: number, maxMinutes: number): Arbitrary<number> =>
  fc.integer({ min: minMinutes, max: maxMinutes }).map((minutes) => minutes * MINUTE);

const TIME_ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/Sao_Paulo',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Asia/Tehran',
] as const;

/** IANA zones with DST, half- and quarter-hour offsets and (historically) DST at midnight. */
export function timeZone(): Arbitrary<string> {
  return fc.constantFrom(...TIME_ZONES);
}

// ---------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------

const LOWER = [...'abcdefghijklmnopqrstuvwxyz'];
const DIGITS = [...'0123456789'];
const NAME_CHARS = ['a', 'e', 'i', 'o', 'n', 'r', 's', 't', 'A', 'M', 'Z', 'é', 'ü', 'ß', 'ø', 'ł', '中', '文', '😀', '-', "'", '.'];

const nameChar = fc.constantFrom(...NAME_CHARS);
const nameOrSpace = fc.constantFrom(...NAME_CHARS, ' ', ' ');

/** Trimmed, non-empty single-line text (some unicode, inner spaces). */
const shortText = (maxLength = 24): Arbitrary<string> =>
  fc
    .tuple(nameChar, fc.string({ unit: nameOrSpace, maxLength: maxLength - 1 }))
    .map(([first, rest]) => `${first}${rest}`.trimEnd());

/** Free text with unicode, spaces and line breaks (possibly empty). */
const longText = (maxLength = 60): Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...NAME_CHARS, ' ', '\n', ',', '!'), maxLength });

/** Lower-case letters, digits and dashes, starting with a letter. */
const slug = (maxLength = 10): Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...LOWER), fc.string({ unit: fc.constantFrom(...LOWER, ...DIGITS, '-'), maxLength: maxLength - 1 }))
    .map(([first, rest]) => first + rest);

/**
 * A slug fit to be a DNS label: labels with `--` in third and fourth place are reserved for
 * encoded names (`xn--…`), and the URL parser refuses one that does not decode.
 */
const hostLabel = (maxLength = 10): Arbitrary<string> => slug(maxLength).filter((label) => label.slice(2, 4) !== '--');

const emailAddress: Arbitrary<string> = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...LOWER, ...DIGITS, 'Q', '.', '_', '+', '-'), minLength: 1, maxLength: 12 }),
    fc.array(hostLabel(10), { minLength: 1, maxLength: 2 }),
    fc.string({ unit: fc.constantFrom(...LOWER), minLength: 2, maxLength: 4 }),
  )
  .map(([local, labels, top]) => `${local}@${[...labels, top].join('.')}`);

const phoneNumber: Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '+'),
    fc.array(fc.string({ unit: fc.constantFrom(...DIGITS), minLength: 2, maxLength: 4 }), { minLength: 2, maxLength: 4 }),
    fc.constantFrom(' ', '-', '.'),
  )
  .map(([plus, groups, separator]) => plus + groups.join(separator));

const webUrl: Arbitrary<string> = fc
  .tuple(fc.constantFrom('https', 'http'), hostLabel(12), slug(12))
  .map(([scheme, host, path]) => `${scheme}://${host}.example/${path}`);

const idOf = (prefix: string): Arbitrary<string> => fc.nat({ max: 999 }).map((n) => `${prefix}-${n}`);

/** `YYYY-MM-DD` of the UTC day `ms` falls on. */
const dayKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const optionalNote = (): Arbitrary<string | undefined> => fc.option(longText(), { nil: undefined });

/** Spreads `{ [key]: value }` only when `value` is defined (exact optional properties). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

// ---------------------------------------------------------------------------------
// Record fields shared by the single-record arbitraries and network()
// ---------------------------------------------------------------------------------

const contactFields = fc.record(
  {
    name: shortText(),
    emails: fc.uniqueArray(emailAddress, { maxLength: 3 }),
    phones: fc.array(phoneNumber, { maxLength: 2 }),
    profileUrl: webUrl,
    role: shortText(),
    tie: fc.constantFrom(...TieKindSchema.options),
    researchNotes: longText(),
    tags: fc.uniqueArray(slug(12), { maxLength: 4 }),
    keepInTouch: fc.boolean(),
  },
  { requiredKeys: ['name', 'tie'] },
);

const organizationFields = fc.record(
  { name: shortText(), website: webUrl, standsFor: longText(), whyInterested: longText() },
  { requiredKeys: ['name'] },
);

const preparation = fc.record(
  {
    answers: fc.record(
      Object.fromEntries(PreparationQuestionSchema.options.map((q) => [q, longText(40)])) as Record<
        PreparationQuestion,
        Arbitrary<string>
      >,
      { requiredKeys: [] },
    ),
    research: longText(),
    questionsToAsk: fc.array(shortText(40), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

const meetingFields = fc.record(
  {
    status: fc.constantFrom(...MeetingStatusSchema.options),
    minutes: fc.integer({ min: 5, max: 600 }),
    format: fc.constantFrom(...MeetingFormatSchema.options),
    preparation,
    notes: fc.array(longText(), { maxLength: 3 }),
    nextSteps: fc.array(shortText(), { maxLength: 2 }),
  },
  { requiredKeys: ['status'] },
);

const attemptSeed = fc.record({
  channel: fc.constantFrom(...ChannelSchema.options),
  result: fc.option(fc.constantFrom(...AttemptResultSchema.options), { nil: undefined }),
  note: optionalNote(),
  gap: gap(1, 14 * 24 * 60),
});

const outreachEnd = fc.oneof(
  fc.constant({ kind: 'open' as const }),
  fc.record({
    kind: fc.constant('reply' as const),
    gap: gap(1, 14 * 24 * 60),
    channel: fc.constantFrom(...ChannelSchema.options),
    answer: fc.constantFrom('accepted' as const, 'declined' as const),
    note: optionalNote(),
  }),
  fc.record({ kind: fc.constant('withdrawn' as const), gap: gap(1, 30 * 24 * 60) }),
);

const outreachSeed = fc.record({
  startGap: gap(0, 30 * 24 * 60),
  attempts: fc.array(attemptSeed, { maxLength: 6 }),
  end: outreachEnd,
});
type OutreachSeed = typeof outreachSeed extends Arbitrary<infer T> ? T : never;
/** Longest time from an outreach's start to its last event (start gap, six attempts, end). */
const OUTREACH_SPAN = (30 + 6 * 14 + 30) * DAY;

/** An outreach whose attempts come strictly after `startedAt`, oldest first, then its end. */
function buildOutreach(id: string, contactId: string, startedAt: number, seed: OutreachSeed): OutreachInput {
  let at = startedAt;
  const attempts = seed.attempts.map((attempt) => {
    at += attempt.gap;
    return { channel: attempt.channel, at: new Date(at), ...opt('result', attempt.result), ...opt('note', attempt.note) };
  });
  const { end } = seed;
  return {
    id,
    contactId,
    startedAt: new Date(startedAt),
    attempts,
    ...(end.kind === 'reply' && attempts.length > 0
      ? {
          reply: {
            at: new Date(at + end.gap),
            channel: end.channel,
            answer: end.answer,
            ...opt('note', end.note),
          },
        }
      : {}),
    ...(end.kind === 'withdrawn' ? { withdrawnAt: new Date(at + end.gap) } : {}),
  };
}

const meetingSeed = fc.record({
  fields: meetingFields,
  startGap: gap(60, 30 * 24 * 60),
  moves: fc.array(gap(60, 10 * 24 * 60), { minLength: 1, maxLength: 2 }),
});
type MeetingSeed = typeof meetingSeed extends Arbitrary<infer T> ? T : never;

/** A meeting starting after `after`; a moved one lists its earlier starts, oldest first. */
function buildMeeting(id: string, contactId: string, after: number, seed: MeetingSeed, outreachId?: string): MeetingInput {
  let at = after + seed.startGap;
  const previousStarts: Date[] = [];
  if (seed.fields.status === 'moved') {
    for (const move of seed.moves) {
      previousStarts.push(new Date(at));
      at += move;
    }
  }
  return {
    ...seed.fields,
    id,
    contactId,
    ...opt('outreachId', outreachId),
    startAt: new Date(at),
    ...(previousStarts.length > 0 ? { previousStarts } : {}),
  };
}

const thankYouSeed = fc.record({
  gap: gap(0, 72 * 60),
  channel: fc.option(fc.constantFrom(...ThankYouChannelSchema.options), { nil: undefined }),
  noteMask: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  askedForIntroduction: fc.option(fc.boolean(), { nil: undefined }),
});
type ThankYouSeed = typeof thankYouSeed extends Arbitrary<infer T> ? T : never;

/** A thank-you for `meeting`, sent after it ended, quoting some of its notes. */
function buildThankYou(id: string, meeting: MeetingInput, seed: ThankYouSeed): ThankYouInput {
  const end = new Date(meeting.startAt as Date).getTime() + (meeting.minutes ?? 20) * MINUTE;
  const notes = meeting.notes ?? [];
  return {
    id,
    meetingId: meeting.id,
    contactId: meeting.contactId,
    sentAt: new Date(end + seed.gap),
    ...opt('channel', seed.channel),
    referencedNotes: notes.filter((_, index) => seed.noteMask[index] === true),
    ...opt('askedForIntroduction', seed.askedForIntroduction),
  };
}

const checkInSeed = fc.record({
  gap: gap(24 * 60, 400 * 24 * 60),
  channel: fc.option(fc.constantFrom(...CheckInChannelSchema.options), { nil: undefined }),
  kind: fc.option(fc.constantFrom(...CheckInKindSchema.options), { nil: undefined }),
  note: optionalNote(),
});
type CheckInSeed = typeof checkInSeed extends Arbitrary<infer T> ? T : never;

function buildCheckIn(id: string, contactId: string, after: number, seed: CheckInSeed): CheckInInput {
  return {
    id,
    contactId,
    at: new Date(after + seed.gap),
    ...opt('channel', seed.channel),
    ...opt('kind', seed.kind),
    ...opt('note', seed.note),
  };
}

const referralSeed = fc.record({
  kind: fc.constantFrom(...ReferralKindSchema.options),
  status: fc.option(fc.constantFrom(...ReferralStatusSchema.options), { nil: undefined }),
  gap: gap(0, 30 * 24 * 60),
  doneGap: gap(0, 30 * 24 * 60),
  note: optionalNote(),
});
type ReferralSeed = typeof referralSeed extends Arbitrary<infer T> ? T : never;

interface ReferralRefs {
  readonly introducerId: string;
  readonly contactId?: string | undefined;
  readonly organizationId?: string | undefined;
  readonly meetingId?: string | undefined;
}

/** A referral offered after `after`; a done one has `doneAt` on or after `offeredAt`. */
function buildReferral(id: string, refs: ReferralRefs, after: number, seed: ReferralSeed): ReferralInput {
  const offeredAt = after + seed.gap;
  return {
    id,
    introducerId: refs.introducerId,
    kind: seed.kind,
    ...opt('contactId', refs.contactId),
    ...opt('organizationId', refs.organizationId),
    ...opt('meetingId', refs.meetingId),
    ...opt('status', seed.status),
    offeredAt: new Date(offeredAt),
    ...(seed.status === 'done' ? { doneAt: new Date(offeredAt + seed.doneGap) } : {}),
    ...opt('note', seed.note),
  };
}

const outcomeSeed = fc.record({
  kind: fc.constantFrom(...OutcomeKindSchema.options),
  gap: gap(24 * 60, 180 * 24 * 60),
  note: optionalNote(),
});

// ---------------------------------------------------------------------------------
// Single records
// ---------------------------------------------------------------------------------

/** Schema-valid workspaces (zone from {@link timeZone}; searching or employed; a few holidays). */
export function workspace(): Arbitrary<Workspace> {
  return workspaceWithRoom(RECORD_SPAN);
}

/** Workspaces created early enough that `span` more milliseconds stay before 2061. */
function workspaceWithRoom(span: number): Arbitrary<Workspace> {
  return fc
    .record({
      id: idOf('w'),
      name: shortText(),
      zone: timeZone(),
      createdAt: startMs(span),
      phase: fc.option(fc.option(gap(0, 365 * 24 * 60), { nil: undefined }), { nil: null }),
      holidays: fc.option(fc.uniqueArray(fc.nat({ max: 700 }), { maxLength: 5 }), { nil: undefined }),
    })
    .map(({ id, name, zone, createdAt, phase, holidays }) => {
      const input: WorkspaceInput = {
        id,
        name,
        timeZone: zone,
        createdAt: new Date(createdAt),
        // null: phase left out (defaults to searching); undefined: searching; a gap: employed since.
        ...(phase === null
          ? {}
          : { phase: phase === undefined ? { kind: 'searching' } : { kind: 'employed', since: new Date(createdAt + phase) } }),
        ...(holidays === undefined ? {} : { holidays: holidays.map((days) => dayKey(createdAt + days * DAY)) }),
      };
      return WorkspaceSchema.parse(input);
    });
}

/** Schema-valid contacts; `introducedBy` and `mutualContacts` never name the contact itself. */
export function contact(): Arbitrary<Contact> {
  return fc
    .record({
      index: fc.nat({ max: 999 }),
      fields: contactFields,
      createdAt: startMs(),
      snooze: fc.option(gap(0, 365 * 24 * 60), { nil: undefined }),
      organization: fc.option(fc.nat({ max: 999 }), { nil: undefined }),
      introducer: fc.option(fc.nat({ max: 999 }), { nil: undefined }),
      mutual: fc.uniqueArray(fc.nat({ max: 999 }), { maxLength: 3 }),
    })
    .map(({ index, fields, createdAt, snooze, organization, introducer, mutual }) => {
      const input: ContactInput = {
        ...fields,
        id: `c-${index}`,
        createdAt: new Date(createdAt),
        ...opt('checkInSnoozedUntil', snooze === undefined ? undefined : new Date(createdAt + snooze)),
        ...opt('organizationId', organization === undefined ? undefined : `o-${organization}`),
        ...opt('introducedBy', introducer === undefined || introducer === index ? undefined : `c-${introducer}`),
        mutualContacts: mutual.filter((n) => n !== index).map((n) => `c-${n}`),
      };
      return ContactSchema.parse(input);
    });
}

/** Schema-valid organizations. */
export function organization(): Arbitrary<Organization> {
  return fc
    .record({ id: idOf('o'), fields: organizationFields, createdAt: instant() })
    .map(({ id, fields, createdAt }) => OrganizationSchema.parse({ ...fields, id, createdAt } satisfies OrganizationInput));
}

/** Schema-valid outreaches: attempts strictly after `startedAt`, oldest first; at most one of reply / withdrawal. */
export function outreach(): Arbitrary<Outreach> {
  return fc
    .record({ id: idOf('r'), contactId: idOf('c'), startedAt: startMs(), seed: outreachSeed })
    .map(({ id, contactId, startedAt, seed }) => OutreachSchema.parse(buildOutreach(id, contactId, startedAt, seed)));
}

/** Schema-valid meetings in every status; a moved one lists earlier starts, oldest first. */
export function meeting(): Arbitrary<Meeting> {
  return fc
    .record({
      id: idOf('m'),
      contactId: idOf('c'),
      outreachId: fc.option(idOf('r'), { nil: undefined }),
      after: startMs(),
      seed: meetingSeed,
    })
    .map(({ id, contactId, outreachId, after, seed }) =>
      MeetingSchema.parse(buildMeeting(id, contactId, after, seed, outreachId)),
    );
}

/** Schema-valid thank-yous, each sent after the end of a (generated) meeting it refers to. */
export function thankYou(): Arbitrary<ThankYou> {
  return fc
    .record({ id: idOf('t'), meeting: meeting(), seed: thankYouSeed })
    .map(({ id, meeting: held, seed }) => ThankYouSchema.parse(buildThankYou(id, held, seed)));
}

/** Schema-valid check-ins. */
export function checkIn(): Arbitrary<CheckIn> {
  return fc
    .record({ id: idOf('k'), contactId: idOf('c'), after: startMs(), seed: checkInSeed })
    .map(({ id, contactId, after, seed }) => CheckInSchema.parse(buildCheckIn(id, contactId, after, seed)));
}

/** Schema-valid referrals; the introduced contact is never the introducer. */
export function referral(): Arbitrary<Referral> {
  return fc
    .record({
      id: idOf('f'),
      introducer: fc.nat({ max: 999 }),
      contact: fc.option(fc.nat({ max: 999 }), { nil: undefined }),
      organizationId: fc.option(idOf('o'), { nil: undefined }),
      meetingId: fc.option(idOf('m'), { nil: undefined }),
      after: startMs(),
      seed: referralSeed,
    })
    .map(({ id, introducer, contact: introduced, organizationId, meetingId, after, seed }) =>
      ReferralSchema.parse(
        buildReferral(
          id,
          {
            introducerId: `c-${introducer}`,
            contactId: introduced === undefined || introduced === introducer ? undefined : `c-${introduced}`,
            organizationId,
            meetingId,
          },
          after,
          seed,
        ),
      ),
    );
}

/** Schema-valid outcomes with 1–3 distinct contacts. */
export function outcome(): Arbitrary<Outcome> {
  return fc
    .record({
      id: idOf('x'),
      organizationId: fc.option(idOf('o'), { nil: undefined }),
      contactIds: fc.uniqueArray(idOf('c'), { minLength: 1, maxLength: 3 }),
      at: instant(),
      seed: outcomeSeed,
    })
    .map(({ id, organizationId, contactIds, at, seed }) =>
      OutcomeSchema.parse({
        id,
        kind: seed.kind,
        ...opt('organizationId', organizationId),
        contactIds,
        at,
        ...opt('note', seed.note),
      } satisfies OutcomeInput),
    );
}

// ---------------------------------------------------------------------------------
// Whole networks
// ---------------------------------------------------------------------------------

/** Options of {@link network}. */
export interface NetworkOptions {
  /** Most contacts in one network (default 8); other lists are sized alike. */
  readonly maxContacts?: number;
}

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

/** Whole valid networks that `parseNetwork` accepts, with up to `maxContacts` contacts. */
export function network(options: NetworkOptions = {}): Arbitrary<Network> {
  // Guarantees: ids unique per kind (`c-0`, `c-1`, …); every reference resolves; a contact is
  // only introduced by an earlier one (a forest); a thank-you matches its held meeting's
  // contact; a meeting's outreach is an accepted one to the same contact. Times are
  // plausible: records after the workspace, one outreach at a time per contact, attempts
  // strictly after their outreach started, meetings after the accepted reply, thank-yous
  // after the meeting ended, referrals after the meeting they came from.
  const maxContacts = Math.max(0, Math.floor(options.maxContacts ?? 8));
  const maxOrganizations = Math.ceil(maxContacts / 2);
  // Contacts are created one after another; keep the whole network inside 2000–2060.
  const contactGapMinutes = Math.max(1, Math.floor(Math.min(7 * DAY, (20 * 365 * DAY) / Math.max(1, maxContacts)) / MINUTE));
  // Efforts to one contact follow each other (each lasts at most OUTREACH_SPAN).
  const maxOutreaches = Math.min(maxContacts, 40);
  const span = RECORD_SPAN + maxContacts * contactGapMinutes * MINUTE + maxOutreaches * OUTREACH_SPAN;
  const ref = fc.nat();
  const optionalRef = fc.option(fc.nat(), { nil: undefined });
  return fc
    .record({
      workspace: workspaceWithRoom(span),
      organizations: fc.array(fc.record({ fields: organizationFields, gap: gap(0, 60 * 24 * 60) }), {
        maxLength: maxOrganizations,
        size: 'max',
      }),
      contacts: fc.array(
        fc.record({
          fields: contactFields,
          gap: gap(0, contactGapMinutes),
          organization: optionalRef,
          introducer: optionalRef,
          mutual: fc.uniqueArray(fc.nat(), { maxLength: 3 }),
          snooze: fc.option(gap(0, 365 * 24 * 60), { nil: undefined }),
        }),
        { maxLength: maxContacts, size: 'max' },
      ),
      outreaches: fc.array(fc.record({ contact: ref, seed: outreachSeed }), { maxLength: maxOutreaches, size: 'max' }),
      meetings: fc.array(
        fc.record({
          contact: ref,
          linkOutreach: fc.boolean(),
          seed: meetingSeed,
          thankYou: fc.option(thankYouSeed, { nil: undefined }),
        }),
        { maxLength: maxContacts, size: 'max' },
      ),
      checkIns: fc.array(fc.record({ contact: ref, seed: checkInSeed }), { maxLength: maxContacts, size: 'max' }),
      referrals: fc.array(
        fc.record({
          introducer: ref,
          introduced: optionalRef,
          organization: optionalRef,
          fromMeeting: fc.boolean(),
          seed: referralSeed,
        }),
        { maxLength: maxContacts, size: 'max' },
      ),
      outcomes: fc.array(
        fc.record({
          contacts: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
          organization: optionalRef,
          seed: outcomeSeed,
        }),
        { maxLength: Math.min(3, maxContacts) },
      ),
    })
    .map((seeds) => {
      const ws = seeds.workspace;
      const base = ws.createdAt.getTime();

      const organizations: OrganizationInput[] = seeds.organizations.map((seed, i) => ({
        ...seed.fields,
        id: `o-${i}`,
        createdAt: new Date(base + seed.gap),
      }));
      const organizationIds = organizations.map((o) => o.id);

      const created: number[] = [];
      const contacts: ContactInput[] = [];
      seeds.contacts.forEach((seed, i) => {
        const createdAt = (created[i - 1] ?? base) + seed.gap;
        created.push(createdAt);
        const others = [...new Set(seed.mutual.map((n) => n % Math.max(1, seeds.contacts.length)))].filter((n) => n !== i);
        contacts.push({
          ...seed.fields,
          id: `c-${i}`,
          createdAt: new Date(createdAt),
          ...opt('organizationId', seed.organization === undefined ? undefined : pick(organizationIds, seed.organization)),
          // Only an earlier contact can have introduced this one: the introductions form a forest.
          ...opt('introducedBy', seed.introducer === undefined || i === 0 ? undefined : `c-${seed.introducer % i}`),
          mutualContacts: others.map((n) => `c-${n}`),
          ...opt('checkInSnoozedUntil', seed.snooze === undefined ? undefined : new Date(createdAt + seed.snooze)),
        });
      });
      const n = contacts.length;
      const createdOf = (index: number): number => created[index] ?? base;

      const outreaches: OutreachInput[] = [];
      const outreachContact: number[] = [];
      // One effort at a time per contact: the next starts after the previous one's last event.
      const lastEvent = new Map<number, number>();
      if (n > 0) {
        seeds.outreaches.forEach(({ contact: c, seed }, i) => {
          const index = c % n;
          outreachContact.push(index);
          const built = buildOutreach(`r-${i}`, `c-${index}`, (lastEvent.get(index) ?? createdOf(index)) + seed.startGap, seed);
          outreaches.push(built);
          const times = [built.startedAt, ...(built.attempts ?? []).map((a) => a.at), built.reply?.at, built.withdrawnAt];
          lastEvent.set(index, Math.max(...times.map((t) => (t instanceof Date ? t.getTime() : 0))));
        });
      }

      const meetings: MeetingInput[] = [];
      const meetingContact: number[] = [];
      const thankYous: ThankYouInput[] = [];
      if (n > 0) {
        seeds.meetings.forEach(({ contact: c, linkOutreach, seed, thankYou: thanks }, i) => {
          const index = c % n;
          meetingContact.push(index);
          // A meeting comes out of an outreach to the same contact that was accepted.
          const accepted = linkOutreach
            ? outreaches.find((o, k) => outreachContact[k] === index && o.reply?.answer === 'accepted')
            : undefined;
          const after = accepted?.reply ? (accepted.reply.at as Date).getTime() : createdOf(index);
          const built = buildMeeting(`m-${i}`, `c-${index}`, after, seed, accepted?.id);
          meetings.push(built);
          if (thanks !== undefined && built.status === 'held') {
            thankYous.push(buildThankYou(`t-${thankYous.length}`, built, thanks));
          }
        });
      }

      const checkIns: CheckInInput[] =
        n === 0
          ? []
          : seeds.checkIns.map(({ contact: c, seed }, i) => buildCheckIn(`k-${i}`, `c-${c % n}`, createdOf(c % n), seed));

      const referrals: ReferralInput[] = [];
      if (n > 0) {
        seeds.referrals.forEach(({ introducer, introduced, organization: org, fromMeeting, seed }, i) => {
          const from = introducer % n;
          // The introduced person comes later in the list than the introducer, like `introducedBy`.
          const to = introduced === undefined || from === n - 1 ? undefined : from + 1 + (introduced % (n - 1 - from));
          const meetingIndex = fromMeeting ? meetingContact.indexOf(from) : -1;
          const met = meetings[meetingIndex];
          const after = Math.max(createdOf(from), to === undefined ? 0 : createdOf(to), met ? (met.startAt as Date).getTime() : 0);
          referrals.push(
            buildReferral(
              `f-${i}`,
              {
                introducerId: `c-${from}`,
                contactId: to === undefined ? undefined : `c-${to}`,
                organizationId: org === undefined ? undefined : pick(organizationIds, org),
                meetingId: met?.id,
              },
              after,
              seed,
            ),
          );
        });
      }

      const outcomes: OutcomeInput[] =
        n === 0
          ? []
          : seeds.outcomes.map(({ contacts: through, organization: org, seed }, i) => {
              const indices = [...new Set(through.map((c) => c % n))];
              return {
                id: `x-${i}`,
                kind: seed.kind,
                ...opt('organizationId', org === undefined ? undefined : pick(organizationIds, org)),
                contactIds: indices.map((c) => `c-${c}`),
                at: new Date(Math.max(...indices.map(createdOf)) + seed.gap),
                ...opt('note', seed.note),
              };
            });

      const input: NetworkInput = {
        workspace: ws,
        contacts,
        organizations,
        outreaches,
        meetings,
        thankYous,
        checkIns,
        referrals,
        outcomes,
      };
      return NetworkSchema.parse(input);
    });
}

/** Every arbitrary of `reachout/testing`, for `fc.assert(fc.property(arbitraries.contact(), …))`. */
export const arbitraries = {
  instant,
  timeZone,
  workspace,
  contact,
  organization,
  outreach,
  meeting,
  thankYou,
  checkIn,
  referral,
  outcome,
  network,
} as const;

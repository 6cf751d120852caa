import type { Contact } from '../domain/contact.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { ConflictError, NotFoundError, ReferralCycleError, ValidationError, WorkspaceExistsError, type FieldIssue } from '../domain/errors.js';
import type { CheckIn, ThankYou } from '../domain/followUp.js';
import type { WorkspaceId } from '../domain/ids.js';
import { RecordIdSchema, WorkspaceIdSchema } from '../domain/ids.js';
import { isTimeZone } from '../domain/primitives.js';
import type * as z from 'zod';
import type { Meeting } from '../domain/meeting.js';
import { contactListIssues, type Network } from '../domain/network.js';
import type { Organization } from '../domain/organization.js';
import type { Outreach } from '../domain/outreach.js';
import { resolvePolicies, type Policies, type PoliciesInput } from '../domain/policies.js';
import type { NetworkStore, RecordKind, RecordTypes, StoreOperation, WorkspaceHead } from '../domain/ports.js';
import type { Outcome, Referral } from '../domain/referral.js';
import { RECORD_KINDS, RECORD_LISTS, RECORD_SCHEMAS } from '../domain/records.js';
import { validate } from '../domain/validate.js';
import { WorkspaceSchema, type Workspace } from '../domain/workspace.js';
import { readWorkspaceExport, toWorkspaceExport, type WorkspaceExport } from '../domain/workspaceExport.js';
import { agenda, type AgendaAction } from '../rules/agenda.js';
import type { RuleContext } from '../rules/context.js';
import { funnel, type Funnel } from '../rules/funnel.js';
import { importedRecords, planImport } from '../rules/importPlan.js';
import { nextCheckIn, type CheckInStatus } from '../rules/checkInCadence.js';
import { indexNetwork } from '../rules/networkIndex.js';
import { nextOutreachStep, type OutreachStep } from '../rules/outreachRetry.js';
import { preparationStatus, type PreparationStatus } from '../rules/preparation.js';
import { creditOutcome, referralChain, type OutcomeCredit, type ReferralChain } from '../rules/referralChain.js';
import { draftMessage, type MessageDraft } from '../rules/drafts.js';
import { DraftOptionsSchema, type DraftOptionsInput } from '../domain/templates.js';
import { thankYouStatus, type ThankYouStatus } from '../rules/thankYouDeadline.js';
import { importDrafts, type ImportContactsInput, type ImportContactsOptions, type ImportResult } from './importContacts.js';
import { withLocalTimes } from './localTime.js';
import {
  AgendaWindowSchema,
  ContactChangesSchema,
  MeetingMoveSchema,
  MeetingNotesSchema,
  NewAttemptSchema,
  NewCheckInSchema,
  NewContactSchema,
  NewMeetingSchema,
  NewOrganizationSchema,
  NewOutcomeSchema,
  NewOutreachSchema,
  NewReferralSchema,
  NewReplySchema,
  NewThankYouSchema,
  NewWorkspaceSchema,
  OrganizationChangesSchema,
  PhaseChangeSchema,
  PreparationChangesSchema,
  SnoozeSchema,
  WhenSchema,
  type AgendaWindowInput,
  type ContactChanges,
  type MeetingMove,
  type MeetingNotes,
  type NewAttempt,
  type NewCheckIn,
  type NewContact,
  type NewMeeting,
  type NewOrganization,
  type NewOutcome,
  type NewOutreach,
  type NewReferral,
  type NewReply,
  type NewThankYou,
  type NewWorkspace,
  type OrganizationChanges,
  type PhaseChange,
  type PreparationChanges,
  type Snooze,
  type When,
} from './inputs.js';

export * from './inputs.js';
export { MAX_IMPORT_CONTACTS, type ImportContactsInput, type ImportContactsOptions, type ImportProgress, type ImportResult } from './importContacts.js';
export { localTimeIn } from './localTime.js';

/** Options of {@link createPlaybook}. */
export interface PlaybookOptions {
  readonly store: NetworkStore;
  /** Where "now" comes from; the system clock unless given. */
  readonly clock?: Clock;
  /** Policies, in part or whole; the method's defaults fill the rest. */
  readonly policies?: PoliciesInput;
  /** Makes ids for records created without one; random UUIDs unless given. */
  readonly newId?: () => string;
}

/** Every workspace's overdue actions, for a coach. */
export interface CoachOverview {
  readonly now: Date;
  readonly workspaces: readonly { readonly workspace: Workspace; readonly overdue: readonly AgendaAction[] }[];
}

/** The application service: records what happened in the method and answers from the rules. */
export interface Playbook {
  /** The complete policies in force. */
  readonly policies: Policies;
  /** Where the playbook reads "now". */
  readonly clock: Clock;
  /** Opens a new workspace (one job seeker); `WorkspaceExistsError` if the id is taken. */
  createWorkspace(input: NewWorkspace): Promise<Workspace>;
  /**
   * Opens the workspace with `input.id`, creating it from `input` when it does not exist
   * yet. An existing workspace is returned as it is (its settings are not changed).
   */
  ensureWorkspace(input: NewWorkspace & { readonly id: string }): Promise<{ workspace: Workspace; created: boolean }>;
  /**
   * Creates a workspace from a workspace export (`exportWorkspace`), under its own id or
   * `options.workspaceId`, in one all-or-nothing change. `WorkspaceExistsError` if the id
   * is taken; `ValidationError` (with field paths) for a document that is not valid.
   */
  importWorkspace(document: unknown, options?: { readonly workspaceId?: string }): Promise<Workspace>;
  /** One job seeker's playbook. */
  workspace(workspaceId: string): SeekerPlaybook;
  /**
   * For a coach: every workspace's overdue actions, most overdue first. Reads one
   * workspace at a time and keeps only its overdue actions, so memory follows the
   * largest workspace (and the answer), not the whole store.
   */
  overview(): Promise<CoachOverview>;
}

/** One job seeker's playbook: one method for each thing that happens in the method. */
export interface SeekerPlaybook {
  readonly workspaceId: WorkspaceId;
  /** Where the playbook reads "now". */
  readonly clock: Clock;
  /** The workspace's settings. */
  settings(): Promise<Workspace>;
  /** What the rules are told now: the clock's instant and the workspace's zone and holidays. */
  ruleContext(): Promise<RuleContext>;
  /** Every record of the workspace. */
  network(): Promise<Network>;
  /** The whole workspace as one versioned JSON document, for `importWorkspace` or any tool. */
  exportWorkspace(): Promise<WorkspaceExport>;
  /**
   * Imports contacts as one all-or-nothing change: the plan's drafts are matched again
   * against the workspace as it is when written (so a plan applied twice, or previewed
   * before someone else added a contact, adds no copy), new contacts and organizations
   * are added, duplicates gain what they lack, conflicts are left out.
   */
  importContacts(plan: ImportContactsInput, options?: ImportContactsOptions): Promise<ImportResult>;
  /** Adds a contact. */
  addContact(input: NewContact): Promise<Contact>;
  /** Changes a contact's fields. */
  updateContact(contactId: string, changes: ContactChanges): Promise<Contact>;
  /** Adds an organization. */
  addOrganization(input: NewOrganization): Promise<Organization>;
  /** Changes an organization's fields. */
  updateOrganization(organizationId: string, changes: OrganizationChanges): Promise<Organization>;
  /** Starts an outreach to a contact. */
  startOutreach(input: NewOutreach): Promise<Outreach>;
  /** Records an attempt (an email sent, a call made, an introduction asked for). */
  recordAttempt(outreachId: string, attempt: NewAttempt): Promise<Outreach>;
  /** Records the contact's answer: `accepted` or `declined`. */
  recordReply(outreachId: string, reply: NewReply): Promise<Outreach>;
  /** Records a decline. */
  recordDecline(outreachId: string, reply?: Omit<NewReply, 'answer'>): Promise<Outreach>;
  /** Stops an outreach without an answer. */
  withdrawOutreach(outreachId: string, when?: When): Promise<Outreach>;
  /** The next step of an outreach under the policies, now. */
  nextStep(outreachId: string): Promise<OutreachStep>;
  /** Schedules a meeting. */
  scheduleMeeting(input: NewMeeting): Promise<Meeting>;
  /** Moves a meeting to a new start; the old one is kept in `previousStarts`. */
  moveMeeting(meetingId: string, move: MeetingMove): Promise<Meeting>;
  /** Cancels a meeting. */
  cancelMeeting(meetingId: string): Promise<Meeting>;
  /** Marks a meeting as held, with any notes and next steps. */
  holdMeeting(meetingId: string, notes?: MeetingNotes): Promise<Meeting>;
  /** Answers preparation questions, adds research and questions to ask. */
  prepareMeeting(meetingId: string, changes: PreparationChanges): Promise<Meeting>;
  /** Adds notes and next steps to a meeting. */
  addNotes(meetingId: string, notes: MeetingNotes): Promise<Meeting>;
  /** Records a thank-you for a meeting. */
  recordThankYou(input: NewThankYou): Promise<ThankYou>;
  /** Records a check-in. */
  recordCheckIn(input: NewCheckIn): Promise<CheckIn>;
  /** Proposes no check-in with a contact before `until`. */
  snoozeCheckIn(contactId: string, snooze: Snooze): Promise<Contact>;
  /** Records a referral offered or made; an introduction made also links the contacts. */
  recordReferral(input: NewReferral): Promise<Referral>;
  /** Marks an offered referral done; an introduction done also links the contacts. */
  completeReferral(referralId: string, when?: When): Promise<Referral>;
  /** Marks an offered referral as not going to happen. */
  declineReferral(referralId: string): Promise<Referral>;
  /** Records an interview, internship, offer or hire. */
  recordOutcome(input: NewOutcome): Promise<Outcome>;
  /** Changes the phase: landed a job (employed), or searching again. */
  changePhase(change: PhaseChange): Promise<Workspace>;
  /** The actions due in a window (default: the next 7 days), overdue first. */
  agenda(window?: AgendaWindowInput): Promise<AgendaAction[]>;
  /** The funnel, with its breakdowns. */
  funnel(): Promise<Funnel>;
  /** Where a meeting's thank-you stands now (rule `thank-you.deadline`). */
  thankYouStatus(meetingId: string): Promise<ThankYouStatus>;
  /** Which preparation a meeting still needs (rule `preparation`); `undefined` once it is held or cancelled. */
  preparationStatus(meetingId: string): Promise<PreparationStatus | undefined>;
  /** When to check in with a contact next (rule `check-in.cadence`); `undefined` when none is proposed. */
  checkInStatus(contactId: string): Promise<CheckInStatus | undefined>;
  /** The chain of introductions that led to a contact (rule `referral.chain`). */
  referralChain(contactId: string): Promise<ReferralChain>;
  /** Who shares the credit for an outcome (rule `referral.credit`). */
  outcomeCredit(outcomeId: string): Promise<OutcomeCredit>;
  /**
   * What to say for an agenda action (rule `draft.message`): `actionId` is an id the
   * agenda gave, for anything open now or due within {@link TIME_LIMITS}`.plannedDays`.
   * `NotFoundError` when no such action is open.
   */
  draft(actionId: string, options?: DraftOptionsInput): Promise<MessageDraft>;
}

// A change refused as stale (another process wrote first) is read and applied again,
// after a jittered pause that grows with each try, so writers that collide spread out.
const CONFLICT_RETRIES = 6;
const RETRY_BASE_MS = 5;
const RETRY_CAP_MS = 250;

const pause = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.random() * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt)));

// Writes to one workspace through any Playbook over the same store object run one at a
// time, in the order they were called: concurrent requests of a web server all succeed,
// in order, instead of conflicting with each other. Keyed by store, so a Playbook made
// per request shares the queue; entries go once their queue drains.
const writeQueues = new WeakMap<NetworkStore, Map<string, Promise<void>>>();

function inTurn<T>(store: NetworkStore, workspaceId: string, task: () => Promise<T>): Promise<T> {
  let queues = writeQueues.get(store);
  if (!queues) writeQueues.set(store, (queues = new Map()));
  const previous = queues.get(workspaceId) ?? Promise.resolve();
  const run = previous.then(task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(workspaceId, tail);
  void tail.then(() => {
    if (queues.get(workspaceId) === tail) queues.delete(workspaceId);
  });
  return run;
}
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
// How a person names each kind: `thankYou` is a "thank-you".
const nameOf = (kind: RecordKind) => kind.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * How far the Playbook lets a time run ahead of its clock. Something that happened (an
 * attempt, a reply, a thank-you, a check-in, a referral made, a phase change) may be
 * dated at most `happenedMinutes` after now, for clocks that differ a little between
 * devices; something planned (a meeting, a snooze, an outreach's start, an outcome such
 * as an interview) at most `plannedDays` ahead, beyond which a date is a typo.
 */
export const TIME_LIMITS = Object.freeze({ happenedMinutes: 15, plannedDays: 5 * 366 });

/** What one event adds to the store, and what the method returns. */
interface Effect<T> {
  readonly operations: StoreOperation[];
  readonly result: T;
}

const put = <K extends RecordKind>(kind: K, record: RecordTypes[K]): StoreOperation =>
  ({ op: 'put', kind, record }) as StoreOperation;

const iso = (date: Date) => date.toISOString();

/**
 * The application service over a store. Every input is validated (bad input:
 * `ValidationError`, nothing written); so is every event against what is recorded
 * already (a thank-you needs a held meeting, a reply comes after the first attempt, …;
 * see the README's table of invariants). Every event is one all-or-nothing change
 * checked against the workspace's revision. Writes to one workspace from this process
 * run one at a time, in call order, so concurrent calls all succeed. A change refused
 * as stale because another process got in first is read and applied again (up to 6
 * times, with a short jittered pause), since each event is recorded against what the
 * store holds at that moment.
 */
export function createPlaybook(options: PlaybookOptions): Playbook {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const policies = resolvePolicies(options.policies ?? {});
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());

  /** Throws `ValidationError` naming each time that runs further ahead of now than {@link TIME_LIMITS} allow. */
  const notAhead = (subject: string, now: Date, times: { readonly [path: string]: { at: Date | undefined; planned?: boolean } }) => {
    const issues: FieldIssue[] = [];
    for (const [path, { at, planned }] of Object.entries(times)) {
      if (at === undefined) continue;
      const limit = planned ? TIME_LIMITS.plannedDays * DAY_MS : TIME_LIMITS.happenedMinutes * MINUTE_MS;
      if (at.getTime() - now.getTime() > limit) {
        issues.push({
          path,
          message: planned
            ? `${iso(at)} is more than ${TIME_LIMITS.plannedDays} days ahead of now (${iso(now)})`
            : `${iso(at)} is in the future (now is ${iso(now)}): record what has happened`,
        });
      }
    }
    if (issues.length > 0) throw new ValidationError(subject, issues);
  };

  /** Throws `ValidationError` at `path` when `at` comes before `earliest`, naming why. */
  const notBefore = (subject: string, path: string, at: Date, earliest: Date, what: string) => {
    if (at.getTime() < earliest.getTime()) {
      throw new ValidationError(subject, [{ path, message: `${iso(at)} is before ${what} (${iso(earliest)})` }]);
    }
  };

  const seeker = (rawId: string): SeekerPlaybook => {
    const workspaceId = validate(WorkspaceIdSchema, rawId, 'workspace id');

    const head = async (): Promise<WorkspaceHead> => {
      const found = await store.getWorkspace(workspaceId);
      if (!found) throw new NotFoundError('workspace', workspaceId);
      return found;
    };

    /** Throws `ValidationError` for an id argument that is no id (a symbol, an object, `'a b'`). */
    const idArgument = (id: unknown, kind: RecordKind): string => validate(RecordIdSchema, id, `${nameOf(kind)} id`);

    const need = async <K extends RecordKind>(kind: K, id: string): Promise<RecordTypes[K]> => {
      idArgument(id, kind);
      const record = await store.getRecord(workspaceId, kind, id);
      if (!record) throw new NotFoundError(nameOf(kind), id);
      return record;
    };

    const absent = async (kind: RecordKind, id: string, path: string) => {
      if (await store.getRecord(workspaceId, kind, id)) {
        throw new ValidationError(nameOf(kind), [{ path, message: `a ${nameOf(kind)} "${id}" already exists` }]);
      }
    };

    /** Throws `ReferralCycleError` if `contactId` being introduced by `introducerId` would close a loop. */
    const checkIntroduction = async (contactId: string, introducerId: string) => {
      const walk = [contactId];
      // The store does not check introductions: a loop written by another tool must end the walk too.
      const seen = new Set<string>(walk);
      let current: string | undefined = introducerId;
      while (current !== undefined) {
        walk.push(current);
        if (current === contactId) throw new ReferralCycleError(walk.length === 2 ? [contactId, contactId] : walk.reverse());
        if (seen.has(current)) throw new ReferralCycleError(walk.slice(walk.indexOf(current)));
        seen.add(current);
        current = (await need('contact', current)).introducedBy;
      }
    };

    /** Runs one event in its workspace's turn: reads what it needs, commits its change at the revision it read. */
    const record = <T>(build: (workspace: WorkspaceHead) => Promise<Effect<T>>): Promise<T> =>
      inTurn(store, workspaceId, async () => {
        for (let attempt = 1; ; attempt++) {
          const current = await head();
          const { operations, result } = await build(current);
          try {
            // A change with nothing in it (an import of known contacts) writes nothing.
            if (operations.length > 0) await store.commit(workspaceId, { expectedRevision: current.revision, operations });
            return result;
          } catch (error) {
            if (!(error instanceof ConflictError) || attempt >= CONFLICT_RETRIES) throw error;
            await pause(attempt);
          }
        }
      });

    const now = () => clock.now();
    const parse = <K extends RecordKind>(kind: K, value: unknown): RecordTypes[K] =>
      validate(RECORD_SCHEMAS[kind], value, nameOf(kind)) as RecordTypes[K];
    /** Validates a Playbook input, reading local times in the workspace's zone. */
    const input = <S extends z.ZodType>(schema: S, value: unknown, subject: string, workspace: Workspace): z.output<S> =>
      validate(schema, withLocalTimes(value, workspace.timeZone), subject);

    /** Reads a record, changes it, and stores the result: the shape of most events. */
    const revise = <K extends RecordKind>(
      kind: K,
      id: string,
      change: (current: RecordTypes[K], workspace: Workspace) => object,
    ) =>
      record(async ({ workspace }) => {
        const next = parse(kind, change(await need(kind, id), workspace));
        return { operations: [put(kind, next)], result: next };
      });

    const contextOf = (workspace: Workspace): RuleContext => ({
      now: now(),
      timeZone: workspace.timeZone,
      holidays: workspace.holidays,
    });

    const loadNetwork = async (): Promise<Network> => {
      const snapshot = await store.loadNetwork(workspaceId);
      if (!snapshot) throw new NotFoundError('workspace', workspaceId);
      return snapshot.network;
    };

    /** The contact's answer: after the outreach's first attempt (or its start), and not ahead of now. */
    const reply = (outreachId: string, raw: unknown) =>
      revise('outreach', outreachId, (outreach, workspace) => {
        const parsed = input(NewReplySchema, raw, 'reply', workspace);
        const at = parsed.at ?? now();
        notAhead('reply', now(), { at: { at } });
        const first = [...outreach.attempts].sort((a, b) => a.at.getTime() - b.at.getTime())[0];
        if (first) notBefore('reply', 'at', at, first.at, `the outreach's first attempt`);
        else notBefore('reply', 'at', at, outreach.startedAt, 'the outreach started');
        return { ...outreach, reply: { ...parsed, at } };
      });

    /** A held meeting has happened: moving or cancelling it would lose that (and its thank-you and check-ins). */
    const notHeld = (meeting: Meeting, change: 'moved' | 'cancelled'): Meeting => {
      if (meeting.status !== 'held') return meeting;
      throw new ValidationError('meeting', [
        { path: 'status', message: `meeting "${meeting.id}" was held already: it cannot be ${change}` },
      ]);
    };

    /** Links an introduced contact to its introducer (and when), unless it already has one. */
    const linkIntroduction = async (referral: Referral): Promise<StoreOperation[]> => {
      if (referral.kind !== 'introduction-made' || referral.status !== 'done' || referral.contactId === undefined) return [];
      const introduced = await need('contact', referral.contactId);
      if (introduced.introducedBy !== undefined) return [];
      await checkIntroduction(introduced.id, referral.introducerId);
      return [put('contact', { ...introduced, introducedBy: referral.introducerId, introducedAt: referral.doneAt ?? referral.offeredAt })];
    };

    /** A referral's dates: done no earlier than offered, neither ahead of now. */
    const checkReferralDates = (referral: Referral) => {
      notAhead('referral', now(), { offeredAt: { at: referral.offeredAt }, doneAt: { at: referral.doneAt } });
      if (referral.doneAt) notBefore('referral', 'doneAt', referral.doneAt, referral.offeredAt, 'it was offered');
    };

    return {
      workspaceId,
      clock,
      settings: async () => (await head()).workspace,
      ruleContext: async () => contextOf((await head()).workspace),
      network: loadNetwork,

      exportWorkspace: async () => toWorkspaceExport(await loadNetwork(), now()),

      importContacts: async (plan, options = {}) => {
        const onProgress = typeof options === 'object' && options !== null ? options.onProgress : undefined;
        if (onProgress !== undefined && typeof onProgress !== 'function') {
          throw new ValidationError('import options', [{ path: 'onProgress', message: 'a function, when given' }]);
        }
        const drafts = await importDrafts(plan, onProgress);
        return record(async () => {
          const network = await loadNetwork();
          const matched = planImport(network, drafts);
          const records = importedRecords(network, matched, { now: now(), newId });
          const organizationsAdded = records.organizations.map((organization) => parse('organization', organization));
          const added = records.added.map((contact) => parse('contact', contact));
          const merged = records.merged.map((contact) => parse('contact', contact));
          // Ids come from `newId`: one an app's generator repeats must not replace a record.
          const taken = (kind: 'contact' | 'organization', fresh: readonly { id: string }[], existing: readonly { id: string }[]) => {
            const ids = new Set(existing.map((record) => record.id));
            for (const { id } of fresh) {
              if (ids.has(id)) throw new ValidationError('import', [{ path: 'id', message: `a ${kind} "${id}" already exists: newId gave an id in use` }]);
              ids.add(id);
            }
          };
          taken('organization', organizationsAdded, network.organizations);
          taken('contact', added, network.contacts);
          onProgress?.({ stage: 'writing', done: drafts.length, total: drafts.length });
          return {
            operations: [
              ...organizationsAdded.map((organization) => put('organization', organization)),
              ...added.map((contact) => put('contact', contact)),
              ...merged.map((contact) => put('contact', contact)),
            ],
            result: { plan: matched, added, merged, organizationsAdded },
          };
        }).then((result) => {
          onProgress?.({ stage: 'done', done: drafts.length, total: drafts.length });
          return result;
        });
      },

      addContact: (raw) =>
        record(async ({ workspace }) => {
          const parsed = input(NewContactSchema, raw, 'contact', workspace);
          const createdAt = now();
          const introducedAt = parsed.introducedBy !== undefined ? (parsed.introducedAt ?? createdAt) : parsed.introducedAt;
          const contact = parse('contact', {
            ...parsed,
            id: parsed.id ?? newId(),
            createdAt,
            ...(introducedAt !== undefined ? { introducedAt } : {}),
          });
          notAhead('contact', createdAt, { introducedAt: { at: contact.introducedAt }, checkInSnoozedUntil: { at: contact.checkInSnoozedUntil, planned: true } });
          const listIssues = contactListIssues(contact.mutualContacts, ['mutualContacts'], contact.id);
          if (listIssues.length > 0) throw new ValidationError('contact', listIssues);
          await absent('contact', contact.id, 'id');
          if (contact.organizationId !== undefined) await need('organization', contact.organizationId);
          for (const id of contact.mutualContacts) await need('contact', id);
          if (contact.introducedBy !== undefined) await checkIntroduction(contact.id, contact.introducedBy);
          return { operations: [put('contact', contact)], result: contact };
        }),

      updateContact: (contactId, changes) =>
        record(async ({ workspace }) => {
          const parsed = input(ContactChangesSchema, changes, 'contact changes', workspace);
          const current = await need('contact', contactId);
          const newlyIntroduced = parsed.introducedBy !== undefined && parsed.introducedBy !== current.introducedBy;
          const contact = parse('contact', {
            ...current,
            ...parsed,
            ...(newlyIntroduced && parsed.introducedAt === undefined ? { introducedAt: now() } : {}),
          });
          notAhead('contact changes', now(), {
            introducedAt: { at: parsed.introducedAt },
            checkInSnoozedUntil: { at: parsed.checkInSnoozedUntil, planned: true },
          });
          const listIssues = contactListIssues(parsed.mutualContacts ?? [], ['mutualContacts'], contact.id);
          if (listIssues.length > 0) throw new ValidationError('contact changes', listIssues);
          if (parsed.organizationId !== undefined) await need('organization', parsed.organizationId);
          for (const id of parsed.mutualContacts ?? []) await need('contact', id);
          if (parsed.introducedBy !== undefined) await checkIntroduction(contact.id, parsed.introducedBy);
          return { operations: [put('contact', contact)], result: contact };
        }),

      addOrganization: (raw) =>
        record(async () => {
          const parsed = validate(NewOrganizationSchema, raw, 'organization');
          const organization = parse('organization', { ...parsed, id: parsed.id ?? newId(), createdAt: now() });
          await absent('organization', organization.id, 'id');
          return { operations: [put('organization', organization)], result: organization };
        }),

      updateOrganization: async (organizationId, changes) => {
        const parsed = validate(OrganizationChangesSchema, changes, 'organization changes');
        return revise('organization', organizationId, (organization) => ({ ...organization, ...parsed }));
      },

      startOutreach: (raw) =>
        record(async ({ workspace }) => {
          const parsed = input(NewOutreachSchema, raw, 'outreach', workspace);
          await need('contact', parsed.contactId);
          const outreach = parse('outreach', { id: parsed.id ?? newId(), contactId: parsed.contactId, startedAt: parsed.startedAt ?? now() });
          notAhead('outreach', now(), { startedAt: { at: outreach.startedAt, planned: true } });
          await absent('outreach', outreach.id, 'id');
          return { operations: [put('outreach', outreach)], result: outreach };
        }),

      recordAttempt: (outreachId, attempt) =>
        revise('outreach', outreachId, (outreach, workspace) => {
          const parsed = input(NewAttemptSchema, attempt, 'attempt', workspace);
          const at = parsed.at ?? now();
          notAhead('attempt', now(), { at: { at } });
          notBefore('attempt', 'at', at, outreach.startedAt, 'the outreach started');
          // The method stops at the first answer: nothing is sent after it.
          if (outreach.reply && at.getTime() > outreach.reply.at.getTime()) {
            throw new ValidationError('attempt', [
              { path: 'at', message: `${iso(at)} is after ${outreach.reply.answer === 'accepted' ? 'the reply' : 'the decline'} (${iso(outreach.reply.at)}): an outreach stops at the answer` },
            ]);
          }
          return { ...outreach, attempts: [...outreach.attempts, { ...parsed, at }] };
        }),

      recordReply: reply,
      recordDecline: (outreachId, raw = {}) =>
        // Never spread what was passed: only a plain object is a reply.
        reply(outreachId, typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...raw, answer: 'declined' } : raw),

      withdrawOutreach: (outreachId, when = {}) =>
        revise('outreach', outreachId, (outreach, workspace) => {
          const parsed = input(WhenSchema, when, 'withdrawal', workspace);
          const at = parsed.at ?? now();
          notAhead('withdrawal', now(), { at: { at } });
          notBefore('withdrawal', 'at', at, outreach.startedAt, 'the outreach started');
          return { ...outreach, withdrawnAt: at };
        }),

      nextStep: async (outreachId) => {
        const { workspace } = await head();
        const outreach = await need('outreach', outreachId);
        const contact = await store.getRecord(workspaceId, 'contact', outreach.contactId);
        return nextOutreachStep(outreach, policies.outreach, contextOf(workspace), contact);
      },

      scheduleMeeting: (raw) =>
        record(async ({ workspace }) => {
          const parsed = input(NewMeetingSchema, raw, 'meeting', workspace);
          notAhead('meeting', now(), { startAt: { at: parsed.startAt, planned: true } });
          await need('contact', parsed.contactId);
          if (parsed.outreachId !== undefined) {
            const outreach = await need('outreach', parsed.outreachId);
            if (outreach.contactId !== parsed.contactId) {
              throw new ValidationError('meeting', [
                { path: 'outreachId', message: `outreach "${outreach.id}" is to "${outreach.contactId}", not "${parsed.contactId}"` },
              ]);
            }
          }
          const meeting = parse('meeting', { ...parsed, id: parsed.id ?? newId(), status: 'scheduled' });
          await absent('meeting', meeting.id, 'id');
          return { operations: [put('meeting', meeting)], result: meeting };
        }),

      moveMeeting: (meetingId, move) =>
        revise('meeting', meetingId, (meeting, workspace) => {
          const parsed = input(MeetingMoveSchema, move, 'meeting move', workspace);
          notAhead('meeting move', now(), { startAt: { at: parsed.startAt, planned: true } });
          return {
            ...notHeld(meeting, 'moved'),
            status: 'moved',
            startAt: parsed.startAt,
            previousStarts: [...meeting.previousStarts, meeting.startAt],
          };
        }),

      cancelMeeting: async (meetingId) => revise('meeting', meetingId, (meeting) => ({ ...notHeld(meeting, 'cancelled'), status: 'cancelled' })),

      holdMeeting: async (meetingId, notes = {}) => {
        const parsed = validate(MeetingNotesSchema, notes, 'meeting notes');
        return revise('meeting', meetingId, (meeting) => {
          if (meeting.status === 'cancelled') {
            throw new ValidationError('meeting', [{ path: 'status', message: `meeting "${meeting.id}" was cancelled: it cannot be held` }]);
          }
          notBefore('meeting', 'startAt', now(), meeting.startAt, `the meeting starts: it cannot be marked held before then`);
          return {
            ...meeting,
            status: 'held',
            notes: [...meeting.notes, ...parsed.notes],
            nextSteps: [...meeting.nextSteps, ...parsed.nextSteps],
          };
        });
      },

      prepareMeeting: async (meetingId, changes) => {
        const parsed = validate(PreparationChangesSchema, changes, 'preparation');
        return revise('meeting', meetingId, (meeting) => ({
          ...meeting,
          preparation: {
            answers: { ...meeting.preparation.answers, ...parsed.answers },
            research: parsed.research ?? meeting.preparation.research,
            questionsToAsk: parsed.questionsToAsk ?? meeting.preparation.questionsToAsk,
          },
        }));
      },

      addNotes: async (meetingId, notes) => {
        const parsed = validate(MeetingNotesSchema, notes, 'meeting notes');
        return revise('meeting', meetingId, (meeting) => ({
          ...meeting,
          notes: [...meeting.notes, ...parsed.notes],
          nextSteps: [...meeting.nextSteps, ...parsed.nextSteps],
        }));
      },

      recordThankYou: (raw) =>
        record(async ({ workspace }) => {
          const parsed = input(NewThankYouSchema, raw, 'thank-you', workspace);
          const meeting = await need('meeting', parsed.meetingId);
          const thankYou = parse('thankYou', {
            ...parsed,
            id: parsed.id ?? newId(),
            contactId: meeting.contactId,
            sentAt: parsed.sentAt ?? now(),
          });
          if (meeting.status !== 'held') {
            throw new ValidationError('thank-you', [
              { path: 'meetingId', message: `meeting "${meeting.id}" is ${meeting.status}, not held: a thank-you follows a meeting that took place (record it with holdMeeting first)` },
            ]);
          }
          notAhead('thank-you', now(), { sentAt: { at: thankYou.sentAt } });
          notBefore('thank-you', 'sentAt', thankYou.sentAt, meeting.startAt, 'the meeting started');
          await absent('thankYou', thankYou.id, 'id');
          return { operations: [put('thankYou', thankYou)], result: thankYou };
        }),

      recordCheckIn: (raw) =>
        record(async ({ workspace }) => {
          const parsed = input(NewCheckInSchema, raw, 'check-in', workspace);
          await need('contact', parsed.contactId);
          const checkIn = parse('checkIn', { ...parsed, id: parsed.id ?? newId(), at: parsed.at ?? now() });
          notAhead('check-in', now(), { at: { at: checkIn.at } });
          await absent('checkIn', checkIn.id, 'id');
          return { operations: [put('checkIn', checkIn)], result: checkIn };
        }),

      snoozeCheckIn: (contactId, snooze) =>
        revise('contact', contactId, (contact, workspace) => {
          const parsed = input(SnoozeSchema, snooze, 'snooze', workspace);
          notAhead('snooze', now(), { until: { at: parsed.until, planned: true } });
          return { ...contact, checkInSnoozedUntil: parsed.until };
        }),

      recordReferral: (raw) =>
        record(async ({ workspace }) => {
          const parsed = input(NewReferralSchema, raw, 'referral', workspace);
          const offeredAt = parsed.offeredAt ?? now();
          // Recorded as done at once: it was done when offered, unless told otherwise.
          const doneAt = parsed.doneAt ?? (parsed.status === 'done' ? offeredAt : undefined);
          const referral = parse('referral', { ...parsed, id: parsed.id ?? newId(), offeredAt, ...(doneAt ? { doneAt } : {}) });
          checkReferralDates(referral);
          await absent('referral', referral.id, 'id');
          await need('contact', referral.introducerId);
          if (referral.contactId !== undefined) {
            if (referral.contactId === referral.introducerId) throw new ReferralCycleError([referral.contactId, referral.contactId]);
            await need('contact', referral.contactId);
          }
          if (referral.organizationId !== undefined) await need('organization', referral.organizationId);
          if (referral.meetingId !== undefined) await need('meeting', referral.meetingId);
          return { operations: [put('referral', referral), ...(await linkIntroduction(referral))], result: referral };
        }),

      completeReferral: (referralId, when = {}) =>
        record(async ({ workspace }) => {
          const parsed = input(WhenSchema, when, 'referral completion', workspace);
          const referral = parse('referral', { ...(await need('referral', referralId)), status: 'done', doneAt: parsed.at ?? now() });
          checkReferralDates(referral);
          return { operations: [put('referral', referral), ...(await linkIntroduction(referral))], result: referral };
        }),

      declineReferral: async (referralId) => revise('referral', referralId, (referral) => ({ ...referral, status: 'declined' })),

      recordOutcome: (raw) =>
        record(async ({ workspace }) => {
          const parsed = input(NewOutcomeSchema, raw, 'outcome', workspace);
          const outcome = parse('outcome', { ...parsed, id: parsed.id ?? newId(), at: parsed.at ?? now() });
          notAhead('outcome', now(), { at: { at: outcome.at, planned: true } });
          const listIssues = contactListIssues(outcome.contactIds, ['contactIds']);
          if (listIssues.length > 0) throw new ValidationError('outcome', listIssues);
          await absent('outcome', outcome.id, 'id');
          // Credit goes to this workspace's contacts only: a contact of another seeker is not "not found" here, it is wrong input.
          const missing: FieldIssue[] = [];
          for (const [index, id] of outcome.contactIds.entries()) {
            if (!(await store.getRecord(workspaceId, 'contact', id))) {
              missing.push({ path: `contactIds[${index}]`, message: `no contact "${id}" in this workspace: an outcome is credited to the seeker's own contacts` });
            }
          }
          if (missing.length > 0) throw new ValidationError('outcome', missing);
          if (outcome.organizationId !== undefined) await need('organization', outcome.organizationId);
          return { operations: [put('outcome', outcome)], result: outcome };
        }),

      changePhase: (change) =>
        record(async ({ workspace }) => {
          const parsed = input(PhaseChangeSchema, change, 'phase', workspace);
          const since = parsed.kind === 'employed' ? (parsed.since ?? now()) : undefined;
          notAhead('phase', now(), { since: { at: since } });
          const phase = since ? { kind: 'employed', since } : { kind: 'searching' };
          const next = validate(WorkspaceSchema, { ...workspace, phase }, 'workspace');
          return { operations: [{ op: 'put-workspace', workspace: next }], result: next };
        }),

      agenda: async (window = {}) => {
        const { workspace } = await head();
        const parsed = input(AgendaWindowSchema, window, 'agenda window', workspace);
        const network = await loadNetwork();
        const at = now();
        const from = parsed.from ?? at;
        const { to } = parsed;
        if (to && to.getTime() < from.getTime()) {
          throw new ValidationError('agenda window', [
            { path: 'to', message: `${to.toISOString()} comes before the window's start ${from.toISOString()}` },
          ]);
        }
        // Without `to`, the agenda's own default: 7 days on the seeker's calendar.
        return agenda(network, { from, ...(to ? { to } : {}), policies, now: at });
      },

      funnel: async () => funnel(await loadNetwork()),

      thankYouStatus: async (meetingId) => {
        const network = await loadNetwork();
        idArgument(meetingId, 'meeting');
        const meeting = network.meetings.find((m) => m.id === meetingId);
        if (!meeting) throw new NotFoundError('meeting', meetingId);
        const contact = network.contacts.find((c) => c.id === meeting.contactId);
        const records = {
          thankYous: network.thankYous.filter((t) => t.meetingId === meeting.id),
          referrals: network.referrals.filter((r) => r.introducerId === meeting.contactId),
        };
        return thankYouStatus(meeting, records, policies.thankYou, contextOf(network.workspace), contact);
      },

      preparationStatus: async (meetingId) => {
        const { workspace } = await head();
        const meeting = await need('meeting', meetingId);
        const contact = await store.getRecord(workspaceId, 'contact', meeting.contactId);
        return preparationStatus(meeting, policies.preparation, contextOf(workspace), contact);
      },

      checkInStatus: async (contactId) => {
        const network = await loadNetwork();
        const index = indexNetwork(network);
        const contact = index.contactsById.get(idArgument(contactId, 'contact'));
        if (!contact) throw new NotFoundError('contact', contactId);
        return nextCheckIn(index.historyOf(contact), network.workspace.phase, policies.checkIn, contextOf(network.workspace));
      },

      referralChain: async (contactId) => referralChain(idArgument(contactId, 'contact'), (await loadNetwork()).contacts),

      outcomeCredit: async (outcomeId) => {
        const network = await loadNetwork();
        idArgument(outcomeId, 'outcome');
        const outcome = network.outcomes.find((o) => o.id === outcomeId);
        if (!outcome) throw new NotFoundError('outcome', outcomeId);
        return creditOutcome(outcome, network.contacts);
      },

      draft: async (actionId, options = {}) => {
        if (typeof actionId !== 'string' || actionId.length === 0 || actionId.length > 1_000) {
          throw new ValidationError('action id', [{ path: '(root)', message: 'not an agenda action id (a text, as the agenda gives it)' }]);
        }
        const parsed = validate(DraftOptionsSchema, options, 'draft options');
        const network = await loadNetwork();
        const at = now();
        // Wide enough for any action a calendar or a task list shows: all that is open, and what is planned ahead.
        const to = new Date(at.getTime() + TIME_LIMITS.plannedDays * DAY_MS);
        const action = agenda(network, { now: at, to, policies }).find((a) => a.id === actionId);
        if (!action) throw new NotFoundError('agenda action', actionId);
        return draftMessage(action, network, { ...parsed, policies });
      },
    };
  };

  const createWorkspace = async (raw: NewWorkspace): Promise<Workspace> => {
    const zone = typeof raw === 'object' && raw !== null && typeof raw.timeZone === 'string' && isTimeZone(raw.timeZone) ? raw.timeZone : 'UTC';
    const parsed = validate(NewWorkspaceSchema, withLocalTimes(raw, zone), 'workspace');
    const workspace = validate(WorkspaceSchema, { ...parsed, id: parsed.id ?? newId(), createdAt: clock.now() }, 'workspace');
    if (workspace.phase.kind === 'employed') notAhead('workspace', clock.now(), { 'phase.since': { at: workspace.phase.since } });
    if (await store.getWorkspace(workspace.id)) throw new WorkspaceExistsError(workspace.id);
    try {
      await store.commit(workspace.id, { expectedRevision: 0, operations: [{ op: 'put-workspace', workspace }] });
    } catch (error) {
      // Refused at revision 0: another writer created the same workspace meanwhile.
      if (error instanceof ConflictError) throw new WorkspaceExistsError(workspace.id);
      throw error;
    }
    return workspace;
  };

  return {
    policies,
    clock,
    createWorkspace,
    importWorkspace: async (document, options = {}) => {
      const network = readWorkspaceExport(document);
      const requested = typeof options === 'object' && options !== null ? options.workspaceId : undefined;
      const id = requested === undefined ? network.workspace.id : validate(WorkspaceIdSchema, requested, 'workspace import', 'workspaceId');
      const workspace = { ...network.workspace, id };
      if (await store.getWorkspace(id)) throw new WorkspaceExistsError(id);
      const operations: StoreOperation[] = [{ op: 'put-workspace', workspace }];
      for (const kind of RECORD_KINDS) {
        for (const item of network[RECORD_LISTS[kind]]) operations.push({ op: 'put', kind, record: item } as StoreOperation);
      }
      try {
        await store.commit(id, { expectedRevision: 0, operations });
      } catch (error) {
        // Refused at revision 0: another writer created a workspace with this id meanwhile.
        if (error instanceof ConflictError) throw new WorkspaceExistsError(id);
        throw error;
      }
      return workspace;
    },
    ensureWorkspace: async (raw) => {
      const id = validate(WorkspaceIdSchema, typeof raw === 'object' && raw !== null ? raw.id : undefined, 'workspace', 'id');
      for (;;) {
        const found = await store.getWorkspace(id);
        if (found) return { workspace: found.workspace, created: false };
        try {
          return { workspace: await createWorkspace(raw), created: true };
        } catch (error) {
          // Created by another caller in between: open theirs.
          if (!(error instanceof WorkspaceExistsError)) throw error;
        }
      }
    },
    workspace: seeker,
    overview: async () => {
      const now = clock.now();
      const workspaces = [];
      for (const { workspace } of await store.listWorkspaces()) {
        const snapshot = await store.loadNetwork(workspace.id);
        if (!snapshot) continue;
        const overdue = agenda(snapshot.network, { from: now, to: now, policies, now }).filter((action) => action.overdue);
        workspaces.push({ workspace, overdue });
      }
      return { now, workspaces };
    },
  };
}

import type { Contact } from '../domain/contact.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { ConflictError, NotFoundError, ReferralCycleError, ValidationError } from '../domain/errors.js';
import type { CheckIn, ThankYou } from '../domain/followUp.js';
import type { ContactId, WorkspaceId } from '../domain/ids.js';
import { WorkspaceIdSchema } from '../domain/ids.js';
import type { Meeting } from '../domain/meeting.js';
import { contactListIssues, type Network } from '../domain/network.js';
import type { Organization } from '../domain/organization.js';
import type { Outreach } from '../domain/outreach.js';
import { resolvePolicies, type Policies, type PoliciesInput } from '../domain/policies.js';
import type { NetworkStore, RecordKind, RecordTypes, StoreOperation, WorkspaceHead } from '../domain/ports.js';
import type { Outcome, Referral } from '../domain/referral.js';
import { RECORD_SCHEMAS } from '../domain/records.js';
import { validate } from '../domain/validate.js';
import { WorkspaceSchema, type Workspace } from '../domain/workspace.js';
import { agenda, type AgendaAction } from '../rules/agenda.js';
import type { RuleContext } from '../rules/context.js';
import { funnel, type Funnel } from '../rules/funnel.js';
import { nextOutreachStep, type OutreachStep } from '../rules/outreachRetry.js';
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
  /** Opens a new workspace (one job seeker). */
  createWorkspace(input: NewWorkspace): Promise<Workspace>;
  /** One job seeker's playbook. */
  workspace(workspaceId: string): SeekerPlaybook;
  /** For a coach: every workspace's overdue actions, most overdue first. */
  overview(): Promise<CoachOverview>;
}

/** One job seeker's playbook: one method for each thing that happens in the method. */
export interface SeekerPlaybook {
  readonly workspaceId: WorkspaceId;
  /** The workspace's settings. */
  settings(): Promise<Workspace>;
  /** Every record of the workspace. */
  network(): Promise<Network>;
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
}

const CONFLICT_RETRIES = 3;
const WEEK_MS = 7 * 24 * 3_600_000;
// How a person names each kind: `thankYou` is a "thank-you".
const nameOf = (kind: RecordKind) => kind.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** What one event adds to the store, and what the method returns. */
interface Effect<T> {
  readonly operations: StoreOperation[];
  readonly result: T;
}

const put = <K extends RecordKind>(kind: K, record: RecordTypes[K]): StoreOperation =>
  ({ op: 'put', kind, record }) as StoreOperation;

/**
 * The application service over a store. Every input is validated (bad input:
 * `ValidationError`, nothing written); every event is one all-or-nothing change
 * checked against the workspace's revision. A change refused as stale because another
 * writer got in first is read and applied again (up to 3 times), since each event is
 * recorded against what the store holds at that moment.
 */
export function createPlaybook(options: PlaybookOptions): Playbook {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const policies = resolvePolicies(options.policies ?? {});
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());

  const seeker = (rawId: string): SeekerPlaybook => {
    const workspaceId = validate(WorkspaceIdSchema, rawId, 'workspace id');

    const head = async (): Promise<WorkspaceHead> => {
      const found = await store.getWorkspace(workspaceId);
      if (!found) throw new NotFoundError('workspace', workspaceId);
      return found;
    };

    const need = async <K extends RecordKind>(kind: K, id: string): Promise<RecordTypes[K]> => {
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

    /** Runs one event: reads what it needs, commits its change at the revision it read. */
    const record = async <T>(build: (workspace: WorkspaceHead) => Promise<Effect<T>>): Promise<T> => {
      for (let attempt = 1; ; attempt++) {
        const current = await head();
        const { operations, result } = await build(current);
        try {
          await store.commit(workspaceId, { expectedRevision: current.revision, operations });
          return result;
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= CONFLICT_RETRIES) throw error;
        }
      }
    };

    const now = () => clock.now();
    const parse = <K extends RecordKind>(kind: K, value: unknown): RecordTypes[K] =>
      validate(RECORD_SCHEMAS[kind], value, nameOf(kind)) as RecordTypes[K];

    /** Reads a record, changes it, and stores the result: the shape of most events. */
    const revise = <K extends RecordKind>(kind: K, id: string, change: (current: RecordTypes[K]) => object) =>
      record(async () => {
        const next = parse(kind, change(await need(kind, id)));
        return { operations: [put(kind, next)], result: next };
      });

    const ruleContext = (workspace: Workspace): RuleContext => ({
      now: now(),
      timeZone: workspace.timeZone,
      holidays: workspace.holidays,
    });

    const loadNetwork = async (): Promise<Network> => {
      const snapshot = await store.loadNetwork(workspaceId);
      if (!snapshot) throw new NotFoundError('workspace', workspaceId);
      return snapshot.network;
    };

    // Every method that returns a promise reports bad input by rejecting it, never by
    // throwing before it returns: hence `async` on those that validate up front.
    const reply = async (outreachId: string, input: NewReply) => {
      const parsed = validate(NewReplySchema, input, 'reply');
      return revise('outreach', outreachId, (outreach) => ({ ...outreach, reply: { ...parsed, at: parsed.at ?? now() } }));
    };

    /** A held meeting has happened: moving or cancelling it would lose that (and its thank-you and check-ins). */
    const notHeld = (meeting: Meeting, change: 'moved' | 'cancelled'): Meeting => {
      if (meeting.status !== 'held') return meeting;
      throw new ValidationError('meeting', [
        { path: 'status', message: `meeting "${meeting.id}" was held already: it cannot be ${change}` },
      ]);
    };

    /** Links an introduced contact to its introducer, unless it already has one. */
    const linkIntroduction = async (referral: Referral): Promise<StoreOperation[]> => {
      if (referral.kind !== 'introduction-made' || referral.status !== 'done' || referral.contactId === undefined) return [];
      const introduced = await need('contact', referral.contactId);
      if (introduced.introducedBy !== undefined) return [];
      await checkIntroduction(introduced.id, referral.introducerId);
      return [put('contact', { ...introduced, introducedBy: referral.introducerId })];
    };

    return {
      workspaceId,
      settings: async () => (await head()).workspace,
      network: loadNetwork,

      addContact: (input) =>
        record(async () => {
          const parsed = validate(NewContactSchema, input, 'contact');
          const contact = parse('contact', { ...parsed, id: parsed.id ?? newId(), createdAt: now() });
          const listIssues = contactListIssues(contact.mutualContacts, ['mutualContacts'], contact.id);
          if (listIssues.length > 0) throw new ValidationError('contact', listIssues);
          await absent('contact', contact.id, 'id');
          if (contact.organizationId !== undefined) await need('organization', contact.organizationId);
          for (const id of contact.mutualContacts) await need('contact', id);
          if (contact.introducedBy !== undefined) await checkIntroduction(contact.id, contact.introducedBy);
          return { operations: [put('contact', contact)], result: contact };
        }),

      updateContact: (contactId, changes) =>
        record(async () => {
          const parsed = validate(ContactChangesSchema, changes, 'contact changes');
          const contact = parse('contact', { ...(await need('contact', contactId)), ...parsed });
          const listIssues = contactListIssues(parsed.mutualContacts ?? [], ['mutualContacts'], contact.id);
          if (listIssues.length > 0) throw new ValidationError('contact changes', listIssues);
          if (parsed.organizationId !== undefined) await need('organization', parsed.organizationId);
          for (const id of parsed.mutualContacts ?? []) await need('contact', id);
          if (parsed.introducedBy !== undefined) await checkIntroduction(contact.id, parsed.introducedBy);
          return { operations: [put('contact', contact)], result: contact };
        }),

      addOrganization: (input) =>
        record(async () => {
          const parsed = validate(NewOrganizationSchema, input, 'organization');
          const organization = parse('organization', { ...parsed, id: parsed.id ?? newId(), createdAt: now() });
          await absent('organization', organization.id, 'id');
          return { operations: [put('organization', organization)], result: organization };
        }),

      updateOrganization: async (organizationId, changes) => {
        const parsed = validate(OrganizationChangesSchema, changes, 'organization changes');
        return revise('organization', organizationId, (organization) => ({ ...organization, ...parsed }));
      },

      startOutreach: (input) =>
        record(async () => {
          const parsed = validate(NewOutreachSchema, input, 'outreach');
          await need('contact', parsed.contactId);
          const outreach = parse('outreach', { id: parsed.id ?? newId(), contactId: parsed.contactId, startedAt: parsed.startedAt ?? now() });
          await absent('outreach', outreach.id, 'id');
          return { operations: [put('outreach', outreach)], result: outreach };
        }),

      recordAttempt: async (outreachId, attempt) => {
        const parsed = validate(NewAttemptSchema, attempt, 'attempt');
        return revise('outreach', outreachId, (outreach) => ({
          ...outreach,
          attempts: [...outreach.attempts, { ...parsed, at: parsed.at ?? now() }],
        }));
      },

      recordReply: reply,
      recordDecline: (outreachId, input = {}) => reply(outreachId, { ...input, answer: 'declined' }),

      withdrawOutreach: async (outreachId, when = {}) => {
        const parsed = validate(WhenSchema, when, 'withdrawal');
        return revise('outreach', outreachId, (outreach) => ({ ...outreach, withdrawnAt: parsed.at ?? now() }));
      },

      nextStep: async (outreachId) => {
        const { workspace } = await head();
        const outreach = await need('outreach', outreachId);
        const contact = await store.getRecord(workspaceId, 'contact', outreach.contactId);
        return nextOutreachStep(outreach, policies.outreach, ruleContext(workspace), contact);
      },

      scheduleMeeting: (input) =>
        record(async () => {
          const parsed = validate(NewMeetingSchema, input, 'meeting');
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

      moveMeeting: async (meetingId, move) => {
        const parsed = validate(MeetingMoveSchema, move, 'meeting move');
        return revise('meeting', meetingId, (meeting) => ({
          ...notHeld(meeting, 'moved'),
          status: 'moved',
          startAt: parsed.startAt,
          previousStarts: [...meeting.previousStarts, meeting.startAt],
        }));
      },

      cancelMeeting: (meetingId) => revise('meeting', meetingId, (meeting) => ({ ...notHeld(meeting, 'cancelled'), status: 'cancelled' })),

      holdMeeting: async (meetingId, notes = {}) => {
        const parsed = validate(MeetingNotesSchema, notes, 'meeting notes');
        return revise('meeting', meetingId, (meeting) => ({
          ...meeting,
          status: 'held',
          notes: [...meeting.notes, ...parsed.notes],
          nextSteps: [...meeting.nextSteps, ...parsed.nextSteps],
        }));
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

      recordThankYou: (input) =>
        record(async () => {
          const parsed = validate(NewThankYouSchema, input, 'thank-you');
          const meeting = await need('meeting', parsed.meetingId);
          const thankYou = parse('thankYou', {
            ...parsed,
            id: parsed.id ?? newId(),
            contactId: meeting.contactId,
            sentAt: parsed.sentAt ?? now(),
          });
          await absent('thankYou', thankYou.id, 'id');
          return { operations: [put('thankYou', thankYou)], result: thankYou };
        }),

      recordCheckIn: (input) =>
        record(async () => {
          const parsed = validate(NewCheckInSchema, input, 'check-in');
          await need('contact', parsed.contactId);
          const checkIn = parse('checkIn', { ...parsed, id: parsed.id ?? newId(), at: parsed.at ?? now() });
          await absent('checkIn', checkIn.id, 'id');
          return { operations: [put('checkIn', checkIn)], result: checkIn };
        }),

      snoozeCheckIn: async (contactId, snooze) => {
        const parsed = validate(SnoozeSchema, snooze, 'snooze');
        return revise('contact', contactId, (contact) => ({ ...contact, checkInSnoozedUntil: parsed.until }));
      },

      recordReferral: (input) =>
        record(async () => {
          const parsed = validate(NewReferralSchema, input, 'referral');
          const offeredAt = parsed.offeredAt ?? now();
          // Recorded as done at once: it was done when offered, unless told otherwise.
          const doneAt = parsed.doneAt ?? (parsed.status === 'done' ? offeredAt : undefined);
          const referral = parse('referral', { ...parsed, id: parsed.id ?? newId(), offeredAt, ...(doneAt ? { doneAt } : {}) });
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
        record(async () => {
          const parsed = validate(WhenSchema, when, 'referral completion');
          const referral = parse('referral', { ...(await need('referral', referralId)), status: 'done', doneAt: parsed.at ?? now() });
          return { operations: [put('referral', referral), ...(await linkIntroduction(referral))], result: referral };
        }),

      declineReferral: (referralId) => revise('referral', referralId, (referral) => ({ ...referral, status: 'declined' })),

      recordOutcome: (input) =>
        record(async () => {
          const parsed = validate(NewOutcomeSchema, input, 'outcome');
          const outcome = parse('outcome', { ...parsed, id: parsed.id ?? newId(), at: parsed.at ?? now() });
          const listIssues = contactListIssues(outcome.contactIds, ['contactIds']);
          if (listIssues.length > 0) throw new ValidationError('outcome', listIssues);
          await absent('outcome', outcome.id, 'id');
          for (const id of outcome.contactIds) await need('contact', id as ContactId);
          if (outcome.organizationId !== undefined) await need('organization', outcome.organizationId);
          return { operations: [put('outcome', outcome)], result: outcome };
        }),

      changePhase: (change) =>
        record(async ({ workspace }) => {
          const parsed = validate(PhaseChangeSchema, change, 'phase');
          const phase = parsed.kind === 'employed' ? { kind: 'employed', since: parsed.since ?? now() } : { kind: 'searching' };
          const next = validate(WorkspaceSchema, { ...workspace, phase }, 'workspace');
          return { operations: [{ op: 'put-workspace', workspace: next }], result: next };
        }),

      agenda: async (window = {}) => {
        const parsed = validate(AgendaWindowSchema, window, 'agenda window');
        const network = await loadNetwork();
        const at = now();
        const from = parsed.from ?? at;
        const to = parsed.to ?? new Date(from.getTime() + WEEK_MS);
        if (to.getTime() < from.getTime()) {
          throw new ValidationError('agenda window', [
            { path: 'to', message: `${to.toISOString()} comes before the window's start ${from.toISOString()}` },
          ]);
        }
        return agenda(network, { from, to, policies, now: at });
      },

      funnel: async () => funnel(await loadNetwork()),
    };
  };

  return {
    policies,
    createWorkspace: async (input) => {
      const parsed = validate(NewWorkspaceSchema, input, 'workspace');
      const workspace = validate(WorkspaceSchema, { ...parsed, id: parsed.id ?? newId(), createdAt: clock.now() }, 'workspace');
      const taken = () => new ValidationError('workspace', [{ path: 'id', message: `a workspace "${workspace.id}" already exists` }]);
      if (await store.getWorkspace(workspace.id)) throw taken();
      try {
        await store.commit(workspace.id, { expectedRevision: 0, operations: [{ op: 'put-workspace', workspace }] });
      } catch (error) {
        // Refused at revision 0: another writer created the same workspace meanwhile.
        if (error instanceof ConflictError) throw taken();
        throw error;
      }
      return workspace;
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

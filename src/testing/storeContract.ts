// The contract every `NetworkStore` keeps, as one vitest suite any adapter's spec calls:
//
//   describeStoreContract('my store', () => createMyStore(), { teardown, reopen });
//
// Like emmett-tests' shared features and unstorage's testDriver: the same tests run
// against our memory and JSON stores, the example adapter and anyone's own.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ContactSchema } from '../domain/contact.js';
import type { ReachoutErrorCode } from '../domain/errors.js';
import { CheckInSchema, ThankYouSchema } from '../domain/followUp.js';
import { WorkspaceIdSchema, type WorkspaceId } from '../domain/ids.js';
import { MeetingSchema } from '../domain/meeting.js';
import type { Network } from '../domain/network.js';
import { OrganizationSchema } from '../domain/organization.js';
import { OutreachSchema } from '../domain/outreach.js';
import type {
  NetworkSnapshot,
  NetworkStore,
  RecordKind,
  RecordTypes,
  StoreChange,
  StoreOperation,
  TaggedRecord,
  WorkspaceHead,
} from '../domain/ports.js';
import { OutcomeSchema, ReferralSchema } from '../domain/referral.js';
import { emptyNetwork, RECORD_KINDS, RECORD_LISTS } from '../domain/records.js';
import { WorkspaceSchema, type Workspace } from '../domain/workspace.js';
import { arbitraries } from './arbitraries.js';

/** Makes a fresh, empty store each time it is called. */
export type StoreFactory<S extends NetworkStore = NetworkStore> = () => Promise<S> | S;

/** Options of {@link describeStoreContract}. */
export interface StoreContractOptions<S extends NetworkStore = NetworkStore> {
  /** Called once per store after its test, with the store already closed: remove its files, database, … */
  readonly teardown?: (store: S) => Promise<void> | void;
  /** For stores that persist: closes `store` and opens a new instance over the same data. Enables the reopen tests. */
  readonly reopen?: (store: S) => Promise<S>;
  /** Runs of the model-based test (default 50); lower it for a slow store, raise it to search harder. */
  readonly modelRuns?: number;
}

/** Time allowed to the tests that commit many changes (a store that syncs to disk on every commit is slow). */
const SLOW_TEST_MS = 120_000;


const RECORD_ARBITRARIES: { [K in RecordKind]: () => fc.Arbitrary<RecordTypes[K]> } = {
  contact: arbitraries.contact,
  organization: arbitraries.organization,
  outreach: arbitraries.outreach,
  meeting: arbitraries.meeting,
  thankYou: arbitraries.thankYou,
  checkIn: arbitraries.checkIn,
  referral: arbitraries.referral,
  outcome: arbitraries.outcome,
};

// ---------------------------------------------------------------------------------
// Sample data
// ---------------------------------------------------------------------------------

const wid = (id: string): WorkspaceId => WorkspaceIdSchema.parse(id);

function workspaceOf(id: string, name = `Seeker ${id}`): Workspace {
  return WorkspaceSchema.parse({ id, name, timeZone: 'Europe/Berlin', createdAt: '2026-03-02T08:00:00.000Z' });
}

/** One record of every kind with every optional field set (nested dates included). */
function fullRecords(): { [K in RecordKind]: RecordTypes[K] } {
  return {
    contact: ContactSchema.parse({
      id: 'lena',
      name: 'Léna Ørsted-中文',
      emails: ['lena@example.org', 'l.orsted@northwind.example'],
      phones: ['+49 30 1234 5678'],
      profileUrl: 'https://profiles.example/lena',
      organizationId: 'northwind',
      role: 'Head of Data',
      tie: 'alumni',
      introducedBy: 'marcus',
      mutualContacts: ['marcus', 'priya'],
      researchNotes: 'Spoke at the meetup.\nWrote about 😀 onboarding.',
      tags: ['data', 'berlin'],
      keepInTouch: false,
      checkInSnoozedUntil: '2026-06-01T00:00:00.000Z',
      createdAt: '2026-03-02T09:15:00.000Z',
    }),
    organization: OrganizationSchema.parse({
      id: 'northwind',
      name: 'Northwind Health',
      website: 'https://northwind.example',
      standsFor: 'Affordable care',
      whyInterested: 'Their data team',
      createdAt: '2026-03-02T09:00:00.000Z',
    }),
    outreach: OutreachSchema.parse({
      id: 'to-lena',
      contactId: 'lena',
      startedAt: '2026-03-03T08:00:00.000Z',
      attempts: [
        { channel: 'email', at: '2026-03-03T08:05:00.000Z', result: 'sent', note: 'first email' },
        { channel: 'phone', at: '2026-03-12T10:00:00.000Z', result: 'voicemail' },
      ],
      reply: { at: '2026-03-12T15:30:00.000Z', channel: 'email', answer: 'accepted', note: 'Thursday works' },
    }),
    meeting: MeetingSchema.parse({
      id: 'coffee-lena',
      contactId: 'lena',
      outreachId: 'to-lena',
      status: 'held',
      startAt: '2026-03-19T09:00:00.000Z',
      minutes: 30,
      format: 'video',
      previousStarts: ['2026-03-17T09:00:00.000Z'],
      preparation: {
        answers: { 'know-the-company': 'Yes', 'what-i-want': 'Advice on the team' },
        research: 'Read the annual report',
        questionsToAsk: ['How did you start here?'],
      },
      notes: ['Hiring in Q3', 'Suggests talking to Priya'],
      nextSteps: ['Send CV'],
    }),
    thankYou: ThankYouSchema.parse({
      id: 'thanks-lena',
      meetingId: 'coffee-lena',
      contactId: 'lena',
      sentAt: '2026-03-19T14:00:00.000Z',
      channel: 'card',
      referencedNotes: ['Hiring in Q3'],
      askedForIntroduction: true,
    }),
    checkIn: CheckInSchema.parse({
      id: 'check-lena',
      contactId: 'lena',
      at: '2026-06-19T09:00:00.000Z',
      channel: 'linkedin',
      kind: 'article',
      note: 'Sent the piece on data teams',
    }),
    referral: ReferralSchema.parse({
      id: 'lena-to-priya',
      introducerId: 'lena',
      kind: 'introduction-made',
      contactId: 'priya',
      organizationId: 'northwind',
      meetingId: 'coffee-lena',
      status: 'done',
      offeredAt: '2026-03-19T09:30:00.000Z',
      doneAt: '2026-03-21T11:00:00.000Z',
      note: 'Warm email intro',
    }),
    outcome: OutcomeSchema.parse({
      id: 'offer-northwind',
      kind: 'offer',
      organizationId: 'northwind',
      contactIds: ['priya', 'lena'],
      at: '2026-05-04T16:00:00.000Z',
      note: 'Senior analyst',
    }),
  };
}

/** One record of every kind with only the required fields (defaults filled in by the schemas). */
function minimalRecords(): { [K in RecordKind]: RecordTypes[K] } {
  const at = '2026-04-01T10:00:00+02:00';
  return {
    contact: ContactSchema.parse({ id: 'm1', name: 'Min', tie: 'cold', createdAt: at }),
    organization: OrganizationSchema.parse({ id: 'm1', name: 'Min Org', createdAt: at }),
    outreach: OutreachSchema.parse({ id: 'm1', contactId: 'm1', startedAt: at }),
    meeting: MeetingSchema.parse({ id: 'm1', contactId: 'm1', startAt: at }),
    thankYou: ThankYouSchema.parse({ id: 'm1', meetingId: 'm1', contactId: 'm1', sentAt: at }),
    checkIn: CheckInSchema.parse({ id: 'm1', contactId: 'm1', at }),
    referral: ReferralSchema.parse({ id: 'm1', introducerId: 'm1', kind: 'name-suggested', offeredAt: at }),
    outcome: OutcomeSchema.parse({ id: 'm1', kind: 'interview', contactIds: ['m1'], at }),
  };
}

const contactNamed = (id: string, name: string, extra: Record<string, unknown> = {}) =>
  ContactSchema.parse({ id, name, tie: 'event', createdAt: '2026-03-04T12:00:00.000Z', ...extra });

const put = <K extends RecordKind>(kind: K, record: RecordTypes[K]): StoreOperation => ({ op: 'put', kind, record }) as StoreOperation;
const remove = (kind: RecordKind, id: string): StoreOperation => ({ op: 'delete', kind, id });
const putWorkspace = (workspace: Workspace): StoreOperation => ({ op: 'put-workspace', workspace });

/** A put that fails its schema: empty name, unknown tie, a date that is not one. */
const INVALID_PUT = {
  op: 'put',
  kind: 'contact',
  record: { id: 'broken', name: '', tie: 'pen-pal', createdAt: 'last Tuesday' },
} as unknown as StoreOperation;

/** Each list of a network sorted by id: stores may list records in any order. */
function sortedNetwork(network: Network): Network {
  const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    workspace: network.workspace,
    contacts: byId(network.contacts),
    organizations: byId(network.organizations),
    outreaches: byId(network.outreaches),
    meetings: byId(network.meetings),
    thankYous: byId(network.thankYous),
    checkIns: byId(network.checkIns),
    referrals: byId(network.referrals),
    outcomes: byId(network.outcomes),
  };
}

const sortedSnapshot = (snapshot: NetworkSnapshot | undefined) =>
  snapshot && { revision: snapshot.revision, network: sortedNetwork(snapshot.network) };

/** Everything a store holds, through its own reads, in a comparable form. */
async function dump(store: NetworkStore) {
  const heads = await store.listWorkspaces();
  const networks = [];
  for (const { workspace } of heads) networks.push(sortedSnapshot(await store.loadNetwork(workspace.id)));
  return { heads, networks };
}

/** Awaits `promise`, expecting a reachout error with `code` (and `fields`); returns it. */
async function refusal(promise: Promise<unknown>, code: ReachoutErrorCode, fields: Record<string, unknown> = {}) {
  const error: unknown = await promise.then(
    (value) => expect.fail(`expected a "${code}" error, got ${JSON.stringify(value)}`),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Error);
  expect(error).toMatchObject({ code, ...fields });
  return error as Error;
}

// ---------------------------------------------------------------------------------
// The model-based test: random commands against a store and a plain Map
// ---------------------------------------------------------------------------------

interface ModelWorkspace {
  readonly workspace: Workspace;
  readonly revision: number;
  /** Records by `kind:id`. */
  readonly records: ReadonlyMap<string, TaggedRecord>;
}
type Model = Map<WorkspaceId, ModelWorkspace>;
interface Real<S extends NetworkStore> {
  store: S;
}
type StoreCommand<S extends NetworkStore> = fc.AsyncCommand<Model, Real<S>>;

// Few workspaces, kinds and ids, so that commands often meet the same record.
const MODEL_WORKSPACES = [wid('ws-a'), wid('ws-b')] as const;
const MODEL_KINDS = ['contact', 'organization', 'meeting'] as const satisfies readonly RecordKind[];
const MODEL_IDS = ['r1', 'r2'] as const;
const key = (kind: RecordKind, id: string) => `${kind}:${id}`;

function modelNetwork(state: ModelWorkspace): Network {
  const network = emptyNetwork(state.workspace);
  for (const { kind, record } of state.records.values()) (network[RECORD_LISTS[kind]] as unknown[]).push(record);
  return sortedNetwork(network);
}

async function expectStoreMatchesModel(model: Model, store: NetworkStore, workspaceId: WorkspaceId) {
  const state = model.get(workspaceId);
  expect(sortedSnapshot(await store.loadNetwork(workspaceId))).toEqual(
    state && { revision: state.revision, network: modelNetwork(state) },
  );
}

const describeOperation = (operation: StoreOperation) =>
  operation.op === 'put'
    ? `put ${operation.kind} ${operation.record.id}`
    : operation.op === 'delete'
      ? `delete ${operation.kind} ${operation.id}`
      : 'put-workspace';

/** A change based on the current revision; invalid (a bad record) or not, with or without the workspace's settings. */
class CommitCommand<S extends NetworkStore> implements StoreCommand<S> {
  constructor(
    readonly workspaceId: WorkspaceId,
    readonly settings: Workspace | undefined,
    readonly operations: readonly StoreOperation[],
    readonly invalidAt: number | undefined,
  ) {}

  check = () => true;

  async run(model: Model, real: Real<S>) {
    const current = model.get(this.workspaceId);
    const settings = this.settings && { ...this.settings, id: this.workspaceId };
    const operations = [...(settings ? [putWorkspace(settings)] : []), ...this.operations];
    if (this.invalidAt !== undefined) operations.splice(Math.min(this.invalidAt, operations.length), 0, INVALID_PUT);
    const change: StoreChange = { expectedRevision: current?.revision ?? 0, operations };
    if (this.invalidAt !== undefined || (!current && !settings)) {
      // A bad record, or a first change that does not create the workspace: nothing is written.
      await refusal(real.store.commit(this.workspaceId, change), 'validation');
      await expectStoreMatchesModel(model, real.store, this.workspaceId);
      return;
    }
    const revision = (current?.revision ?? 0) + 1;
    expect(await real.store.commit(this.workspaceId, change)).toEqual({ revision });
    const records = new Map(current?.records);
    for (const operation of this.operations) {
      if (operation.op === 'put') records.set(key(operation.kind, operation.record.id), { kind: operation.kind, record: operation.record } as TaggedRecord);
      else if (operation.op === 'delete') records.delete(key(operation.kind, operation.id));
    }
    model.set(this.workspaceId, { workspace: settings ?? current!.workspace, revision, records });
  }

  toString() {
    const ops = this.operations.map(describeOperation);
    if (this.settings) ops.unshift('put-workspace');
    if (this.invalidAt !== undefined) ops.splice(Math.min(this.invalidAt, ops.length), 0, 'put INVALID');
    return `commit(${this.workspaceId}: ${ops.join(', ')})`;
  }
}

/** A change based on a revision that is not the workspace's: refused, nothing written. */
class StaleCommitCommand<S extends NetworkStore> implements StoreCommand<S> {
  constructor(
    readonly workspaceId: WorkspaceId,
    readonly offset: number,
    readonly settings: Workspace,
    readonly operations: readonly StoreOperation[],
  ) {}

  check(model: Readonly<Model>) {
    return (model.get(this.workspaceId)?.revision ?? 0) + this.offset >= 0;
  }

  async run(model: Model, real: Real<S>) {
    const actual = model.get(this.workspaceId)?.revision ?? 0;
    const expected = actual + this.offset;
    const change: StoreChange = {
      expectedRevision: expected,
      operations: [putWorkspace({ ...this.settings, id: this.workspaceId }), ...this.operations],
    };
    await refusal(real.store.commit(this.workspaceId, change), 'conflict', { expected, actual });
    await expectStoreMatchesModel(model, real.store, this.workspaceId);
  }

  toString() {
    return `staleCommit(${this.workspaceId}, revision ${this.offset > 0 ? '+' : ''}${this.offset}: ${this.operations.map(describeOperation).join(', ')})`;
  }
}

class GetRecordCommand<S extends NetworkStore> implements StoreCommand<S> {
  constructor(
    readonly workspaceId: WorkspaceId,
    readonly kind: RecordKind,
    readonly id: string,
  ) {}

  check = () => true;

  async run(model: Model, real: Real<S>) {
    const expected = model.get(this.workspaceId)?.records.get(key(this.kind, this.id))?.record;
    expect(await real.store.getRecord(this.workspaceId, this.kind, this.id)).toEqual(expected);
  }

  toString() {
    return `getRecord(${this.workspaceId}, ${this.kind}, ${this.id})`;
  }
}

class LoadNetworkCommand<S extends NetworkStore> implements StoreCommand<S> {
  constructor(readonly workspaceId: WorkspaceId) {}

  check = () => true;

  async run(model: Model, real: Real<S>) {
    await expectStoreMatchesModel(model, real.store, this.workspaceId);
    const state = model.get(this.workspaceId);
    expect(await real.store.getWorkspace(this.workspaceId)).toEqual(state && { workspace: state.workspace, revision: state.revision });
  }

  toString() {
    return `loadNetwork(${this.workspaceId})`;
  }
}

class ListWorkspacesCommand<S extends NetworkStore> implements StoreCommand<S> {
  check = () => true;

  async run(model: Model, real: Real<S>) {
    const expected = [...model.values()]
      .map(({ workspace, revision }): WorkspaceHead => ({ workspace, revision }))
      .sort((a, b) => (a.workspace.id < b.workspace.id ? -1 : 1));
    expect(await real.store.listWorkspaces()).toEqual(expected);
  }

  toString() {
    return 'listWorkspaces()';
  }
}

class ReopenCommand<S extends NetworkStore> implements StoreCommand<S> {
  constructor(readonly reopen: (store: S) => Promise<S>) {}

  check = () => true;

  async run(_model: Model, real: Real<S>) {
    real.store = await this.reopen(real.store);
  }

  toString() {
    return 'reopen()';
  }
}

function storeCommands<S extends NetworkStore>(reopen: ((store: S) => Promise<S>) | undefined) {
  const workspaceId = fc.constantFrom(...MODEL_WORKSPACES);
  const kind = fc.constantFrom(...MODEL_KINDS);
  const id = fc.constantFrom(...MODEL_IDS);
  // Records of a few kinds, all sharing a few ids: the same id in two kinds or two
  // workspaces must name two records.
  const tagged = fc.oneof(
    ...MODEL_KINDS.map((k) =>
      fc.tuple(RECORD_ARBITRARIES[k](), id).map(([record, recordId]) => ({ kind: k, record: { ...record, id: recordId } }) as TaggedRecord),
    ),
  );
  const operation: fc.Arbitrary<StoreOperation> = fc.oneof(
    { weight: 3, arbitrary: tagged.map((t) => ({ op: 'put', ...t }) as StoreOperation) },
    { weight: 1, arbitrary: fc.tuple(kind, id).map(([k, i]) => remove(k, i)) },
  );
  const operations = fc.array(operation, { minLength: 1, maxLength: 4 });
  const invalidAt = fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat({ max: 4 }) });
  const commit = fc
    .tuple(workspaceId, fc.option(arbitraries.workspace(), { freq: 2, nil: undefined }), operations, invalidAt)
    .map(([w, settings, ops, bad]) => new CommitCommand<S>(w, settings, ops, bad));
  const arbitrariesOfCommands: fc.Arbitrary<StoreCommand<S>>[] = [
    // Listed twice: commands are drawn evenly from this list, and changes are what matter most.
    commit,
    commit,
    fc
      .tuple(workspaceId, fc.constantFrom(-2, -1, 1, 3), arbitraries.workspace(), operations)
      .map(([w, offset, settings, ops]) => new StaleCommitCommand<S>(w, offset, settings, ops)),
    fc.tuple(workspaceId, kind, id).map(([w, k, i]) => new GetRecordCommand<S>(w, k, i)),
    workspaceId.map((w) => new LoadNetworkCommand<S>(w)),
    fc.constant(new ListWorkspacesCommand<S>()),
  ];
  if (reopen) arbitrariesOfCommands.push(fc.constant(new ReopenCommand<S>(reopen)));
  return fc.commands(arbitrariesOfCommands, { maxCommands: 30 });
}

// ---------------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------------

/**
 * Declares the vitest suite every `NetworkStore` must pass: round-trips of every record
 * kind, missing records as `undefined`, workspace isolation, revisions and conflicts,
 * all-or-nothing changes, closing, and a model-based test against a plain `Map`. Give
 * `reopen` for a store that persists to also prove that data survives reopening.
 */
export function describeStoreContract<S extends NetworkStore>(
  name: string,
  factory: StoreFactory<S>,
  options: StoreContractOptions<S> = {},
): void {
  const { teardown, reopen } = options;
  const modelRuns = options.modelRuns ?? 50;

  describe(`${name}: NetworkStore contract`, () => {
    /** Stores opened by the running test: closed and torn down after it, the latest instance of each. */
    let opened: Real<S>[] = [];

    const dispose = async (store: S) => {
      try {
        await store.close();
      } finally {
        await teardown?.(store);
      }
    };

    const open = async (): Promise<Real<S>> => {
      const real = { store: await factory() };
      opened.push(real);
      return real;
    };

    const fresh = async (): Promise<S> => (await open()).store;

    afterEach(async () => {
      const stores = opened;
      opened = [];
      for (const real of stores) await dispose(real.store);
    });

    const create = (store: NetworkStore, workspace: Workspace, ...operations: StoreOperation[]) =>
      store.commit(workspace.id, { expectedRevision: 0, operations: [putWorkspace(workspace), ...operations] });

    describe('workspaces', () => {
      it('creates a workspace with expectedRevision 0 and a put-workspace operation, at revision 1', async () => {
        const store = await fresh();
        const workspace = workspaceOf('ada');
        expect(await create(store, workspace)).toEqual({ revision: 1 });
        expect(await store.getWorkspace(workspace.id)).toEqual({ workspace, revision: 1 });
      });

      it('lists every workspace with its revision, sorted by id', async () => {
        const store = await fresh();
        for (const id of ['ws-c', 'ws-a', 'ws-b']) await create(store, workspaceOf(id));
        await store.commit(wid('ws-c'), { expectedRevision: 1, operations: [put('contact', contactNamed('x', 'X'))] });
        expect(await store.listWorkspaces()).toEqual([
          { workspace: workspaceOf('ws-a'), revision: 1 },
          { workspace: workspaceOf('ws-b'), revision: 1 },
          { workspace: workspaceOf('ws-c'), revision: 2 },
        ]);
      });

      it('starts empty', async () => {
        const store = await fresh();
        expect(await store.listWorkspaces()).toEqual([]);
      });

      it('replaces the settings with a later put-workspace and keeps the records', async () => {
        const store = await fresh();
        const contact = contactNamed('c1', 'Kept');
        await create(store, workspaceOf('ada'), put('contact', contact));
        const renamed = WorkspaceSchema.parse({
          ...workspaceOf('ada', 'Ada L.'),
          timeZone: 'America/New_York',
          phase: { kind: 'employed', since: new Date('2026-09-01T13:00:00.000Z') },
          holidays: ['2026-12-24'],
        });
        expect(await store.commit(renamed.id, { expectedRevision: 1, operations: [putWorkspace(renamed)] })).toEqual({ revision: 2 });
        expect(await store.getWorkspace(renamed.id)).toEqual({ workspace: renamed, revision: 2 });
        expect(await store.getRecord(renamed.id, 'contact', 'c1')).toEqual(contact);
      });

      it('refuses a put-workspace whose id is another workspace', async () => {
        const store = await fresh();
        await refusal(store.commit(wid('ada'), { expectedRevision: 0, operations: [putWorkspace(workspaceOf('bob'))] }), 'validation');
        expect(await store.listWorkspaces()).toEqual([]);
      });

      it('refuses a first change that does not put the workspace, and creates nothing', async () => {
        const store = await fresh();
        await refusal(
          store.commit(wid('ada'), { expectedRevision: 0, operations: [put('contact', contactNamed('c1', 'Orphan'))] }),
          'validation',
        );
        expect(await store.getWorkspace(wid('ada'))).toBeUndefined();
        expect(await store.loadNetwork(wid('ada'))).toBeUndefined();
        expect(await store.listWorkspaces()).toEqual([]);
      });
    });

    describe('records', () => {
      for (const kind of RECORD_KINDS) {
        it(`${kind}: put then get gives back an equal record, dates as Dates`, async () => {
          const store = await fresh();
          const full = fullRecords()[kind];
          const minimal = minimalRecords()[kind];
          await create(store, workspaceOf('ada'), put(kind, full), put(kind, minimal));
          expect(await store.getRecord(wid('ada'), kind, full.id)).toEqual(full);
          expect(await store.getRecord(wid('ada'), kind, minimal.id)).toEqual(minimal);
          const snapshot = await store.loadNetwork(wid('ada'));
          expect(sortedNetwork(snapshot!.network)[RECORD_LISTS[kind]]).toEqual([minimal, full].sort((a, b) => (a.id < b.id ? -1 : 1)));
        });

        it(
          `${kind}: any generated record round-trips through put and get`,
          async () => {
            const store = await fresh();
            const workspaceId = wid('gen');
            let revision = (await create(store, workspaceOf('gen'))).revision;
            await fc.assert(
              fc.asyncProperty(RECORD_ARBITRARIES[kind](), async (record) => {
                ({ revision } = await store.commit(workspaceId, { expectedRevision: revision, operations: [put(kind, record)] }));
                expect(await store.getRecord(workspaceId, kind, record.id)).toEqual(record);
              }),
              { numRuns: 12 },
            );
          },
          SLOW_TEST_MS,
        );
      }

      it(
        'loadNetwork returns every record of the workspace and its revision',
        async () => {
          const store = await fresh();
          let n = 0;
          await fc.assert(
            fc.asyncProperty(arbitraries.network({ maxContacts: 6 }), async (generated) => {
              const workspace = { ...generated.workspace, id: wid(`net-${n++}`) };
              const network = { ...generated, workspace };
              const operations = [
                putWorkspace(workspace),
                ...RECORD_KINDS.flatMap((kind) => (network[RECORD_LISTS[kind]] as RecordTypes[typeof kind][]).map((record) => put(kind, record))),
              ];
              await store.commit(workspace.id, { expectedRevision: 0, operations });
              expect(sortedSnapshot(await store.loadNetwork(workspace.id))).toEqual({ revision: 1, network: sortedNetwork(network) });
            }),
            { numRuns: 10 },
          );
        },
        SLOW_TEST_MS,
      );

      it('keeps records of different kinds that share an id apart', async () => {
        const store = await fresh();
        const full = fullRecords();
        const same = <K extends RecordKind>(kind: K) => put(kind, { ...full[kind], id: 'shared' } as RecordTypes[K]);
        await create(store, workspaceOf('ada'), ...RECORD_KINDS.map(same));
        for (const kind of RECORD_KINDS) {
          expect(await store.getRecord(wid('ada'), kind, 'shared')).toEqual({ ...full[kind], id: 'shared' });
        }
        await store.commit(wid('ada'), { expectedRevision: 1, operations: [remove('meeting', 'shared')] });
        expect(await store.getRecord(wid('ada'), 'meeting', 'shared')).toBeUndefined();
        expect(await store.getRecord(wid('ada'), 'contact', 'shared')).toEqual({ ...full.contact, id: 'shared' });
      });

      it('replaces a record put again under the same id', async () => {
        const store = await fresh();
        await create(store, workspaceOf('ada'), put('contact', contactNamed('c1', 'First')));
        const second = contactNamed('c1', 'Second', { emails: ['second@example.org'] });
        await store.commit(wid('ada'), { expectedRevision: 1, operations: [put('contact', second)] });
        expect(await store.getRecord(wid('ada'), 'contact', 'c1')).toEqual(second);
        expect((await store.loadNetwork(wid('ada')))!.network.contacts).toEqual([second]);
      });

      it('stores records as given: references to records that do not exist are not checked', async () => {
        // Integrity is the application's business (the playbook checks it); a store keeps
        // what it accepted and must be able to give it back, also after reopening.
        const store = await fresh();
        const dangling = contactNamed('c1', 'Dangling', { organizationId: 'gone', introducedBy: 'nobody', mutualContacts: ['ghost'] });
        const organization = OrganizationSchema.parse({ id: 'org', name: 'Org', createdAt: '2026-03-04T12:00:00.000Z' });
        const employee = contactNamed('c2', 'Employee', { organizationId: 'org' });
        await create(store, workspaceOf('ada'), put('contact', dangling), put('organization', organization), put('contact', employee));
        expect(await store.commit(wid('ada'), { expectedRevision: 1, operations: [remove('organization', 'org')] })).toEqual({ revision: 2 });
        expect(await store.getRecord(wid('ada'), 'contact', 'c1')).toEqual(dangling);
        expect(await store.getRecord(wid('ada'), 'contact', 'c2')).toEqual(employee);
        expect(await store.getRecord(wid('ada'), 'organization', 'org')).toBeUndefined();
      });

      it('is not affected by the caller changing the objects it committed', async () => {
        const store = await fresh();
        const workspace = workspaceOf('ada');
        const contact = contactNamed('c1', 'Original', { emails: ['orig@example.org'], tags: ['a'] });
        const workspaceCopy = structuredClone(workspace);
        const contactCopy = structuredClone(contact);
        const operations = [putWorkspace(workspace), put('contact', contact)];
        await store.commit(workspace.id, { expectedRevision: 0, operations });

        workspace.name = 'Changed';
        workspace.createdAt.setTime(0);
        workspace.holidays.push('2026-12-25');
        contact.name = 'Changed';
        contact.emails.push('added@example.org');
        contact.tags.length = 0;
        contact.createdAt.setUTCFullYear(1999);
        operations.push(remove('contact', 'c1'));

        expect(await store.getWorkspace(workspace.id)).toEqual({ workspace: workspaceCopy, revision: 1 });
        expect(await store.getRecord(workspace.id, 'contact', 'c1')).toEqual(contactCopy);
        expect((await store.loadNetwork(workspace.id))!.network.contacts).toEqual([contactCopy]);
      });

      it('is not affected by the caller changing what it read', async () => {
        const store = await fresh();
        const workspace = workspaceOf('ada');
        const contact = contactNamed('c1', 'Original', { emails: ['orig@example.org'] });
        await create(store, workspace, put('contact', contact));
        const before = await dump(store);
        // A store may hand out frozen objects, so that changing them throws; either way it keeps its own.
        const tryTo = (change: () => unknown) => {
          try {
            change();
          } catch {
            // refused: fine
          }
        };

        const read = (await store.getRecord(workspace.id, 'contact', 'c1'))!;
        tryTo(() => (read.name = 'Changed'));
        tryTo(() => read.emails.push('added@example.org'));
        tryTo(() => read.createdAt.setTime(0));
        const head = (await store.getWorkspace(workspace.id))!;
        tryTo(() => head.workspace.createdAt.setUTCFullYear(1999));
        tryTo(() => head.workspace.holidays.push('2026-12-25'));
        const [listed] = await store.listWorkspaces();
        tryTo(() => (listed!.workspace.name = 'Changed'));
        const { network } = (await store.loadNetwork(workspace.id))!;
        tryTo(() => network.contacts[0]!.createdAt.setUTCHours(0));
        tryTo(() => (network.workspace.timeZone = 'UTC'));
        tryTo(() => network.contacts.push(contactNamed('c9', 'Smuggled')));

        expect(await dump(store)).toEqual(before);
        expect(await store.getRecord(workspace.id, 'contact', 'c1')).toEqual(contact);
        expect(await store.getRecord(workspace.id, 'contact', 'c9')).toBeUndefined();
      });
    });

    describe('missing workspaces and records', () => {
      it('gives undefined for a workspace that does not exist, never an error', async () => {
        const store = await fresh();
        await create(store, workspaceOf('ada'), put('contact', contactNamed('c1', 'One')));
        expect(await store.getWorkspace(wid('nobody'))).toBeUndefined();
        expect(await store.loadNetwork(wid('nobody'))).toBeUndefined();
        expect(await store.getRecord(wid('nobody'), 'contact', 'c1')).toBeUndefined();
      });

      it('answers an id that is not a string (a symbol, a null-prototype object, a number) with ValidationError', async () => {
        const store = await fresh();
        // By code, not by class: an adapter may load its own copy of the library.
        const refusedAsInvalid = { code: 'validation' satisfies ReachoutErrorCode };
        await create(store, workspaceOf('ada'), put('contact', contactNamed('c1', 'One')));
        for (const odd of [Symbol('x'), Object.create(null) as unknown, 42, null]) {
          const id = odd as string;
          await expect(store.getWorkspace(id)).rejects.toMatchObject(refusedAsInvalid);
          await expect(store.loadNetwork(id)).rejects.toMatchObject(refusedAsInvalid);
          await expect(store.getRecord(id, 'contact', 'c1')).rejects.toMatchObject(refusedAsInvalid);
          await expect(store.getRecord(wid('ada'), 'contact', id)).rejects.toMatchObject(refusedAsInvalid);
          await expect(store.commit(id, { expectedRevision: 1, operations: [put('contact', contactNamed('c2', 'Two'))] })).rejects.toMatchObject(refusedAsInvalid);
        }
        expect((await store.getWorkspace(wid('ada')))?.revision).toBe(1);
      });

      it('gives undefined for a record that does not exist, in every kind', async () => {
        const store = await fresh();
        await create(store, workspaceOf('ada'), put('contact', contactNamed('c1', 'One')));
        for (const kind of RECORD_KINDS) expect(await store.getRecord(wid('ada'), kind, 'missing')).toBeUndefined();
        expect(await store.getRecord(wid('ada'), 'organization', 'c1')).toBeUndefined();
      });

      it('gives an empty network for a workspace without records', async () => {
        const store = await fresh();
        const workspace = workspaceOf('ada');
        await create(store, workspace);
        expect(await store.loadNetwork(workspace.id)).toEqual({
          revision: 1,
          network: {
            workspace,
            contacts: [],
            organizations: [],
            outreaches: [],
            meetings: [],
            thankYous: [],
            checkIns: [],
            referrals: [],
            outcomes: [],
          },
        });
      });
    });

    describe('isolation', () => {
      it('gives each workspace its own record under the same id', async () => {
        const store = await fresh();
        const mine = contactNamed('c1', 'In A');
        const theirs = contactNamed('c1', 'In B', { tie: 'press' });
        await create(store, workspaceOf('ws-a'), put('contact', mine), put('organization', fullRecords().organization));
        await create(store, workspaceOf('ws-b'), put('contact', theirs));
        expect(await store.getRecord(wid('ws-a'), 'contact', 'c1')).toEqual(mine);
        expect(await store.getRecord(wid('ws-b'), 'contact', 'c1')).toEqual(theirs);
        expect(await store.getRecord(wid('ws-b'), 'organization', 'northwind')).toBeUndefined();

        const a = (await store.loadNetwork(wid('ws-a')))!;
        const b = (await store.loadNetwork(wid('ws-b')))!;
        expect(a.network.workspace).toEqual(workspaceOf('ws-a'));
        expect(a.network.contacts).toEqual([mine]);
        expect(b.network.workspace).toEqual(workspaceOf('ws-b'));
        expect(b.network.contacts).toEqual([theirs]);
        expect(b.network.organizations).toEqual([]);
      });

      it('keeps a change and a deletion inside its workspace', async () => {
        const store = await fresh();
        const contact = contactNamed('c1', 'Everywhere');
        await create(store, workspaceOf('ws-a'), put('contact', contact));
        await create(store, workspaceOf('ws-b'), put('contact', contact));
        await store.commit(wid('ws-a'), { expectedRevision: 1, operations: [remove('contact', 'c1')] });
        await store.commit(wid('ws-a'), { expectedRevision: 2, operations: [put('contact', contactNamed('c2', 'Only A'))] });
        expect(await store.getRecord(wid('ws-b'), 'contact', 'c1')).toEqual(contact);
        expect(await store.getRecord(wid('ws-b'), 'contact', 'c2')).toBeUndefined();
        expect(await store.loadNetwork(wid('ws-b'))).toEqual({ revision: 1, network: expect.objectContaining({ contacts: [contact] }) });
      });

      it('keeps each workspace on its own revision', async () => {
        const store = await fresh();
        await create(store, workspaceOf('ws-a'));
        await create(store, workspaceOf('ws-b'));
        for (let revision = 1; revision <= 3; revision++) {
          await store.commit(wid('ws-a'), { expectedRevision: revision, operations: [put('contact', contactNamed(`c${revision}`, 'A'))] });
        }
        expect((await store.getWorkspace(wid('ws-a')))!.revision).toBe(4);
        expect((await store.getWorkspace(wid('ws-b')))!.revision).toBe(1);
        expect(await store.commit(wid('ws-b'), { expectedRevision: 1, operations: [remove('contact', 'c1')] })).toEqual({ revision: 2 });
      });
    });

    describe('revisions and conflicts', () => {
      it('moves the revision up by exactly 1 per commit, whatever the change holds', async () => {
        const store = await fresh();
        const workspaceId = wid('ada');
        const changes: StoreOperation[][] = [
          [putWorkspace(workspaceOf('ada'))],
          [put('contact', contactNamed('c1', 'One')), put('contact', contactNamed('c2', 'Two')), put('organization', fullRecords().organization)],
          [remove('contact', 'c2')],
          [putWorkspace(workspaceOf('ada', 'Renamed'))],
          [remove('outcome', 'never-existed')],
        ];
        for (const [index, operations] of changes.entries()) {
          expect(await store.commit(workspaceId, { expectedRevision: index, operations })).toEqual({ revision: index + 1 });
          expect((await store.getWorkspace(workspaceId))!.revision).toBe(index + 1);
          expect((await store.loadNetwork(workspaceId))!.revision).toBe(index + 1);
        }
      });

      it('refuses a stale expectedRevision with a ConflictError naming expected and actual, and changes nothing', async () => {
        const store = await fresh();
        await create(store, workspaceOf('ada'), put('contact', contactNamed('c1', 'One')));
        await store.commit(wid('ada'), { expectedRevision: 1, operations: [put('contact', contactNamed('c2', 'Two'))] });
        const before = await dump(store);
        const change = (expectedRevision: number): StoreChange => ({
          expectedRevision,
          operations: [putWorkspace(workspaceOf('ada', 'Lost')), put('contact', contactNamed('c1', 'Lost')), remove('contact', 'c2')],
        });
        const error = await refusal(store.commit(wid('ada'), change(1)), 'conflict', { expected: 1, actual: 2 });
        expect(error.name).toBe('ConflictError');
        await refusal(store.commit(wid('ada'), change(0)), 'conflict', { expected: 0, actual: 2 });
        await refusal(store.commit(wid('ada'), change(3)), 'conflict', { expected: 3, actual: 2 });
        expect(await dump(store)).toEqual(before);
        expect(await store.commit(wid('ada'), change(2))).toEqual({ revision: 3 });
      });

      it('refuses to create a workspace that exists already', async () => {
        const store = await fresh();
        await create(store, workspaceOf('ada'), put('contact', contactNamed('c1', 'First')));
        const before = await dump(store);
        await refusal(create(store, workspaceOf('ada', 'Impostor')), 'conflict', { expected: 0, actual: 1 });
        expect(await dump(store)).toEqual(before);
      });

      it('refuses a change based on a revision of a workspace that does not exist', async () => {
        const store = await fresh();
        await refusal(
          store.commit(wid('ada'), { expectedRevision: 2, operations: [putWorkspace(workspaceOf('ada'))] }),
          'conflict',
          { expected: 2, actual: 0 },
        );
        expect(await store.getWorkspace(wid('ada'))).toBeUndefined();
      });

      it('lets exactly one of two writers based on the same revision through', async () => {
        const store = await fresh();
        await create(store, workspaceOf('ada'));
        const results = await Promise.allSettled([
          store.commit(wid('ada'), { expectedRevision: 1, operations: [put('contact', contactNamed('c1', 'Writer one'))] }),
          store.commit(wid('ada'), { expectedRevision: 1, operations: [put('contact', contactNamed('c1', 'Writer two'))] }),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toEqual([{ status: 'fulfilled', value: { revision: 2 } }]);
        expect(lost).toHaveLength(1);
        expect(lost[0]!.reason).toMatchObject({ code: 'conflict', expected: 1, actual: 2 });
        const winner = results[0]!.status === 'fulfilled' ? 'Writer one' : 'Writer two';
        expect((await store.getRecord(wid('ada'), 'contact', 'c1'))?.name).toBe(winner);
      });
    });

    describe('all-or-nothing changes', () => {
      it('refuses a change whose third operation is invalid and applies none of the others', async () => {
        const store = await fresh();
        const original = contactNamed('c1', 'Original');
        await create(store, workspaceOf('ada'), put('contact', original), put('meeting', fullRecords().meeting));
        const before = await dump(store);
        await refusal(
          store.commit(wid('ada'), {
            expectedRevision: 1,
            operations: [
              put('contact', contactNamed('c1', 'Overwritten')),
              remove('meeting', fullRecords().meeting.id),
              INVALID_PUT,
              put('organization', fullRecords().organization),
            ],
          }),
          'validation',
        );
        expect(await dump(store)).toEqual(before);
        expect(await store.getRecord(wid('ada'), 'contact', 'c1')).toEqual(original);
        expect(await store.getRecord(wid('ada'), 'meeting', fullRecords().meeting.id)).toEqual(fullRecords().meeting);
        expect(await store.getRecord(wid('ada'), 'organization', 'northwind')).toBeUndefined();
        expect(await store.commit(wid('ada'), { expectedRevision: 1, operations: [remove('contact', 'c1')] })).toEqual({ revision: 2 });
      });

      it('creates no workspace when the change that would create it is invalid', async () => {
        const store = await fresh();
        await refusal(
          store.commit(wid('ada'), {
            expectedRevision: 0,
            operations: [putWorkspace(workspaceOf('ada')), put('contact', contactNamed('c1', 'One')), INVALID_PUT],
          }),
          'validation',
        );
        expect(await store.listWorkspaces()).toEqual([]);
        expect(await store.getRecord(wid('ada'), 'contact', 'c1')).toBeUndefined();
      });

      it('refuses a change without operations', async () => {
        const store = await fresh();
        await create(store, workspaceOf('ada'));
        await refusal(store.commit(wid('ada'), { expectedRevision: 1, operations: [] }), 'validation');
        expect((await store.getWorkspace(wid('ada')))!.revision).toBe(1);
      });

      it('refuses text no store can keep (U+0000, an unpaired surrogate) with a ValidationError naming the field, and writes nothing', async () => {
        // PostgreSQL cannot hold either; every store refuses them alike, so data moves between stores unchanged.
        const store = await fresh();
        await create(store, workspaceOf('ada'), put('contact', contactNamed('c1', 'One')));
        const before = await dump(store);
        const meeting = fullRecords().meeting;
        const cases: [StoreOperation, string][] = [
          [put('contact', contactNamed('c2', 'Nul\u0000in the name')), 'operations[1].record.name'],
          [put('contact', contactNamed('c2', 'Two', { researchNotes: 'half \uD83D of an emoji' })), 'operations[1].record.researchNotes'],
          [put('meeting', { ...meeting, notes: ['fine', 'a low half \uDE00 alone'] }), 'operations[1].record.notes[1]'],
          [putWorkspace(workspaceOf('ada', 'Ada\u0000')), 'operations[1].workspace.name'],
          [remove('contact', 'c1\u0000'), 'operations[1].id'],
        ];
        for (const [operation, path] of cases) {
          const error = await refusal(
            store.commit(wid('ada'), { expectedRevision: 1, operations: [put('contact', contactNamed('c3', 'Valid')), operation] }),
            'validation',
          );
          expect((error as Error & { issues: { path: string }[] }).issues.map((issue) => issue.path), path).toContain(path);
        }
        await refusal(store.commit(wid('bob'), { expectedRevision: 0, operations: [putWorkspace(workspaceOf('bob', 'Bob\uD800'))] }), 'validation');
        expect(await dump(store)).toEqual(before);
        // Whole pairs (emoji) and other control characters are text like any other.
        const kept = contactNamed('c4', 'Zoë 😀 \u0001', { researchNotes: 'tab\there, bell \u0007, 𝄞' });
        expect(await store.commit(wid('ada'), { expectedRevision: 1, operations: [put('contact', kept)] })).toEqual({ revision: 2 });
        expect(await store.getRecord(wid('ada'), 'contact', 'c4')).toEqual(kept);
      });

      it('applies the operations of a change in order', async () => {
        const store = await fresh();
        await create(store, workspaceOf('ada'), put('contact', contactNamed('c1', 'One')));
        await store.commit(wid('ada'), {
          expectedRevision: 1,
          operations: [
            remove('contact', 'c1'),
            put('contact', contactNamed('c1', 'Back again')),
            put('contact', contactNamed('c2', 'Gone again')),
            remove('contact', 'c2'),
          ],
        });
        expect((await store.getRecord(wid('ada'), 'contact', 'c1'))?.name).toBe('Back again');
        expect(await store.getRecord(wid('ada'), 'contact', 'c2')).toBeUndefined();
      });
    });

    describe('deleting', () => {
      it('removes the record from getRecord and loadNetwork and keeps the others', async () => {
        const store = await fresh();
        const full = fullRecords();
        await create(store, workspaceOf('ada'), ...RECORD_KINDS.map((kind) => put(kind, full[kind])));
        await store.commit(wid('ada'), { expectedRevision: 1, operations: [remove('contact', full.contact.id), remove('thankYou', full.thankYou.id)] });
        expect(await store.getRecord(wid('ada'), 'contact', full.contact.id)).toBeUndefined();
        expect(await store.getRecord(wid('ada'), 'thankYou', full.thankYou.id)).toBeUndefined();
        const { network, revision } = (await store.loadNetwork(wid('ada')))!;
        expect(revision).toBe(2);
        expect(network.contacts).toEqual([]);
        expect(network.thankYous).toEqual([]);
        expect(network.meetings).toEqual([full.meeting]);
        expect(network.outcomes).toEqual([full.outcome]);
      });

      it('takes deleting a record that does not exist as done, not as an error', async () => {
        const store = await fresh();
        await create(store, workspaceOf('ada'));
        expect(await store.commit(wid('ada'), { expectedRevision: 1, operations: [remove('referral', 'never-was')] })).toEqual({ revision: 2 });
      });
    });

    describe('closing', () => {
      it('refuses every call after close() with a store-closed error', async () => {
        const store = await fresh();
        const workspaceId = wid('ada');
        await create(store, workspaceOf('ada'));
        await store.close();
        await refusal(store.listWorkspaces(), 'store-closed');
        await refusal(store.getWorkspace(workspaceId), 'store-closed');
        await refusal(store.getRecord(workspaceId, 'contact', 'c1'), 'store-closed');
        await refusal(store.loadNetwork(workspaceId), 'store-closed');
        await refusal(store.commit(workspaceId, { expectedRevision: 1, operations: [put('contact', contactNamed('c1', 'Late'))] }), 'store-closed');
      });

      it('can be closed twice', async () => {
        const store = await fresh();
        await store.close();
        await expect(store.close()).resolves.toBeUndefined();
      });
    });

    if (reopen) {
      describe('reopening', () => {
        it('gives back every workspace, record and revision after reopening', async () => {
          const real = await open();
          const full = fullRecords();
          await create(real.store, workspaceOf('ws-a'), ...RECORD_KINDS.map((kind) => put(kind, full[kind])));
          await create(real.store, workspaceOf('ws-b'), put('contact', contactNamed('lena', 'Other Lena')));
          await real.store.commit(wid('ws-a'), { expectedRevision: 1, operations: [remove('checkIn', full.checkIn.id), putWorkspace(workspaceOf('ws-a', 'Renamed'))] });
          const before = await dump(real.store);
          real.store = await reopen(real.store);
          expect(await dump(real.store)).toEqual(before);
          expect(await real.store.getRecord(wid('ws-a'), 'meeting', full.meeting.id)).toEqual(full.meeting);
        });

        it('goes on from the persisted revision: stale changes are refused, current ones accepted', async () => {
          const real = await open();
          await create(real.store, workspaceOf('ada'));
          await real.store.commit(wid('ada'), { expectedRevision: 1, operations: [put('contact', contactNamed('c1', 'One'))] });
          real.store = await reopen(real.store);
          await refusal(real.store.commit(wid('ada'), { expectedRevision: 1, operations: [remove('contact', 'c1')] }), 'conflict', {
            expected: 1,
            actual: 2,
          });
          await refusal(create(real.store, workspaceOf('ada')), 'conflict', { expected: 0, actual: 2 });
          expect(await real.store.commit(wid('ada'), { expectedRevision: 2, operations: [remove('contact', 'c1')] })).toEqual({ revision: 3 });
          real.store = await reopen(real.store);
          expect(await real.store.loadNetwork(wid('ada'))).toEqual({ revision: 3, network: expect.objectContaining({ contacts: [] }) });
        });

        it('keeps nothing of refused changes after reopening', async () => {
          const real = await open();
          await create(real.store, workspaceOf('ada'), put('contact', contactNamed('c1', 'One')));
          const before = await dump(real.store);
          await refusal(real.store.commit(wid('ada'), { expectedRevision: 1, operations: [remove('contact', 'c1'), INVALID_PUT] }), 'validation');
          await refusal(real.store.commit(wid('ada'), { expectedRevision: 5, operations: [remove('contact', 'c1')] }), 'conflict');
          await refusal(real.store.commit(wid('bob'), { expectedRevision: 0, operations: [put('contact', contactNamed('c1', 'Orphan'))] }), 'validation');
          real.store = await reopen(real.store);
          expect(await dump(real.store)).toEqual(before);
        });

        it('reopens what it accepted, references to missing records included', async () => {
          const real = await open();
          const orphan = contactNamed('c1', 'Orphan', { organizationId: 'gone', introducedBy: 'c2', mutualContacts: ['ghost'] });
          // Introductions that loop: a store does not judge them (the playbook refuses to record them).
          const loop = contactNamed('c2', 'Loop', { introducedBy: 'c1' });
          const meeting = fullRecords().meeting;
          await create(real.store, workspaceOf('ada'), put('contact', orphan), put('contact', loop), put('meeting', meeting));
          const before = await dump(real.store);
          real.store = await reopen(real.store);
          expect(await dump(real.store)).toEqual(before);
        });
      });
    }

    it(
      'behaves like a Map model under random commands (model-based)',
      async () => {
        await fc.assert(
          fc.asyncProperty(storeCommands<S>(reopen), async (commands) => {
            const real = { store: await factory() };
            try {
              await fc.asyncModelRun(() => ({ model: new Map(), real }), commands);
            } finally {
              await dispose(real.store);
            }
          }),
          { numRuns: modelRuns },
        );
      },
      SLOW_TEST_MS,
    );
  });
}

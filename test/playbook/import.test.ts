// Bringing a network in and taking it out through the Playbook: an import is one
// all-or-nothing change, a re-import adds nothing, and a workspace export comes back
// whole in any store.
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import {
  UnsupportedSchemaVersionError,
  ValidationError,
  WORKSPACE_EXPORT_VERSION,
  WorkspaceExistsError,
  createPlaybook,
  emptyNetwork,
  fixedClock,
  manualClock,
  parseNetwork,
  planImport,
  type ContactDraft,
  type ImportProgress,
  type Network,
  type NetworkStore,
} from '../../src/index.js';
import { arbitraries } from '../../src/testing/arbitraries.js';
import { countingStore, holdings, sequentialIds, wid } from './helpers.js';

const ZONE = 'Europe/Berlin';

const draft = (name: string, fields: Partial<ContactDraft> = {}): ContactDraft => ({
  name,
  emails: [],
  phones: [],
  tie: 'other',
  researchNotes: '',
  tags: [],
  ...fields,
});

async function seeker(store: NetworkStore = createMemoryStore()) {
  const clock = manualClock('2026-03-02T09:00:00Z', { timeZone: ZONE });
  const playbook = createPlaybook({ store, clock, newId: sequentialIds('id') });
  await playbook.createWorkspace({ id: 'ana', name: 'Ana', timeZone: ZONE });
  return { playbook, clock, ana: playbook.workspace('ana') };
}

/** `count` LinkedIn-like connections: a profile URL each, every third at a company. */
const connections = (count: number): ContactDraft[] =>
  Array.from({ length: count }, (_, i) =>
    draft(`Person ${i}`, {
      profileUrl: `https://www.linkedin.com/in/person-${i}`,
      ...(i % 3 === 0 ? { organizationName: `Company ${i % 40}` } : {}),
      connectedOn: '2024-03-15',
      row: i + 1,
    }),
  );

describe('importContacts', () => {
  it('adds new contacts and organizations and merges duplicates in one change; createdAt is the import time', async () => {
    const { ana, clock } = await seeker();
    const raj = await ana.addContact({ name: 'Raj Patel', tie: 'colleague', emails: ['raj@example.com'] });
    clock.advance({ days: 3 });
    const drafts = [
      draft('Lena Ortiz', { organizationName: 'Northwind Health', connectedOn: '2024-03-15' }),
      draft('Raj Patel', { emails: ['raj@example.com'], phones: ['+49 30 1234567'], organizationName: 'northwind health' }),
    ];
    const preview = planImport(await ana.network(), drafts);
    expect(preview.entries.map((entry) => entry.status)).toEqual(['new', 'duplicate']);

    const result = await ana.importContacts(preview);
    expect(result.added).toHaveLength(1);
    expect(result.organizationsAdded.map((o) => o.name)).toEqual(['Northwind Health']);
    const [northwind] = result.organizationsAdded;
    expect(result.added[0]).toMatchObject({ name: 'Lena Ortiz', organizationId: northwind!.id, researchNotes: 'Connected on 15 Mar 2024.', createdAt: clock.now() });
    expect(result.merged).toEqual([{ ...raj, phones: ['+49 30 1234567'], organizationId: northwind!.id }]);
    const network = await ana.network();
    expect(network.contacts.map((c) => c.name).sort()).toEqual(['Lena Ortiz', 'Raj Patel']);
    expect(network.organizations).toHaveLength(1);
  });

  it('imports 5,000 connections as one commit, reporting progress', async () => {
    const counted = countingStore(createMemoryStore());
    const { ana } = await seeker(counted.store);
    counted.reset();
    const progress: ImportProgress[] = [];
    const result = await ana.importContacts({ entries: connections(5_000).map((d) => ({ draft: d })) }, { onProgress: (p) => progress.push(p) });
    expect(result.added).toHaveLength(5_000);
    expect(result.organizationsAdded).toHaveLength(40);
    expect(counted.calls.commit).toBe(1);
    expect(progress.filter((p) => p.stage === 'checking').map((p) => p.done)).toEqual([500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500]);
    expect(progress.slice(-2)).toEqual([
      { stage: 'writing', done: 5_000, total: 5_000 },
      { stage: 'done', done: 5_000, total: 5_000 },
    ]);
  });

  it('a re-import of the same file adds nothing and writes nothing', async () => {
    const counted = countingStore(createMemoryStore());
    const { ana } = await seeker(counted.store);
    const drafts = connections(300);
    const plan = planImport(await ana.network(), drafts);
    await ana.importContacts(plan);
    const before = await holdings(counted.store, 'ana');
    counted.reset();
    // The same plan again (previewed before the first import), and a fresh one.
    for (const again of [plan, planImport(await ana.network(), drafts)]) {
      const result = await ana.importContacts(again);
      expect(result.added).toEqual([]);
      expect(result.merged).toEqual([]);
      expect(result.organizationsAdded).toEqual([]);
      expect(result.plan.counts).toMatchObject({ new: 0, duplicate: 300, unchanged: 300 });
    }
    expect(counted.calls.commit).toBe(0);
    expect(await holdings(counted.store, 'ana')).toEqual(before);
  });

  it('matches again at write time: a contact added after the preview is merged into, not copied', async () => {
    const { ana } = await seeker();
    const drafts = [draft('Lena Ortiz', { emails: ['lena@example.org'], phones: ['+1 617 555 0142'] })];
    const preview = planImport(await ana.network(), drafts);
    expect(preview.entries[0]!.status).toBe('new');
    await ana.addContact({ name: 'Lena O.', tie: 'event', emails: ['lena@example.org'] });
    const result = await ana.importContacts(preview);
    expect(result.added).toEqual([]);
    expect(result.merged).toEqual([expect.objectContaining({ name: 'Lena O.', phones: ['+1 617 555 0142'] })]);
    expect((await ana.network()).contacts).toHaveLength(1);
  });

  it('leaves conflicts out and says so in the plan it returns', async () => {
    const { ana } = await seeker();
    await ana.addContact({ id: 'a', name: 'A', tie: 'event', emails: ['a@example.com'] });
    await ana.addContact({ id: 'b', name: 'B', tie: 'event', emails: ['b@example.com'] });
    const result = await ana.importContacts({ entries: [{ draft: draft('A or B', { emails: ['a@example.com', 'b@example.com'] }) }] });
    expect(result.plan.entries[0]).toMatchObject({ status: 'conflict', candidates: [{ contactId: 'a' }, { contactId: 'b' }] });
    expect(result.added).toEqual([]);
    expect((await ana.network()).contacts).toHaveLength(2);
  });

  it('refuses the whole import when one draft is invalid, naming it, and writes nothing', async () => {
    const store = createMemoryStore();
    const { ana } = await seeker(store);
    const before = await holdings(store, 'ana');
    const entries = connections(1_000).map((d) => ({ draft: d as unknown }));
    entries[700] = { draft: { ...connections(1)[0], emails: ['not-an-email'] } };
    entries[900] = { draft: { name: 'No tie' } };
    const error = await ana.importContacts({ entries } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['entries[700].draft.emails[0]', 'entries[900].draft.tie']);
    expect(await holdings(store, 'ana')).toEqual(before);
  });

  it('refuses what is not a plan, too many entries, and a progress callback that is not a function', async () => {
    const { ana } = await seeker();
    for (const bad of [undefined, null, [], 'plan', { entries: 'x' }]) {
      await expect(ana.importContacts(bad as never)).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(ana.importContacts({ entries: Array.from({ length: 50_001 }, () => ({ draft: draft('x') })) })).rejects.toThrow(/more than 50000 entries/);
    await expect(ana.importContacts({ entries: [] }, { onProgress: 'yes' as never })).rejects.toBeInstanceOf(ValidationError);
  });

  it('a progress callback that throws stops the import before anything is written', async () => {
    const store = createMemoryStore();
    const { ana } = await seeker(store);
    const before = await holdings(store, 'ana');
    const stop = new Error('cancelled by the user');
    const onProgress = (p: ImportProgress) => {
      if (p.stage === 'writing') throw stop;
    };
    await expect(ana.importContacts({ entries: connections(10).map((d) => ({ draft: d })) }, { onProgress })).rejects.toBe(stop);
    expect(await holdings(store, 'ana')).toEqual(before);
  });
});

describe('exportWorkspace and importWorkspace', () => {
  it('export is one versioned JSON document, stamped by the clock', async () => {
    const { ana, clock } = await seeker();
    await ana.addContact({ name: 'Lena Ortiz', tie: 'event' });
    const document = await ana.exportWorkspace();
    expect(document).toMatchObject({ format: 'reachout.workspace', version: WORKSPACE_EXPORT_VERSION, exportedAt: clock.now().toISOString() });
    // Plain JSON: instants as ISO strings, nothing lost by stringify.
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
    expect(typeof document.network.workspace.createdAt).toBe('string');
  });

  test.prop([arbitraries.network({ maxContacts: 6 })], { numRuns: 40 })(
    'any workspace comes back the same through JSON, parseNetwork and importWorkspace into another store',
    async (network: Network) => {
      const source = createMemoryStore();
      const operations = [
        { op: 'put-workspace' as const, workspace: network.workspace },
        ...network.contacts.map((record) => ({ op: 'put' as const, kind: 'contact' as const, record })),
        ...network.organizations.map((record) => ({ op: 'put' as const, kind: 'organization' as const, record })),
        ...network.outreaches.map((record) => ({ op: 'put' as const, kind: 'outreach' as const, record })),
        ...network.meetings.map((record) => ({ op: 'put' as const, kind: 'meeting' as const, record })),
        ...network.thankYous.map((record) => ({ op: 'put' as const, kind: 'thankYou' as const, record })),
        ...network.checkIns.map((record) => ({ op: 'put' as const, kind: 'checkIn' as const, record })),
        ...network.referrals.map((record) => ({ op: 'put' as const, kind: 'referral' as const, record })),
        ...network.outcomes.map((record) => ({ op: 'put' as const, kind: 'outcome' as const, record })),
      ];
      await source.commit(network.workspace.id, { expectedRevision: 0, operations });
      const clock = fixedClock('2070-01-01T00:00:00Z');
      const text = JSON.stringify(await createPlaybook({ store: source, clock }).workspace(network.workspace.id).exportWorkspace());
      const document: unknown = JSON.parse(text);
      const sorted = (n: Network) => Object.fromEntries(Object.entries(n).map(([key, value]) => [key, Array.isArray(value) ? [...value].sort((a, b) => (a.id < b.id ? -1 : 1)) : value]));
      expect(sorted(parseNetwork((document as { network: unknown }).network))).toEqual(sorted(network));

      const target = createMemoryStore();
      const workspace = await createPlaybook({ store: target, clock }).importWorkspace(document);
      expect(workspace).toEqual(network.workspace);
      expect(sorted((await target.loadNetwork(wid(network.workspace.id)))!.network)).toEqual(sorted(network));
    },
  );

  it('imports under another id when asked, and refuses an id that exists, changing nothing', async () => {
    const { ana, playbook } = await seeker();
    await ana.addContact({ id: 'lena', name: 'Lena Ortiz', tie: 'event' });
    const document = await ana.exportWorkspace();
    await expect(playbook.importWorkspace(document)).rejects.toBeInstanceOf(WorkspaceExistsError);
    const copy = await playbook.importWorkspace(document, { workspaceId: 'ana-copy' });
    expect(copy.id).toBe('ana-copy');
    const copied = await playbook.workspace('ana-copy').network();
    expect(copied.contacts.map((c) => c.id)).toEqual(['lena']);
    expect(copied.workspace).toEqual({ ...(await ana.settings()), id: 'ana-copy' });
    await expect(playbook.importWorkspace(document, { workspaceId: 'bad id' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a document that is not a workspace export, or from a newer reachout, with typed errors', async () => {
    const { playbook } = await seeker();
    const empty = emptyNetwork({ id: wid('x'), name: 'X', timeZone: 'UTC', phase: { kind: 'searching' }, holidays: [], createdAt: new Date('2026-01-01T00:00:00Z') });
    const good = { format: 'reachout.workspace', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', network: JSON.parse(JSON.stringify(empty)) as unknown };
    await expect(playbook.importWorkspace({ ...good, version: 2 })).rejects.toBeInstanceOf(UnsupportedSchemaVersionError);
    await expect(playbook.importWorkspace({ ...good, format: 'other' })).rejects.toThrow('format: is not "reachout.workspace"');
    await expect(playbook.importWorkspace({ ...good, version: '1' })).rejects.toThrow('version: a whole number');
    await expect(playbook.importWorkspace(null)).rejects.toBeInstanceOf(ValidationError);
    const broken = { ...good, network: { ...good.network as object, contacts: [{ id: 'c', name: 'C', tie: 'event', createdAt: '2026-01-01T00:00:00Z', organizationId: 'missing' }] } };
    await expect(playbook.importWorkspace(broken)).rejects.toThrow('contacts[0].organizationId: no organization "missing"');
    expect((await playbook.workspace('ana').network()).contacts).toEqual([]);
    await expect(playbook.workspace('x').network()).rejects.toThrow('not found');
  });
});

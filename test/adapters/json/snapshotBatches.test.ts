// The batch reader of snapshots must read exactly what a whole parse and the schemas
// read, or step aside: on the writer's own layout it reads every workspace; on any
// edited body it either agrees with the reference below or answers `undefined` (the
// store then reads the file the ordinary way, which gives the exact error).
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { readSnapshotBatches } from '../../../src/adapters/json/snapshotBatches.js';
import { fromNetwork, type WorkspaceState } from '../../../src/adapters/workspaceState.js';
import type { Network } from '../../../src/domain/network.js';
import { RECORD_KINDS, RECORD_LISTS, RECORD_SCHEMAS } from '../../../src/domain/records.js';
import { validate } from '../../../src/domain/validate.js';
import { WorkspaceSchema } from '../../../src/domain/workspace.js';
import { arbitraries } from '../../../src/testing/arbitraries.js';

/** What the ordinary read accepts, as plain code: the whole body parsed, every record by its schema. */
function reference(text: string): Map<string, WorkspaceState> | undefined {
  try {
    const body = JSON.parse(text) as { workspaces: { revision: number; network: Record<string, unknown> }[] };
    if (!Array.isArray(body.workspaces)) return undefined;
    const states = new Map<string, WorkspaceState>();
    for (const { revision, network } of body.workspaces) {
      if (!Number.isSafeInteger(revision) || revision < 1) return undefined;
      if (typeof network !== 'object' || network === null || Array.isArray(network)) return undefined;
      const names = new Set<string>(Object.values(RECORD_LISTS));
      if (Object.keys(network).some((key) => key !== 'workspace' && !names.has(key))) return undefined;
      const parsed: Record<string, unknown> = { workspace: validate(WorkspaceSchema, network.workspace, 'snapshot') };
      for (const kind of RECORD_KINDS) {
        const list = network[RECORD_LISTS[kind]] ?? [];
        if (!Array.isArray(list)) return undefined;
        const records = list.map((json) => validate(RECORD_SCHEMAS[kind], json, 'snapshot'));
        if (new Set(records.map((record) => record.id)).size !== records.length) return undefined;
        parsed[RECORD_LISTS[kind]] = records;
      }
      const state = fromNetwork(parsed as unknown as Network, revision);
      if (states.has(state.workspace.id)) return undefined;
      states.set(state.workspace.id, state);
    }
    return states;
  } catch {
    return undefined;
  }
}

/** Workspaces and records in order, to compare two reads. */
const contents = (states: Map<string, WorkspaceState>) =>
  [...states].map(([id, state]) => [id, state.revision, state.workspace, RECORD_KINDS.map((kind) => [...state.records[kind]])]);

const read = (text: string) => readSnapshotBatches(Buffer.from(text, 'utf8'), 0);

/** A snapshot body as the store writes it. */
const bodyOf = (networks: readonly Network[]) =>
  `${JSON.stringify({ workspaces: networks.map((network, index) => ({ revision: index + 1, network })) })}\n`;

const networks = fc
  .uniqueArray(arbitraries.network({ maxContacts: 5 }), { minLength: 0, maxLength: 3, selector: (network) => network.workspace.id })
  .map((list) => list.map((network) => JSON.parse(JSON.stringify(network)) as Network));

describe('readSnapshotBatches', () => {
  test.prop([networks], { numRuns: 60 })('reads the writer’s layout exactly as the ordinary read does', (list) => {
    const text = bodyOf(list);
    const batches = read(text);
    expect(batches).toBeDefined();
    expect(contents(batches!)).toStrictEqual(contents(reference(text)!));
  });

  it('cuts long lists into batches at record boundaries, whatever the notes say', () => {
    const tricky = ['},{"id":"x', '}]}}', '}],"organizations":[', '\\"},{\\"id\\":\\"', 'é😀', ''];
    const [network] = fc.sample(arbitraries.network({ maxContacts: 8 }), { numRuns: 1, seed: 5 }) as [Network];
    const contacts = Array.from({ length: 3_000 }, (_, index) => ({
      id: `c-${index}`,
      name: `Contact ${index}`,
      tie: 'alumni',
      researchNotes: tricky[index % tricky.length]!.repeat(1 + (index % 40)),
      createdAt: '2026-01-01T00:00:00.000Z',
    }));
    const outcomes = [{ id: 'x-1', kind: 'offer', contactIds: ['c-1'], at: '2026-01-01T00:00:00.000Z', note: 'done }]}} here' }];
    const text = bodyOf([{ ...network, contacts, outcomes } as unknown as Network]);
    const expected = reference(text)!;
    const batches = read(text);
    // The note in the last list holds its end marker: stepping aside is right too.
    if (batches) expect(contents(batches)).toStrictEqual(contents(expected));
    const withoutMarker = bodyOf([{ ...network, contacts, outcomes: [] } as unknown as Network]);
    expect(contents(read(withoutMarker)!)).toStrictEqual(contents(reference(withoutMarker)!));
  });

  const edit = fc.record({
    at: fc.nat(),
    remove: fc.integer({ min: 0, max: 3 }),
    insert: fc.constantFrom('', ' ', '\n', ',', '"', '\\', '{', '}', '[', ']', '0', '1', 'x', ':', '},{"id":"', '}]}}', '"id":"c-1",', '"x":1,'),
  });
  test.prop([networks, fc.array(edit, { minLength: 1, maxLength: 3 })], { numRuns: 500, endOnFailure: true })(
    'on an edited body agrees with the ordinary read, or steps aside',
    (list, edits) => {
      let text = bodyOf(list);
      for (const { at, remove, insert } of edits) {
        const index = at % text.length;
        text = text.slice(0, index) + insert + text.slice(index + remove);
      }
      const batches = read(text);
      if (batches === undefined) return;
      // An edit may split a surrogate pair: read what the file would hold, as UTF-8.
      const expected = reference(Buffer.from(text, 'utf8').toString('utf8'));
      expect(expected, `read what the ordinary read refuses: ${text}`).toBeDefined();
      expect(contents(batches)).toStrictEqual(contents(expected!));
    },
  );
});

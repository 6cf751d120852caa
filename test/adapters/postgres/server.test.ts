// The server lane: what PGlite cannot show, on a real PostgreSQL server. Runs when
// REACHOUT_TEST_POSTGRES_URL is set (`bash .ci/run` starts a throwaway server, as does
// `bash scripts/postgres-test-server.sh run npx vitest run test/adapters/postgres`);
// without it every test here is reported as skipped, under a name that says why.
//
// One file on purpose: the restart test stops the server, so nothing else may use it
// meanwhile (vitest runs the tests of one file one after another).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonFileStore } from '../../../src/adapters/json/index.js';
import { createMemoryStore } from '../../../src/adapters/memory/index.js';
import { createPostgresStore, POSTGRES_SCHEMA_VERSION, type PostgresStore } from '../../../src/adapters/postgres/index.js';
import { copyStore, createPlaybook, fixedClock, StoreUnavailableError, type NetworkStore, type StoreOperation } from '../../../src/index.js';
import { describeStoreContract } from '../../../src/testing/index.js';
import { NOT_RUN, RESTART_NOT_RUN, SERVER_CTL, SERVER_URL, serverCtl, serverPool, startWorker } from './helpers.js';

if (!SERVER_URL) console.warn(`PostgreSQL server lane ${NOT_RUN}`);

// A prefix of this process's own, so two runs against one server never share a schema.
const prefix = `t${process.pid}_`;
let schemas = 0;
const nextSchema = (name: string) => `${prefix}${name}_${schemas++}`;

let pool: pg.Pool;
beforeAll(() => {
  if (SERVER_URL) pool = serverPool(8);
});
afterAll(async () => {
  if (!pool) return;
  const { rows } = await pool.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${prefix}%`]);
  for (const { nspname } of rows) await pool.query(`DROP SCHEMA "${nspname}" CASCADE`);
  await pool.end();
});

const CREATED = '2024-03-01T09:00:00Z';
const putWorkspace = (id: string): StoreOperation => ({ op: 'put-workspace', workspace: { id, name: `Seeker ${id}`, timeZone: 'Europe/Berlin', createdAt: CREATED } });
const putContact = (id: string, name = `Contact ${id}`): StoreOperation => ({ op: 'put', kind: 'contact', record: { id, name, tie: 'alumni', createdAt: CREATED } });

const lane = SERVER_URL ? 'PostgreSQL server' : `PostgreSQL server, ${NOT_RUN}`;

if (SERVER_URL) {
  describeStoreContract<PostgresStore>(
    'PostgreSQL store on a server, through a pg Pool',
    () => createPostgresStore({ pool, schema: nextSchema('contract') }),
    {
      teardown: async (store) => {
        await pool.query(`DROP SCHEMA "${store.schema}" CASCADE`);
      },
      reopen: async (store) => {
        await store.close();
        return createPostgresStore({ pool, schema: store.schema });
      },
    },
  );
} else {
  it.skip(`the store contract through a pg Pool: ${NOT_RUN}`, () => {});
}

describe.skipIf(!SERVER_URL)(lane, () => {
  it('4 processes × 250 attempts on one workspace through the Playbook: 0 lost updates, the count exact', { timeout: 600_000 }, async () => {
    const WRITERS = ['alpha', 'bravo', 'charlie', 'delta'];
    const ATTEMPTS = 250;
    const OUTREACHES = 50;
    const schema = nextSchema('writers');
    const store = await createPostgresStore({ pool, schema });
    const playbook = createPlaybook({ store, clock: fixedClock('2024-03-01T10:00:00Z') });
    await playbook.createWorkspace({ id: 'shared', name: 'Shared', timeZone: 'Europe/Berlin' });
    const seeker = playbook.workspace('shared');
    await seeker.addContact({ id: 'c', name: 'Everyone', tie: 'alumni' });
    for (let o = 0; o < OUTREACHES; o++) await seeker.startOutreach({ id: `o-${o}`, contactId: 'c', startedAt: '2024-03-01T10:00:00Z' });
    const setupRevision = (await store.getWorkspace('shared'))!.revision;

    const workers = WRITERS.map((name) => startWorker('playbookWriter.ts', [SERVER_URL!, schema, name, String(ATTEMPTS), String(OUTREACHES)]));
    await Promise.all(workers.map((worker) => worker.waitFor((line) => line === 'ready')));
    for (const worker of workers) worker.child.stdin!.write('go\n');
    const ends = await Promise.all(workers.map((worker) => worker.ended));
    ends.forEach((end, index) => expect(end, `${WRITERS[index]}: ${end.stderr}`).toMatchObject({ code: 0, signal: null }));

    const acknowledged = workers.flatMap((worker) => worker.lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice(4)));
    const conflicts = workers.reduce((sum, worker) => sum + Number(worker.lines.find((line) => line.startsWith('conflicts '))!.slice(10)), 0);
    const callerRetries = workers.reduce((sum, worker) => sum + worker.lines.filter((line) => line.startsWith('retry ')).length, 0);
    console.info(`${acknowledged.length} attempts acknowledged; ${conflicts} stale commits refused and retried by the Playbook; ${callerRetries} recorded again by the caller after 6 refusals`);
    expect(acknowledged).toHaveLength(WRITERS.length * ATTEMPTS);
    // The processes really raced: commits were refused as stale and retried.
    expect(conflicts).toBeGreaterThan(0);

    const { network, revision } = (await store.loadNetwork('shared'))!;
    const notes = network.outreaches.flatMap((outreach) => outreach.attempts.map((attempt) => attempt.note));
    // Every acknowledged attempt is there exactly once, and nothing else.
    expect(notes).toHaveLength(WRITERS.length * ATTEMPTS);
    expect([...notes].sort()).toEqual([...acknowledged].sort());
    expect(revision).toBe(setupRevision + WRITERS.length * ATTEMPTS);
  });

  it('a writer killed with SIGKILL in the middle of a commit leaves its change wholly there or wholly absent', { timeout: 600_000 }, async () => {
    const TRIALS = 12;
    const schema = nextSchema('killed');
    const store = await createPostgresStore({ pool, schema });
    await store.commit('victim', { expectedRevision: 0, operations: [putWorkspace('victim'), putContact('last', 'change 1')] });
    let inFlight = 0;
    let acknowledgedUpTo = 1;
    for (let trial = 0; trial < TRIALS; trial++) {
      const worker = startWorker('killedWriter.ts', [SERVER_URL!, schema]);
      // Let it commit a few changes, then kill it a random moment after it began one.
      const target = 1 + (trial % 3);
      await worker.waitFor((line) => line.startsWith('ack ') && worker.lines.filter((l) => l.startsWith('ack ')).length >= target);
      await worker.waitFor((line) => line.startsWith('begin ') && worker.lines.filter((l) => l.startsWith('begin ')).length > target);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 12)));
      worker.child.kill('SIGKILL');
      const end = await worker.ended;
      expect(end.signal).toBe('SIGKILL');
      if (worker.lines.at(-1)!.startsWith('begin ')) inFlight++;
      for (const line of worker.lines) if (line.startsWith('ack ')) acknowledgedUpTo = Math.max(acknowledgedUpTo, Number(line.slice(4)));

      // A fresh store reads what the server holds: every change up to its revision, whole; none after.
      const reader = await createPostgresStore({ pool, schema });
      const { network, revision } = (await reader.loadNetwork('victim'))!;
      expect(revision).toBeGreaterThanOrEqual(acknowledgedUpTo);
      const byChange = new Map<number, number>();
      for (const contact of network.contacts) {
        if (contact.id === 'last') continue;
        const change = Number(contact.id.split('-')[0]);
        byChange.set(change, (byChange.get(change) ?? 0) + 1);
      }
      for (let change = 2; change <= revision; change++) expect(byChange.get(change), `change ${change}`).toBe(200);
      expect(Math.max(...byChange.keys())).toBe(revision);
      expect(network.contacts.find((contact) => contact.id === 'last')?.name).toBe(`change ${revision}`);
      acknowledgedUpTo = revision;
    }
    console.info(`${inFlight} of ${TRIALS} kills landed while a commit was in flight`);
    // The test proves something only if kills did land mid-commit.
    expect(inFlight).toBeGreaterThan(0);
  });

  it('several processes migrating the same fresh schema at the same moment all succeed, and migrate it once', { timeout: 300_000 }, async () => {
    for (let round = 0; round < 3; round++) {
      const schema = nextSchema('race');
      const workers = Array.from({ length: 4 }, () => startWorker('migrator.ts', [SERVER_URL!, schema]));
      await Promise.all(workers.map((worker) => worker.waitFor((line) => line === 'ready')));
      for (const worker of workers) worker.child.stdin!.write('go\n');
      const ends = await Promise.all(workers.map((worker) => worker.ended));
      ends.forEach((end) => expect(end, end.stderr).toMatchObject({ code: 0, signal: null }));
      for (const worker of workers) expect(worker.lines).toContain('migrated');
      const { rows } = await pool.query(`SELECT "version" FROM "${schema}"."migrations" ORDER BY 1`);
      expect(rows).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
      const store = await createPostgresStore({ pool, schema, migrate: 'none' });
      expect(await store.commit('ada', { expectedRevision: 0, operations: [putWorkspace('ada')] })).toEqual({ revision: 1 });
    }
  });

  it('moves a JSON store to the server and back to memory, record for record', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'reachout-copy-server-'));
    try {
      const json = await createJsonFileStore({ path: directory });
      const playbook = createPlaybook({ store: json, clock: fixedClock('2026-03-10T15:00:00Z') });
      for (const id of ['ana', 'ben']) {
        await playbook.createWorkspace({ id, name: `Seeker ${id}`, timeZone: 'Europe/Berlin' });
        const seeker = playbook.workspace(id);
        await seeker.addContact({ id: 'c1', name: 'Léna Ørsted 😀', tie: 'alumni', emails: ['lena@example.org'] });
        await seeker.startOutreach({ id: 'o1', contactId: 'c1', startedAt: '2026-03-01T10:00:00Z' });
        await seeker.recordAttempt('o1', { channel: 'email', at: '2026-03-01T10:05:00Z' });
      }
      const dump = async (store: NetworkStore) => {
        const heads = await store.listWorkspaces();
        return { heads, networks: await Promise.all(heads.map((head) => store.loadNetwork(head.workspace.id))) };
      };
      const server = await createPostgresStore({ pool, schema: nextSchema('copy') });
      await copyStore(json, server);
      const memory = createMemoryStore();
      await copyStore(server, memory);
      const original = await dump(json);
      expect(await dump(server)).toEqual(original);
      expect(await dump(memory)).toEqual(original);
      await json.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  // Last: it stops the server.
  it.skipIf(!SERVER_CTL)(
    SERVER_CTL ? 'the server restarted between commits: a typed error while it is down, then it works again' : `server restart: ${RESTART_NOT_RUN}`,
    { timeout: 300_000 },
    async () => {
      const schema = nextSchema('restart');
      const store = await createPostgresStore({ pool, schema });
      await store.commit('ada', { expectedRevision: 0, operations: [putWorkspace('ada'), putContact('c1')] });
      serverCtl('stop');
      try {
        const write = await store.commit('ada', { expectedRevision: 1, operations: [putContact('c2')] }).catch((error: unknown) => error);
        expect(write).toBeInstanceOf(StoreUnavailableError);
        expect(write).toMatchObject({ code: 'store-unavailable', operation: 'commit', maybeCommitted: false });
        expect((write as Error).cause).toBeInstanceOf(Error);
        const read = await store.loadNetwork('ada').catch((error: unknown) => error);
        expect(read).toBeInstanceOf(StoreUnavailableError);
      } finally {
        serverCtl('start');
      }
      // The same store and pool go on: the refused change was not applied.
      expect(await store.commit('ada', { expectedRevision: 1, operations: [putContact('c3')] })).toEqual({ revision: 2 });
      const { network } = (await store.loadNetwork('ada'))!;
      expect(network.contacts.map((contact) => contact.id)).toEqual(['c1', 'c3']);
    },
  );
});

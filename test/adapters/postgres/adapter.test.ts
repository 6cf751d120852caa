// What the PostgreSQL store does beyond the contract, on PGlite in-process (no server):
// options checked first, the schema and its migrations, the user's connection left
// alone, damaged rows reported, and an unreachable database as a typed error.
import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresStore,
  POSTGRES_SCHEMA_VERSION,
  postgresMigrations,
  postgresSchemaSql,
  type PGliteDatabase,
  type PgPool,
} from '../../../src/adapters/postgres/index.js';
import { StoreCorruptedError, StoreUnavailableError, UnsupportedSchemaVersionError, ValidationError } from '../../../src/domain/errors.js';
import type { StoreOperation } from '../../../src/domain/ports.js';

let pglite: PGlite;
let schemas = 0;
const nextSchema = () => `adapter_${schemas++}`;

beforeAll(async () => {
  pglite = new PGlite();
  await pglite.waitReady;
}, 180_000);
afterAll(() => pglite.close());

const CREATED = '2026-03-02T08:00:00.000Z';
const putWorkspace = (id: string, name = `Seeker ${id}`): StoreOperation => ({ op: 'put-workspace', workspace: { id, name, timeZone: 'Europe/Berlin', createdAt: CREATED } });
const putContact = (id: string, name = `Contact ${id}`): StoreOperation => ({ op: 'put', kind: 'contact', record: { id, name, tie: 'alumni', createdAt: CREATED } });

const tables = async (schema: string) =>
  (await pglite.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema])).rows.map(
    (row) => row.table_name,
  );

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => expect.fail(`expected an error, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}

describe('PostgreSQL store: options', () => {
  it('takes a pg 8 Pool and a PGlite database as they are (the types need no cast)', () => {
    // Compiled by `npm run typecheck`: the structural types fit the real classes.
    const pool: PgPool = new pg.Pool({ max: 1 });
    const database: PGliteDatabase = pglite;
    expect(typeof pool.connect).toBe('function');
    expect(typeof database.transaction).toBe('function');
    return (pool as pg.Pool).end();
  });

  it('refuses bad and unknown options with a ValidationError naming each, before any statement runs', async () => {
    const cases: [unknown, string[]][] = [
      [undefined, ['(root)']],
      [{}, ['pool']],
      [{ pool: {}, schema: 'x' }, ['pool']],
      [{ pglite: { query() {} } }, ['pglite']],
      [{ pglite, pool: new pg.Pool() }, ['pglite']],
      [{ pglite, schema: 'has space' }, ['schema']],
      [{ pglite, schema: '1st' }, ['schema']],
      [{ pglite, schema: 'x'.repeat(64) }, ['schema']],
      [{ pglite, migrate: 'yes' }, ['migrate']],
      [{ pglite, shema: 'typo' }, ['shema']],
    ];
    for (const [options, paths] of cases) {
      const error = await caught(createPostgresStore(options as never));
      expect(error, JSON.stringify(paths)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(paths);
    }
    expect(await tables('x')).toEqual([]);
  });
});

describe('PostgreSQL store: schema and migrations', () => {
  it('creates its tables in the schema it is given, every name quoted (case kept)', async () => {
    const schema = `Mixed_Case_${schemas++}`;
    const store = await createPostgresStore({ pglite, schema });
    expect(store.schema).toBe(schema);
    expect(await tables(schema)).toEqual(['migrations', 'records', 'workspaces']);
    expect(await tables(schema.toLowerCase())).toEqual([]);
    const versions = await pglite.query<{ version: number }>(`SELECT "version" FROM "${schema}"."migrations"`);
    expect(versions.rows).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
  });

  it('keeps two schemas in one database apart', async () => {
    const a = await createPostgresStore({ pglite, schema: nextSchema() });
    const b = await createPostgresStore({ pglite, schema: nextSchema() });
    await a.commit('ada', { expectedRevision: 0, operations: [putWorkspace('ada'), putContact('c1')] });
    expect(await b.listWorkspaces()).toEqual([]);
    expect(await b.getWorkspace('ada')).toBeUndefined();
  });

  it('opens a migrated schema again without migrating, and two openings at once both succeed', async () => {
    const schema = nextSchema();
    const [first, second] = await Promise.all([createPostgresStore({ pglite, schema }), createPostgresStore({ pglite, schema })]);
    await first.commit('ada', { expectedRevision: 0, operations: [putWorkspace('ada')] });
    expect((await second.getWorkspace('ada'))?.revision).toBe(1);
    const versions = await pglite.query(`SELECT "version" FROM "${schema}"."migrations"`);
    expect(versions.rows).toHaveLength(1);
  });

  it('refuses a database migrated by a newer reachout with UnsupportedSchemaVersionError, and changes nothing', async () => {
    const schema = nextSchema();
    await createPostgresStore({ pglite, schema });
    await pglite.query(`INSERT INTO "${schema}"."migrations" ("version", "description") VALUES ($1, 'from the future')`, [POSTGRES_SCHEMA_VERSION + 1]);
    for (const migrate of ['auto', 'none'] as const) {
      const error = await caught(createPostgresStore({ pglite, schema, migrate }));
      expect(error).toBeInstanceOf(UnsupportedSchemaVersionError);
      expect(error).toMatchObject({ code: 'unsupported-schema-version', found: POSTGRES_SCHEMA_VERSION + 1, supported: POSTGRES_SCHEMA_VERSION });
      expect((error as Error).message).toContain('Upgrade reachout');
    }
    expect((await pglite.query(`SELECT count(*)::int AS n FROM "${schema}"."migrations"`)).rows).toEqual([{ n: 2 }]);
  });

  it("with migrate: 'none', creates nothing and asks for the migrations on an empty database", async () => {
    const schema = nextSchema();
    const error = await caught(createPostgresStore({ pglite, schema, migrate: 'none' }));
    expect(error).toBeInstanceOf(UnsupportedSchemaVersionError);
    expect(error).toMatchObject({ found: 0, supported: POSTGRES_SCHEMA_VERSION });
    expect((error as Error).message).toContain('Apply its migrations');
    expect((await pglite.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rows).toEqual([]);
  });

  it("opens with migrate: 'none' once the exported SQL has been run by the app's own tool", async () => {
    const schema = nextSchema();
    const sql = postgresSchemaSql({ schema });
    expect(sql).toContain(`CREATE TABLE "${schema}"."records"`);
    expect(sql).not.toMatch(/search_path/i);
    await pglite.exec(sql);
    const store = await createPostgresStore({ pglite, schema, migrate: 'none' });
    expect(await store.commit('ada', { expectedRevision: 0, operations: [putWorkspace('ada')] })).toEqual({ revision: 1 });
    expect(postgresMigrations({ schema }).map((m) => m.version)).toEqual([POSTGRES_SCHEMA_VERSION]);
    // The store would have made the same tables itself.
    expect(await tables(schema)).toEqual(['migrations', 'records', 'workspaces']);
  });

  it('holds a record kind CHECK: a row of an unknown kind cannot be written by any tool', async () => {
    const schema = nextSchema();
    const store = await createPostgresStore({ pglite, schema });
    await store.commit('ada', { expectedRevision: 0, operations: [putWorkspace('ada')] });
    const error = await caught(pglite.query(`INSERT INTO "${schema}"."records" ("workspace_id", "kind", "id", "body") VALUES ('ada', 'pet', 'p1', '{}')`));
    expect(String(error)).toMatch(/check constraint/);
  });
});

describe('PostgreSQL store: reading', () => {
  it('lists records in the order they were first put, as the other stores do', async () => {
    const store = await createPostgresStore({ pglite, schema: nextSchema() });
    await store.commit('ada', { expectedRevision: 0, operations: [putWorkspace('ada'), putContact('zed'), putContact('amy'), putContact('kim')] });
    await store.commit('ada', { expectedRevision: 1, operations: [putContact('amy', 'Amy again'), putContact('bob'), { op: 'delete', kind: 'contact', id: 'zed' }, putContact('zed')] });
    const { network } = (await store.loadNetwork('ada'))!;
    expect(network.contacts.map((contact) => `${contact.id} ${contact.name}`)).toEqual(['amy Amy again', 'kim Contact kim', 'bob Contact bob', 'zed Contact zed']);
  });

  it('reports a row changed by another tool into something invalid as StoreCorruptedError naming the record', async () => {
    const schema = nextSchema();
    const store = await createPostgresStore({ pglite, schema });
    await store.commit('ada', { expectedRevision: 0, operations: [putWorkspace('ada'), putContact('c1')] });
    await pglite.query(`UPDATE "${schema}"."records" SET "body" = jsonb_set("body", '{tie}', '"pen-pal"')`);
    for (const read of [() => store.getRecord('ada', 'contact', 'c1'), () => store.loadNetwork('ada')]) {
      const error = await caught(read());
      expect(error).toBeInstanceOf(StoreCorruptedError);
      expect((error as Error).message).toContain('workspace "ada", contact "c1"');
      expect((error as Error).message).toContain('tie');
    }
  });

  it('answers ids that no store can keep with undefined, without asking the database', async () => {
    const store = await createPostgresStore({ pglite, schema: nextSchema() });
    await store.commit('ada', { expectedRevision: 0, operations: [putWorkspace('ada'), putContact('c1')] });
    expect(await store.getWorkspace('ada\u0000')).toBeUndefined();
    expect(await store.loadNetwork('a\uD800')).toBeUndefined();
    expect(await store.getRecord('ada', 'contact', 'c1\u0000')).toBeUndefined();
    expect(await store.getRecord('ada', 'pet' as 'contact', 'c1')).toBeUndefined();
  });
});

describe('PostgreSQL store: the connection is the app’s', () => {
  it('close() leaves the PGlite database open, and a new store over it sees everything', async () => {
    const schema = nextSchema();
    const store = await createPostgresStore({ pglite, schema });
    await store.commit('ada', { expectedRevision: 0, operations: [putWorkspace('ada')] });
    await store.close();
    expect(pglite.closed).toBe(false);
    expect((await (await createPostgresStore({ pglite, schema })).getWorkspace('ada'))?.revision).toBe(1);
  });

  it('reports a database that cannot be reached as StoreUnavailableError with the driver’s error as cause', async () => {
    // A port nobody listens on: taken, then freed.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const pool = new pg.Pool({ host: '127.0.0.1', port, user: 'nobody', database: 'none', connectionTimeoutMillis: 5_000 });
    try {
      const error = await caught(createPostgresStore({ pool }));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ code: 'store-unavailable', maybeCommitted: false });
      expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await pool.end();
    }
  });

  it('reports a PGlite database closed under it as StoreUnavailableError, never a bare error', async () => {
    const own = new PGlite();
    const store = await createPostgresStore({ pglite: own });
    await store.commit('ada', { expectedRevision: 0, operations: [putWorkspace('ada')] });
    await own.close();
    const read = await caught(store.getWorkspace('ada'));
    expect(read).toBeInstanceOf(StoreUnavailableError);
    const write = await caught(store.commit('ada', { expectedRevision: 1, operations: [putContact('c1')] }));
    expect(write).toBeInstanceOf(StoreUnavailableError);
  }, 120_000);
});

// The store's tables and their migrations: a versioned list in code, applied in one
// transaction under a transaction-scoped advisory lock (as pg-boss does), and the same
// SQL as text for teams that run their own migration tool.
import { UnsupportedSchemaVersionError, ValidationError } from '../../domain/errors.js';
import { RECORD_KINDS } from '../../domain/records.js';
import type { Database, Session } from './connection.js';

/** The schema (PostgreSQL namespace) the store uses unless told otherwise. */
export const DEFAULT_POSTGRES_SCHEMA = 'reachout';

/** A schema name the store accepts: a letter or `_`, then letters, digits or `_`; at most 63 characters. */
export const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** What {@link SCHEMA_NAME} asks, in words. */
export const SCHEMA_RULE = 'a schema name: a letter or "_", then letters, digits or "_", at most 63 characters';

/** Quotes an SQL identifier, so its case and any keyword stay as written. */
export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Every table of a schema, quoted and qualified. */
export interface Tables {
  readonly schema: string;
  readonly migrations: string;
  readonly workspaces: string;
  readonly records: string;
}

/** The quoted, schema-qualified names of the store's tables in `schema`. */
export function tablesOf(schema: string): Tables {
  const s = quoteIdentifier(schema);
  return { schema: s, migrations: `${s}."migrations"`, workspaces: `${s}."workspaces"`, records: `${s}."records"` };
}

interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: (tables: Tables) => readonly string[];
}

const kinds = RECORD_KINDS.map((kind) => `'${kind}'`).join(', ');

// Append only: a released migration is never edited, a change is a new version.
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'workspaces and their records',
    statements: (t) => [
      `CREATE TABLE ${t.workspaces} (
  "id" text PRIMARY KEY,
  "settings" jsonb NOT NULL,
  "revision" integer NOT NULL CHECK ("revision" >= 1)
)`,
      `CREATE TABLE ${t.records} (
  "workspace_id" text NOT NULL REFERENCES ${t.workspaces} ("id") ON DELETE CASCADE,
  "kind" text NOT NULL CHECK ("kind" IN (${kinds})),
  "id" text NOT NULL,
  "body" jsonb NOT NULL,
  -- the order records were first put, which loadNetwork keeps
  "position" bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY ("workspace_id", "kind", "id")
)`,
    ],
  },
];

/** The schema version this reachout writes and reads: the last migration's. */
export const POSTGRES_SCHEMA_VERSION: number = MIGRATIONS.at(-1)!.version;

const migrationsTable = (t: Tables) => `CREATE TABLE IF NOT EXISTS ${t.migrations} (
  "version" integer PRIMARY KEY,
  "description" text NOT NULL,
  "applied_at" timestamptz NOT NULL DEFAULT now()
)`;

const recordMigration = (t: Tables) => `INSERT INTO ${t.migrations} ("version", "description") VALUES ($1, $2)`;

/** One migration as SQL text a migration tool can run. */
export interface PostgresMigration {
  readonly version: number;
  readonly description: string;
  /** Statements ending in `;`, the last of which records the version in the `migrations` table. */
  readonly sql: string;
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * reachout's migrations for `schema` (default `reachout`), oldest first, as SQL text:
 * for teams that run their own migration tool and open the store with
 * `migrate: 'none'`. Each one records its version in `"<schema>"."migrations"`, which
 * must exist first (see {@link postgresSchemaSql}, which creates it).
 */
export function postgresMigrations(options: { readonly schema?: string } = {}): PostgresMigration[] {
  const t = tablesOf(checkedSchema(options.schema));
  return MIGRATIONS.map(({ version, description, statements }) => ({
    version,
    description,
    sql: [...statements(t), `INSERT INTO ${t.migrations} ("version", "description") VALUES (${version}, ${literal(description)})`]
      .map((statement) => `${statement};`)
      .join('\n'),
  }));
}

/**
 * The whole schema as one SQL text, from nothing to {@link POSTGRES_SCHEMA_VERSION}: the
 * schema, the `migrations` table and every migration. Run it once (in a transaction) in
 * your own tool, then open the store with `migrate: 'none'`.
 */
export function postgresSchemaSql(options: { readonly schema?: string } = {}): string {
  const schema = checkedSchema(options.schema);
  const t = tablesOf(schema);
  return [`CREATE SCHEMA IF NOT EXISTS ${t.schema};`, `${migrationsTable(t)};`, ...postgresMigrations({ schema }).map((m) => m.sql)].join('\n');
}

function checkedSchema(schema: string | undefined): string {
  const name = schema ?? DEFAULT_POSTGRES_SCHEMA;
  // Quoting makes any name safe in SQL; the narrow shape keeps it one a person can type in psql.
  if (typeof name !== 'string' || !SCHEMA_NAME.test(name)) throw new ValidationError('PostgreSQL options', [{ path: 'schema', message: SCHEMA_RULE }]);
  return name;
}

const versionOf = (rows: readonly Record<string, unknown>[]) => Number(rows[0]?.version ?? 0);

/**
 * The schema version of `schema` in the database: 0 when reachout's tables are not
 * there. Reads without a lock: migrations commit whole, so it sees all of one or none.
 */
async function installedVersion(db: Database, schema: string): Promise<number> {
  const t = tablesOf(schema);
  const found = await db.run('open', 'SELECT to_regclass($1) IS NOT NULL AS "present"', [t.migrations]);
  if (found.rows[0]?.present !== true) return 0;
  return versionOf((await db.run('open', `SELECT max("version") AS "version" FROM ${t.migrations}`)).rows);
}

/** Applies every pending migration inside `session`'s transaction, under the schema's advisory lock. */
async function applyMigrations(session: Session, schema: string, label: string): Promise<void> {
  const t = tablesOf(schema);
  // Held until the transaction ends: a second migrator waits here, then finds the work done.
  await session.run('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`reachout migrations of schema ${schema}`]);
  const namespace = await session.run('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  // Only when missing: CREATE SCHEMA needs a privilege an app's role may lack.
  if (namespace.rows.length === 0) await session.run(`CREATE SCHEMA ${t.schema}`);
  await session.run(migrationsTable(t));
  // READ COMMITTED: this statement sees what a migrator before us committed.
  const installed = versionOf((await session.run(`SELECT max("version") AS "version" FROM ${t.migrations}`)).rows);
  if (installed > POSTGRES_SCHEMA_VERSION) throw new UnsupportedSchemaVersionError(label, installed, POSTGRES_SCHEMA_VERSION);
  for (const migration of MIGRATIONS) {
    if (migration.version <= installed) continue;
    for (const statement of migration.statements(t)) await session.run(statement);
    await session.run(recordMigration(t), [migration.version, migration.description]);
  }
}

/**
 * Brings `schema` to {@link POSTGRES_SCHEMA_VERSION} (`migrate: 'auto'`) or checks that
 * it is there (`'none'`). Throws `UnsupportedSchemaVersionError` for a database of a
 * newer reachout, or one not migrated yet when migrations are left to the app.
 */
export async function prepareSchema(db: Database, schema: string, migrate: 'auto' | 'none', label: string): Promise<void> {
  const installed = await installedVersion(db, schema);
  if (installed === POSTGRES_SCHEMA_VERSION) return;
  if (installed > POSTGRES_SCHEMA_VERSION || migrate === 'none') {
    throw new UnsupportedSchemaVersionError(label, installed, POSTGRES_SCHEMA_VERSION);
  }
  await db.transaction('migrate', 'write', (session) => applyMigrations(session, schema, label));
}

// `reachout/adapters/postgres`: the store on PostgreSQL, over the app's own connection
// (a node-postgres pool, or PGlite in-process), like emmett-postgresql and pg-boss.
import { ConflictError, StoreClosedError, StoreCorruptedError, ValidationError, type FieldIssue } from '../../domain/errors.js';
import type { WorkspaceId } from '../../domain/ids.js';
import type { Network } from '../../domain/network.js';
import type { NetworkSnapshot, NetworkStore, RecordKind, RecordTypes, StoreChange, ValidatedOperation, WorkspaceHead } from '../../domain/ports.js';
import { emptyNetwork, RECORD_LISTS, RECORD_SCHEMAS } from '../../domain/records.js';
import { readStoredRecord } from '../storedRecords.js';
import { isStorableText, validate } from '../../domain/validate.js';
import { WorkspaceSchema, type Workspace } from '../../domain/workspace.js';
import { checkChange, isRecordKind, requireIds, validateChange } from '../workspaceState.js';
import { pgliteDatabase, poolDatabase, type Database, type PGliteDatabase, type PgPool, type Session } from './connection.js';
import { DEFAULT_POSTGRES_SCHEMA, prepareSchema, SCHEMA_NAME, SCHEMA_RULE, tablesOf } from './schema.js';

export type { PGliteDatabase, PGliteTransaction, PgPool, PgPoolClient, SqlResult } from './connection.js';
export { DEFAULT_POSTGRES_SCHEMA, POSTGRES_SCHEMA_VERSION, postgresMigrations, postgresSchemaSql, type PostgresMigration } from './schema.js';

/** Options of {@link createPostgresStore} besides the connection. */
export interface PostgresStoreSettings {
  /**
   * The PostgreSQL schema (namespace) holding the store's tables, default `reachout`:
   * a letter or `_`, then letters, digits or `_`, at most 63 characters. Every
   * statement names it; the store never sets `search_path`.
   */
  readonly schema?: string;
  /**
   * `auto` (default): on opening, apply any pending migration, in one transaction under
   * an advisory lock (app servers starting together all succeed). `none`: only check
   * that the schema is at {@link POSTGRES_SCHEMA_VERSION}, for teams that run
   * reachout's SQL ({@link postgresSchemaSql}, {@link postgresMigrations}) with their
   * own migration tool; an older schema is `UnsupportedSchemaVersionError`.
   */
  readonly migrate?: 'auto' | 'none';
}

/**
 * Options of {@link createPostgresStore}: your connection, either a node-postgres
 * (`pg` 8) `Pool` or an in-process PGlite database, and the settings.
 */
export type PostgresStoreOptions = PostgresStoreSettings &
  (
    | {
        /** Your node-postgres `Pool`; its lifetime is yours (`close()` does not end it). */
        readonly pool: PgPool;
        readonly pglite?: undefined;
      }
    | {
        /** Your PGlite database; its lifetime is yours (`close()` does not close it). */
        readonly pglite: PGliteDatabase;
        readonly pool?: undefined;
      }
  );

/** The PostgreSQL store: the port, and the schema it uses. */
export interface PostgresStore extends NetworkStore {
  /** The PostgreSQL schema holding the store's tables. */
  readonly schema: string;
}

const OPTION_NAMES = new Set(['pool', 'pglite', 'schema', 'migrate']);

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const hasMethods = (value: unknown, names: readonly string[]) =>
  typeof value === 'object' && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

/** Throws `ValidationError` naming every bad or unknown option, before any statement runs. */
function checkOptions(options: unknown): PostgresStoreOptions {
  const subject = 'PostgreSQL store options';
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError(subject, [{ path: '(root)', message: `expected { pool } or { pglite }, got ${shown(options)}` }]);
  }
  const input = options as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const { pool, pglite, schema, migrate } = input;
  if (pool === undefined && pglite === undefined) {
    issues.push({ path: 'pool', message: 'required: pass your pg Pool as { pool }, or a PGlite database as { pglite }' });
  } else if (pool !== undefined && pglite !== undefined) {
    issues.push({ path: 'pglite', message: 'pass either pool or pglite, not both' });
  } else if (pool !== undefined && !hasMethods(pool, ['connect'])) {
    issues.push({ path: 'pool', message: `expected a pg Pool (an object with connect()), got ${shown(pool)}` });
  } else if (pglite !== undefined && !hasMethods(pglite, ['query', 'transaction'])) {
    issues.push({ path: 'pglite', message: `expected a PGlite database (with query() and transaction()), got ${shown(pglite)}` });
  }
  if (schema !== undefined && (typeof schema !== 'string' || !SCHEMA_NAME.test(schema))) {
    issues.push({ path: 'schema', message: `expected ${SCHEMA_RULE}, got ${shown(schema)}` });
  }
  if (migrate !== undefined && migrate !== 'auto' && migrate !== 'none') {
    issues.push({ path: 'migrate', message: `expected "auto" or "none", got ${shown(migrate)}` });
  }
  for (const key of Object.keys(input)) if (!OPTION_NAMES.has(key)) issues.push({ path: key, message: 'unknown option' });
  if (issues.length > 0) throw new ValidationError(subject, issues);
  return options as PostgresStoreOptions;
}

/** A run of puts (each key once) or of deletes: one statement each, in the change's order. */
type Step =
  | { readonly op: 'put'; readonly kinds: string[]; readonly ids: string[]; readonly bodies: string[]; readonly keys: Set<string> }
  | { readonly op: 'delete'; readonly kinds: string[]; readonly ids: string[] };

function stepsOf(operations: readonly ValidatedOperation[]): Step[] {
  const steps: Step[] = [];
  for (const operation of operations) {
    if (operation.op === 'put-workspace') continue;
    const last = steps.at(-1);
    if (operation.op === 'delete') {
      if (last?.op === 'delete') {
        last.kinds.push(operation.kind);
        last.ids.push(operation.id);
      } else steps.push({ op: 'delete', kinds: [operation.kind], ids: [operation.id] });
      continue;
    }
    const key = `${operation.kind}:${operation.record.id}`;
    // A record put twice in a run starts a new statement: one upsert cannot touch a row twice.
    const step = last?.op === 'put' && !last.keys.has(key) ? last : undefined;
    // Dates are written as ISO strings, exactly as the schemas read them back.
    const body = JSON.stringify(operation.record);
    if (step) {
      step.kinds.push(operation.kind);
      step.ids.push(operation.record.id);
      step.bodies.push(body);
      step.keys.add(key);
    } else steps.push({ op: 'put', kinds: [operation.kind], ids: [operation.record.id], bodies: [body], keys: new Set([key]) });
  }
  return steps;
}

/**
 * Opens the reachout store in a PostgreSQL database over your connection:
 * `createPostgresStore({ pool })` with a node-postgres (`pg` 8) `Pool`, or
 * `createPostgresStore({ pglite })` with an in-process PGlite database. Bad options
 * are a `ValidationError` before any statement runs; then the schema is migrated (or
 * checked, with `migrate: 'none'`). Each commit is one READ COMMITTED transaction
 * guarded by the workspace's revision; each `loadNetwork` is one statement, so one
 * snapshot. A database that cannot be reached is `StoreUnavailableError`, another
 * database error `StoreIoError`, each with the driver's error as `cause`.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const { pool, pglite, schema = DEFAULT_POSTGRES_SCHEMA, migrate = 'auto' } = checkOptions(options);
  const label = `postgres schema "${schema}"`;
  const db: Database = pool ? poolDatabase(pool, label) : pgliteDatabase(pglite!, label);
  const t = tablesOf(schema);
  await prepareSchema(db, schema, migrate, label);

  let closed = false;
  const open = () => {
    if (closed) throw new StoreClosedError(`PostgreSQL store (${label})`);
  };

  const corrupted = (where: string, error: unknown): never => {
    if (!(error instanceof ValidationError)) throw error;
    const detail = error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new StoreCorruptedError(`postgres table ${t.records}`, error.issues[0]?.path ?? where, `fails validation: ${detail}`, { cause: error });
  };

  const parseSettings = (id: unknown, text: unknown): Workspace => {
    const where = `workspace "${String(id)}"`;
    let workspace: Workspace;
    try {
      workspace = validate(WorkspaceSchema, JSON.parse(String(text)), 'stored workspace', `${where}.settings`);
    } catch (error) {
      if (error instanceof SyntaxError) throw new StoreCorruptedError(`postgres table ${t.workspaces}`, where, 'settings are not JSON', { cause: error });
      return corrupted(where, error);
    }
    if (workspace.id !== id) throw new StoreCorruptedError(`postgres table ${t.workspaces}`, where, `settings name the workspace "${workspace.id}"`);
    return workspace;
  };

  const parseRecord = <K extends RecordKind>(workspaceId: string, kind: K, id: unknown, text: unknown): RecordTypes[K] => {
    const where = `workspace "${workspaceId}", ${kind} "${String(id)}"`;
    let record: RecordTypes[K];
    try {
      const json: unknown = JSON.parse(String(text));
      // The plain reader gives exactly what the schema gives, or steps aside for the schema to judge.
      record = readStoredRecord(kind, json) ?? validate(RECORD_SCHEMAS[kind], json, 'stored record', where);
    } catch (error) {
      if (error instanceof SyntaxError) throw new StoreCorruptedError(`postgres table ${t.records}`, where, 'not JSON', { cause: error });
      return corrupted(where, error);
    }
    if (record.id !== id) throw new StoreCorruptedError(`postgres table ${t.records}`, where, `the record's own id is "${record.id}"`);
    return record;
  };

  const revisionOf = async (session: Session, workspaceId: string): Promise<number> => {
    const { rows } = await session.run(`SELECT "revision" FROM ${t.workspaces} WHERE "id" = $1`, [workspaceId]);
    return rows.length === 0 ? 0 : Number(rows[0]!.revision);
  };

  const applySteps = async (session: Session, workspaceId: string, steps: readonly Step[]) => {
    for (const step of steps) {
      if (step.op === 'put') {
        await session.run(
          `INSERT INTO ${t.records} ("workspace_id", "kind", "id", "body")
SELECT $1, "r"."kind", "r"."id", "r"."body"::jsonb
FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS "r" ("kind", "id", "body", "n")
ORDER BY "r"."n"
ON CONFLICT ("workspace_id", "kind", "id") DO UPDATE SET "body" = EXCLUDED."body"`,
          [workspaceId, step.kinds, step.ids, step.bodies],
        );
      } else {
        await session.run(
          `DELETE FROM ${t.records}
WHERE "workspace_id" = $1 AND ("kind", "id") IN (SELECT "d"."kind", "d"."id" FROM unnest($2::text[], $3::text[]) AS "d" ("kind", "id"))`,
          [workspaceId, step.kinds, step.ids],
        );
      }
    }
  };

  return {
    schema,

    async listWorkspaces(): Promise<WorkspaceHead[]> {
      open();
      // COLLATE "C": ids sort as JavaScript compares them, whatever the database's locale.
      const { rows } = await db.run(
        'listWorkspaces',
        `SELECT "id", "settings"::text AS "settings", "revision" FROM ${t.workspaces} ORDER BY "id" COLLATE "C"`,
      );
      return rows.map((row) => ({ workspace: parseSettings(row.id, row.settings), revision: Number(row.revision) }));
    },

    async getWorkspace(workspaceId) {
      open();
      requireIds({ workspaceId });
      // Text no store can keep cannot name a workspace; PostgreSQL would refuse to compare it.
      if (!isStorableText(workspaceId)) return undefined;
      const { rows } = await db.run('getWorkspace', `SELECT "settings"::text AS "settings", "revision" FROM ${t.workspaces} WHERE "id" = $1`, [workspaceId]);
      const row = rows[0];
      return row && { workspace: parseSettings(workspaceId, row.settings), revision: Number(row.revision) };
    },

    async getRecord<K extends RecordKind>(workspaceId: WorkspaceId, kind: K, id: string): Promise<RecordTypes[K] | undefined> {
      open();
      requireIds({ workspaceId, id });
      if (!isRecordKind(kind) || !isStorableText(workspaceId) || !isStorableText(id)) return undefined;
      const { rows } = await db.run(
        'getRecord',
        `SELECT "body"::text AS "body" FROM ${t.records} WHERE "workspace_id" = $1 AND "kind" = $2 AND "id" = $3`,
        [workspaceId, kind, id],
      );
      return rows[0] && parseRecord(workspaceId, kind, id, rows[0].body);
    },

    async loadNetwork(workspaceId): Promise<NetworkSnapshot | undefined> {
      open();
      requireIds({ workspaceId });
      if (!isStorableText(workspaceId)) return undefined;
      // One statement, so one snapshot: the settings, the revision and every record agree.
      const { rows } = await db.run(
        'loadNetwork',
        `SELECT 0 AS "part", NULL::bigint AS "position", NULL::text AS "kind", NULL::text AS "id", "settings"::text AS "body", "revision"
FROM ${t.workspaces} WHERE "id" = $1
UNION ALL
SELECT 1, "position", "kind", "id", "body"::text, NULL FROM ${t.records} WHERE "workspace_id" = $1
ORDER BY 1, 2`,
        [workspaceId],
      );
      const [head, ...records] = rows;
      if (!head || Number(head.part) !== 0) return undefined;
      const network: Network = emptyNetwork(parseSettings(workspaceId, head.body));
      for (const row of records) {
        const kind = row.kind;
        if (!isRecordKind(kind)) throw new StoreCorruptedError(`postgres table ${t.records}`, `workspace "${workspaceId}"`, `unknown kind ${shown(kind)}`);
        (network[RECORD_LISTS[kind]] as unknown[]).push(parseRecord(workspaceId, kind, row.id, row.body));
      }
      return { network, revision: Number(head.revision) };
    },

    async commit(workspaceId: WorkspaceId, change: StoreChange): Promise<{ revision: number }> {
      open();
      requireIds({ workspaceId });
      // Everything is checked before BEGIN: a bad change never reaches the database.
      const operations = validateChange(workspaceId, change);
      const expected = change.expectedRevision;
      let settings: Workspace | undefined;
      for (const operation of operations) if (operation.op === 'put-workspace') settings = operation.workspace;
      const settingsText = settings === undefined ? null : JSON.stringify(settings);
      const steps = stepsOf(operations);
      const subject = `workspace "${workspaceId}"`;

      return db.transaction('commit', 'write', async (session) => {
        // The revision guard is a row count, never a database error: the first writer's
        // UPDATE (or INSERT) holds the row until it commits; a second one based on the
        // same revision then finds no row to change.
        const guarded =
          expected === 0
            ? settingsText === null
              ? { count: 0 }
              : await session.run(
                  `INSERT INTO ${t.workspaces} ("id", "settings", "revision") VALUES ($1, $2::jsonb, 1) ON CONFLICT ("id") DO NOTHING`,
                  [workspaceId, settingsText],
                )
            : await session.run(
                `UPDATE ${t.workspaces} SET "revision" = "revision" + 1, "settings" = COALESCE($3::jsonb, "settings")
WHERE "id" = $1 AND "revision" = $2::bigint`,
                [workspaceId, expected, settingsText],
              );
        if (guarded.count === 0) {
          const actual = await revisionOf(session, workspaceId);
          if (actual !== expected) throw new ConflictError(subject, expected, actual);
          // Revision 0 and no put-workspace: the workspace must be created first.
          checkChange(undefined, workspaceId, expected, operations);
        }
        await applySteps(session, workspaceId, steps);
        return { revision: expected + 1 };
      });
    },

    async close() {
      // The connection is the app's: nothing to end, only this store to retire.
      closed = true;
    },
  };
}

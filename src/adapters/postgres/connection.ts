// The two connections the PostgreSQL store takes, typed by the calls it makes (no
// import of `pg` or PGlite: the app brings its own), behind one small seam: a
// statement, and a transaction at a stated isolation level. Driver errors become
// reachout errors here, once.
import { ReachoutError, StoreIoError, StoreUnavailableError } from '../../domain/errors.js';

/** What a query answers, as node-postgres and PGlite both give it. */
export interface SqlResult {
  readonly rows: readonly unknown[];
}

/** The part of a node-postgres (`pg` 8) `PoolClient` the store uses. */
export interface PgPoolClient {
  query(text: string, values?: unknown[]): Promise<SqlResult & { readonly rowCount: number | null }>;
  /** Returns the client to its pool; with an error (or `true`), the pool drops the connection instead. */
  release(error?: Error | boolean): void;
  /** While the store holds a client it listens for its `error` event (the pool listens only to idle ones). */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  /** Stops listening when the client goes back to the pool. */
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * The part of a node-postgres (`pg` 8) `Pool` the store uses: pass your own
 * `new Pool(…)`. The store checks a client out per call and returns it; it never ends
 * the pool.
 */
export interface PgPool {
  connect(): Promise<PgPoolClient>;
}

/** The part of a PGlite transaction the store uses. */
export interface PGliteTransaction {
  query(text: string, params?: unknown[]): Promise<SqlResult & { readonly affectedRows?: number; readonly rowCount?: number }>;
}

/**
 * The part of a PGlite database (`@electric-sql/pglite`) the store uses: pass your own
 * `new PGlite(…)`. Used through PGlite's own `query` and `transaction`; the store never
 * closes it.
 */
export interface PGliteDatabase {
  query(text: string, params?: unknown[]): Promise<SqlResult & { readonly affectedRows?: number; readonly rowCount?: number }>;
  transaction<T>(callback: (tx: PGliteTransaction) => Promise<T>): Promise<T>;
}

/** One statement's rows and how many rows it changed (or returned). */
export interface Rows {
  readonly rows: readonly Record<string, unknown>[];
  readonly count: number;
}

/** Runs statements on one connection (inside a transaction). */
export interface Session {
  run(sql: string, params?: readonly unknown[]): Promise<Rows>;
}

/** `write`: READ COMMITTED, for commits and migrations. `snapshot`: REPEATABLE READ, READ ONLY. */
export type Isolation = 'write' | 'snapshot';

/** A database the store talks to, whoever owns the connection. */
export interface Database {
  /** One statement on its own (one statement always sees one snapshot). */
  run(operation: string, sql: string, params?: readonly unknown[]): Promise<Rows>;
  /** `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(operation: string, isolation: Isolation, work: (session: Session) => Promise<T>): Promise<T>;
}

const ISOLATION: Record<Isolation, string> = {
  write: 'ISOLATION LEVEL READ COMMITTED, READ WRITE',
  snapshot: 'ISOLATION LEVEL REPEATABLE READ, READ ONLY',
};

// Errors of the socket, of the server going away, or of a pool or database already
// closed: the database cannot be reached, not a statement refused.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOENT', // a Unix socket that is not there
]);
// SQLSTATE class 08 (connection exception); 57P01–57P03 (the server shutting down,
// crashed or starting); 53300 (too many connections).
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_MESSAGES =
  /connection terminated|connection error|not queryable|timeout exceeded when trying to connect|cannot use a pool after calling end|client was closed|pglite is closed|database is closed/i;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether `error` says the database cannot be reached (rather than refusing a statement). */
export function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = codeOf(error);
  if (code !== undefined && (SOCKET_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
  if (error instanceof AggregateError && error.errors.some(isUnavailable)) return true;
  return error instanceof Error && UNAVAILABLE_MESSAGES.test(error.message);
}

/** A driver's error as a reachout error; reachout's own errors pass through. */
function translate(error: unknown, store: string, operation: string, maybeCommitted: boolean): Error {
  if (error instanceof ReachoutError) return error;
  if (isUnavailable(error)) return new StoreUnavailableError(store, operation, maybeCommitted, { cause: error });
  return new StoreIoError(operation, store, codeOf(error), { cause: error });
}

const countOf = (result: { readonly rows: readonly unknown[]; readonly rowCount?: number | null; readonly affectedRows?: number }) =>
  result.rowCount ?? result.affectedRows ?? result.rows.length;

const rowsOf = (result: SqlResult & { readonly rowCount?: number | null; readonly affectedRows?: number }): Rows => ({
  rows: result.rows as readonly Record<string, unknown>[],
  count: countOf(result),
});

/** The store's seam over a node-postgres pool: a client per call, always given back. */
export function poolDatabase(pool: PgPool, store: string): Database {
  // A checked-out client whose connection breaks emits `error`, and an unheard `error`
  // ends the process; the failure reaches the store through the query it fails anyway.
  const ignore = () => {};
  const checkout = async (operation: string) => {
    let client: PgPoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw translate(error, store, operation, false);
    }
    client.on?.('error', ignore);
    return {
      query: (sql: string, params?: readonly unknown[]) => client.query(sql, params as unknown[] | undefined),
      release: (error?: true) => {
        client.removeListener?.('error', ignore);
        client.release(error);
      },
    };
  };
  return {
    async run(operation, sql, params) {
      const client = await checkout(operation);
      try {
        const result = rowsOf(await client.query(sql, params));
        client.release();
        return result;
      } catch (error) {
        // A connection that failed is dropped, not handed to the next caller.
        client.release(isUnavailable(error) ? true : undefined);
        throw translate(error, store, operation, false);
      }
    },
    async transaction(operation, isolation, work) {
      const client = await checkout(operation);
      const session: Session = { run: async (sql, params) => rowsOf(await client.query(sql, params)) };
      let committing = false;
      try {
        await client.query(`BEGIN ${ISOLATION[isolation]}`);
        const result = await work(session);
        committing = true;
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        let broken = isUnavailable(error);
        if (!committing && !broken) {
          try {
            await client.query('ROLLBACK');
          } catch {
            broken = true;
          }
        }
        client.release(broken ? true : undefined);
        throw translate(error, store, operation, committing && isUnavailable(error));
      }
    },
  };
}

/** The store's seam over PGlite, through its own `query` and `transaction`. */
export function pgliteDatabase(db: PGliteDatabase, store: string): Database {
  return {
    async run(operation, sql, params) {
      try {
        return rowsOf(await db.query(sql, params as unknown[] | undefined));
      } catch (error) {
        throw translate(error, store, operation, false);
      }
    },
    async transaction(operation, isolation, work) {
      let committing = false;
      try {
        // PGlite sends BEGIN; the isolation level is set by the transaction's first statement.
        return await db.transaction(async (tx) => {
          await tx.query(`SET TRANSACTION ${ISOLATION[isolation]}`);
          const result = await work({ run: async (sql, params) => rowsOf(await tx.query(sql, params as unknown[] | undefined)) });
          committing = true;
          return result;
        });
      } catch (error) {
        throw translate(error, store, operation, committing && isUnavailable(error));
      }
    },
  };
}

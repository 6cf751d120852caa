// Recording one attempt in reachout's JSON store beside the same update in SQLite
// (better-sqlite3, WAL, synchronous=FULL, one transaction): both do one fsync per
// change, so the ratio is the work each does around it. better-sqlite3 compiles from
// source here (about two minutes), so it is not a dependency of the project: the first
// run installs it into a cache folder outside the checkout, later runs reuse it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJsonFileStore } from '../src/adapters/json/index.js';
import { RECORD_KINDS, RECORD_LISTS } from '../src/domain/records.js';
import type { Network } from '../src/index.js';
import { syntheticNetwork } from './network.js';
import { attemptTarget, recordAttempt, seedStore } from './store.bench.js';

const NOW = new Date('2026-11-22T15:00:00Z');
const BETTER_SQLITE = 'better-sqlite3@12';

/** The part of better-sqlite3's API this benchmark uses. */
interface Statement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
}
interface SqliteDatabase {
  pragma(source: string): unknown;
  exec(source: string): void;
  prepare(source: string): Statement;
  transaction<A extends unknown[], R>(body: (...args: A) => R): (...args: A) => R;
  close(): void;
}
type SqliteConstructor = new (file: string) => SqliteDatabase;

/** Where better-sqlite3 is installed for the bench: `REACHOUT_BENCH_CACHE`, else `~/.cache/reachout-bench`. */
function cacheDir(): string {
  return join(process.env.REACHOUT_BENCH_CACHE ?? join(homedir(), '.cache', 'reachout-bench'), 'sqlite');
}

/** better-sqlite3 from the cache folder, installed there first if missing; or why it cannot be had. */
function loadSqlite(): SqliteConstructor | string {
  const dir = cacheDir();
  const manifest = join(dir, 'package.json');
  const load = () => createRequire(manifest)('better-sqlite3') as SqliteConstructor;
  if (!existsSync(join(dir, 'node_modules', 'better-sqlite3'))) {
    console.log(`installing ${BETTER_SQLITE} into ${dir} (it compiles from source, about two minutes, once)`);
    mkdirSync(dir, { recursive: true });
    if (!existsSync(manifest)) writeFileSync(manifest, '{ "private": true }\n');
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', BETTER_SQLITE], { cwd: dir, encoding: 'utf8' });
    if (install.status !== 0) return `npm install ${BETTER_SQLITE} failed: ${(install.stderr || install.stdout).trim().split('\n').at(-1) ?? ''}`;
  }
  try {
    return load();
  } catch (error) {
    return `better-sqlite3 does not load: ${(error as Error).message.split('\n')[0]}`;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** SQLite laid out as the PostgreSQL adapter lays out its tables: a workspace row with a revision, one row per record. */
function seedSqlite(Database: SqliteConstructor, file: string, network: Network): SqliteDatabase {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE workspaces (id TEXT PRIMARY KEY, settings TEXT NOT NULL, revision INTEGER NOT NULL);
    CREATE TABLE records (workspace_id TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,
      PRIMARY KEY (workspace_id, kind, id));
  `);
  const workspaceId = network.workspace.id;
  const insert = db.prepare('INSERT INTO records (workspace_id, kind, id, body) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    db.prepare('INSERT INTO workspaces (id, settings, revision) VALUES (?, ?, 1)').run(workspaceId, JSON.stringify(network.workspace));
    for (const kind of RECORD_KINDS) {
      for (const record of network[RECORD_LISTS[kind]] as readonly { id: string }[]) insert.run(workspaceId, kind, record.id, JSON.stringify(record));
    }
  })();
  return db;
}

export interface SqliteFigures {
  contacts: number;
  reachoutMs: number;
  sqliteMs: number;
}

async function measure(Database: SqliteConstructor, contacts: number, count: number): Promise<SqliteFigures> {
  const network = syntheticNetwork(contacts, NOW);
  const dir = mkdtempSync(join(tmpdir(), 'reachout-sqlite-bench-'));
  try {
    seedStore(dir, network);
    const store = await createJsonFileStore({ path: dir, compactAfterBytes: Number.MAX_SAFE_INTEGER });
    const db = seedSqlite(Database, join(dir, 'bench.sqlite'), network);
    const workspaceId = network.workspace.id;
    let revision = (await store.getWorkspace(workspaceId))!.revision;
    let sqliteRevision = 1;
    const select = db.prepare("SELECT body FROM records WHERE workspace_id = ? AND kind = 'outreach' AND id = ?");
    const update = db.prepare("UPDATE records SET body = ? WHERE workspace_id = ? AND kind = 'outreach' AND id = ?");
    const bump = db.prepare('UPDATE workspaces SET revision = revision + 1 WHERE id = ? AND revision = ?');
    // Read the outreach, append the attempt, write it back and move the revision on
    // only if it is still the one read: what the JSON store's commit does.
    const sqliteAttempt = db.transaction((id: string, expected: number) => {
      const row = select.get(workspaceId, id) as { body: string };
      const outreach = JSON.parse(row.body) as { attempts: unknown[] };
      outreach.attempts.push({ channel: 'email', at: NOW.toISOString(), result: 'sent' });
      update.run(JSON.stringify(outreach), workspaceId, id);
      if (bump.run(workspaceId, expected).changes !== 1) throw new Error('revision moved');
    });
    const ours: number[] = [];
    const theirs: number[] = [];
    // Alternated, so both sides see the same machine load.
    for (let i = 0; i < count; i++) {
      const id = attemptTarget(network, i);
      let started = performance.now();
      revision = await recordAttempt(store, workspaceId, id, revision);
      ours.push(performance.now() - started);
      started = performance.now();
      sqliteAttempt(id, sqliteRevision);
      sqliteRevision += 1;
      theirs.push(performance.now() - started);
    }
    await store.close();
    db.close();
    return { contacts, reachoutMs: median(ours), sqliteMs: median(theirs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the SQLite comparison and prints its rows, or says why it did not run. */
export async function benchSqlite(sizes: readonly number[] = [100, 100_000]): Promise<SqliteFigures[]> {
  console.log('\nRecording one attempt: reachout JSON store beside SQLite (better-sqlite3, WAL, synchronous=FULL, one transaction)');
  const Database = loadSqlite();
  if (typeof Database === 'string') {
    console.log(`not run: ${Database}`);
    return [];
  }
  console.log('contacts   reachout ms   SQLite ms   reachout/SQLite');
  const figures: SqliteFigures[] = [];
  for (const size of sizes) {
    const f = await measure(Database, size, size >= 100_000 ? 60 : 200);
    figures.push(f);
    console.log(
      `${String(f.contacts).padStart(8)} ${f.reachoutMs.toFixed(3).padStart(13)} ${f.sqliteMs.toFixed(3).padStart(11)} ${(f.reachoutMs / f.sqliteMs).toFixed(2).padStart(17)}`,
    );
  }
  for (const f of figures) {
    console.log(`recording one attempt ÷ SQLite at ${f.contacts} contacts: ${(f.reachoutMs / f.sqliteMs).toFixed(2)} (target ≤ 1.2)`);
  }
  return figures;
}

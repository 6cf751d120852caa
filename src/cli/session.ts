// Where one run's data lives and who it is about: the data directory, the store, the
// workspace, the clock, and the names and times the person typed.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createJsonFileStore } from '../adapters/json/index.js';
import { createPostgresStore, type PgPool } from '../adapters/postgres/index.js';
import { fixedClock, systemClock, type Clock } from '../domain/clock.js';
import type { Contact } from '../domain/contact.js';
import type { Network } from '../domain/network.js';
import type { Outreach } from '../domain/outreach.js';
import type { NetworkStore } from '../domain/ports.js';
import { createPlaybook, localTimeIn, type Playbook, type SeekerPlaybook } from '../playbook/index.js';
import { CommandError, UsageError } from './errors.js';

/** The global options every command takes. */
export interface GlobalOptions {
  readonly data?: string;
  readonly workspace?: string;
  readonly now?: string;
  readonly json?: boolean;
  readonly store?: string;
}

/** Where the records are: a `postgres://` URL, else the JSON-file store in the data directory. */
export interface StoreTarget {
  readonly dataDir: string;
  /** Whether the store must already hold data (every command but `init`). */
  readonly mustExist: boolean;
  /** `--store` or `REACHOUT_STORE`: a PostgreSQL connection URL. */
  readonly url?: string | undefined;
}

/** Opens the store a run works on. Other stores plug in here (`--store`, `REACHOUT_STORE`). */
export type StoreResolver = (target: StoreTarget) => Promise<NetworkStore>;

// The JSON-file store keeps these; a directory with neither holds no reachout data yet.
const STORE_FILES = ['snapshot.json', 'journal.jsonl'];

/** The JSON-file store in the data directory. */
export const jsonStoreResolver: StoreResolver = async ({ dataDir, mustExist }) => {
  if (mustExist && !STORE_FILES.some((file) => existsSync(join(dataDir, file)))) {
    throw new CommandError('no-store', `no reachout data in ${dataDir}: run "reachout init --name NAME --time-zone ZONE" first, or pass --data DIR`);
  }
  return createJsonFileStore({ path: dataDir });
};

/** `--store`, else `REACHOUT_STORE`; `undefined` for the JSON-file store. */
export function storeUrlOf(options: GlobalOptions, env: NodeJS.ProcessEnv): string | undefined {
  const url = options.store ?? env['REACHOUT_STORE'];
  return url ? url : undefined;
}

type PgModule = { Pool: new (config: { connectionString: string; max?: number }) => PgPool & { end(): Promise<void> } };

/** The PostgreSQL store at `url`, through its own small pool that closing the store ends. */
const postgresStoreResolver = async (url: string, mustExist: boolean): Promise<NetworkStore> => {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`--store takes a postgres:// URL (or leave it out for the JSON store in --data), not "${url}"`);
  let pg: PgModule;
  try {
    const loaded = (await import('pg')) as unknown as PgModule & { default?: PgModule };
    pg = loaded.default ?? loaded;
  } catch {
    throw new CommandError('pg-missing', 'the PostgreSQL store needs the pg package: run "npm install pg" where reachout is installed');
  }
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const store = await createPostgresStore({ pool });
    if (mustExist && (await store.listWorkspaces()).length === 0) {
      await store.close();
      throw new CommandError('no-store', `no reachout workspace in the database: run "reachout --store URL init --name NAME --time-zone ZONE" first`);
    }
    return {
      listWorkspaces: () => store.listWorkspaces(),
      getWorkspace: (workspaceId) => store.getWorkspace(workspaceId),
      getRecord: (workspaceId, kind, id) => store.getRecord(workspaceId, kind, id),
      loadNetwork: (workspaceId) => store.loadNetwork(workspaceId),
      commit: (workspaceId, change) => store.commit(workspaceId, change),
      // The store never ends a pool it was given; this one is the command's own.
      close: async () => {
        try {
          await store.close();
        } finally {
          await pool.end();
        }
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
};

/** The PostgreSQL store when a URL is given, else the JSON-file store in the data directory. */
export const storeResolver: StoreResolver = (target) =>
  target.url === undefined ? jsonStoreResolver(target) : postgresStoreResolver(target.url, target.mustExist);

/** `--data`, else `REACHOUT_DATA`, else `$XDG_DATA_HOME/reachout`, else `~/.local/share/reachout`. */
export function dataDirOf(options: GlobalOptions, env: NodeJS.ProcessEnv): string {
  const chosen = options.data ?? env['REACHOUT_DATA'];
  if (chosen) return resolve(chosen);
  const xdg = env['XDG_DATA_HOME'];
  // The XDG spec ignores a relative XDG_DATA_HOME.
  if (xdg && xdg.startsWith('/')) return join(xdg, 'reachout');
  return join(homedir(), '.local', 'share', 'reachout');
}

/** The small settings file beside the store: which workspace `init` made the default. */
interface CliConfig {
  readonly defaultWorkspace?: string;
}

const CONFIG_FILE = 'config.json';

export function readConfig(dataDir: string): CliConfig {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dataDir, CONFIG_FILE), 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'defaultWorkspace' in parsed && typeof parsed.defaultWorkspace === 'string') {
      return { defaultWorkspace: parsed.defaultWorkspace };
    }
    return {};
  } catch {
    return {};
  }
}

export function writeConfig(dataDir: string, config: CliConfig): void {
  mkdirSync(dataDir, { recursive: true });
  // Written whole and renamed, so a reader never sees half a file.
  const temp = join(dataDir, `.${CONFIG_FILE}.${process.pid}.tmp`);
  writeFileSync(temp, `${JSON.stringify(config, null, 2)}\n`);
  renameSync(temp, join(dataDir, CONFIG_FILE));
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A time as typed: `2026-03-02 09:30` or `2026-03-02T09:30` (wall clock in `timeZone`),
 * `2026-03-02` (its midnight there), or ISO-8601 with an offset.
 */
export function parseTime(text: string, timeZone: string, what = 'time'): Date {
  const trimmed = text.trim();
  const local = LOCAL_DATE.test(trimmed) ? `${trimmed}T00:00` : trimmed.replace(LOCAL_DATE_TIME, '$1T$2');
  const instant = localTimeIn(local, timeZone) ?? (WITH_OFFSET.test(trimmed) ? new Date(trimmed) : undefined);
  if (instant === undefined || Number.isNaN(instant.getTime())) {
    throw new UsageError(`bad ${what} "${text}": write 2026-03-02 09:30 (in ${timeZone}), 2026-03-02, or 2026-03-02T09:30-05:00`);
  }
  return instant;
}

/** A whole number of days from an option. */
export function parseDays(text: string): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 0 || days > 1830) throw new UsageError(`bad number of days "${text}": write a whole number from 0 to 1830`);
  return days;
}

/** The clock a run reads: `--now` fixes it, read in `timeZone`. */
export function clockOf(options: GlobalOptions, timeZone: string): Clock {
  return options.now === undefined ? systemClock : fixedClock(parseTime(options.now, timeZone, '--now'));
}

/** Everything a command of one seeker needs, opened once per run. */
export class SeekerSession {
  private constructor(
    readonly store: NetworkStore,
    readonly playbook: Playbook,
    readonly seeker: SeekerPlaybook,
    readonly timeZone: string,
  ) {}

  /** Opens the store and the chosen workspace; the caller closes it with {@link close}. */
  static async open(options: GlobalOptions, env: NodeJS.ProcessEnv, resolveStore: StoreResolver): Promise<SeekerSession> {
    const dataDir = dataDirOf(options, env);
    const store = await resolveStore({ dataDir, mustExist: true, url: storeUrlOf(options, env) });
    try {
      const workspaceId = options.workspace ?? env['REACHOUT_WORKSPACE'] ?? readConfig(dataDir).defaultWorkspace;
      if (workspaceId === undefined) {
        throw new CommandError('no-workspace', `no workspace chosen: pass --workspace ID (see "reachout workspaces") or run "reachout init"`);
      }
      const head = await store.getWorkspace(workspaceId);
      if (!head) throw new CommandError('not-found', `no workspace "${workspaceId}" in ${dataDir} (see "reachout workspaces")`);
      const timeZone = head.workspace.timeZone;
      const playbook = createPlaybook({ store, clock: clockOf(options, timeZone) });
      return new SeekerSession(store, playbook, playbook.workspace(workspaceId), timeZone);
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /** A time typed by the person, in the workspace's zone. */
  time(text: string, what?: string): Date {
    return parseTime(text, this.timeZone, what);
  }

  /** An instant as the seeker reads it. */
  show(at: Date): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.timeZone, dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(at).replace(',', '');
  }
}

/**
 * The record a person means: an exact id, else the one whose name contains `query`
 * (ignoring case and accents), else the one whose whole name is `query`. None is a
 * failure (exit 1); several are a usage error that lists them (exit 2).
 */
export function findNamed<T extends { readonly id: string; readonly name: string }>(records: readonly T[], query: string, what: string, listHint: string): T {
  const byId = records.find((record) => record.id === query);
  if (byId) return byId;
  const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  const wanted = fold(query);
  const matches = wanted === '' ? [] : records.filter((record) => fold(record.name).includes(wanted));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length === 0) throw new CommandError('not-found', `no ${what} "${query}" (see "${listHint}")`);
  const exact = matches.filter((record) => fold(record.name) === wanted);
  if (exact.length === 1 && exact[0]) return exact[0];
  const candidates = matches.map((record) => `${record.name} (${record.id})`).join(', ');
  throw new UsageError(`"${query}" matches ${matches.length} ${what}s: ${candidates}; write more of the name or the id`);
}

/** The contact a person means, by id or part of the name. */
export const findContact = (contacts: readonly Contact[], query: string): Contact => findNamed(contacts, query, 'contact', 'reachout contact list');

/** A contact's outreaches, the latest started first. */
export function outreachesOf(network: Network, contactId: string): Outreach[] {
  return network.outreaches
    .filter((outreach) => outreach.contactId === contactId)
    .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || (a.id < b.id ? 1 : -1));
}

/** The latest outreach to a contact that is still waiting for an answer. */
export function openOutreachOf(network: Network, contact: Contact): Outreach {
  const open = outreachesOf(network, contact.id).find((outreach) => outreach.reply === undefined && outreach.withdrawnAt === undefined);
  if (!open) throw new CommandError('no-outreach', `no open outreach to ${contact.name}: start one with "reachout reach ${contact.id}"`);
  return open;
}

/** A new id made from a name ("Lena Ortiz" → `lena-ortiz`, then `lena-ortiz-2`), readable in commands. */
export function idFromName(name: string, taken: ReadonlySet<string>): string | undefined {
  const base = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  if (!base) return undefined;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

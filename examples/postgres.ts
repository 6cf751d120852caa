// A coaching tool outgrows the JSON file: its seekers' networks move to PostgreSQL with
// copyStore, and the app goes on with the Playbook over its own pg Pool. Runs on PGlite
// in-process by default; with REACHOUT_TEST_POSTGRES_URL set (as CI sets it), on that
// server, in a schema of its own that it drops at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { copyStore, createPlaybook, fixedClock } from 'reachout';
import { createJsonFileStore } from 'reachout/adapters/json';
import { createPostgresStore, postgresSchemaSql } from 'reachout/adapters/postgres';

const clock = fixedClock('2026-11-23T14:00:00Z');
const directory = mkdtempSync(join(tmpdir(), 'reachout-example-'));

// 1. The file the tool has used so far: two seekers with a little history.
const file = await createJsonFileStore({ path: directory });
const before = createPlaybook({ store: file, clock: fixedClock('2026-10-26T14:00:00Z') });
await before.createWorkspace({ id: 'ana', name: 'Ana Lima', timeZone: 'America/Sao_Paulo' });
const ana = before.workspace('ana');
const rui = await ana.addContact({ name: 'Rui Costa', tie: 'alumni', emails: ['rui@example.com'], phones: ['+55 11 5555 0100'] });
const toRui = await ana.startOutreach({ contactId: rui.id });
await ana.recordAttempt(toRui.id, { channel: 'email' });
await before.createWorkspace({ id: 'ben', name: 'Ben Osei', timeZone: 'Europe/London' });
await before.workspace('ben').addContact({ name: 'Priya Nair', tie: 'event', emails: ['priya@example.co.uk'] });

// 2. The database: your pool (the store never ends it), or PGlite in-process.
const url = process.env.REACHOUT_TEST_POSTGRES_URL;
const pool = url ? new pg.Pool({ connectionString: url, max: 4 }) : undefined;
// node-postgres asks every app to listen: an idle connection may fail (a server restart).
pool?.on('error', (error) => console.error('idle connection failed:', error.message));
const pglite = pool ? undefined : new PGlite();
const schema = pool ? `reachout_example_${process.pid}` : 'reachout';
const store = pool ? await createPostgresStore({ pool, schema }) : await createPostgresStore({ pglite: pglite!, schema });
console.log(`PostgreSQL store in schema "${store.schema}" on ${pool ? 'the server' : 'PGlite in-process'}`);

// 3. The move: every workspace, record and revision; it never overwrites a workspace.
const copied = await copyStore(file, store, {
  onProgress: ({ workspaceId, workspaces, totalWorkspaces, records }) =>
    console.log(`  copied ${workspaceId} (${workspaces}/${totalWorkspaces}, ${records} records so far)`),
});
console.log(`moved ${copied.workspaces} workspaces and ${copied.records} records; revisions carried over:`);
for (const { workspace, revision } of await store.listWorkspaces()) console.log(`  ${workspace.id}: revision ${revision}`);
await file.close();

// 4. The app goes on with the same Playbook API over PostgreSQL.
const coach = createPlaybook({ store, clock });
const { workspaces } = await coach.overview();
for (const { workspace, overdue } of workspaces) {
  console.log(`\n${workspace.name}: ${overdue.length === 0 ? 'nothing overdue' : ''}`);
  for (const action of overdue) console.log(`  - ${action.title}: ${action.reason}`);
}

// Teams with their own migration tool run this SQL and open with migrate: 'none'.
console.log(`\nThe schema as SQL: ${postgresSchemaSql({ schema }).split('\n').length} lines (postgresSchemaSql)`);

await store.close();
if (pool) {
  await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  await pool.end();
}
await pglite?.close();
rmSync(directory, { recursive: true, force: true });

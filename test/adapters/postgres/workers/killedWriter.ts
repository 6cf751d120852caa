// A writer to be killed with SIGKILL in the middle of a commit. Each change puts 200
// contacts named for the revision it makes ("<revision>-<j>") and sets the contact
// "last" to that revision, in one commit. Logs "begin <revision>" just before the
// commit and "ack <revision>" once it resolved; loops until killed.
// argv: <url> <schema>
import { writeSync } from 'node:fs';
import pg from 'pg';
import { createPostgresStore } from '../../../../src/adapters/postgres/index.js';
import type { StoreOperation } from '../../../../src/index.js';

const [url, schema] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 1 });
const store = await createPostgresStore({ pool, schema: schema! });
// Long notes make each commit big enough to be caught in flight.
const notes = 'n'.repeat(2_000);
const contact = (id: string, name: string): StoreOperation => ({
  op: 'put',
  kind: 'contact',
  record: { id, name, tie: 'colleague', researchNotes: notes, createdAt: '2024-03-01T09:00:00Z' },
});
let { revision } = (await store.getWorkspace('victim'))!;
writeSync(1, 'ready\n');
for (;;) {
  const next = revision + 1;
  const operations = [...Array.from({ length: 200 }, (_, j) => contact(`${next}-${j}`, `change ${next}`)), contact('last', `change ${next}`)];
  writeSync(1, `begin ${next}\n`);
  ({ revision } = await store.commit('victim', { expectedRevision: revision, operations }));
  writeSync(1, `ack ${revision}\n`);
}

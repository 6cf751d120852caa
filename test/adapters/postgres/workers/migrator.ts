// One of several processes opening the store on the same fresh schema at the same
// moment, each migrating it. Connects first, says "ready", and opens the store when
// stdin says "go"; logs "migrated" and exits 0 on success.
// argv: <url> <schema>
import { writeSync } from 'node:fs';
import pg from 'pg';
import { createPostgresStore } from '../../../../src/adapters/postgres/index.js';

const [url, schema] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 1 });
// A connection made in advance, so "go" starts the migration itself, not a handshake.
(await pool.connect()).release();
writeSync(1, 'ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.pause();
await createPostgresStore({ pool, schema: schema! });
writeSync(1, 'migrated\n');
await pool.end();

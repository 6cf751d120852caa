// The store contract on PostgreSQL in-process (PGlite): runs in plain `npm test`, no
// server needed. One database for the file; each store gets its own schema.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresStore, type PostgresStore } from '../../../src/adapters/postgres/index.js';
import { describeStoreContract } from '../../../src/testing/index.js';

let pglite: PGlite;
let schemas = 0;

beforeAll(async () => {
  pglite = new PGlite();
  await pglite.waitReady;
}, 180_000);
afterAll(() => pglite.close());

describeStoreContract<PostgresStore>(
  'PostgreSQL store on PGlite',
  () => createPostgresStore({ pglite, schema: `contract_${schemas++}` }),
  {
    teardown: async (store) => {
      await pglite.query(`DROP SCHEMA "${store.schema}" CASCADE`);
    },
    reopen: async (store) => {
      await store.close();
      return createPostgresStore({ pglite, schema: store.schema });
    },
  },
);

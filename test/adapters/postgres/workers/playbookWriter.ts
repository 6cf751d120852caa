// One of several processes recording attempts on the same workspace through the
// Playbook, over its own pg Pool. Logs "ack <note>" once recordAttempt resolved, "retry
// <note>" when the Playbook's own retries ran out (a ConflictError: nothing was
// written, so it is recorded again), and at the end "conflicts <n>": every stale commit
// the store refused, the Playbook's retries included. Starts when stdin says "go".
// argv: <url> <schema> <writer name> <attempts> <outreaches>
import { writeSync } from 'node:fs';
import pg from 'pg';
import { createPostgresStore } from '../../../../src/adapters/postgres/index.js';
import { createPlaybook, isReachoutError, type NetworkStore } from '../../../../src/index.js';

const [url, schema, name, count, outreaches] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 2 });
const inner = await createPostgresStore({ pool, schema: schema! });
let conflicts = 0;
// The real store, counting the conflicts it reports.
const store: NetworkStore = {
  ...inner,
  commit: (workspaceId, change) =>
    inner.commit(workspaceId, change).catch((error: unknown) => {
      if (isReachoutError(error, 'conflict')) conflicts++;
      throw error;
    }),
};
const seeker = createPlaybook({ store }).workspace('shared');
writeSync(1, 'ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.pause();
const offset = name!.charCodeAt(0);
for (let i = 0; i < Number(count); i++) {
  const note = `${name}-${i}`;
  const outreachId = `o-${(i * 7 + offset) % Number(outreaches)}`;
  for (;;) {
    try {
      await seeker.recordAttempt(outreachId, { channel: 'email', note });
      writeSync(1, `ack ${note}\n`);
      break;
    } catch (error) {
      if (!isReachoutError(error, 'conflict')) throw error;
      writeSync(1, `retry ${note}\n`);
    }
  }
}
writeSync(1, `conflicts ${conflicts}\n`);
await pool.end();
writeSync(1, 'done\n');

// `npm run bench`: every benchmark, printed as tables with the ratios the issues target.
// `npm run bench -- --quick` runs the smaller sizes only. The coaching-scale benchmark
// runs on PGlite, and on a PostgreSQL server too when REACHOUT_TEST_POSTGRES_URL is set.
// The SQLite comparison installs better-sqlite3 into a cache folder on its first run.
import { benchAgenda } from './agenda.bench.js';
import { benchImport } from './import.bench.js';
import { benchOverview } from './overview.bench.js';
import { benchCoaching } from './coaching.bench.js';
import { benchStores } from './store.bench.js';
import { benchSqlite } from './sqlite.bench.js';

const quick = process.argv.includes('--quick');
await benchAgenda(quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]);
await benchStores(quick ? [100, 10_000] : [100, 10_000, 100_000]);
await benchSqlite(quick ? [100, 10_000] : [100, 100_000]);
await benchImport([10_000]);
await benchOverview(quick ? 100 : 1_000);
await benchCoaching(quick ? [10, 100] : [10, 1_000]);

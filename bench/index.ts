// `npm run bench`: every benchmark, printed as tables with the ratios the issues target.
// `npm run bench -- --quick` runs the smaller sizes only.
import { benchAgenda } from './agenda.bench.js';
import { benchImport } from './import.bench.js';
import { benchOverview } from './overview.bench.js';
import { benchStores } from './store.bench.js';

const quick = process.argv.includes('--quick');
await benchAgenda(quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]);
await benchStores(quick ? [100, 10_000] : [100, 10_000, 100_000]);
await benchImport([10_000]);
await benchOverview(quick ? 100 : 1_000);

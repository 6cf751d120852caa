// `npm run bench`: every benchmark, printed as tables with the ratios the issues target.
import { benchAgenda } from './agenda.bench.js';

const quick = process.argv.includes('--quick');
await benchAgenda(quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]);

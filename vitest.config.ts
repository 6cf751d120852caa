import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = fileURLToPath(new URL('./src/', import.meta.url));

export default defineConfig({
  resolve: {
    // Examples import 'reachout' like a user would; point it at the sources, as tsconfig's `paths` do.
    alias: [
      { find: /^reachout$/, replacement: `${src}index.ts` },
      // The one subpath that is a file, not a folder's index.
      { find: /^reachout\/testing\/arbitraries$/, replacement: `${src}testing/arbitraries.ts` },
      { find: /^reachout\/(.+)$/, replacement: `${src}$1/index.ts` },
    ],
  },
  test: {
    // Examples carry their own tests (the example adapter runs the store contract).
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Property tests run many cases; keep the whole suite well inside CI's budget.
    testTimeout: 60_000,
  },
});

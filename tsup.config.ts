import { defineConfig } from 'tsup';

export default defineConfig([
  // Every source module is its own entry (with shared chunks), so a bundler that honours
  // `"sideEffects": false` drops whole modules an app does not use: importing the rules
  // pulls in no schema, file-system or calendar code.
  {
    entry: ['src/**/*.ts', '!src/cli/**'],
    format: ['esm', 'cjs'],
    dts: true,
    // Both builds run at once: this one leaves the command's folder to the other.
    clean: ['!cli/**'],
    sourcemap: false,
    splitting: true,
    // esbuild's splitting writes bare `import "./chunk-….js"` lines to keep evaluation
    // order; with `"sideEffects": false` every bundler ignores them and esbuild warns once
    // per line. No module has a side effect, so rollup may drop an import nothing is
    // taken from; named imports, and so every module actually used, stay.
    treeshake: { moduleSideEffects: false },
    target: 'node20',
  },
  {
    // The `reachout` command: one ESM file with a shebang, for `bin` (never imported).
    entry: { main: 'src/cli/main.ts' },
    outDir: 'dist/cli',
    format: ['esm'],
    dts: false,
    clean: true,
    sourcemap: false,
    splitting: false,
    banner: { js: '#!/usr/bin/env node' },
    // date-fns's root module loads every function (a third of the command's start-up
    // time); bundled, only the few the rules use remain.
    noExternal: [/^date-fns/, /^@date-fns\//],
    target: 'node20',
  },
]);

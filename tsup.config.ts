import { defineConfig } from 'tsup';

// Every source module is its own entry (with shared chunks), so a bundler that honours
// `"sideEffects": false` drops whole modules an app does not use: importing the rules
// pulls in no schema, file-system or calendar code.
export default defineConfig({
  entry: ['src/**/*.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  splitting: true,
  // esbuild's splitting writes bare `import "./chunk-….js"` lines to keep evaluation
  // order; with `"sideEffects": false` every bundler ignores them and esbuild warns once
  // per line. No module has a side effect, so rollup may drop an import nothing is
  // taken from; named imports, and so every module actually used, stay.
  treeshake: { moduleSideEffects: false },
  target: 'node20',
});

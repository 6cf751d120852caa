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
  treeshake: false,
  target: 'node20',
});

// Bundles each browser-safe entry of the built package for the browser, as an app's
// bundler would, and fails on any warning or on any Node.js built-in in the bundle.
// Run after `npm run build`: `npm run check:browser` (or name other entries as arguments).
import { builtinModules } from 'node:module';
import { build, formatMessages } from 'esbuild';

const BROWSER_ENTRIES = ['dist/index.js', 'dist/adapters/memory/index.js', 'dist/ical/index.js'];
const entries = process.argv.length > 2 ? process.argv.slice(2) : BROWSER_ENTRIES;

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const isBuiltin = (specifier) => specifier.startsWith('node:') || builtins.has(specifier.split('/')[0]);
// Any import, export-from, dynamic import or require of a string literal.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;

const failures = new Set();
const fail = (message) => {
  if (!failures.has(message)) console.error(`✗ ${message}`);
  failures.add(message);
};

for (const entry of entries) {
  // Built-ins stay external, so the build finishes and the report can name who imports them.
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
    external: [...builtins],
  }).catch((error) => ({ error }));
  if ('error' in result) {
    fail(`${entry}: the browser build failed`);
    const errors = result.error.errors ?? [];
    console.error(errors.length > 0 ? (await formatMessages(errors, { kind: 'error' })).join('') : String(result.error));
    continue;
  }
  if (result.warnings.length > 0) {
    fail(`${entry}: ${result.warnings.length} warning(s)`);
    console.error((await formatMessages(result.warnings, { kind: 'warning' })).join(''));
  }
  for (const [input, { imports }] of Object.entries(result.metafile.inputs)) {
    for (const { path } of imports) {
      if (isBuiltin(path)) fail(`${entry}: ${input} imports the Node.js built-in "${path}"`);
    }
  }
  let bytes = 0;
  for (const file of result.outputFiles) {
    bytes += file.contents.byteLength;
    for (const [, specifier] of file.text.matchAll(SPECIFIER)) {
      if (isBuiltin(specifier)) fail(`${entry}: the bundle still imports "${specifier}"`);
    }
  }
  console.log(`${entry}: ${Object.keys(result.metafile.inputs).length} modules, ${(bytes / 1024).toFixed(1)} KiB unminified`);
}

if (failures.size > 0) {
  console.error('\nThe browser-safe entries must bundle for the browser cleanly: no warnings, no Node.js built-ins.');
  process.exit(1);
}
console.log('Browser bundles: no warnings, no Node.js built-ins.');

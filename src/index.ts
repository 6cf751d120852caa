// Root entry: domain and rules only — no file system, no calendar code.
export * from './domain/index.js';
export * from './rules/index.js';

// Root entry: domain, rules, the Playbook service and copyStore — no file system, no
// database, no calendar code.
export * from './domain/index.js';
export * from './rules/index.js';
export * from './playbook/index.js';
export * from './copyStore.js';

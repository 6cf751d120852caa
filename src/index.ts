// Root entry: domain, rules and the Playbook service — no file system, no calendar code.
export * from './domain/index.js';
export * from './rules/index.js';
export * from './playbook/index.js';

// `reachout/testing`: what users need to test their own code against the same rules.
// It loads vitest (the contract suite calls `describe` and `it`); the arbitraries alone
// are `reachout/testing/arbitraries`, which needs only fast-check.
export * from './arbitraries.js';
export * from './storeContract.js';

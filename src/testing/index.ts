// `reachout/testing`: what users need to test their own code against the same rules.
export * from './arbitraries.js';
export * from './storeContract.js';

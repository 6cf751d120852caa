// The example adapter passes the same contract as reachout's own stores.
import type { NetworkStore } from 'reachout';
import { describeStoreContract } from 'reachout/testing';
import { createMapStore } from './mapStore.js';

// A store over its own fresh Map; `reopen` closes it and opens a new store over that Map.
const dataOf = new WeakMap<NetworkStore, Map<string, string>>();

function openMapStore(data: Map<string, string>): NetworkStore {
  const store = createMapStore(data);
  dataOf.set(store, data);
  return store;
}

describeStoreContract('map store (example adapter)', () => openMapStore(new Map()), {
  reopen: async (store) => {
    await store.close();
    return openMapStore(dataOf.get(store)!);
  },
});

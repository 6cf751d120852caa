import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJsonFileStore, type JsonFileStore, type JsonFileStoreOptions } from '../../../src/adapters/json/index.js';
import { describeStoreContract } from '../../../src/testing/index.js';

const removeDirectory = (path: string) => rmSync(path, { recursive: true, force: true });

/** The contract on a JSON store in a fresh temp directory; `reopen` opens that directory again. */
function describeJsonContract(name: string, options: Omit<JsonFileStoreOptions, 'path'> = {}) {
  describeStoreContract<JsonFileStore>(
    name,
    async () => {
      const path = mkdtempSync(join(tmpdir(), 'reachout-contract-'));
      try {
        return await createJsonFileStore({ ...options, path });
      } catch (error) {
        removeDirectory(path);
        throw error;
      }
    },
    {
      teardown: (store) => removeDirectory(store.path),
      reopen: async (store) => {
        await store.close();
        return createJsonFileStore({ ...options, path: store.path });
      },
    },
  );
}

describeJsonContract('JSON file store');
// Compacting after every commit: each reopen reads a snapshot, not only the journal.
describeJsonContract('JSON file store, compacting after every commit', { compactAfterBytes: 1 });

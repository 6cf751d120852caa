// Holds a store's lock (through the store's own locking code) until stdin says
// "release" or it is killed. Prints "locked" once it holds it.
// argv: <store dir>
import { writeSync } from 'node:fs';
import { nodeFileSystem } from '../../../../src/adapters/json/fsSeam.js';
import { dropLockStamp, newLockStamp, withLock } from '../../../../src/adapters/json/lock.js';

const [dir] = process.argv.slice(2);
const stamp = newLockStamp();
await withLock({ fs: nodeFileSystem, dir: dir!, timeoutMs: 10_000, staleMs: 30_000, stamp }, async () => {
  writeSync(1, 'locked\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
});
dropLockStamp(nodeFileSystem, stamp);
writeSync(1, 'released\n');
process.exit(0);

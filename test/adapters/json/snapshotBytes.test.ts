// Reading a snapshot a window at a time must see exactly the bytes of the whole file:
// every search, slice and checksum agrees with the whole buffer, whatever the window
// size and however short the file system's reads are; and the batch reader over
// windows reads the same workspaces as over the whole body.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { checkSnapshot, snapshotFile, wholeSnapshotBytes, windowedSnapshotBytes } from '../../../src/adapters/json/format.js';
import { readSnapshotBatches } from '../../../src/adapters/json/snapshotBatches.js';
import { RECORD_KINDS } from '../../../src/domain/records.js';
import type { Network } from '../../../src/domain/network.js';
import type { WorkspaceState } from '../../../src/adapters/workspaceState.js';
import { arbitraries } from '../../../src/testing/arbitraries.js';

/** `bytes` as a file whose reads return at most `chunks[i]` bytes on the i-th call (cycling), counting reads. */
function fileOf(bytes: Buffer, chunks: readonly number[]) {
  let calls = 0;
  const read = (buffer: Buffer, position: number) => {
    const most = chunks[calls++ % chunks.length]!;
    return bytes.copy(buffer, 0, position, Math.min(bytes.length, position + Math.min(most, buffer.length)));
  };
  return { read, calls: () => calls };
}

// A small alphabet, so needles occur often and across window edges.
const bytesArb = fc.array(fc.constantFrom(...'ab{},"[]:\n'), { maxLength: 400 }).map((chars) => Buffer.from(chars.join(''), 'latin1'));
const needleArb = fc.array(fc.constantFrom(...'ab{},"'), { minLength: 1, maxLength: 9 }).map((chars) => chars.join(''));
const windowArb = fc.integer({ min: 1, max: 64 });
const chunksArb = fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 4 });

describe('windowedSnapshotBytes', () => {
  test.prop([bytesArb, windowArb, chunksArb, fc.array(fc.tuple(needleArb, fc.nat(420)), { maxLength: 12 })], { numRuns: 300 })(
    'finds every needle where the whole buffer does, in any order of searches',
    (bytes, window, chunks, searches) => {
      const whole = wholeSnapshotBytes(bytes);
      const windowed = windowedSnapshotBytes(bytes.length, fileOf(bytes, chunks).read, window);
      for (const [needle, from] of searches) expect(windowed.indexOf(needle, from), `${needle} from ${from}`).toBe(whole.indexOf(needle, from));
    },
  );

  test.prop([bytesArb, windowArb, chunksArb, fc.array(fc.tuple(fc.nat(420), fc.nat(420)), { maxLength: 12 })], { numRuns: 300 })(
    'slices and checksums the same bytes',
    (bytes, window, chunks, ranges) => {
      const whole = wholeSnapshotBytes(bytes);
      const windowed = windowedSnapshotBytes(bytes.length, fileOf(bytes, chunks).read, window);
      for (const [a, b] of ranges) {
        const [start, end] = a <= b ? [a, b] : [b, a];
        expect(Buffer.from(windowed.slice(start, end))).toEqual(Buffer.from(whole.slice(start, end)));
        expect(windowed.crc32From(start)).toBe(whole.crc32From(start));
      }
    },
  );

  const contents = (states: Map<string, WorkspaceState>) =>
    [...states].map(([id, state]) => [id, state.revision, state.workspace, RECORD_KINDS.map((kind) => [...state.records[kind]])]);
  const networks = fc
    .uniqueArray(arbitraries.network({ maxContacts: 6 }), { minLength: 1, maxLength: 3, selector: (network) => network.workspace.id })
    .map((list) => list.map((network) => JSON.parse(JSON.stringify(network)) as Network));

  test.prop([networks, fc.integer({ min: 16, max: 700 }), chunksArb], { numRuns: 60 })(
    'gives the batch reader and the checksum check the same snapshot as the whole file',
    (list, window, chunks) => {
      const file = snapshotFile(7, { workspaces: list.map((network, index) => ({ revision: index + 1, network })) });
      const windowed = windowedSnapshotBytes(file.length, fileOf(file, chunks).read, window);
      const checked = checkSnapshot('snapshot.json', windowed);
      expect(checked).toEqual(checkSnapshot('snapshot.json', file));
      const fromWindows = readSnapshotBatches(windowed, checked.bodyStart);
      const fromWhole = readSnapshotBatches(file, checked.bodyStart);
      expect(fromWhole).toBeDefined();
      expect(contents(fromWindows!)).toStrictEqual(contents(fromWhole!));
    },
  );
});

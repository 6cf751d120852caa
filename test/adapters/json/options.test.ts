// Store options are checked before anything touches the disk: each bad option gives a
// ValidationError naming it, and the file-system seam sees no call at all.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createJsonFileStore, type JsonFileStoreOptions } from '../../../src/adapters/json/index.js';
import { ValidationError } from '../../../src/domain/errors.js';
import { FaultyFileSystem, tempDir, useTempDirs } from './helpers.js';

useTempDirs();

/** Opens with `options` (typed loosely, as JavaScript callers may pass anything) and returns the error. */
async function refused(options: unknown, faulty = new FaultyFileSystem()): Promise<ValidationError> {
  faulty.armed = true;
  const open = createJsonFileStore as (options: unknown) => Promise<unknown>;
  const started = performance.now();
  const error = await open(options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  faulty.armed = false;
  expect(performance.now() - started).toBeLessThan(1_000);
  expect(error, JSON.stringify(options)).toBeInstanceOf(ValidationError);
  expect(faulty.calls, 'no file-system call before the options are checked').toEqual([]);
  return error as ValidationError;
}

const paths = (error: ValidationError) => error.issues.map((issue) => issue.path);

describe('store options', () => {
  it('no options, or options that are not an object, give ValidationError (not TypeError)', async () => {
    expect(paths(await refused(undefined))).toEqual(['path']);
    for (const options of [null, 'store-dir', 42, [], () => undefined]) {
      const error = await refused(options);
      expect(paths(error)).toEqual(['(root)']);
      expect(error.message).toMatch(/options/);
    }
  });

  it('path must be a non-empty string: an empty one never opens the working directory', async () => {
    const before = readdirSync('.').sort();
    for (const path of [123, '', undefined, null, {}, 'a\0b']) {
      const faulty = new FaultyFileSystem();
      const error = await refused({ path, fileSystem: faulty.fs }, faulty);
      expect(paths(error), String(path)).toEqual(['path']);
    }
    expect(readdirSync('.').sort()).toEqual(before);
  });

  it('lockTimeoutMs and staleLockMs must be finite, non-negative and within the longest timer', async () => {
    const dir = tempDir();
    for (const name of ['lockTimeoutMs', 'staleLockMs']) {
      for (const value of [Number.NaN, Number.POSITIVE_INFINITY, -1, 2 ** 31, '10', null]) {
        const faulty = new FaultyFileSystem();
        const error = await refused({ path: dir, fileSystem: faulty.fs, [name]: value }, faulty);
        expect(paths(error), `${name}: ${String(value)}`).toEqual([name]);
      }
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('compactAfterBytes must be a whole, non-negative, safe number of bytes', async () => {
    const dir = tempDir();
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5, 2 ** 53, '4096']) {
      const error = await refused({ path: dir, compactAfterBytes: value });
      expect(paths(error), String(value)).toEqual(['compactAfterBytes']);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('onRecovery must be a function, readOnly a boolean, fileSystem an object with every call the store makes', async () => {
    const dir = tempDir();
    expect(paths(await refused({ path: dir, onRecovery: 'log' }))).toEqual(['onRecovery']);
    expect(paths(await refused({ path: dir, readOnly: 'yes' }))).toEqual(['readOnly']);
    expect(paths(await refused({ path: dir, fileSystem: null }))).toEqual(['fileSystem']);
    expect(paths(await refused({ path: dir, fileSystem: 'node:fs' }))).toEqual(['fileSystem']);
    const partial: Record<string, unknown> = { ...new FaultyFileSystem().fs, fsyncSync: 1 };
    delete partial.renameSync;
    expect(paths(await refused({ path: dir, fileSystem: partial }))).toEqual(['fileSystem.fsyncSync', 'fileSystem.renameSync']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an unknown option (a typo) is named, and every bad option is reported at once', async () => {
    const dir = tempDir();
    expect(paths(await refused({ path: dir, lockTimeout: 5_000 }))).toEqual(['lockTimeout']);
    const error = await refused({ path: '', lockTimeoutMs: Number.NaN, compactAfterBytes: -1, onRecovery: 1 });
    expect(paths(error)).toEqual(['path', 'compactAfterBytes', 'lockTimeoutMs', 'onRecovery']);
    expect(error.message).toMatch(/^invalid JSON file store options: path: /);
  });

  it('accepts the bounds themselves, and undefined for an option left out', async () => {
    const dir = tempDir();
    const options = { path: dir, compactAfterBytes: 0, lockTimeoutMs: 0, staleLockMs: 2 ** 31 - 1, onRecovery: undefined };
    const store = await createJsonFileStore(options as unknown as JsonFileStoreOptions);
    await store.close();
    const large = await createJsonFileStore({ path: dir, compactAfterBytes: Number.MAX_SAFE_INTEGER, lockTimeoutMs: 2 ** 31 - 1 });
    await large.close();
    expect(readdirSync(dir)).toEqual(['journal.jsonl']);
  });
});

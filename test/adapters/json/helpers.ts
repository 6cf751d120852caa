// Shared by the JSON store's durability tests: temp dirs, file hashes, record
// builders, child processes and a fault-injecting file system.
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { createJsonFileStore, type JsonFileStoreOptions } from '../../../src/adapters/json/index.js';
import { nodeFileSystem, type FileSystem } from '../../../src/adapters/json/fsSeam.js';
import type { WorkspaceId } from '../../../src/domain/ids.js';
import type { StoreOperation } from '../../../src/domain/ports.js';
import { startWorkerScript, type Worker } from '../../workers.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const STORE_FILES = ['journal.jsonl', 'snapshot.backup.json', 'snapshot.json'];
/** A writer's lock stamp, there while a writing store is open. */
export const STAMP = /^\.lock\.[0-9]+-[0-9a-f]+\.stamp$/;

const dirs: string[] = [];

/** Removes every directory made by {@link tempDir} after each test of the calling file. */
export function useTempDirs(): void {
  afterEach(() => {
    for (const dir of dirs.splice(0)) nodeFs.rmSync(dir, { recursive: true, force: true });
  });
}

/** A fresh directory under the OS temp dir, removed after the test. */
export function tempDir(prefix = 'reachout-json-'): string {
  const dir = nodeFs.mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Copies a store directory's files into a fresh temp dir. */
export function copyStore(from: string): string {
  const to = tempDir();
  for (const name of nodeFs.readdirSync(from)) nodeFs.copyFileSync(join(from, name), join(to, name));
  return to;
}

/** Every file in `dir` with the SHA-256 of its bytes. */
export function hashFiles(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const name of nodeFs.readdirSync(dir).sort()) {
    hashes[name] = createHash('sha256').update(nodeFs.readFileSync(join(dir, name))).digest('hex');
  }
  return hashes;
}

/** Names of leftover temp files in `dir`. */
export function tempFiles(dir: string): string[] {
  return nodeFs.readdirSync(dir).filter((name) => name.endsWith('.tmp'));
}

export const CREATED = '2024-03-01T09:00:00.000Z';

export const putWorkspace = (id: string, name = `Workspace ${id}`): StoreOperation =>
  ({ op: 'put-workspace', workspace: { id, name, timeZone: 'Europe/Berlin', createdAt: CREATED } }) as unknown as StoreOperation;

export const putContact = (id: string, name = `Contact ${id}`, extra: Record<string, unknown> = {}): StoreOperation =>
  ({ op: 'put', kind: 'contact', record: { id, name, tie: 'alumni', createdAt: CREATED, ...extra } }) as unknown as StoreOperation;

export const wsId = (id: string) => id as WorkspaceId;

/** A workspace's state as a fresh store on `dir` reads it: revision, workspace name, contacts by id. */
export async function readState(
  dir: string,
  workspace: string,
  options: Omit<JsonFileStoreOptions, 'path'> = {},
): Promise<{ revision: number; name: string | undefined; contacts: Record<string, string> }> {
  const store = await createJsonFileStore({ ...options, path: dir });
  try {
    const snapshot = await store.loadNetwork(wsId(workspace));
    const contacts: Record<string, string> = {};
    for (const contact of snapshot?.network.contacts ?? []) contacts[contact.id] = contact.name;
    return { revision: snapshot?.revision ?? 0, name: snapshot?.network.workspace.name, contacts };
  } finally {
    await store.close();
  }
}

export type { Worker } from '../../workers.js';

/** Starts one of `workers/*.ts` (bundled once) as a child process, its stdout read as lines. */
export function startWorker(script: string, args: readonly string[]): Worker {
  return startWorkerScript(new URL(`./workers/${script}`, import.meta.url), args);
}

/** One call the store made through the file-system seam. */
export interface SeamCall {
  readonly method: keyof FileSystem;
  /** The path the call names, or the path the descriptor it uses was opened on. */
  readonly path: string;
}

/**
 * A file system that records the calls made while armed and fails the one at index
 * `faultAt` (counting from arming) with an error of code `errno`. A failing write may
 * first write part of its bytes; a failing close still releases the descriptor (as
 * the kernel does). Every other call goes to the real file system.
 */
export class FaultyFileSystem {
  readonly calls: SeamCall[] = [];
  armed = false;
  faultAt = -1;
  errno = 'EIO';
  /** Fails every call to these methods while armed (for retry tests), up to `times` each. */
  failMethods = new Map<keyof FileSystem, { errno: string; times: number }>();
  /** Fails every call, while armed, for which this returns an error code (a disk that stays full). */
  failWhen: ((call: SeamCall) => string | undefined) | undefined;
  partialWrite = false;
  /** Set when a fault was injected. */
  injected: SeamCall | undefined;
  private readonly paths = new Map<number, string>();
  readonly fs: FileSystem;

  constructor() {
    const real = nodeFileSystem;
    const paths = this.paths;
    const fail = (call: SeamCall, errno: string) => {
      this.injected = call;
      const error = new Error(`${errno}: injected fault, ${call.method} ${call.path}`) as NodeJS.ErrnoException;
      error.code = errno;
      return error;
    };
    const guard = (method: keyof FileSystem, path: string): string | undefined => {
      if (!this.armed) return undefined;
      const call = { method, path };
      const index = this.calls.length;
      this.calls.push(call);
      const repeated = this.failMethods.get(method);
      if (repeated && repeated.times > 0) {
        repeated.times--;
        throw fail(call, repeated.errno);
      }
      const persistent = this.failWhen?.(call);
      if (persistent) throw fail(call, persistent);
      return index === this.faultAt ? this.errno : undefined;
    };
    const fdPath = (fd: number) => paths.get(fd) ?? `fd ${fd}`;
    this.fs = {
      openSync: (path, flags, mode) => {
        const errno = guard('openSync', path);
        if (errno) throw fail({ method: 'openSync', path }, errno);
        const fd = real.openSync(path, flags, mode);
        paths.set(fd, path);
        return fd;
      },
      closeSync: (fd) => {
        const errno = guard('closeSync', fdPath(fd));
        real.closeSync(fd);
        if (errno) throw fail({ method: 'closeSync', path: fdPath(fd) }, errno);
      },
      writeSync: (fd, buffer, offset, length, position) => {
        const errno = guard('writeSync', fdPath(fd));
        if (errno) {
          if (this.partialWrite) {
            const start = offset ?? 0;
            const whole = length ?? buffer.length - start;
            real.writeSync(fd, buffer, start, Math.max(1, Math.floor(whole / 2)), position);
          }
          throw fail({ method: 'writeSync', path: fdPath(fd) }, errno);
        }
        return real.writeSync(fd, buffer, offset, length, position);
      },
      readSync: (fd, buffer, offset, length, position) => {
        const errno = guard('readSync', fdPath(fd));
        if (errno) throw fail({ method: 'readSync', path: fdPath(fd) }, errno);
        return real.readSync(fd, buffer, offset, length, position);
      },
      fsyncSync: (fd) => {
        const errno = guard('fsyncSync', fdPath(fd));
        if (errno) throw fail({ method: 'fsyncSync', path: fdPath(fd) }, errno);
        real.fsyncSync(fd);
      },
      ftruncateSync: (fd, length) => {
        const errno = guard('ftruncateSync', fdPath(fd));
        if (errno) throw fail({ method: 'ftruncateSync', path: fdPath(fd) }, errno);
        real.ftruncateSync(fd, length);
      },
      fstatSync: (fd) => {
        const errno = guard('fstatSync', fdPath(fd));
        if (errno) throw fail({ method: 'fstatSync', path: fdPath(fd) }, errno);
        return real.fstatSync(fd);
      },
      statSync: (path) => {
        const errno = guard('statSync', path);
        if (errno) throw fail({ method: 'statSync', path }, errno);
        return real.statSync(path);
      },
      readFileSync: (path) => {
        const errno = guard('readFileSync', path);
        if (errno) throw fail({ method: 'readFileSync', path }, errno);
        return real.readFileSync(path);
      },
      renameSync: (from, to) => {
        const errno = guard('renameSync', to);
        if (errno) throw fail({ method: 'renameSync', path: to }, errno);
        real.renameSync(from, to);
      },
      linkSync: (existing, newPath) => {
        const errno = guard('linkSync', newPath);
        if (errno) throw fail({ method: 'linkSync', path: newPath }, errno);
        real.linkSync(existing, newPath);
      },
      unlinkSync: (path) => {
        const errno = guard('unlinkSync', path);
        if (errno) throw fail({ method: 'unlinkSync', path }, errno);
        real.unlinkSync(path);
      },
      mkdirSync: (path, options) => {
        const errno = guard('mkdirSync', path);
        if (errno) throw fail({ method: 'mkdirSync', path }, errno);
        real.mkdirSync(path, options);
      },
      readdirSync: (path) => {
        const errno = guard('readdirSync', path);
        if (errno) throw fail({ method: 'readdirSync', path }, errno);
        return real.readdirSync(path);
      },
    };
  }
}

// Truncated, bit-flipped and hand-edited store files. Each gives its typed error
// naming the file and the position or field path (or, for an unterminated last
// journal entry, the torn-tail recovery), and the files are byte-identical afterwards:
// never rewritten, never reset to empty.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJsonFileStore } from '../../../src/adapters/json/index.js';
import { journalLine, snapshotFile } from '../../../src/adapters/json/format.js';
import { StoreCorruptedError, UnsupportedSchemaVersionError } from '../../../src/domain/errors.js';
import { copyStore, hashFiles, putContact, putWorkspace, readState, useTempDirs, wsId } from './helpers.js';

useTempDirs();

const WS = wsId('damage');
type State = Awaited<ReturnType<typeof readState>>;

let template: string;
let templateRoot: string;
/** The workspace's state after each revision. */
const states = new Map<number, State>();

/**
 * snapshot.json at revision 3, snapshot.backup.json at revision 2, and a journal
 * (after 3) holding revisions 4, 5 and 6.
 */
beforeAll(async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  templateRoot = mkdtempSync(join(tmpdir(), 'reachout-damage-template-'));
  template = join(templateRoot, 'store');
  const store = await createJsonFileStore({ path: template });
  const changes = [
    [putWorkspace('damage'), putContact('a', 'Ada', { emails: ['ada@example.org'] }), putContact('b', 'Bea')],
    [putContact('c', 'Cy', { emails: ['cy@example.org'], tags: ['x'] })],
    [putContact('d', 'Dee')],
    [putContact('e', 'Eve', { emails: ['eve@example.org'] })],
    [{ op: 'delete' as const, kind: 'contact' as const, id: 'b' }],
    [putContact('a', 'Ada L.', { emails: ['ada@example.org', 'ada@work.example'] })],
  ];
  let revision = 0;
  for (const [index, operations] of changes.entries()) {
    ({ revision } = await store.commit(WS, { expectedRevision: revision, operations }));
    const network = (await store.loadNetwork(WS))!;
    states.set(revision, {
      revision,
      name: network.network.workspace.name,
      contacts: Object.fromEntries(network.network.contacts.map((contact) => [contact.id, contact.name])),
    });
    if (index === 1 || index === 2) await store.compact();
  }
  await store.close();
  return () => rmSync(templateRoot, { recursive: true, force: true });
});

/** Opens the store on `dir`, expecting it to fail; checks no file changed; returns the error. */
async function openFails(dir: string): Promise<unknown> {
  const before = hashFiles(dir);
  const error = await createJsonFileStore({ path: dir }).then(
    async (store) => {
      await store.close();
      return undefined;
    },
    (caught: unknown) => caught,
  );
  expect(hashFiles(dir)).toEqual(before);
  expect(error).toBeDefined();
  return error;
}

function expectCorrupted(error: unknown, file: string, where?: RegExp | string): StoreCorruptedError {
  expect(error).toBeInstanceOf(StoreCorruptedError);
  const corrupted = error as StoreCorruptedError;
  expect(corrupted.file).toBe(file);
  expect(corrupted.where).not.toBe('');
  if (typeof where === 'string') expect(corrupted.where).toBe(where);
  else if (where) expect(corrupted.where).toMatch(where);
  expect(corrupted.message).toContain(file);
  return corrupted;
}

const lineEnds = (bytes: Buffer) => [...bytes.entries()].filter(([, byte]) => byte === 0x0a).map(([index]) => index + 1);

describe('truncated files', () => {
  it('a snapshot cut at any byte gives StoreCorruptedError naming it, and nothing changes', async () => {
    const dir = copyStore(template);
    const path = join(dir, 'snapshot.json');
    const original = readFileSync(path);
    for (let length = 0; length < original.length; length++) {
      writeFileSync(path, original.subarray(0, length));
      expectCorrupted(await openFails(dir), path);
    }
  });

  it('a journal cut inside its header gives StoreCorruptedError; the header is never rewritten', async () => {
    const dir = copyStore(template);
    const path = join(dir, 'journal.jsonl');
    const original = readFileSync(path);
    const headerEnd = lineEnds(original)[0]!;
    for (let length = 0; length < headerEnd; length++) {
      writeFileSync(path, original.subarray(0, length));
      expectCorrupted(await openFails(dir), path, length === 0 ? 'byte 0' : /^line 1/);
    }
  });

  it('a journal cut inside an entry is a torn append: cut back to the last whole entry and reported', async () => {
    const dir = copyStore(template);
    const path = join(dir, 'journal.jsonl');
    const original = readFileSync(path);
    const ends = lineEnds(original);
    const snapshots = hashFiles(template);
    let cuts = 0;
    for (let length = ends[0]! + 1; length < original.length; length++) {
      // Cuts at a line end, or just before one (a whole entry kept): tested below.
      if (ends.includes(length) || ends.includes(length + 1)) continue;
      writeFileSync(path, original.subarray(0, length));
      const whole = ends.filter((end) => end < length).at(-1)!;
      const entries = ends.indexOf(whole); // whole entries kept (the header is line 1)
      const reports: unknown[] = [];
      const store = await createJsonFileStore({ path: dir, onRecovery: (report) => reports.push(report) });
      const report = { kind: 'torn-entry', file: path, line: entries + 2, bytes: length - whole, repaired: true };
      expect(store.recoveries).toEqual([report]);
      expect(reports).toEqual([report]);
      const network = await store.loadNetwork(WS);
      await store.close();
      expect(readFileSync(path)).toEqual(original.subarray(0, whole));
      const after = hashFiles(dir);
      expect(after['snapshot.json']).toBe(snapshots['snapshot.json']);
      expect(after['snapshot.backup.json']).toBe(snapshots['snapshot.backup.json']);
      expect(network?.revision).toBe(3 + entries);
      expect(Object.fromEntries(network!.network.contacts.map((c) => [c.id, c.name]))).toEqual(states.get(3 + entries)!.contacts);
      cuts++;
    }
    expect(cuts).toBe(original.length - ends[0]! - 2 * (ends.length - 1));
  });

  it('a journal cut exactly between entries opens with the entries before the cut, unchanged', async () => {
    const original = readFileSync(join(template, 'journal.jsonl'));
    const ends = lineEnds(original);
    for (const [index, end] of ends.entries()) {
      const dir = copyStore(template);
      writeFileSync(join(dir, 'journal.jsonl'), original.subarray(0, end));
      const before = hashFiles(dir);
      const store = await createJsonFileStore({ path: dir });
      expect(store.recoveries).toEqual([]);
      await store.close();
      expect(hashFiles(dir)).toEqual(before);
      expect(await readState(dir, 'damage')).toEqual(states.get(3 + index));
    }
  });
});

describe('a last journal line without its newline', () => {
  it('is kept when it is a whole entry (checksum, shape, sequence): the open appends the newline and reports it', async () => {
    const original = readFileSync(join(template, 'journal.jsonl'));
    const ends = lineEnds(original);
    for (const [index, end] of ends.entries()) {
      if (index === 0) continue; // the header: never torn, see above
      const dir = copyStore(template);
      const path = join(dir, 'journal.jsonl');
      writeFileSync(path, original.subarray(0, end - 1));
      const reports: unknown[] = [];
      const store = await createJsonFileStore({ path: dir, onRecovery: (report) => reports.push(report) });
      const report = { kind: 'missing-newline', file: path, line: index + 1, bytes: 1, repaired: true };
      expect(store.recoveries).toEqual([report]);
      expect(reports).toEqual([report]);
      // The file is well-formed again before anything is appended to it.
      expect(readFileSync(path)).toEqual(original.subarray(0, end));
      const network = await store.loadNetwork(WS);
      expect(network?.revision).toBe(3 + index);
      await store.commit(WS, { expectedRevision: 3 + index, operations: [putContact('next', 'Next')] });
      await store.close();
      const state = await readState(dir, 'damage');
      expect(state).toEqual({ ...states.get(3 + index)!, revision: 4 + index, contacts: { ...states.get(3 + index)!.contacts, next: 'Next' } });
      expect(hashFiles(dir)['snapshot.json']).toBe(hashFiles(template)['snapshot.json']);
    }
  });

  it('is corruption when it passes its checksum but is not the next entry, and nothing changes', async () => {
    const cases: [string, (lines: string[]) => string[], RegExp][] = [
      ['out of sequence', (lines) => [...lines.slice(0, -1), relined({ ...entryOf(lines.at(-1)!), seq: 9 })], /^line 4 /],
      ['not an entry', (lines) => [...lines, relined({ hello: 'world' })], /^line 5 /],
    ];
    for (const [name, edit, where] of cases) {
      const dir = copyStore(template);
      const path = editJournal(dir, edit);
      writeFileSync(path, readFileSync(path).subarray(0, -1));
      expectCorrupted(await openFails(dir), path, where);
      expect(readFileSync(path, 'utf8').endsWith('\n'), name).toBe(false);
    }
  });
});

describe('bit flips', () => {
  for (const file of ['snapshot.json', 'journal.jsonl']) {
    it(`any single flipped bit in ${file} gives StoreCorruptedError naming it, and nothing changes`, async () => {
      const dir = copyStore(template);
      const path = join(dir, file);
      const original = readFileSync(path);
      const headerEnd = lineEnds(original)[0]!;
      let flips = 0;
      for (let index = 0; index < original.length; index++) {
        // Every bit of the header line (format, version, sequence numbers, checksums);
        // one bit of each byte after it, cycling through the eight.
        const bits = index < headerEnd ? [0, 1, 2, 3, 4, 5, 6, 7] : [index % 8];
        for (const bit of bits) {
          const damaged = Buffer.from(original);
          damaged[index]! ^= 1 << bit;
          writeFileSync(path, damaged);
          expectCorrupted(await openFails(dir), path);
          flips++;
        }
      }
      expect(flips).toBeGreaterThan(original.length);
    });
  }

  it('a flipped bit in the last newline of the journal is damage, not a torn append', async () => {
    const dir = copyStore(template);
    const path = join(dir, 'journal.jsonl');
    const original = readFileSync(path);
    for (let bit = 0; bit < 8; bit++) {
      const damaged = Buffer.from(original);
      damaged[damaged.length - 1]! ^= 1 << bit;
      writeFileSync(path, damaged);
      const error = expectCorrupted(await openFails(dir), path, /^line 4 /);
      expect(error.detail).toMatch(/damaged line end|checksum|not a checksummed/);
    }
  });
});

/** Rewrites the snapshot's body through `edit`, with checksums recomputed (a careful hand edit). */
interface EditableNetwork {
  workspace?: unknown;
  contacts: unknown[];
  [list: string]: unknown;
}

function editSnapshot(dir: string, edit: (body: { workspaces: { revision: number; network: EditableNetwork }[] }, header: { lastSeq: number }) => void) {
  const path = join(dir, 'snapshot.json');
  const text = readFileSync(path, 'utf8');
  const [headerLine, bodyLine] = text.split('\n');
  const header = JSON.parse(headerLine!.slice(9)) as { lastSeq: number };
  const body = JSON.parse(bodyLine!);
  edit(body, header);
  writeFileSync(path, snapshotFile(header.lastSeq, body));
  return path;
}

/** Rewrites journal line `line` (1-based) through `edit`, with its checksum recomputed. */
function editJournal(dir: string, edit: (lines: string[]) => string[]) {
  const path = join(dir, 'journal.jsonl');
  const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
  writeFileSync(path, `${edit(lines).join('\n')}\n`);
  return path;
}

const entryOf = (line: string) => JSON.parse(line.slice(9)) as { seq: number; expectedRevision: number; operations: { record?: Record<string, unknown> }[] };
const relined = (value: unknown) => journalLine(value).toString('utf8').slice(0, -1);

describe('hand-edited files (valid JSON, valid checksums)', () => {
  it('an invalid email in the snapshot names the field path', async () => {
    const dir = copyStore(template);
    const path = editSnapshot(dir, (body) => {
      (body.workspaces[0]!.network.contacts[1] as { emails: string[] }).emails[0] = 'not-an-email';
    });
    const error = expectCorrupted(await openFails(dir), path, 'workspaces[0].network.contacts[1].emails[0]');
    expect(error.detail).toContain('not an email address');
  });

  it('an unknown key, a record id that is a path, a duplicate id, or a bad revision in the snapshot names where', async () => {
    const cases: [string, Parameters<typeof editSnapshot>[1], string | RegExp][] = [
      ['unknown key', (body) => void ((body.workspaces[0]!.network.contacts[0] as Record<string, unknown>).favourite = true), 'workspaces[0].network.contacts[0].favourite'],
      ['path-like id', (body) => void ((body.workspaces[0]!.network.contacts[0] as Record<string, unknown>).id = '../../etc/passwd'), 'workspaces[0].network.contacts[0].id'],
      ['duplicate id', (body) => void body.workspaces[0]!.network.contacts.push(body.workspaces[0]!.network.contacts[0]), /^workspaces\[0\]\.network\.contacts\[\d\]\.id$/],
      ['revision', (body) => void (body.workspaces[0]!.revision = 0), 'workspaces[0].revision'],
      ['unknown list', (body) => void (body.workspaces[0]!.network.friends = []), 'workspaces[0].network.friends'],
      ['missing workspace', (body) => void delete (body.workspaces[0]!.network as Record<string, unknown>).workspace, /^workspaces\[0\]\.network\.workspace/],
      ['duplicate workspace', (body) => void body.workspaces.push(body.workspaces[0]!), 'workspaces[1].network.workspace.id'],
    ];
    for (const [name, edit, where] of cases) {
      const dir = copyStore(template);
      const path = editSnapshot(dir, edit);
      const error = await openFails(dir);
      expect(error, name).toBeInstanceOf(StoreCorruptedError);
      expectCorrupted(error, path, where);
    }
  });

  it('a lastSeq raised in the snapshot header is caught where the journal no longer fits it', async () => {
    const dir = copyStore(template);
    editSnapshot(dir, (_, header) => void (header.lastSeq += 2));
    // The journal's next entry expects the revision the snapshot really held.
    const error = expectCorrupted(await openFails(dir), join(dir, 'journal.jsonl'), 'line 4');
    expect(error.detail).toMatch(/revisions out of order/);
  });

  it('an invalid record in the middle of the journal names the line and the field path', async () => {
    const dir = copyStore(template);
    const path = editJournal(dir, (lines) => {
      const entry = entryOf(lines[1]!);
      entry.operations[0]!.record!.emails = ['eve-at-example.org'];
      lines[1] = relined(entry);
      return lines;
    });
    const error = expectCorrupted(await openFails(dir), path, /^line 2: operations\[0\]\.record\.emails\[0\]/);
    expect(error.detail).toContain('not an email address');
  });

  it('a journal entry repeated, removed, reordered or with another expected revision is corruption', async () => {
    const cases: [string, (lines: string[]) => string[], RegExp][] = [
      ['repeated', (lines) => [...lines.slice(0, 3), lines[2]!, ...lines.slice(3)], /^line 4/],
      ['removed', (lines) => [lines[0]!, lines[1]!, lines[3]!], /^line 3/],
      ['reordered', (lines) => [lines[0]!, lines[2]!, lines[1]!, lines[3]!], /^line 2/],
      ['renumbered', (lines) => [lines[0]!, lines[1]!, lines[2]!, relined({ ...entryOf(lines[3]!), seq: 9 })], /^line 4/],
      ['other revision', (lines) => [lines[0]!, lines[1]!, relined({ ...entryOf(lines[2]!), expectedRevision: 2 }), lines[3]!], /^line 3/],
      ['not an entry', (lines) => [lines[0]!, relined({ hello: 'world' }), ...lines.slice(2)], /^line 2/],
      ['another header', (lines) => [relined({ format: 'reachout/snapshot', schemaVersion: 1, after: 3 }), ...lines.slice(1)], /^line 1/],
      ['earlier start', (lines) => [relined({ format: 'reachout/journal', schemaVersion: 1, after: 2 }), ...lines.slice(1)], /^line 2/],
    ];
    for (const [name, edit, where] of cases) {
      const dir = copyStore(template);
      const path = editJournal(dir, edit);
      const error = await openFails(dir);
      expect(error, name).toBeInstanceOf(StoreCorruptedError);
      expectCorrupted(error, path, where);
    }
  });

  it('a journal that follows a later snapshot than the one present (an old snapshot restored) is corruption', async () => {
    const dir = copyStore(template);
    renameSync(join(dir, 'snapshot.backup.json'), join(dir, 'snapshot.json'));
    expectCorrupted(await openFails(dir), join(dir, 'snapshot.json'), 'line 1 (header)');
  });

  it('a missing snapshot or a missing journal is corruption, and nothing is created in its place', async () => {
    const noSnapshot = copyStore(template);
    rmSync(join(noSnapshot, 'snapshot.json'));
    expectCorrupted(await openFails(noSnapshot), join(noSnapshot, 'snapshot.json'));
    const noJournal = copyStore(template);
    rmSync(join(noJournal, 'journal.jsonl'));
    expectCorrupted(await openFails(noJournal), join(noJournal, 'journal.jsonl'));
  });

  it('a schemaVersion that is not a positive whole number is corruption; a higher one is unsupported', async () => {
    for (const version of [0, -1, 1.5, '1', null]) {
      const dir = copyStore(template);
      const path = editJournal(dir, (lines) => [relined({ format: 'reachout/journal', schemaVersion: version, after: 3 }), ...lines.slice(1)]);
      expectCorrupted(await openFails(dir), path, 'line 1 (header)');
    }
    const dir = copyStore(template);
    editJournal(dir, (lines) => [relined({ format: 'reachout/journal', schemaVersion: 7, after: 3 }), ...lines.slice(1)]);
    expect(await openFails(dir)).toBeInstanceOf(UnsupportedSchemaVersionError);
  });

  it('the damaged store still gives its error on a second open, and the backup is untouched', async () => {
    const dir = copyStore(template);
    const backup = readFileSync(join(dir, 'snapshot.backup.json'));
    const path = editSnapshot(dir, (body) => void (body.workspaces[0]!.network.contacts[0] = { id: 'x' } as never));
    expectCorrupted(await openFails(dir), path);
    expectCorrupted(await openFails(dir), path);
    expect(readFileSync(join(dir, 'snapshot.backup.json'))).toEqual(backup);
  });
});

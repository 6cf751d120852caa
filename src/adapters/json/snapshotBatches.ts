// Reads a snapshot in the exact layout this version writes, a batch of records at a
// time: each batch is decoded, parsed and read (see ../storedRecords.ts) as soon as it is
// cut out, so the whole body's text and its whole parse never exist at once (together
// they outweigh the file three times over). Anything off that layout, and any record the
// fast path leaves to the schema, answers `undefined`: the caller then reads the file
// the ordinary way, which gives every error exactly.
//
// Cutting is safe without a full scan: a batch is parsed as `[` + its bytes + `]`, which
// parses only when the cut falls between whole records of the list (never inside a
// string, which cannot hold an unescaped `"`, nor inside a nested value).
import type { WorkspaceId } from '../../domain/ids.js';
import type { Network } from '../../domain/network.js';
import { RECORD_KINDS, RECORD_LISTS } from '../../domain/records.js';
import { validate } from '../../domain/validate.js';
import { WorkspaceSchema } from '../../domain/workspace.js';
import { fromNetwork, type WorkspaceState } from '../workspaceState.js';
import { wholeSnapshotBytes, type SnapshotBytes } from './format.js';
import { readStoredRecord } from '../storedRecords.js';

/** About this many bytes per batch: its text stays a small, short-lived string. */
const BATCH_BYTES = 48 * 1024;
/** Where one record ends and the next begins (every record's first key is its id). */
const BETWEEN_RECORDS = '},{"id":"';

/** The workspaces of a snapshot body written by this version, or `undefined` to read it the ordinary way. */
export function readSnapshotBatches(snapshot: Buffer | SnapshotBytes, bodyStart: number): Map<WorkspaceId, WorkspaceState> | undefined {
  const bytes = Buffer.isBuffer(snapshot) ? wholeSnapshotBytes(snapshot) : snapshot;
  const workspaces = new Map<WorkspaceId, WorkspaceState>();
  let pos = bodyStart;
  const at = (text: string) => bytes.slice(pos, pos + text.length).toString('latin1') === text;
  const skip = (text: string) => {
    if (!at(text)) return false;
    pos += text.length;
    return true;
  };
  const parse = (start: number, end: number, prefix = '', suffix = ''): unknown => {
    try {
      return JSON.parse(prefix + bytes.slice(start, end).toString('utf8') + suffix);
    } catch {
      return undefined;
    }
  };
  if (!skip('{"workspaces":[')) return undefined;
  if (!skip(']')) {
    do {
      if (!skip('{"revision":')) return undefined;
      const comma = bytes.indexOf(',', pos);
      const digits = comma < 0 || comma - pos > 16 ? '' : bytes.slice(pos, comma).toString('latin1');
      const revision = Number(digits);
      if (!/^[1-9][0-9]*$/.test(digits) || !Number.isSafeInteger(revision)) return undefined;
      pos = comma;
      if (!skip(',"network":{"workspace":')) return undefined;
      const workspaceEnd = bytes.indexOf(`,"${RECORD_LISTS.contact}":[`, pos);
      if (workspaceEnd < 0) return undefined;
      let workspace: Network['workspace'];
      try {
        workspace = validate(WorkspaceSchema, parse(pos, workspaceEnd), 'snapshot');
      } catch {
        return undefined;
      }
      pos = workspaceEnd + 1;
      const network: Record<string, unknown> = { workspace };
      for (const [index, kind] of RECORD_KINDS.entries()) {
        const name = RECORD_LISTS[kind];
        if (!skip(`"${name}":[`)) return undefined;
        const next = RECORD_KINDS[index + 1];
        const records: unknown[] = [];
        network[name] = records;
        if (!skip(']')) {
          // The list's last record ends just before the next list's name, or the network's end.
          const end = bytes.indexOf(next ? `}],"${RECORD_LISTS[next]}":[` : '}]}}', pos) + 1;
          if (end <= 0) return undefined;
          while (pos < end) {
            const boundary = end - pos > BATCH_BYTES ? bytes.indexOf(BETWEEN_RECORDS, pos + BATCH_BYTES) + 1 : 0;
            const cut = boundary > 0 && boundary < end ? boundary : end;
            const batch = parse(pos, cut, '[', ']');
            if (!Array.isArray(batch)) return undefined;
            for (const json of batch) {
              const record = readStoredRecord(kind, json);
              if (record === undefined) return undefined;
              records.push(record);
            }
            pos = cut + 1; // past the comma between records, or the list's "]"
          }
        }
        if (next && !skip(',')) return undefined;
      }
      if (!skip('}}')) return undefined;
      const state = fromNetwork(network as unknown as Network, revision);
      // A repeated id or workspace: the ordinary read says where.
      for (const kind of RECORD_KINDS) if (state.records[kind].size !== (network[RECORD_LISTS[kind]] as unknown[]).length) return undefined;
      if (workspaces.has(workspace.id)) return undefined;
      workspaces.set(workspace.id, state);
    } while (skip(','));
    if (!skip(']')) return undefined;
  }
  return skip('}\n') && pos === bytes.length ? workspaces : undefined;
}

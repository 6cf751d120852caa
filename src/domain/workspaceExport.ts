// One workspace as one JSON document: what `exportWorkspace` gives and
// `importWorkspace` takes, so a seeker can move their network to any store.
import * as z from 'zod';
import { UnsupportedSchemaVersionError, ValidationError } from './errors.js';
import { NetworkSchema, parseNetwork, type Network, type NetworkInput } from './network.js';

/** The `format` every workspace export carries. */
export const WORKSPACE_EXPORT_FORMAT = 'reachout.workspace';
/** The version of the workspace export this reachout writes, and the newest it reads. */
export const WORKSPACE_EXPORT_VERSION = 1;

/** A whole workspace as one versioned JSON document (instants as ISO-8601 strings). */
export interface WorkspaceExport {
  readonly format: typeof WORKSPACE_EXPORT_FORMAT;
  readonly version: number;
  /** When it was exported, ISO-8601. */
  readonly exportedAt: string;
  /** Every record of the workspace, as `parseNetwork` reads it. */
  readonly network: NetworkInput;
}

/** The workspace export of `network`, stamped `exportedAt`: plain JSON, ready for `JSON.stringify`. */
export function toWorkspaceExport(network: Network, exportedAt: Date): WorkspaceExport {
  return {
    format: WORKSPACE_EXPORT_FORMAT,
    version: WORKSPACE_EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    network: z.encode(NetworkSchema, network),
  };
}

/**
 * Reads a workspace export (as `JSON.parse` gives it) back into a network. Throws
 * `ValidationError` for a document that is not one (with field paths into the network),
 * and `UnsupportedSchemaVersionError` for one written by a newer reachout.
 */
export function readWorkspaceExport(document: unknown): Network {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new ValidationError('workspace export', [{ path: '(root)', message: 'not a workspace export (an object with format, version and network)' }]);
  }
  const { format, version, network } = document as Record<string, unknown>;
  if (format !== WORKSPACE_EXPORT_FORMAT) {
    throw new ValidationError('workspace export', [{ path: 'format', message: `is not "${WORKSPACE_EXPORT_FORMAT}": not a reachout workspace export` }]);
  }
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw new ValidationError('workspace export', [{ path: 'version', message: 'a whole number, 1 or more' }]);
  }
  if (version > WORKSPACE_EXPORT_VERSION) throw new UnsupportedSchemaVersionError('workspace export', version, WORKSPACE_EXPORT_VERSION);
  return parseNetwork(network);
}

// How a run of the command ends badly: a usage error (exit 2) or a reachout error (exit 1).
import { isReachoutError } from '../domain/errors.js';

/** The command line was not understood: a bad argument, an ambiguous name. Exit 2. */
export class UsageError extends Error {
  readonly code = 'usage';
}

/** Something the command could not do that is not the Playbook's to say (no store, no workspace). Exit 1. */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Exit codes, as clig.dev and most Unix tools use them. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** What a failure is called in `--json` output and which exit code it gives. */
export function describeFailure(error: unknown): { code: string; message: string; exitCode: number } {
  if (error instanceof UsageError) return { code: error.code, message: error.message, exitCode: EXIT.usage };
  if (error instanceof CommandError) return { code: error.code, message: error.message, exitCode: EXIT.failure };
  if (isReachoutError(error)) return { code: error.code, message: error.message, exitCode: EXIT.failure };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message, exitCode: EXIT.failure };
}

// What `importContacts` accepts and answers, and how it checks a plan before anything
// is written. The matching itself is the pure rule in rules/importPlan.ts.
import type { Contact } from '../domain/contact.js';
import { ContactDraftSchema, type ContactDraft, type ContactDraftInput } from '../domain/contactDraft.js';
import { ValidationError, type FieldIssue } from '../domain/errors.js';
import type { Organization } from '../domain/organization.js';
import { validate } from '../domain/validate.js';
import type { ImportPlan } from '../rules/importPlan.js';

/** Most drafts one import takes: LinkedIn keeps at most 30,000 connections, Google 25,000 contacts. */
export const MAX_IMPORT_CONTACTS = 50_000;

/** What `importContacts` takes: a plan from `planImport`, or any object listing drafts as `entries[].draft`. */
export interface ImportContactsInput {
  readonly entries: readonly { readonly draft: ContactDraftInput }[];
}

/** How far an import has got: drafts checked and prepared, then written, then done. */
export interface ImportProgress {
  readonly stage: 'checking' | 'writing' | 'done';
  /** Drafts handled so far (all of them once writing). */
  readonly done: number;
  readonly total: number;
}

/** Options of `importContacts`. */
export interface ImportContactsOptions {
  /**
   * Called as the import goes on: every 500 drafts while checking, once before the one
   * write and once after it. A callback that throws stops the import; nothing is written.
   */
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** What an import did. */
export interface ImportResult {
  /** The plan as matched against the workspace at the moment of writing: what was done, entry by entry. */
  readonly plan: ImportPlan;
  /** Contacts added. */
  readonly added: readonly Contact[];
  /** Existing contacts that gained e-mail addresses, phone numbers, an organization, notes or tags. */
  readonly merged: readonly Contact[];
  /** Organizations created for names the workspace did not have. */
  readonly organizationsAdded: readonly Organization[];
}

/** How many drafts are checked between two progress reports (and two pauses for the event loop). */
export const IMPORT_BATCH = 500;

/**
 * The drafts of an import, validated: `ValidationError` naming `entries[i].draft…` for
 * every failing field (the error keeps the first 100), and nothing is written. Reports
 * progress after each batch and lets the event loop run, so a progress bar can paint.
 */
export async function importDrafts(raw: unknown, onProgress: ImportContactsOptions['onProgress']): Promise<ContactDraft[]> {
  const entries = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as { entries?: unknown }).entries : undefined;
  if (!Array.isArray(entries)) throw new ValidationError('import', [{ path: 'entries', message: 'a list of entries, each with a draft (as planImport gives)' }]);
  if (entries.length > MAX_IMPORT_CONTACTS) {
    throw new ValidationError('import', [{ path: 'entries', message: `more than ${MAX_IMPORT_CONTACTS} entries (${entries.length}): import the file in parts` }]);
  }
  const drafts: ContactDraft[] = [];
  const issues: FieldIssue[] = [];
  for (let at = 0; at < entries.length; at++) {
    const entry: unknown = entries[at];
    const draft = typeof entry === 'object' && entry !== null ? (entry as { draft?: unknown }).draft : undefined;
    try {
      drafts.push(validate(ContactDraftSchema, draft, 'import', `entries[${at}].draft`));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
    }
    if ((at + 1) % IMPORT_BATCH === 0 && at + 1 < entries.length) {
      onProgress?.({ stage: 'checking', done: at + 1, total: entries.length });
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
  }
  if (issues.length > 0) throw new ValidationError('import', issues);
  return drafts;
}

// `reachout/import`: the networks people already have, read into contact drafts
// (LinkedIn's Connections.csv, Google Contacts' CSV, vCard), matched against a network
// (`planImport`, the same pure rule the root entry has), and contacts written back out
// as vCard. The parsers (csv-parse, ical.js) live on this entry only, never the root.
export { readLinkedInConnections } from './linkedin.js';
export { readGoogleContacts } from './googleContacts.js';
export { readVCards } from './vcard.js';
export { writeVCards, type WriteVCardsOptions } from './vcardWriter.js';
export { readConnectedOn, type DroppedValue, type ReadOptions, type ReadResult, type SkippedRow } from './draft.js';
export { DEFAULT_MAX_IMPORT_BYTES, type ImportFile } from './text.js';
export {
  planImport,
  importedRecords,
  connectedOnNote,
  IMPORT_MATCH_ORDER,
  type ContactMerge,
  type ConflictImportEntry,
  type DuplicateImportEntry,
  type ImportCandidate,
  type ImportedContactFields,
  type ImportedRecords,
  type ImportEntry,
  type ImportMatch,
  type ImportPlan,
  type NewImportEntry,
  type PlannedOrganization,
  type RepeatImportEntry,
} from '../rules/importPlan.js';
export { ContactDraftSchema, type ContactDraft, type ContactDraftInput } from '../domain/contactDraft.js';
export { ImportFormatError, type ImportFormat, type ImportFormatProblem } from '../domain/errors.js';

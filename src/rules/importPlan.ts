// Rule `import.match`: which contacts of an import the network already holds. Pure:
// the network and the drafts in, a plan out; nothing here reads a clock or a store.
import type { Contact } from '../domain/contact.js';
import type { ContactDraft } from '../domain/contactDraft.js';
import type { Network } from '../domain/network.js';
import type { Organization } from '../domain/organization.js';

// The Contact schema's limits (checked against it in the tests): a merge stays within them.
const MAX_EMAILS = 10;
const MAX_PHONES = 10;
const MAX_TAGS = 50;
const MAX_NOTES = 20_000;
// Fewer digits than this are an extension or a short code, never a person's number.
const MIN_PHONE_DIGITS = 5;

/** How an imported contact was recognized, strongest first. */
export type ImportMatch = 'profile-url' | 'email' | 'phone' | 'name-and-organization';

/** The order in which drafts are matched: the first kind that finds anyone decides. */
export const IMPORT_MATCH_ORDER: readonly ImportMatch[] = ['profile-url', 'email', 'phone', 'name-and-organization'];

const MATCH_NOUNS: Readonly<Record<ImportMatch, string>> = {
  'profile-url': 'profile URL',
  email: 'e-mail address',
  phone: 'phone number',
  'name-and-organization': 'name and organization',
};

/** An organization an import links contacts to: one that exists (`organizationId`), or one it creates. */
export interface PlannedOrganization {
  readonly name: string;
  /** The existing organization of that name (compared case-insensitively); none: the import creates it. */
  readonly organizationId?: string;
}

/** The fields of a contact an import adds (its organization is the entry's). */
export interface ImportedContactFields {
  readonly name: string;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly profileUrl?: string;
  readonly role?: string;
  readonly tie: Contact['tie'];
  readonly researchNotes: string;
  readonly tags: readonly string[];
}

/** What an import adds to a contact it already knows: only what the contact lacks; nothing is overwritten. */
export interface ContactMerge {
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  /** Set only when the contact has no profile URL yet. */
  readonly profileUrl?: string;
  /** Set only when the contact has no role yet. */
  readonly role?: string;
  /** Set only when the contact has no organization yet. */
  readonly organization?: PlannedOrganization;
  /** Lines added to the research notes (the file's notes, "Connected on 15 Mar 2024."). */
  readonly notes: readonly string[];
  readonly tags: readonly string[];
}

interface EntryBase {
  /** The draft's position in the list given to {@link planImport}. */
  readonly index: number;
  readonly draft: ContactDraft;
  readonly rule: 'import.match';
  readonly reason: string;
}

/** A person the network does not hold yet: added as a new contact. */
export interface NewImportEntry extends EntryBase {
  readonly status: 'new';
  readonly contact: ImportedContactFields;
  readonly organization?: PlannedOrganization;
}

/** A person the network holds: what the draft adds is merged into that contact. */
export interface DuplicateImportEntry extends EntryBase {
  readonly status: 'duplicate';
  readonly contactId: string;
  readonly contactName: string;
  readonly matchedBy: ImportMatch;
  readonly merge: ContactMerge;
  /** Whether the merge changes the contact at all. */
  readonly changes: boolean;
}

/** A person listed earlier in the same import (entry `sameAs`): what the draft adds goes to that one. */
export interface RepeatImportEntry extends EntryBase {
  readonly status: 'repeat';
  readonly sameAs: number;
  readonly matchedBy: ImportMatch;
  readonly merge: ContactMerge;
  /** Whether the merge changes that contact at all. */
  readonly changes: boolean;
}

/** Who a conflicting draft matches: an existing contact, or an earlier entry of the import. */
export interface ImportCandidate {
  readonly name: string;
  readonly contactId?: string;
  readonly entry?: number;
}

/**
 * A draft the plan cannot place on its own: it matches two or more people, or one whose
 * profile URL differs from the draft's. It is not imported; the seeker decides.
 */
export interface ConflictImportEntry extends EntryBase {
  readonly status: 'conflict';
  readonly matchedBy: ImportMatch;
  readonly candidates: readonly ImportCandidate[];
}

/** What an import does with one draft. */
export type ImportEntry = NewImportEntry | DuplicateImportEntry | RepeatImportEntry | ConflictImportEntry;

/** What an import would do, per draft and in total. */
export interface ImportPlan {
  /** One entry per draft, in the drafts' order. */
  readonly entries: readonly ImportEntry[];
  /** Every organization the import links a contact to, existing or new, in order of first use. */
  readonly organizations: readonly PlannedOrganization[];
  readonly counts: {
    readonly new: number;
    readonly duplicate: number;
    readonly repeat: number;
    readonly conflict: number;
    /** Duplicates and repeats that add nothing: a re-import is all of these. */
    readonly unchanged: number;
    /** Organizations the import creates. */
    readonly newOrganizations: number;
  };
}

/** Whitespace folded, case ignored: how organizations are told apart. */
function organizationKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Accents, case and punctuation ignored: "José-Luis  Pérez" is "jose luis perez". */
function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const emailKey = (email: string) => email.trim().toLowerCase();

/** The digits, with a leading `+` (or `00`) kept: national and international forms differ, and are not guessed at. */
function phoneKey(phone: string): string | undefined {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < MIN_PHONE_DIGITS) return undefined;
  if (trimmed.startsWith('+')) return `+${digits}`;
  return digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
}

/** Host without `www.` (any `*.linkedin.com` is `linkedin.com`), path decoded, lower case, no trailing slash; scheme, query and fragment ignored. */
function profileKey(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  let host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  if (host.endsWith('.linkedin.com')) host = 'linkedin.com';
  let path = parsed.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape is compared as written.
  }
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return `${host}${path.slice(0, end)}`.toLowerCase();
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "Connected on 15 Mar 2024.": how the day a seeker connected is kept in the research notes. */
export function connectedOnNote(day: string): string {
  const [year, month, date] = day.split('-');
  return `Connected on ${Number(date)} ${MONTHS[Number(month) - 1] ?? month} ${year}.`;
}

/** One person while planning: an existing contact or an earlier new entry, with what the plan has added so far. */
interface Person {
  readonly ref: { readonly contactId: string } | { readonly entry: number };
  readonly name: string;
  readonly emails: string[];
  readonly phones: string[];
  profileUrl: string | undefined;
  /** The profile URL's match key, computed once. */
  profileKey: string | undefined;
  role: string | undefined;
  organizationKey: string | undefined;
  notes: string;
  readonly tags: string[];
}

/** Every match key of each kind, pointing at the people who hold it. */
type Index = Readonly<Record<ImportMatch, Map<string, Person[]>>>;

function addKey(index: Index, kind: ImportMatch, key: string | undefined, person: Person): void {
  if (key === undefined || key === '') return;
  const holders = index[kind].get(key);
  if (!holders) index[kind].set(key, [person]);
  else if (!holders.includes(person)) holders.push(person);
}

/** Every match key of a person or draft, by kind. */
type Keys = Readonly<Record<ImportMatch, readonly (string | undefined)[]>>;

function keysOf(person: { name: string; emails: readonly string[]; phones: readonly string[]; profileKey: string | undefined; organizationKey: string | undefined }): Keys {
  const name = nameKey(person.name);
  return {
    'profile-url': [person.profileKey],
    email: person.emails.map(emailKey),
    phone: person.phones.map(phoneKey),
    'name-and-organization': person.organizationKey === undefined || name === '' ? [] : [`${name}\u0000${person.organizationKey}`],
  };
}

function indexPerson(index: Index, person: Person, keys: Keys = keysOf(person)): void {
  for (const kind of IMPORT_MATCH_ORDER) for (const key of keys[kind]) addKey(index, kind, key, person);
}

/** Whether `key` of `kind` belongs to someone other than `person`. */
function heldByOther(index: Index, kind: ImportMatch, key: string | undefined, person: Person): boolean {
  return key !== undefined && (index[kind].get(key) ?? []).some((holder) => holder !== person);
}

const countOf = (n: number, noun: string, nouns = `${noun}s`) => `${n} ${n === 1 ? noun : nouns}`;

function describeMerge(merge: ContactMerge): string {
  const parts: string[] = [];
  if (merge.emails.length > 0) parts.push(countOf(merge.emails.length, 'e-mail address', 'e-mail addresses'));
  if (merge.phones.length > 0) parts.push(countOf(merge.phones.length, 'phone number'));
  if (merge.profileUrl !== undefined) parts.push('the profile URL');
  if (merge.role !== undefined) parts.push(`the role "${merge.role}"`);
  if (merge.organization !== undefined) parts.push(`the organization ${merge.organization.name}`);
  if (merge.notes.length > 0) parts.push(countOf(merge.notes.length, 'line') + ' of notes');
  if (merge.tags.length > 0) parts.push(countOf(merge.tags.length, 'tag'));
  return parts.length === 0 ? 'nothing new to add' : `adds ${parts.join(', ')}`;
}

const isMergeEmpty = (merge: ContactMerge) =>
  merge.emails.length === 0 &&
  merge.phones.length === 0 &&
  merge.profileUrl === undefined &&
  merge.role === undefined &&
  merge.organization === undefined &&
  merge.notes.length === 0 &&
  merge.tags.length === 0;

/** Lines of the draft's notes to keep: its own notes, then the day it connected. */
function noteLines(draft: ContactDraft): string[] {
  const lines: string[] = [];
  if (draft.researchNotes.trim() !== '') lines.push(draft.researchNotes.trim());
  if (draft.connectedOn !== undefined) lines.push(connectedOnNote(draft.connectedOn));
  return lines;
}

/**
 * Plans an import (rule `import.match`): matches each draft to the contacts of
 * `network` — by profile URL, then e-mail address, then phone number, then name at the
 * same organization; the first kind that finds anyone decides — and answers, per draft:
 *
 * - `new`: nobody matches; the contact is added (with its organization, found by name
 *   case-insensitively or created once per distinct name);
 * - `duplicate`: one contact matches; what the draft has and the contact lacks (e-mail
 *   addresses, phone numbers, the profile URL, role, organization, notes, tags) is
 *   merged in, and nothing is overwritten;
 * - `repeat`: the same person appeared earlier in this import; merged into that entry;
 * - `conflict`: two or more people match, or the one who matches has a different
 *   profile URL; not imported.
 *
 * An e-mail address, phone number or profile URL another contact holds is never merged
 * into a second one. Re-planning an imported file gives only unchanged duplicates.
 */
export function planImport(network: Pick<Network, 'contacts' | 'organizations'>, drafts: readonly ContactDraft[]): ImportPlan {
  const index: Index = {
    'profile-url': new Map(),
    email: new Map(),
    phone: new Map(),
    'name-and-organization': new Map(),
  };
  const existingOrganizations = new Map<string, Organization>();
  for (const organization of network.organizations) {
    const key = organizationKey(organization.name);
    if (!existingOrganizations.has(key)) existingOrganizations.set(key, organization);
  }
  const organizationNames = new Map(network.organizations.map((organization) => [organization.id as string, organization.name]));
  for (const contact of network.contacts) {
    const organizationName = contact.organizationId === undefined ? undefined : organizationNames.get(contact.organizationId);
    indexPerson(index, {
      ref: { contactId: contact.id },
      name: contact.name,
      emails: [...contact.emails],
      phones: [...contact.phones],
      profileUrl: contact.profileUrl,
      profileKey: contact.profileUrl === undefined ? undefined : profileKey(contact.profileUrl),
      role: contact.role,
      organizationKey: organizationName === undefined ? undefined : organizationKey(organizationName),
      notes: contact.researchNotes,
      tags: [...contact.tags],
    });
  }

  const planned = new Map<string, PlannedOrganization>();
  const plannedOrganization = (name: string): PlannedOrganization => {
    const key = organizationKey(name);
    let organization = planned.get(key);
    if (!organization) {
      const existing = existingOrganizations.get(key);
      organization = existing ? { name: existing.name, organizationId: existing.id } : { name: name.trim() };
      planned.set(key, organization);
    }
    return organization;
  };

  const entries: ImportEntry[] = [];
  const label = (person: Person) => {
    if ('contactId' in person.ref) return person.name;
    const row = entries[person.ref.entry]?.draft.row;
    return `${person.name} (${row === undefined ? `entry ${person.ref.entry + 1}` : `row ${row}`} of this import)`;
  };
  const candidate = (person: Person): ImportCandidate =>
    'contactId' in person.ref ? { name: person.name, contactId: person.ref.contactId } : { name: person.name, entry: person.ref.entry };

  drafts.forEach((draft, position) => {
    const base = { index: position, draft, rule: 'import.match' as const };
    const draftProfile = draft.profileUrl === undefined ? undefined : profileKey(draft.profileUrl);
    const keys = keysOf({ ...draft, profileKey: draftProfile, organizationKey: draft.organizationName === undefined ? undefined : organizationKey(draft.organizationName) });
    for (const kind of IMPORT_MATCH_ORDER) {
      const found: Person[] = [];
      for (const key of keys[kind]) {
        if (key === undefined || key === '') continue;
        for (const person of index[kind].get(key) ?? []) if (!found.includes(person)) found.push(person);
      }
      if (found.length === 0) continue;
      const noun = MATCH_NOUNS[kind];
      const only = found.length === 1 ? found[0]! : undefined;
      const otherProfile = only?.profileKey;
      if (!only || (kind !== 'profile-url' && draftProfile !== undefined && otherProfile !== undefined && otherProfile !== draftProfile)) {
        const reason = only
          ? `The ${noun} matches ${label(only)}, but the profile URLs differ: not imported; check whether they are the same person.`
          : `The ${noun} matches ${found.length} people (${found.map(label).join(', ')}): not imported; merge or correct them first.`;
        entries.push({ ...base, status: 'conflict', matchedBy: kind, candidates: found.map(candidate), reason });
        return;
      }
      const merge = mergeInto(only, draft, draftProfile, index, plannedOrganization);
      const changes = !isMergeEmpty(merge);
      const sentence = `Same ${noun} as ${label(only)}: ${describeMerge(merge)}.`;
      if ('contactId' in only.ref) {
        entries.push({ ...base, status: 'duplicate', contactId: only.ref.contactId, contactName: only.name, matchedBy: kind, merge, changes, reason: sentence });
      } else {
        entries.push({ ...base, status: 'repeat', sameAs: only.ref.entry, matchedBy: kind, merge, changes, reason: sentence });
      }
      return;
    }
    const fields = newContactFields(draft);
    const organization = draft.organizationName === undefined ? undefined : plannedOrganization(draft.organizationName);
    const person: Person = {
      ref: { entry: position },
      name: fields.name,
      emails: [...fields.emails],
      phones: [...fields.phones],
      profileUrl: fields.profileUrl,
      profileKey: draftProfile,
      role: fields.role,
      organizationKey: organization === undefined ? undefined : organizationKey(organization.name),
      notes: fields.researchNotes,
      tags: [...fields.tags],
    };
    // Its keys are the draft's: the fields only drop repeated values.
    indexPerson(index, person, keys);
    const at = organization === undefined ? '' : ` at ${organization.name}${organization.organizationId === undefined ? ' (a new organization)' : ''}`;
    entries.push({
      ...base,
      status: 'new',
      contact: fields,
      ...(organization === undefined ? {} : { organization }),
      reason: `${fields.name} will be added${at}: no contact has this profile URL, e-mail address or phone number${draft.organizationName === undefined ? '' : ', or this name at this organization'}.`,
    });
  });

  const counts = { new: 0, duplicate: 0, repeat: 0, conflict: 0, unchanged: 0, newOrganizations: 0 };
  for (const entry of entries) {
    counts[entry.status]++;
    if ((entry.status === 'duplicate' || entry.status === 'repeat') && !entry.changes) counts.unchanged++;
  }
  // A planned organization may end up unused (its draft conflicted): only those entries link are kept.
  const used = new Set<PlannedOrganization>();
  for (const entry of entries) {
    if (entry.status === 'new' && entry.organization) used.add(entry.organization);
    if ((entry.status === 'duplicate' || entry.status === 'repeat') && entry.merge.organization) used.add(entry.merge.organization);
  }
  const organizations = [...planned.values()].filter((organization) => used.has(organization));
  counts.newOrganizations = organizations.filter((organization) => organization.organizationId === undefined).length;
  return { entries, organizations, counts };
}

/** A new contact's fields from a draft: repeated values once, the day it connected in the notes. */
function newContactFields(draft: ContactDraft): ImportedContactFields {
  const emails = uniqueBy(draft.emails, emailKey).slice(0, MAX_EMAILS);
  const phones = uniqueBy(draft.phones, (phone) => phoneKey(phone) ?? phone.trim()).slice(0, MAX_PHONES);
  const tags = uniqueBy(draft.tags, (tag) => tag.toLowerCase()).slice(0, MAX_TAGS);
  const researchNotes = fitLines('', noteLines(draft)).notes;
  return {
    name: draft.name,
    emails,
    phones,
    ...(draft.profileUrl === undefined ? {} : { profileUrl: draft.profileUrl }),
    ...(draft.role === undefined ? {} : { role: draft.role }),
    tie: draft.tie,
    researchNotes,
    tags,
  };
}

function uniqueBy<T>(values: readonly T[], key: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const k = key(value);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `notes` with each line not already in it appended, as long as the notes stay within their limit. */
function fitLines(notes: string, lines: readonly string[]): { notes: string; added: string[] } {
  const added: string[] = [];
  let text = notes;
  for (const line of lines) {
    if (text.includes(line)) continue;
    const next = text === '' ? line : `${text}\n${line}`;
    if (next.length > MAX_NOTES) continue;
    text = next;
    added.push(line);
  }
  return { notes: text, added };
}

/** What `draft` adds to `person`; updates the person and the index, so later drafts see it. */
function mergeInto(person: Person, draft: ContactDraft, draftProfile: string | undefined, index: Index, plannedOrganization: (name: string) => PlannedOrganization): ContactMerge {
  const emails: string[] = [];
  for (const email of draft.emails) {
    const key = emailKey(email);
    if (person.emails.length >= MAX_EMAILS || person.emails.some((held) => emailKey(held) === key) || heldByOther(index, 'email', key, person)) continue;
    person.emails.push(email);
    emails.push(email);
    addKey(index, 'email', key, person);
  }
  const phones: string[] = [];
  for (const phone of draft.phones) {
    const key = phoneKey(phone);
    const same = (held: string) => (key === undefined ? held.trim() === phone.trim() : phoneKey(held) === key);
    if (person.phones.length >= MAX_PHONES || person.phones.some(same) || heldByOther(index, 'phone', key, person)) continue;
    person.phones.push(phone);
    phones.push(phone);
    addKey(index, 'phone', key, person);
  }
  let profileUrl: string | undefined;
  if (person.profileUrl === undefined && draft.profileUrl !== undefined && !heldByOther(index, 'profile-url', draftProfile, person)) {
    profileUrl = person.profileUrl = draft.profileUrl;
    person.profileKey = draftProfile;
    addKey(index, 'profile-url', draftProfile, person);
  }
  let role: string | undefined;
  if (person.role === undefined && draft.role !== undefined) role = person.role = draft.role;
  let organization: PlannedOrganization | undefined;
  if (person.organizationKey === undefined && draft.organizationName !== undefined) {
    organization = plannedOrganization(draft.organizationName);
    person.organizationKey = organizationKey(organization.name);
    const name = nameKey(person.name);
    if (name !== '') addKey(index, 'name-and-organization', `${name}\u0000${person.organizationKey}`, person);
  }
  const fitted = fitLines(person.notes, noteLines(draft));
  person.notes = fitted.notes;
  const tags: string[] = [];
  for (const tag of draft.tags) {
    if (person.tags.length >= MAX_TAGS || person.tags.some((held) => held.toLowerCase() === tag.toLowerCase())) continue;
    person.tags.push(tag);
    tags.push(tag);
  }
  return {
    emails,
    phones,
    ...(profileUrl === undefined ? {} : { profileUrl }),
    ...(role === undefined ? {} : { role }),
    ...(organization === undefined ? {} : { organization }),
    notes: fitted.added,
    tags,
  };
}

/** What applying a plan writes. */
export interface ImportedRecords {
  readonly organizations: Organization[];
  readonly added: Contact[];
  readonly merged: Contact[];
}

/**
 * The records that carry out `plan` on `network` (which it was planned against): new
 * organizations, new contacts (with what their repeats add), and the existing contacts
 * that duplicates change. Pure: ids come from `newId`, `createdAt` is `now`.
 */
export function importedRecords(
  network: Pick<Network, 'contacts'>,
  plan: ImportPlan,
  options: { readonly now: Date; readonly newId: () => string },
): ImportedRecords {
  const { now, newId } = options;
  const organizationIds = new Map<PlannedOrganization, string>();
  const organizations: Organization[] = [];
  for (const planned of plan.organizations) {
    if (planned.organizationId !== undefined) {
      organizationIds.set(planned, planned.organizationId);
      continue;
    }
    const organization: Organization = { id: newId(), name: planned.name, standsFor: '', whyInterested: '', createdAt: now };
    organizationIds.set(planned, organization.id);
    organizations.push(organization);
  }
  const existing = new Map(network.contacts.map((contact) => [contact.id as string, contact]));
  const added = new Map<number, Contact>();
  const merged = new Map<string, Contact>();
  for (const entry of plan.entries) {
    if (entry.status === 'new') {
      const organizationId = entry.organization === undefined ? undefined : organizationIds.get(entry.organization);
      added.set(entry.index, {
        ...entry.contact,
        emails: [...entry.contact.emails],
        phones: [...entry.contact.phones],
        tags: [...entry.contact.tags],
        id: newId(),
        ...(organizationId === undefined ? {} : { organizationId }),
        mutualContacts: [],
        keepInTouch: true,
        createdAt: now,
      });
    } else if ((entry.status === 'duplicate' || entry.status === 'repeat') && entry.changes) {
      // A repeat always follows a new entry (a duplicate's person is the existing contact).
      const current = entry.status === 'repeat' ? added.get(entry.sameAs) : (merged.get(entry.contactId) ?? existing.get(entry.contactId));
      if (!current) continue;
      const next = applyMerge(current, entry.merge, organizationIds);
      if (entry.status === 'repeat') added.set(entry.sameAs, next);
      else merged.set(entry.contactId, next);
    }
  }
  return { organizations, added: [...added.values()], merged: [...merged.values()] };
}

function applyMerge(contact: Contact, merge: ContactMerge, organizationIds: ReadonlyMap<PlannedOrganization, string>): Contact {
  const organizationId = merge.organization === undefined ? undefined : organizationIds.get(merge.organization);
  return {
    ...contact,
    emails: [...contact.emails, ...merge.emails],
    phones: [...contact.phones, ...merge.phones],
    ...(merge.profileUrl === undefined ? {} : { profileUrl: merge.profileUrl }),
    ...(merge.role === undefined ? {} : { role: merge.role }),
    ...(organizationId === undefined ? {} : { organizationId }),
    researchNotes: [contact.researchNotes, ...merge.notes].filter((text) => text !== '').join('\n'),
    tags: [...contact.tags, ...merge.tags],
  };
}

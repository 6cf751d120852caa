import * as z from 'zod';
import { ContactSchema } from './contact.js';
import { ReferralCycleError, ValidationError, type FieldIssue } from './errors.js';
import { CheckInSchema, ThankYouSchema } from './followUp.js';
import { MeetingSchema } from './meeting.js';
import { OrganizationSchema } from './organization.js';
import { OutreachSchema } from './outreach.js';
import { OutcomeSchema, ReferralSchema } from './referral.js';
import { findIntroductionCycle } from './introductions.js';
import { formatPath, validate } from './validate.js';
import { WorkspaceSchema } from './workspace.js';

const MAX_RECORDS = 5_000_000;

/** Every record of one workspace: what rules and the agenda read. */
export const NetworkSchema = z.strictObject({
  workspace: WorkspaceSchema,
  contacts: z.array(ContactSchema).max(MAX_RECORDS).default([]),
  organizations: z.array(OrganizationSchema).max(MAX_RECORDS).default([]),
  outreaches: z.array(OutreachSchema).max(MAX_RECORDS).default([]),
  meetings: z.array(MeetingSchema).max(MAX_RECORDS).default([]),
  thankYous: z.array(ThankYouSchema).max(MAX_RECORDS).default([]),
  checkIns: z.array(CheckInSchema).max(MAX_RECORDS).default([]),
  referrals: z.array(ReferralSchema).max(MAX_RECORDS).default([]),
  outcomes: z.array(OutcomeSchema).max(MAX_RECORDS).default([]),
});
/** Every record of one workspace. */
export type Network = z.infer<typeof NetworkSchema>;
/** A network as accepted on input (JSON or in-memory). */
export type NetworkInput = z.input<typeof NetworkSchema>;

type Ref = { list: keyof Network; field: string; target: 'contacts' | 'organizations' | 'meetings' | 'outreaches' };

const REFERENCES: readonly Ref[] = [
  { list: 'contacts', field: 'organizationId', target: 'organizations' },
  { list: 'contacts', field: 'introducedBy', target: 'contacts' },
  { list: 'outreaches', field: 'contactId', target: 'contacts' },
  { list: 'meetings', field: 'contactId', target: 'contacts' },
  { list: 'meetings', field: 'outreachId', target: 'outreaches' },
  { list: 'thankYous', field: 'meetingId', target: 'meetings' },
  { list: 'thankYous', field: 'contactId', target: 'contacts' },
  { list: 'checkIns', field: 'contactId', target: 'contacts' },
  { list: 'referrals', field: 'introducerId', target: 'contacts' },
  { list: 'referrals', field: 'contactId', target: 'contacts' },
  { list: 'referrals', field: 'organizationId', target: 'organizations' },
  { list: 'referrals', field: 'meetingId', target: 'meetings' },
  { list: 'outcomes', field: 'organizationId', target: 'organizations' },
];

const SINGULAR: Record<Ref['target'], string> = {
  contacts: 'contact',
  organizations: 'organization',
  meetings: 'meeting',
  outreaches: 'outreach',
};

const LISTS = [
  'contacts',
  'organizations',
  'outreaches',
  'meetings',
  'thankYous',
  'checkIns',
  'referrals',
  'outcomes',
] as const;

/**
 * What a schema cannot see in a list of contact ids: the same id twice, or (for a
 * contact's mutual contacts, given `self`) the contact itself. Paths start at `path`.
 */
export function contactListIssues(ids: readonly string[], path: readonly PropertyKey[], self?: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  ids.forEach((id, at) => {
    if (id === self) issues.push({ path: formatPath([...path, at]), message: 'a contact is not their own mutual contact' });
    else if (seen.has(id)) issues.push({ path: formatPath([...path, at]), message: `"${id}" is listed twice` });
    seen.add(id);
  });
  return issues;
}

/**
 * Checks what a schema cannot: ids unique per kind and within lists, every reference
 * pointing at a record of this network, thank-yous and meetings about their own
 * meeting's and outreach's contact, and nobody introducing themselves.
 */
export function networkIntegrityIssues(network: Network): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const ids = new Map<string, Set<string>>();
  for (const list of LISTS) {
    const seen = new Set<string>();
    network[list].forEach((record, index) => {
      if (seen.has(record.id)) {
        issues.push({ path: formatPath([list, index, 'id']), message: `duplicate id "${record.id}"` });
      }
      seen.add(record.id);
    });
    ids.set(list, seen);
  }
  for (const ref of REFERENCES) {
    const targets = ids.get(ref.target)!;
    (network[ref.list] as readonly object[]).forEach((record, index) => {
      const value = (record as Record<string, unknown>)[ref.field];
      if (typeof value === 'string' && !targets.has(value)) {
        issues.push({ path: formatPath([ref.list, index, ref.field]), message: `no ${SINGULAR[ref.target]} "${value}"` });
      }
    });
  }
  const contactIds = ids.get('contacts')!;
  network.contacts.forEach((contact, index) => {
    contact.mutualContacts.forEach((id, at) => {
      if (!contactIds.has(id)) {
        issues.push({ path: formatPath(['contacts', index, 'mutualContacts', at]), message: `no contact "${id}"` });
      }
    });
  });
  network.outcomes.forEach((outcome, index) => {
    outcome.contactIds.forEach((id, at) => {
      if (!contactIds.has(id)) {
        issues.push({ path: formatPath(['outcomes', index, 'contactIds', at]), message: `no contact "${id}"` });
      }
    });
  });
  network.contacts.forEach((contact, index) => {
    issues.push(...contactListIssues(contact.mutualContacts, ['contacts', index, 'mutualContacts'], contact.id));
  });
  network.outcomes.forEach((outcome, index) => issues.push(...contactListIssues(outcome.contactIds, ['outcomes', index, 'contactIds'])));
  network.referrals.forEach((referral, index) => {
    if (referral.contactId !== undefined && referral.contactId === referral.introducerId) {
      issues.push({ path: formatPath(['referrals', index, 'contactId']), message: 'a contact cannot introduce themselves' });
    }
  });
  // A thank-you and a meeting's outreach must be about the meeting's own contact (a
  // dangling id is reported once, above, not again as a mismatch).
  const meetingContact = new Map(network.meetings.map((m) => [m.id as string, m.contactId]));
  const outreachContact = new Map(network.outreaches.map((o) => [o.id as string, o.contactId]));
  network.thankYous.forEach((thankYou, index) => {
    const expected = meetingContact.get(thankYou.meetingId);
    if (expected !== undefined && contactIds.has(expected) && contactIds.has(thankYou.contactId) && expected !== thankYou.contactId) {
      issues.push({ path: formatPath(['thankYous', index, 'contactId']), message: `is "${thankYou.contactId}", but meeting "${thankYou.meetingId}" is with "${expected}"` });
    }
  });
  network.meetings.forEach((meeting, index) => {
    const expected = meeting.outreachId === undefined ? undefined : outreachContact.get(meeting.outreachId);
    if (expected !== undefined && contactIds.has(expected) && contactIds.has(meeting.contactId) && expected !== meeting.contactId) {
      issues.push({ path: formatPath(['meetings', index, 'contactId']), message: `is "${meeting.contactId}", but outreach "${meeting.outreachId}" is to "${expected}"` });
    }
  });
  return issues;
}

/**
 * Validates a whole network (JSON or in-memory): schema, integrity and the referral
 * forest. Throws `ValidationError` with field paths, or `ReferralCycleError`.
 */
export function parseNetwork(input: unknown): Network {
  // A network's own record lists may be long; everything inside a record keeps the general limits.
  const network = validate(NetworkSchema, input, 'network', '', { maxTopLevelArrayLength: Number.MAX_SAFE_INTEGER });
  const issues = networkIntegrityIssues(network);
  if (issues.length > 0) throw new ValidationError('network', issues);
  const cycle = findIntroductionCycle(network.contacts);
  if (cycle) throw new ReferralCycleError(cycle);
  return network;
}

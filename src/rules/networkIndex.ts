import type { Contact } from '../domain/contact.js';
import type { CheckIn, ThankYou } from '../domain/followUp.js';
import type { ContactId, OrganizationId } from '../domain/ids.js';
import type { Meeting } from '../domain/meeting.js';
import type { Network } from '../domain/network.js';
import type { Organization } from '../domain/organization.js';
import type { Outreach } from '../domain/outreach.js';
import type { Referral } from '../domain/referral.js';
import type { ContactHistory } from './checkInCadence.js';

const NONE: readonly never[] = [];

function groupBy<T, K>(records: readonly T[], keyOf: (record: T) => K | undefined): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const record of records) {
    const key = keyOf(record);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  return groups;
}

/** A network's records grouped by contact and organization, built in one pass. */
export interface NetworkIndex {
  readonly contactsById: ReadonlyMap<ContactId, Contact>;
  readonly organizationsById: ReadonlyMap<OrganizationId, Organization>;
  readonly contactsByOrganization: ReadonlyMap<OrganizationId, readonly Contact[]>;
  readonly outreachesByContact: ReadonlyMap<ContactId, readonly Outreach[]>;
  readonly referralsByIntroducer: ReadonlyMap<ContactId, readonly Referral[]>;
  /** Per organization: its contacts with neither an outreach nor a meeting yet (sorted by id), and how many have one. */
  readonly reachByOrganization: ReadonlyMap<OrganizationId, { readonly unreached: readonly ContactId[]; readonly reached: number }>;
  /** One contact's records, for the per-contact rules. */
  historyOf(contact: Contact): ContactHistory;
}

/** One contact's records, gathered in the single pass over the network. */
interface Bucket {
  outreaches: Outreach[];
  meetings: Meeting[];
  thankYous: ThankYou[];
  checkIns: CheckIn[];
}

/** Groups a network's records once, so every per-contact rule reads only its own records. */
export function indexNetwork(network: Network): NetworkIndex {
  // One map from contact to all of its records (one lookup per record), not one map per kind.
  const buckets = new Map<ContactId, Bucket>();
  const bucketOf = (id: ContactId): Bucket => {
    let bucket = buckets.get(id);
    if (!bucket) buckets.set(id, (bucket = { outreaches: [], meetings: [], thankYous: [], checkIns: [] }));
    return bucket;
  };
  const outreachesByContact = new Map<ContactId, Outreach[]>();
  for (const outreach of network.outreaches) {
    if (outreach.contactId === undefined) continue;
    const list = bucketOf(outreach.contactId).outreaches;
    if (list.length === 0) outreachesByContact.set(outreach.contactId, list);
    list.push(outreach);
  }
  const met = new Set<ContactId>();
  for (const meeting of network.meetings) {
    if (meeting.contactId === undefined) continue;
    bucketOf(meeting.contactId).meetings.push(meeting);
    met.add(meeting.contactId);
  }
  for (const note of network.thankYous) if (note.contactId !== undefined) bucketOf(note.contactId).thankYous.push(note);
  for (const checkIn of network.checkIns) if (checkIn.contactId !== undefined) bucketOf(checkIn.contactId).checkIns.push(checkIn);
  const contactsByOrganization = groupBy(network.contacts, (c) => c.organizationId);
  const reachByOrganization = new Map<OrganizationId, { unreached: ContactId[]; reached: number }>();
  for (const [organizationId, contacts] of contactsByOrganization) {
    const unreached: ContactId[] = [];
    for (const c of contacts) if (!outreachesByContact.has(c.id) && !met.has(c.id)) unreached.push(c.id);
    unreached.sort();
    reachByOrganization.set(organizationId, { unreached, reached: contacts.length - unreached.length });
  }
  const contactsById = new Map<ContactId, Contact>();
  for (const c of network.contacts) contactsById.set(c.id, c);
  const organizationsById = new Map<OrganizationId, Organization>();
  for (const o of network.organizations) organizationsById.set(o.id, o);
  return {
    reachByOrganization,
    contactsById,
    organizationsById,
    contactsByOrganization,
    outreachesByContact,
    referralsByIntroducer: groupBy(network.referrals, (r) => r.introducerId),
    historyOf: (contact) => {
      const bucket = buckets.get(contact.id);
      return bucket
        ? { contact, outreaches: bucket.outreaches, meetings: bucket.meetings, thankYous: bucket.thankYous, checkIns: bucket.checkIns }
        : { contact, outreaches: NONE, meetings: NONE, thankYous: NONE, checkIns: NONE };
    },
  };
}

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

/** Groups a network's records once, so every per-contact rule reads only its own records. */
export function indexNetwork(network: Network): NetworkIndex {
  const outreachesByContact = groupBy(network.outreaches, (o) => o.contactId);
  const meetingsByContact = groupBy<Meeting, ContactId>(network.meetings, (m) => m.contactId);
  const thankYousByContact = groupBy<ThankYou, ContactId>(network.thankYous, (t) => t.contactId);
  const checkInsByContact = groupBy<CheckIn, ContactId>(network.checkIns, (c) => c.contactId);
  const contactsByOrganization = groupBy(network.contacts, (c) => c.organizationId);
  const reachByOrganization = new Map<OrganizationId, { unreached: ContactId[]; reached: number }>();
  for (const [organizationId, contacts] of contactsByOrganization) {
    const unreached = contacts
      .filter((c) => !outreachesByContact.has(c.id) && !meetingsByContact.has(c.id))
      .map((c) => c.id)
      .sort();
    reachByOrganization.set(organizationId, { unreached, reached: contacts.length - unreached.length });
  }
  return {
    reachByOrganization,
    contactsById: new Map(network.contacts.map((c) => [c.id, c])),
    organizationsById: new Map(network.organizations.map((o) => [o.id, o])),
    contactsByOrganization,
    outreachesByContact,
    referralsByIntroducer: groupBy(network.referrals, (r) => r.introducerId),
    historyOf: (contact) => ({
      contact,
      outreaches: outreachesByContact.get(contact.id) ?? NONE,
      meetings: meetingsByContact.get(contact.id) ?? NONE,
      thankYous: thankYousByContact.get(contact.id) ?? NONE,
      checkIns: checkInsByContact.get(contact.id) ?? NONE,
    }),
  };
}

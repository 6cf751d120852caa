import type { Contact } from '../domain/contact.js';
import type { ContactId, OrganizationId } from '../domain/ids.js';
import type { Network } from '../domain/network.js';
import type { Organization } from '../domain/organization.js';
import type { Referral } from '../domain/referral.js';
import type { ContactHistory } from './checkInCadence.js';

const NONE: readonly never[] = [];

/** A network's records grouped by contact and organization, built in one pass. */
export interface NetworkIndex {
  readonly contactsById: ReadonlyMap<ContactId, Contact>;
  readonly organizationsById: ReadonlyMap<OrganizationId, Organization>;
  /** Per organization: its contacts with neither an outreach nor a meeting yet (sorted by id), and how many have one. */
  readonly reachByOrganization: ReadonlyMap<OrganizationId, { readonly unreached: readonly ContactId[]; readonly reached: number }>;
  /** One contact's records, for the per-contact rules, and the referrals they offered. */
  historyOf(contact: Contact): ContactHistory & { readonly referrals: readonly Referral[] };
}

/**
 * One kind of record chained by contact position in typed arrays, in network order:
 * no per-contact array outlives the index's construction (long-lived objects are what
 * the garbage collector pays for at 100,000 contacts); a contact's list is built when asked.
 */
function chain<T>(records: readonly T[], keyOf: (record: T) => ContactId | undefined, position: ReadonlyMap<ContactId, number>, contacts: number) {
  const head = new Int32Array(contacts).fill(-1);
  const tail = new Int32Array(contacts);
  const size = new Int32Array(contacts);
  const next = new Int32Array(records.length).fill(-1);
  records.forEach((record, i) => {
    const key = keyOf(record);
    const p = key === undefined ? undefined : position.get(key);
    if (p === undefined) return;
    if (head[p]! < 0) head[p] = i;
    else next[tail[p]!] = i;
    tail[p] = i;
    size[p]!++;
  });
  return {
    has: (p: number) => head[p]! >= 0,
    at: (p: number): readonly T[] => {
      if (head[p]! < 0) return NONE;
      // Sized up front: a list grown by push reserves room for 17 records, and there is one per contact and kind.
      const list = new Array<T>(size[p]!);
      let k = 0;
      for (let i = head[p]!; i >= 0; i = next[i]!) list[k++] = records[i]!;
      return list;
    },
  };
}

/** Groups a network's records once, so every per-contact rule reads only its own records. */
export function indexNetwork(network: Network): NetworkIndex {
  // Contact ids to their place in the list (records are looked up by id, so a repeated id gets one history).
  const position = new Map<ContactId, number>();
  const { contacts } = network;
  contacts.forEach((c, i) => position.set(c.id, i));
  const outreaches = chain(network.outreaches, (o) => o.contactId, position, contacts.length);
  const meetings = chain(network.meetings, (m) => m.contactId, position, contacts.length);
  const thankYous = chain(network.thankYous, (t) => t.contactId, position, contacts.length);
  const checkIns = chain(network.checkIns, (c) => c.contactId, position, contacts.length);
  const referrals = chain(network.referrals, (r) => r.introducerId, position, contacts.length);
  const reachByOrganization = new Map<OrganizationId, { unreached: ContactId[]; reached: number }>();
  for (const c of contacts) {
    if (c.organizationId === undefined) continue;
    let reach = reachByOrganization.get(c.organizationId);
    if (!reach) reachByOrganization.set(c.organizationId, (reach = { unreached: [], reached: 0 }));
    const p = position.get(c.id)!;
    if (outreaches.has(p) || meetings.has(p)) reach.reached++;
    else reach.unreached.push(c.id);
  }
  for (const reach of reachByOrganization.values()) reach.unreached.sort();
  const organizationsById = new Map<OrganizationId, Organization>();
  for (const o of network.organizations) organizationsById.set(o.id, o);
  let contactsById: Map<ContactId, Contact> | undefined;
  return {
    reachByOrganization,
    // Built when first asked: the agenda needs it only to name introducers.
    get contactsById() {
      return (contactsById ??= new Map(contacts.map((c) => [c.id, c])));
    },
    organizationsById,
    historyOf: (contact) => {
      const p = position.get(contact.id);
      return p === undefined
        ? { contact, outreaches: NONE, meetings: NONE, thankYous: NONE, checkIns: NONE, referrals: NONE }
        : {
            contact,
            outreaches: outreaches.at(p),
            meetings: meetings.at(p),
            thankYous: thankYous.at(p),
            checkIns: checkIns.at(p),
            referrals: referrals.at(p),
          };
    },
  };
}

// Contacts as vCard 4.0, built with ical.js so escaping and folding are the parser's
// own: what it writes, it (and readVCards) reads back the same.
import ICAL from 'ical.js';
import type { Contact } from '../domain/contact.js';
import type { ContactDraft } from '../domain/contactDraft.js';
import type { Organization } from '../domain/organization.js';
import { withoutControls } from './draft.js';

/** Options of {@link writeVCards}. */
export interface WriteVCardsOptions {
  /** The organizations contacts point to (`organizationId`), for their names; a draft carries its own. */
  readonly organizations?: readonly Pick<Organization, 'id' | 'name'>[];
}

/** One line of text: controls out, line breaks as spaces. */
const oneLine = (text: string) => withoutControls(text.replace(/\r\n?/g, '\n')).replace(/[\t\n]/g, ' ').trim();
/** Notes keep their lines (as `\n` in the card); other controls go. */
const multiLine = (text: string) => withoutControls(text.replace(/\r\n?/g, '\n'));

function addText(card: ICAL.Component, name: string, value: string, type?: string): void {
  const property = new ICAL.Property(name);
  // Set the type first: setting it afterwards would clear the value.
  if (type !== undefined) property.resetType(type);
  property.setValue(value);
  card.addProperty(property);
}

/**
 * Writes contacts (records of a network, or drafts) as vCard 4.0, one card each, CRLF
 * line endings, long lines folded by ical.js (75 octets of content each): FN and N (the last word as the family name),
 * EMAIL, TEL (as text, exactly as the seeker wrote it), URL (the profile URL), ORG,
 * TITLE (the role), NOTE (the research notes) and CATEGORIES (one per tag); a record's id
 * as its UID. `readVCards` and ical.js read it back to the same values. A draft's
 * `connectedOn` has no vCard property and is not written (a record keeps it in its notes).
 */
export function writeVCards(contacts: readonly (Contact | ContactDraft)[], options: WriteVCardsOptions = {}): string {
  const organizationNames = new Map((options.organizations ?? []).map((organization) => [organization.id, organization.name]));
  const cards = contacts.map((contact) => {
    const card = new ICAL.Component('vcard');
    card.addPropertyWithValue('version', '4.0');
    if ('id' in contact) addText(card, 'uid', contact.id, 'text');
    const name = oneLine(contact.name);
    addText(card, 'fn', name);
    const words = name.split(' ').filter((word) => word !== '');
    const n = new ICAL.Property('n');
    n.setValue([words.length > 1 ? words.at(-1)! : '', words.length > 1 ? words.slice(0, -1).join(' ') : (words[0] ?? ''), '', '', '']);
    card.addProperty(n);
    for (const email of contact.emails) addText(card, 'email', oneLine(email));
    for (const phone of contact.phones) addText(card, 'tel', oneLine(phone), 'text');
    if (contact.profileUrl !== undefined) addText(card, 'url', oneLine(contact.profileUrl));
    const organization = 'organizationName' in contact ? contact.organizationName : 'organizationId' in contact && contact.organizationId !== undefined ? organizationNames.get(contact.organizationId) : undefined;
    if (organization !== undefined) {
      const org = new ICAL.Property('org');
      org.setValue([oneLine(organization)]);
      card.addProperty(org);
    }
    if (contact.role !== undefined) addText(card, 'title', oneLine(contact.role));
    if (contact.researchNotes.trim() !== '') addText(card, 'note', multiLine(contact.researchNotes));
    // One CATEGORIES per tag: ical.js 2.2 splits a list wrongly where a value ends in a backslash.
    for (const tag of contact.tags) addText(card, 'categories', oneLine(tag));
    return card.toString();
  });
  return cards.map((card) => `${card}\r\n`).join('');
}

// What to say, in two languages: the same agenda action drafted from the English
// defaults and from a French template set, a workspace's own templates laid over the
// defaults, and a template with an unknown placeholder refused before anything is sent.
//
//   npx tsx examples/drafts-french.ts
import { ValidationError, agenda, draftMessage, parseNetwork, resolveDraftTemplates } from 'reachout';
import { FRENCH_DRAFTS } from './drafts-french/templates.js';

const network = parseNetwork({
  workspace: { id: 'camille', name: 'Camille Martin', timeZone: 'Europe/Paris', createdAt: '2026-09-01T09:00:00+02:00' },
  organizations: [{ id: 'alpine', name: 'Alpine Santé', createdAt: '2026-09-01T09:00:00+02:00' }],
  contacts: [
    { id: 'lea', name: 'Léa Dubois', tie: 'event', organizationId: 'alpine', emails: ['lea.dubois@alpine.example'], createdAt: '2026-09-01T09:00:00+02:00' },
    { id: 'marc', name: 'Marc Petit', tie: 'alumni', emails: ['marc@example.fr'], createdAt: '2026-09-01T09:00:00+02:00' },
  ],
  outreaches: [{ id: 'o-lea', contactId: 'lea', startedAt: '2026-09-07T09:00:00+02:00' }],
  meetings: [
    { id: 'm-marc', contactId: 'marc', status: 'held', startAt: '2026-09-08T08:30:00+02:00', notes: ['Les équipes produit recrutent au printemps'] },
  ],
});

const now = new Date('2026-09-08T10:00:00+02:00');
const actions = agenda(network, { now });
const email = actions.find((a) => a.kind === 'outreach.attempt')!;
const thanks = actions.find((a) => a.kind === 'thank-you.send')!;

const show = (title: string, draft: ReturnType<typeof draftMessage>) => {
  console.log(`--- ${title} (${draft.words} words${draft.wordLimit ? `, at most ${draft.wordLimit}` : ''})`);
  console.log(`Subject: ${draft.subject}\n\n${draft.body}\n`);
};

show('First email, English defaults', draftMessage(email, network));
show('Premier e-mail, en français', draftMessage(email, network, { templates: FRENCH_DRAFTS }));
show('Remerciement, en français', draftMessage(thanks, network, { templates: FRENCH_DRAFTS, signature: 'Camille\n06 12 34 56 78' }));

// A workspace's own templates: validated once when saved, then passed with every draft.
const camilles = resolveDraftTemplates({ 'thank-you.subject': 'Merci, {{firstName}} !', 'move-on.subject': 'Merci quand même' }, FRENCH_DRAFTS);
console.log(`Workspace override: ${draftMessage(thanks, network, { templates: camilles }).subject}`);

try {
  resolveDraftTemplates({ 'thank-you.body': 'Merci {{prenom}} !' }, FRENCH_DRAFTS);
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
  console.log(`Refused: ${error.message}`);
}

// seeker.draft(actionId): the Playbook finds the action among everything open or ahead
// and drafts it with its own policies, as the pure rule does on the same records.
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import {
  NotFoundError,
  ValidationError,
  agenda,
  createPlaybook,
  draftMessage,
  manualClock,
  type SeekerPlaybook,
} from '../../src/index.js';

describe('seeker.draft', () => {
  let sam: SeekerPlaybook;
  const clock = manualClock('2026-08-03T13:00:00Z');
  const policies = { thankYou: { dueWithinHours: 48 } };

  beforeAll(async () => {
    const playbook = createPlaybook({ store: createMemoryStore(), clock, policies });
    await playbook.createWorkspace({ id: 'sam', name: 'Sam Rivera', timeZone: 'America/New_York' });
    sam = playbook.workspace('sam');
    await sam.addOrganization({ id: 'northwind', name: 'Northwind Health' });
    await sam.addContact({ id: 'lena', name: 'Lena Ortiz', tie: 'event', organizationId: 'northwind', emails: ['lena@northwind.example'] });
    await sam.addContact({ id: 'priya', name: 'Priya Shah', tie: 'alumni', emails: ['priya@example.org'] });
    await sam.startOutreach({ id: 'o-lena', contactId: 'lena' });
    await sam.scheduleMeeting({ id: 'm-priya', contactId: 'priya', startAt: '2026-08-03T09:30' });
    clock.set(new Date('2026-08-03T14:00:00Z'));
    await sam.holdMeeting('m-priya', { notes: ['Ken Ito leads the payments team'] });
  });

  it('drafts an action the agenda gave, as draftMessage does with the playbook\'s policies', async () => {
    const [first] = await sam.agenda();
    expect(first?.id).toBe('outreach-o-lena-attempt-1');
    const draft = await sam.draft('outreach-o-lena-attempt-1', { signature: 'Sam' });
    expect(draft.subject).toBe('A question about your work at Northwind Health');
    expect(draft.body.endsWith('Thank you,\nSam')).toBe(true);
    expect(draft.to).toBe('lena@northwind.example');
    const network = await sam.network();
    expect(draft).toEqual(draftMessage(first!, network, { signature: 'Sam' }));
  });

  it('uses the playbook\'s policies: a thank-you due within 48 hours', async () => {
    const draft = await sam.draft('meeting-m-priya-thank-you');
    expect(draft.sendBy).toEqual(new Date('2026-08-05T13:50:00Z'));
    expect(draft.body).toContain('What stayed with me: Ken Ito leads the payments team');
  });

  it('finds an action due months ahead, beyond the default week', async () => {
    const network = await sam.network();
    const far = agenda(network, { now: clock.now(), to: new Date('2027-08-01T00:00:00Z') }).find((a) => a.kind === 'check-in.send');
    expect(far).toBeDefined();
    expect((await sam.agenda()).some((a) => a.id === far!.id)).toBe(false);
    expect((await sam.draft(far!.id)).template).toBe('check-in-searching');
  });

  it('refuses an unknown action, an id that is no text, and bad options', async () => {
    await expect(sam.draft('outreach-nope-attempt-1')).rejects.toThrow(NotFoundError);
    await expect(sam.draft('outreach-nope-attempt-1')).rejects.toThrow('agenda action "outreach-nope-attempt-1" not found');
    await expect(sam.draft(42 as unknown as string)).rejects.toThrow(ValidationError);
    await expect(sam.draft(Symbol('x') as unknown as string)).rejects.toThrow(ValidationError);
    await expect(sam.draft('outreach-o-lena-attempt-1', { templates: { 'first-email.body': 'Hi {{nickname}}' } })).rejects.toThrow(
      'invalid draft templates: first-email.body: unknown placeholder {{nickname}}',
    );
    await expect(sam.draft('outreach-o-lena-attempt-1', { colour: 'blue' } as never)).rejects.toThrow('invalid draft options: colour: unknown key');
  });
});

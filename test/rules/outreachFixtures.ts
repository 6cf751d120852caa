import {
  ContactSchema,
  OrganizationSchema,
  OutreachSchema,
  type Contact,
  type ContactInput,
  type Organization,
  type OrganizationInput,
  type Outreach,
  type OutreachInput,
  type RuleContext,
} from '../../src/index.js';

/** The seeker of the examples lives in New York. */
export const NEW_YORK = 'America/New_York';

/** An instant written the way the examples think of it: local time with its offset. */
export const at = (iso: string): Date => new Date(iso);

/** The rule context of a seeker in New York; `now` does not matter to these rules. */
export function newYork(holidays: readonly string[] = []): RuleContext {
  return { now: at('2026-03-02T08:00:00-05:00'), timeZone: NEW_YORK, holidays: [...holidays] };
}

/** Dana Whitfield, an alumna at Harborlight Media, reachable by email and phone. */
export function dana(overrides: Partial<ContactInput> = {}): Contact {
  return ContactSchema.parse({
    id: 'dana',
    name: 'Dana Whitfield',
    emails: ['dana.whitfield@harborlight.example'],
    phones: ['+1 212 555 0142'],
    organizationId: 'harborlight',
    tie: 'alumni',
    createdAt: '2026-02-20T10:00:00-05:00',
    ...overrides,
  });
}

/** A colleague or acquaintance with the given id. */
export function person(id: string, overrides: Partial<ContactInput> = {}): Contact {
  return ContactSchema.parse({
    id,
    name: id.charAt(0).toUpperCase() + id.slice(1),
    emails: [`${id}@example.com`],
    tie: 'friend-of-a-friend',
    createdAt: '2026-02-20T10:00:00-05:00',
    ...overrides,
  });
}

export function harborlight(overrides: Partial<OrganizationInput> = {}): Organization {
  return OrganizationSchema.parse({
    id: 'harborlight',
    name: 'Harborlight Media',
    createdAt: '2026-02-20T10:00:00-05:00',
    ...overrides,
  });
}

/** The outreach to Dana, started Monday 2 March 2026 at 9:00 in New York. */
export function outreachToDana(overrides: Partial<OutreachInput> = {}): Outreach {
  return OutreachSchema.parse({
    id: 'to-dana',
    contactId: 'dana',
    startedAt: '2026-03-02T09:00:00-05:00',
    ...overrides,
  });
}

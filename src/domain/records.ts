// Every record kind with its schema and its list in a network, in one place, for the
// stores, the Playbook and anyone writing an adapter.
import type * as z from 'zod';
import { ContactSchema } from './contact.js';
import { CheckInSchema, ThankYouSchema } from './followUp.js';
import { MeetingSchema } from './meeting.js';
import type { Network } from './network.js';
import { OrganizationSchema } from './organization.js';
import { OutreachSchema } from './outreach.js';
import type { RecordKind, RecordTypes } from './ports.js';
import { OutcomeSchema, ReferralSchema } from './referral.js';

/** Every record kind, in the order a network lists them. */
export const RECORD_KINDS = [
  'contact',
  'organization',
  'outreach',
  'meeting',
  'thankYou',
  'checkIn',
  'referral',
  'outcome',
] as const satisfies readonly RecordKind[];

/** The schema of each record kind. */
export const RECORD_SCHEMAS: { readonly [K in RecordKind]: z.ZodType<RecordTypes[K], unknown> } = {
  contact: ContactSchema,
  organization: OrganizationSchema,
  outreach: OutreachSchema,
  meeting: MeetingSchema,
  thankYou: ThankYouSchema,
  checkIn: CheckInSchema,
  referral: ReferralSchema,
  outcome: OutcomeSchema,
};

/** The network list each record kind is kept in (`contact` → `contacts`). */
export const RECORD_LISTS = {
  contact: 'contacts',
  organization: 'organizations',
  outreach: 'outreaches',
  meeting: 'meetings',
  thankYou: 'thankYous',
  checkIn: 'checkIns',
  referral: 'referrals',
  outcome: 'outcomes',
} as const satisfies { readonly [K in RecordKind]: keyof Network };

/** A network with the given workspace and no records yet. */
export function emptyNetwork(workspace: Network['workspace']): Network {
  return {
    workspace,
    contacts: [],
    organizations: [],
    outreaches: [],
    meetings: [],
    thankYous: [],
    checkIns: [],
    referrals: [],
    outcomes: [],
  };
}

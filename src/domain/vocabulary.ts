// The method's vocabulary as plain constants. Schemas are built from these, and rules
// read them from here, so importing a rule never pulls in the schema library.

/** How the seeker knows a contact, as tie kinds. */
export const TIE_KINDS = [
  'family-friend',
  'friend-of-a-friend',
  'alumni',
  'neighbour',
  'colleague',
  'lecturer',
  'event',
  'press',
  'cold',
  'other',
] as const;

/** Every way an attempt can be made; an `introduction-request` goes to a mutual contact. */
export const CHANNELS = ['email', 'phone', 'linkedin', 'in-person', 'introduction-request'] as const;

/** Channels that reach the contact directly (all but an introduction request). */
export const DIRECT_CHANNELS = ['email', 'phone', 'linkedin', 'in-person'] as const;

/** What to do on each direct channel, as a reason says it ("call them"). */
export const CHANNEL_VERBS = {
  email: 'email',
  phone: 'call',
  linkedin: 'message on LinkedIn',
  'in-person': 'visit',
} as const satisfies Record<(typeof DIRECT_CHANNELS)[number], string>;

/** What an attempt on each direct channel is called ("after the first call"). */
export const CHANNEL_NOUNS = {
  email: 'email',
  phone: 'call',
  linkedin: 'LinkedIn message',
  'in-person': 'visit',
} as const satisfies Record<(typeof DIRECT_CHANNELS)[number], string>;

/** What came of one attempt at the moment it was made. */
export const ATTEMPT_RESULTS = ['sent', 'voicemail', 'no-answer', 'bounced'] as const;

/** The six questions to be able to answer before an informational interview, in the method's order. */
export const PREPARATION_QUESTIONS = [
  'know-the-company',
  'what-it-stands-for',
  'why-interested',
  'about-the-person',
  'what-i-want',
  'next-steps',
] as const;

/** The question each preparation id stands for, as a seeker would read it. */
export const PREPARATION_QUESTION_TEXT: Readonly<Record<(typeof PREPARATION_QUESTIONS)[number], string>> = {
  'know-the-company': 'Do I know the company?',
  'what-it-stands-for': 'What does it stand for?',
  'why-interested': 'Why am I interested in it?',
  'about-the-person': 'What do I know about this person?',
  'what-i-want': 'What do I want from this conversation?',
  'next-steps': 'What are the right next steps?',
};

/** A meeting's states; `moved` is still upcoming, at a new time. */
export const MEETING_STATUSES = ['scheduled', 'moved', 'held', 'cancelled'] as const;

/** How a conversation happens. */
export const MEETING_FORMATS = ['coffee', 'call', 'video', 'in-person'] as const;

/** How a thank-you can be sent. */
export const THANK_YOU_CHANNELS = ['email', 'card'] as const;

/** What a check-in can carry. */
export const CHECK_IN_KINDS = ['article', 'update', 'coffee', 'other'] as const;

/** How a check-in can be made. */
export const CHECK_IN_CHANNELS = ['email', 'phone', 'linkedin', 'in-person', 'card'] as const;

/** What an introducer can do for the seeker, from lightest to strongest. */
export const REFERRAL_KINDS = ['name-suggested', 'introduction-made', 'resume-forwarded', 'recommended-to-hr'] as const;

/** Where a referral can stand: offered (promised), done, or not going to happen. */
export const REFERRAL_STATUSES = ['offered', 'done', 'declined'] as const;

/** What can come of the networking. */
export const OUTCOME_KINDS = ['interview', 'internship', 'offer', 'hire'] as const;

import type { FieldIssue } from './errors.js';
import { parseTemplate, type PlaceholderSpec } from './templateLanguage.js';
import { PREPARATION_QUESTION_TEXT } from './vocabulary.js';

// The message templates as plain data, kept apart from their schema so that drafting
// pulls in no schema library (as policyDefaults.ts does for policies).

const COLD = 'I came across your work{{#organization}} at {{organization}}{{/organization}} and wanted to reach out.';

/**
 * The method's advice, in English: ask for advice and information, never for a job; say
 * how you found the person; keep a first message short and end it with one concrete
 * question; thank within a day, naming the meeting and something you learned, and ask
 * who else to talk to; check in with news and an offer to help.
 */
export const DEFAULT_DRAFT_TEMPLATES = Object.freeze({
  /** BCP 47 language tag: how dates are written. */
  locale: 'en-US',

  'first-email.subject': 'A question about your work{{#organization}} at {{organization}}{{/organization}}',
  'first-email.body':
    "Hi {{firstName}},\n\n{{how}} I'm exploring my next step and would value your advice and perspective.\n\n" +
    'Would you have 20 minutes for a short call or a coffee in the next two weeks?\n\nThank you,\n{{signature}}',

  'follow-up-email.subject': 'Re: {{previousSubject}}',
  'follow-up-email.body':
    'Hi {{firstName}},\n\nI reached out{{#lastDate}} on {{lastDate}}{{/lastDate}} and know how busy things get, so I am following up. ' +
    "I'd still value your advice as I explore my next step.\n\n" +
    'Would 20 minutes in the next two weeks work for a short call?\n\nThank you,\n{{signature}}',

  'phone-script.body':
    'Opening: Hi {{firstName}}, this is {{me}}. {{how}}{{#lastEmailDate}} I emailed you on {{lastEmailDate}}.{{/lastEmailDate}} Do you have a minute?\n\n' +
    'The one question: Would you have 20 minutes in the next two weeks to share your advice{{#organization}} on your path at {{organization}}{{/organization}}?\n\n' +
    "Voicemail: Hi {{firstName}}, this is {{me}}. {{how}} I'd value 20 minutes of your advice. " +
    "{{#myPhone}}You can reach me at {{myPhone}}. {{/myPhone}}I'll also send you a short email. Thank you!",

  'linkedin.body':
    'Hi {{firstName}}, {{^lastDate}}{{how}}{{/lastDate}}{{#lastDate}}I reached out on {{lastDate}} and wanted to follow up.{{/lastDate}} ' +
    "I'm exploring my next step and would value your advice. " +
    'Would you have 20 minutes for a short call in the next two weeks? Thank you, {{me}}',

  'in-person.body':
    "When you see {{firstName}}:\n\nOpening: Hi {{firstName}}, I'm {{me}}. {{how}}\n\n" +
    'The one question: Would you have 20 minutes in the next two weeks to share your advice?\n\n' +
    'If it is not a good moment: ask when would suit them, and leave your contact details.',

  'ask-introduction.subject': 'Would you introduce me to {{person}}?',
  'ask-introduction.body':
    "Hi {{firstName}},\n\nI hope you're well. I'm exploring my next step and would value the advice of {{person}}" +
    '{{#personOrganization}} at {{personOrganization}}{{/personOrganization}}. I understand you know each other.\n\n' +
    "Would you be willing to introduce us by email? I'm happy to send a short note about me that you could forward.\n\n" +
    'Thank you,\n{{signature}}',

  'find-second-contact.body':
    'No reply yet from {{person}}. Rather than wait, reach a second person{{#organization}} at {{organization}}{{/organization}}.\n\n' +
    'Where to look: alumni who work there, people in a similar role on LinkedIn, or someone a contact of yours knows there. ' +
    'Add them as a contact, then send them a short first email asking for advice.',

  'move-on.subject': 'Closing the loop',
  'move-on.body':
    'Hi {{firstName}},\n\nI know how busy things get, so this is my last note for now. ' +
    "If a short conversation ever suits you later, I'd still value your advice.\n\n" +
    'Thank you, and all the best{{#organization}} at {{organization}}{{/organization}}.\n{{signature}}',

  'prepare.subject': 'Prepare for {{meeting}} with {{name}} on {{date}}',
  'prepare.body':
    'Before {{meeting}} with {{name}}{{#organization}} ({{organization}}){{/organization}} on {{date}} at {{time}}, ' +
    'know the answers to six questions:\n\n{{checklist}}\n\nQuestions to ask:\n' +
    '{{#questionsToAsk}}{{questionsToAsk}}{{/questionsToAsk}}' +
    '{{^questionsToAsk}}- none listed yet; start from: How did you start here? What is the culture like? ' +
    'Where might my experience fit? What does a career path look like here?{{/questionsToAsk}}' +
    '{{#research}}\n\nResearch so far:\n{{research}}{{/research}}\n\n' +
    'In the conversation: keep to {{minutes}} minutes, listen more than you talk, take brief notes, ' +
    'and ask who else you should speak with.',
  'checklist.answered': '[x] {{question}} {{answer}}',
  'checklist.open': '[ ] {{question}} (still open)',
  'list.item': '- {{item}}',

  'thank-you.subject': 'Thank you for {{meeting}} on {{date}}',
  'thank-you.body':
    'Hi {{firstName}},\n\nThank you for {{meeting}} on {{date}} and for your advice{{#organization}} about {{organization}}{{/organization}}.' +
    '{{#person}} Thank you also for offering to connect me with {{person}}.{{/person}}' +
    '{{#topic}}\n\nWhat stayed with me: {{topic}}{{/topic}}' +
    "{{#askForIntroduction}}\n\nIs there someone else you think I should talk to? I'd be grateful for an introduction.{{/askForIntroduction}}" +
    '\n\nThank you again,\n{{signature}}',

  'check-in-searching.subject': 'A quick update',
  'check-in-searching.body':
    "Hi {{firstName}},\n\nI hope you're well. " +
    '{{#news}}Some news: {{news}}{{/news}}' +
    '{{^news}}A quick update from my search: your advice{{#metDate}} when we spoke on {{metDate}}{{/metDate}} is still helping me.{{/news}}' +
    '{{#topic}}\n\nI keep coming back to this from our conversation: {{topic}}{{/topic}}\n\n' +
    'Is there anything I can send your way or help with in return?\n\nBest,\n{{signature}}',

  'check-in-employed.subject': 'Some news, and a coffee soon?',
  'check-in-employed.body':
    'Hi {{firstName}},\n\nI hope all is well. Some news: ' +
    '{{#news}}{{news}}{{/news}}' +
    "{{^news}}I've started a new role{{#newOrganization}} at {{newOrganization}}{{/newOrganization}}, " +
    'and our conversation{{#metDate}} on {{metDate}}{{/metDate}} helped me get there.{{/news}}\n\n' +
    "If there is anything I can do for you, I'd be glad to help. Would you have time for a coffee in the coming weeks?\n\n" +
    'Best,\n{{signature}}',

  'referral-follow-up.subject': 'A gentle follow-up',
  'referral-follow-up.body':
    'Hi {{firstName}},\n\nThank you again for {{promise}}. I know how busy things get, so this is just a gentle follow-up.\n\n' +
    'Would it help if I sent a short note about me that you could forward?\n\nThank you,\n{{signature}}',

  // How the seeker found the person, one sentence per tie: the first message leans on it.
  'how.introduced': '{{introducer}} suggested I get in touch with you.',
  'how.family-friend': 'You came to mind first as a friend of my family.',
  'how.friend-of-a-friend': 'A friend we have in common suggested I write to you.',
  'how.alumni': 'I found you through our alumni network{{#organization}} and saw that you work at {{organization}}{{/organization}}.',
  'how.neighbour': "As your neighbour, I hope you don't mind a short note.",
  'how.colleague': 'As a former colleague, you came to mind first.',
  'how.lecturer': 'I heard you speak{{#organization}} about your work at {{organization}}{{/organization}} and wanted to follow up.',
  'how.event': 'We met at an event, and I wanted to follow up{{#organization}} about your work at {{organization}}{{/organization}}.',
  'how.press': 'I read about your work{{#organization}} at {{organization}}{{/organization}} and wanted to reach out.',
  'how.cold': COLD,
  'how.other': COLD,

  // What was promised, completing "Thank you again for …"; {{organization}} is where it leads.
  'promise.name-suggested': '{{#person}}suggesting I speak with {{person}}{{/person}}{{^person}}offering to suggest someone I could speak with{{/person}}',
  'promise.introduction-made': 'offering to introduce me{{#person}} to {{person}}{{/person}}',
  'promise.resume-forwarded': 'offering to forward my resume{{#organization}} at {{organization}}{{/organization}}',
  'promise.recommended-to-hr': 'offering to recommend me to HR{{#organization}} at {{organization}}{{/organization}}',

  // The meeting as a sentence names it: "Thank you for the coffee".
  'meeting.coffee': 'the coffee',
  'meeting.call': 'the call',
  'meeting.video': 'the video call',
  'meeting.in-person': 'the meeting',

  'question.know-the-company': PREPARATION_QUESTION_TEXT['know-the-company'],
  'question.what-it-stands-for': PREPARATION_QUESTION_TEXT['what-it-stands-for'],
  'question.why-interested': PREPARATION_QUESTION_TEXT['why-interested'],
  'question.about-the-person': PREPARATION_QUESTION_TEXT['about-the-person'],
  'question.what-i-want': PREPARATION_QUESTION_TEXT['what-i-want'],
  'question.next-steps': PREPARATION_QUESTION_TEXT['next-steps'],
});

/** A complete set of message templates in one language, and the locale its dates are written in. */
export type DraftTemplates = { readonly [K in keyof typeof DEFAULT_DRAFT_TEMPLATES]: string };

/** The name of one template (`first-email.body`, `how.event`, …). */
export type DraftTemplateName = Exclude<keyof DraftTemplates, 'locale'>;

/** Some templates (and perhaps the locale) to use instead of the defaults. */
export type DraftTemplateOverrides = Partial<DraftTemplates>;

/** Every template name, in the defaults' order. */
export const DRAFT_TEMPLATE_NAMES = Object.freeze(
  Object.keys(DEFAULT_DRAFT_TEMPLATES).filter((key) => key !== 'locale') as DraftTemplateName[],
);

// Who the message goes to, and who sends it: every template may use these.
const COMMON: PlaceholderSpec = {
  name: 'always',
  firstName: 'always',
  role: 'maybe',
  organization: 'maybe',
  me: 'always',
  myFirstName: 'always',
  signature: 'always',
  myPhone: 'maybe',
};

const CHECK_IN: PlaceholderSpec = { metDate: 'maybe', topic: 'maybe', news: 'maybe', newOrganization: 'maybe' };

// What each template (or group, the part of its name before the dot) adds.
const EXTRA: Readonly<Record<string, PlaceholderSpec>> = {
  'first-email': { how: 'always' },
  'follow-up-email': { previousSubject: 'always', lastDate: 'maybe' },
  'phone-script': { how: 'always', lastEmailDate: 'maybe' },
  linkedin: { how: 'always', lastDate: 'maybe' },
  'in-person': { how: 'always' },
  'ask-introduction': { person: 'always', personFirstName: 'always', personOrganization: 'maybe', personRole: 'maybe' },
  'find-second-contact': { person: 'always' },
  prepare: { meeting: 'always', date: 'always', time: 'always', minutes: 'always', checklist: 'always', questionsToAsk: 'maybe', research: 'maybe' },
  'checklist.answered': { question: 'always', answer: 'always' },
  'checklist.open': { question: 'always' },
  list: { item: 'always' },
  'thank-you': { meeting: 'always', date: 'always', topic: 'maybe', person: 'maybe', askForIntroduction: 'flag' },
  'check-in-searching': CHECK_IN,
  'check-in-employed': CHECK_IN,
  'referral-follow-up': { promise: 'always', person: 'maybe' },
  'how.introduced': { introducer: 'always' },
  promise: { person: 'maybe' },
};

/** The placeholders template `name` may use and whether each is always there, may be missing, or is a condition. */
export function draftPlaceholders(name: DraftTemplateName): PlaceholderSpec {
  const group = name.slice(0, name.lastIndexOf('.'));
  return { ...COMMON, ...(EXTRA[name] ?? EXTRA[group]) };
}

/** Longest template text. */
export const TEMPLATE_TEXT_MAX = 20_000;

const isTemplateName = (key: string): key is DraftTemplateName => key !== 'locale' && Object.hasOwn(DEFAULT_DRAFT_TEMPLATES, key);

/** Whether `locale` is a BCP 47 language tag this runtime accepts. */
function isLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
}

/**
 * Every problem with templates given to use instead of the defaults, each at the
 * template's name: not a template name, not a text, an unknown placeholder, a value that
 * may be missing written outside its section, a section never closed, a locale that is
 * not a language tag. Empty when they can be used.
 */
export function draftTemplateIssues(overrides: unknown): FieldIssue[] {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    return [{ path: '(root)', message: 'not an object of templates by name' }];
  }
  const issues: FieldIssue[] = [];
  for (const [key, text] of Object.entries(overrides)) {
    if (issues.length >= 100) break;
    if (key !== 'locale' && !isTemplateName(key)) {
      issues.push({ path: key, message: 'not a template name' });
    } else if (typeof text !== 'string') {
      // Left out with `undefined`, as exact optional properties allow a plain-JavaScript caller to.
      if (text !== undefined) issues.push({ path: key, message: 'not a text' });
    } else if (key === 'locale') {
      if (!isLocale(text)) issues.push({ path: key, message: 'not a language tag (like "en-US" or "fr-FR")' });
    } else if (text.length > TEMPLATE_TEXT_MAX) {
      issues.push({ path: key, message: `longer than ${TEMPLATE_TEXT_MAX} characters` });
    } else {
      for (const message of parseTemplate(text, draftPlaceholders(key)).problems) issues.push({ path: key, message });
    }
  }
  return issues;
}

import type { Contact } from '../domain/contact.js';
import {
  DEFAULT_DRAFT_TEMPLATES,
  draftPlaceholders,
  draftTemplateIssues,
  type DraftTemplateName,
  type DraftTemplateOverrides,
  type DraftTemplates,
} from '../domain/draftTemplates.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../domain/errors.js';
import type { ContactId } from '../domain/ids.js';
import type { Meeting } from '../domain/meeting.js';
import type { Network } from '../domain/network.js';
import type { Policies } from '../domain/policies.js';
import { DEFAULT_POLICIES } from '../domain/policyDefaults.js';
import { parseTemplate, renderTokens, type TemplateValues } from '../domain/templateLanguage.js';
import { PREPARATION_QUESTIONS } from '../domain/vocabulary.js';
import { toWallClock } from '../domain/zone.js';
import type { AgendaAction, AgendaActionKind } from './agenda.js';
import { directAttempts } from './outreachRetry.js';
import { thankYouStatus } from './thankYouDeadline.js';

/** How a draft is used: sent on a channel, or (for preparation and finding a second person) read. */
export type DraftChannel = 'email' | 'phone' | 'linkedin' | 'in-person' | 'checklist' | 'guidance';

/** Which message a draft is: the group of templates it was written from. */
export type DraftTemplate =
  | 'first-email'
  | 'follow-up-email'
  | 'phone-script'
  | 'linkedin'
  | 'in-person'
  | 'ask-introduction'
  | 'find-second-contact'
  | 'move-on'
  | 'prepare'
  | 'thank-you'
  | 'check-in-searching'
  | 'check-in-employed'
  | 'referral-follow-up';

/** What to say for one agenda action, filled from the records. */
export interface MessageDraft {
  /** The agenda action it is for. */
  readonly actionId: string;
  readonly kind: AgendaActionKind;
  readonly template: DraftTemplate;
  readonly channel: DraftChannel;
  /** Who it goes to: the contact, or the mutual contact asked for an introduction, or a colleague. */
  readonly recipientId?: ContactId;
  /** Where it goes on its channel: an email address, a phone number or a profile URL, when one is on record. */
  readonly to?: string;
  readonly subject?: string;
  readonly body: string;
  /** A `mailto:` link with the subject and body (RFC 6068), for an email with an address. */
  readonly mailto?: string;
  /** Words in the body (tokens with a letter or a digit). */
  readonly words: number;
  /** The most words the method wants in this message (a first message to someone who has not answered yet). */
  readonly wordLimit?: number;
  /** The deadline to send it by (a thank-you's). */
  readonly sendBy?: Date;
  readonly rule: 'draft.message';
  readonly reason: string;
}

type EmailTemplate = Extract<DraftTemplate, 'first-email' | 'follow-up-email' | 'ask-introduction' | 'move-on' | 'thank-you' | 'check-in-searching' | 'check-in-employed' | 'referral-follow-up'>;
type NoteTemplate = Extract<DraftTemplate, 'phone-script' | 'linkedin' | 'in-person' | 'find-second-contact' | 'move-on'>;

/** What {@link draftMessage} may be told besides the action and the records. */
export interface DraftOptions {
  /** Templates to use instead of the defaults, in part or whole (a workspace's own, another language). */
  readonly templates?: DraftTemplateOverrides | undefined;
  /** Signs the message; the workspace's name unless given. */
  readonly signature?: string | undefined;
  /** The seeker's phone number, left on a voicemail. */
  readonly phone?: string | undefined;
  /** One line of news a check-in shares. */
  readonly news?: string | undefined;
  /** For the thank-you's deadline and whether it asks for an introduction; the method's defaults unless given. */
  readonly policies?: Policies | undefined;
}

/** The most words in a first message to someone who has not answered yet: a cold email stays short. */
export const DRAFT_WORD_LIMIT = 75;

const WORD = /[\p{L}\p{N}]/u;

/** Words in a text: the whitespace-separated tokens with at least one letter or digit. */
export function countWords(text: string): number {
  let words = 0;
  for (const token of text.split(/\s+/)) if (WORD.test(token)) words++;
  return words;
}

const LINE_BREAK = /\r\n|\r|\n/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Line breaks as CRLF (RFC 6068 §5); a lone surrogate, which has no UTF-8 form, as U+FFFD.
const encode = (text: string) => encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD').replace(LINE_BREAK, '\r\n'));

/**
 * A `mailto:` link (RFC 6068): the address's local part and domain, the subject and the
 * body percent-encoded with `encodeURIComponent` (spaces as `%20`, line breaks as `%0D%0A`).
 */
export function mailtoLink(address: string, subject?: string, body?: string): string {
  const at = address.lastIndexOf('@');
  const to = at < 0 ? encode(address) : `${encode(address.slice(0, at))}@${encode(address.slice(at + 1))}`;
  const fields = [
    ...(subject !== undefined ? [`subject=${encode(subject)}`] : []),
    ...(body !== undefined ? [`body=${encode(body)}`] : []),
  ];
  return `mailto:${to}${fields.length > 0 ? `?${fields.join('&')}` : ''}`;
}

/** The name a greeting uses: the first word ("Lena"), or a title and the last word ("Dr. Ortiz"). */
function firstNameOf(name: string): string {
  const words = name.split(/\s+/);
  const first = words[0] ?? name;
  return first.endsWith('.') && words.length > 1 ? `${first} ${words.at(-1)}` : first;
}

const two = (n: number) => String(n).padStart(2, '0');

/** `Wed 2026-08-12 14:20`: an instant on the seeker's clock, for reasons. */
function localStamp(instant: Date, timeZone: string): string {
  const wall = toWallClock(instant, timeZone);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][wall.getUTCDay()];
  return `${day} ${wall.getUTCFullYear()}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())} ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`;
}

function optionIssues(options: DraftOptions): FieldIssue[] {
  if (typeof options !== 'object' || options === null) return [{ path: '(root)', message: 'not an options object' }];
  return (['signature', 'phone', 'news'] as const).flatMap((field) =>
    options[field] !== undefined && typeof options[field] !== 'string' ? [{ path: field, message: 'not a text' }] : [],
  );
}

function find<T extends { readonly id: string }>(records: readonly T[], id: string | undefined, subject: string): T {
  const record = id === undefined ? undefined : records.find((r) => r.id === id);
  if (!record) throw new NotFoundError(subject, String(id));
  return record;
}

/** The first line of the first note with any text: a topic the conversation touched. */
function topicOf(meeting: Meeting | undefined): string | undefined {
  const note = meeting?.notes.find((n) => n.trim() !== '');
  return note?.trim().split(LINE_BREAK, 1)[0];
}

/**
 * Rule `draft.message`: what to say for an agenda action, in the method's words and
 * filled from the records — a first email (how you found the person: their tie, or who
 * introduced them), a follow-up, a call script, a LinkedIn message, what to say in
 * person, a request for an introduction, a first email to a second person at the
 * organization (or how to find one), a polite last note, the preparation checklist, a
 * thank-you, a check-in (searching or employed) and a follow-up on a promised
 * introduction. A missing field changes the sentence; user text goes in as it is; dates
 * are written in the workspace's zone and the templates' locale. Pure: the same action,
 * records and options always give the same draft.
 *
 * Throws `ValidationError` for templates with an unknown placeholder (naming the
 * template and the placeholder) or bad options, `NotFoundError` for an action whose
 * records are not in `network`.
 *
 * ```ts
 * const [first] = agenda(network, { now });
 * const draft = draftMessage(first, network, { signature: 'Sam Rivera\n+1 617 555 0100' });
 * draft.subject; draft.body; draft.mailto; // open it in a mail app
 * ```
 */
export function draftMessage(action: AgendaAction, network: Network, options: DraftOptions = {}): MessageDraft {
  const problems = optionIssues(options);
  if (problems.length > 0) throw new ValidationError('draft options', problems);
  if (options.templates !== undefined) {
    const issues = draftTemplateIssues(options.templates);
    if (issues.length > 0) throw new ValidationError('draft templates', issues);
  }
  const templates: Record<string, string> = { ...DEFAULT_DRAFT_TEMPLATES };
  for (const [name, text] of Object.entries(options.templates ?? {})) if (text !== undefined) templates[name] = text;
  const policies = options.policies ?? DEFAULT_POLICIES;
  const { workspace } = network;
  const { timeZone } = workspace;
  const locale = (templates as DraftTemplates).locale;
  const dateFormat = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', month: 'long', day: 'numeric' });
  const date = (instant: Date | undefined) => (instant ? dateFormat.format(instant) : undefined);

  const render = (name: DraftTemplateName, values: TemplateValues): string => {
    const parsed = parseTemplate(templates[name] ?? '', draftPlaceholders(name));
    if (parsed.problems.length > 0) throw new ValidationError('draft templates', parsed.problems.map((message) => ({ path: name, message })));
    return renderTokens(parsed.tokens, values);
  };

  const organizationName = (id: string | undefined) =>
    id === undefined ? undefined : network.organizations.find((o) => o.id === id)?.name;
  const seeker = {
    me: workspace.name,
    myFirstName: firstNameOf(workspace.name),
    signature: options.signature ?? workspace.name,
    myPhone: options.phone,
  };
  /** Values about the person a message goes to, and the seeker who sends it. */
  const about = (person: Contact) => ({
    ...seeker,
    name: person.name,
    firstName: firstNameOf(person.name),
    role: person.role,
    organization: organizationName(person.organizationId),
  });
  /** How the seeker found `person`: who introduced them, or their tie. */
  const howFound = (person: Contact) => {
    const introducer = person.introducedBy === undefined ? undefined : network.contacts.find((c) => c.id === person.introducedBy);
    const how = introducer ? render('how.introduced', { ...about(person), introducer: introducer.name }) : render(`how.${person.tie}`, about(person));
    return { how, note: introducer ? `introduced by ${introducer.name}` : `tie: ${person.tie.replace(/-/g, ' ')}` };
  };
  const wordsNote = (words: number) =>
    words <= DRAFT_WORD_LIMIT
      ? `${words} words, within the ${DRAFT_WORD_LIMIT} a first message should keep to`
      : `${words} words, over the ${DRAFT_WORD_LIMIT} a first message should keep to: shorten it`;

  if (typeof action !== 'object' || action === null) throw new ValidationError('agenda action', [{ path: '(root)', message: 'not an agenda action' }]);
  const contact = find(network.contacts, action.contactId, 'contact');
  const name = contact.name;

  interface Written {
    readonly template: DraftTemplate;
    readonly channel: DraftChannel;
    readonly recipient?: Contact | undefined;
    readonly to?: string | undefined;
    readonly subject?: string | undefined;
    readonly body: string;
    readonly wordLimit?: number;
    readonly sendBy?: Date;
    /** The reason, given the body's word count. */
    readonly reason: (words: number) => string;
  }

  /** An email to `person` from the templates `<template>.subject` and `<template>.body`. */
  const email = (template: EmailTemplate, person: Contact, values: TemplateValues, reason: Written['reason'], more: Partial<Written> = {}): Written => ({
    template,
    channel: 'email',
    recipient: person,
    to: person.emails[0],
    subject: render(`${template}.subject`, values),
    body: render(`${template}.body`, values),
    reason,
    ...more,
  });
  /** A message without a subject (a script, a LinkedIn message, guidance) from `<template>.body`. */
  const note = (template: NoteTemplate, channel: DraftChannel, values: TemplateValues, reason: Written['reason'], to?: string, recipient?: Contact): Written => ({
    template,
    channel,
    recipient,
    to,
    body: render(`${template}.body`, values),
    reason,
  });
  /** A first email to `person` (the contact, or a colleague of theirs). */
  const firstEmail = (person: Contact, why: (words: number, note: string) => string): Written => {
    const { how, note } = howFound(person);
    return email('first-email', person, { ...about(person), how }, (words) => why(words, note), { wordLimit: DRAFT_WORD_LIMIT });
  };
  const meetingOf = () => find(network.meetings, action.meetingId, 'meeting');

  const write = (): Written => {
    switch (action.kind) {
      case 'outreach.attempt': {
        const attempts = directAttempts(find(network.outreaches, action.outreachId, 'outreach'));
        const last = attempts.at(-1);
        const channel = action.channel ?? 'email';
        if (channel === 'email' && !last) {
          return firstEmail(contact, (words, how) => `First email to ${name} (${how}): how you found them, a request for advice, not a job, and one question; ${wordsNote(words)}.`);
        }
        const values = {
          ...about(contact),
          how: howFound(contact).how,
          lastDate: date(last?.at),
          lastEmailDate: date(attempts.filter((a) => a.channel === 'email').at(-1)?.at),
        };
        const limited = { wordLimit: DRAFT_WORD_LIMIT };
        if (channel === 'email') {
          return email(
            'follow-up-email',
            contact,
            { ...values, previousSubject: render('first-email.subject', values) },
            (words) => `Follow-up email to ${name} after ${attempts.length} unanswered: still asking for advice, one question; ${wordsNote(words)}.`,
            limited,
          );
        }
        if (channel === 'linkedin') {
          const message = note('linkedin', channel, values, (words) => `LinkedIn message to ${name}: a request for advice and one question; ${wordsNote(words)}.`, contact.profileUrl, contact);
          return { ...message, ...limited };
        }
        return channel === 'phone'
          ? note('phone-script', channel, values, () => `Call script for ${name}: an opening line, the one question, and what to say to voicemail.`, contact.phones[0], contact)
          : note('in-person', channel, values, () => `What to say when you see ${name}: an opening line and the one question.`, undefined, contact);
      }

      case 'outreach.ask-introduction': {
        const mutuals = network.contacts.filter((c) => contact.mutualContacts.includes(c.id));
        // The first who can be emailed, else the first known, in the contact's order (as the agenda lists them).
        mutuals.sort((a, b) => contact.mutualContacts.indexOf(a.id) - contact.mutualContacts.indexOf(b.id));
        const via = mutuals.find((m) => m.emails.length > 0) ?? mutuals[0];
        if (!via) throw new NotFoundError('contact', contact.mutualContacts[0] ?? `a mutual contact of ${contact.id}`);
        const values = {
          ...about(via),
          person: name,
          personFirstName: firstNameOf(name),
          personOrganization: organizationName(contact.organizationId),
          personRole: contact.role,
        };
        return email('ask-introduction', via, values, () => `Ask ${via.name} to introduce you to ${name}: a warm introduction beats a cold email.`);
      }

      case 'outreach.second-contact': {
        const place = organizationName(contact.organizationId) ?? 'the organization';
        const reached = new Set([...network.outreaches, ...network.meetings].map((r) => r.contactId));
        // The agenda's candidates: colleagues with neither an outreach nor a meeting, by id.
        const colleague = network.contacts
          .filter((c) => c.organizationId !== undefined && c.organizationId === contact.organizationId && c.id !== contact.id && !reached.has(c.id))
          .sort((a, b) => (a.id < b.id ? -1 : 1))[0];
        return colleague
          ? firstEmail(colleague, (words, how) => `No reply yet from ${name}: a first email to ${colleague.name} (${how}), a second person at ${place}; ${wordsNote(words)}.`)
          : note('find-second-contact', 'guidance', { ...about(contact), person: name }, () => `No reply yet from ${name}, and nobody else at ${place} is in your network: how to find a second person.`);
      }

      case 'outreach.move-on': {
        const reason = () => `No reply from ${name}: a polite last note that leaves the door open, then move on.`;
        // Without an email address, by LinkedIn when there is a profile.
        return contact.emails.length === 0 && contact.profileUrl !== undefined
          ? note('move-on', 'linkedin', about(contact), reason, contact.profileUrl, contact)
          : email('move-on', contact, about(contact), reason);
      }

      case 'meeting.prepare': {
        const meeting = meetingOf();
        const base = about(contact);
        const { answers, questionsToAsk, research } = meeting.preparation;
        let open = 0;
        const checklist = PREPARATION_QUESTIONS.map((q) => {
          const values = { ...base, question: render(`question.${q}`, base), answer: answers[q] };
          if (answers[q]?.trim()) return render('checklist.answered', values);
          open++;
          return render('checklist.open', values);
        });
        const values = {
          ...base,
          meeting: render(`meeting.${meeting.format}`, base),
          date: date(meeting.startAt),
          time: new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(meeting.startAt),
          minutes: String(meeting.minutes),
          checklist: checklist.join('\n'),
          questionsToAsk: questionsToAsk.map((item) => render('list.item', { ...base, item })).join('\n'),
          research: research.trim() && research,
        };
        return {
          template: 'prepare',
          channel: 'checklist',
          subject: render('prepare.subject', values),
          body: render('prepare.body', values),
          reason: () => `The six questions for the ${meeting.format} with ${name} and your answers so far (${open} still open), questions to ask, and how the conversation goes.`,
        };
      }

      case 'thank-you.send': {
        const meeting = meetingOf();
        const status = thankYouStatus(meeting, network, policies.thankYou, { now: action.dueAt, timeZone }, contact);
        // Someone they offered to introduce at (or after) this meeting, to thank them for.
        const offered = network.referrals.find(
          (r) => r.introducerId === contact.id && r.contactId !== undefined && (r.meetingId === meeting.id || (r.meetingId === undefined && r.offeredAt >= meeting.startAt)),
        );
        const topic = topicOf(meeting);
        const values = {
          ...about(contact),
          meeting: render(`meeting.${meeting.format}`, about(contact)),
          date: date(meeting.startAt),
          topic,
          person: network.contacts.find((c) => c.id === offered?.contactId)?.name,
          askForIntroduction: status.askForIntroduction,
        };
        return email(
          'thank-you',
          contact,
          values,
          () =>
            `Thank-you to ${name} for the ${meeting.format}: it names the meeting${topic ? ' and a point from your notes' : ''}${
              status.askForIntroduction ? ' and asks who else to talk to, since no introduction was offered' : ''
            }; send it by ${localStamp(status.dueAt, timeZone)} (${timeZone}), within ${policies.thankYou.dueWithinHours} hours of the meeting.`,
          { sendBy: status.dueAt },
        );
      }

      case 'check-in.send': {
        let met: Meeting | undefined;
        for (const m of network.meetings) {
          if (m.contactId === contact.id && m.status === 'held' && (!met || m.startAt > met.startAt)) met = m;
        }
        const employed = workspace.phase.kind === 'employed';
        // The job: the latest hire, else the latest offer.
        const landed = network.outcomes
          .filter((o) => o.kind === 'hire' || o.kind === 'offer')
          .sort((a, b) => Number(a.kind === 'hire') - Number(b.kind === 'hire') || a.at.getTime() - b.at.getTime())
          .at(-1);
        const values = {
          ...about(contact),
          metDate: date(met?.startAt),
          topic: topicOf(met),
          news: options.news,
          newOrganization: employed ? organizationName(landed?.organizationId) : undefined,
        };
        return employed
          ? email('check-in-employed', contact, values, () => `Check-in with ${name} now that you are employed: your news, an offer to help, and a coffee.`)
          : email('check-in-searching', contact, values, () => `Check-in with ${name} while searching: a short update and an offer to help in return.`);
      }

      case 'referral.follow-up': {
        const referral = find(network.referrals, action.referralId, 'referral');
        const introduced = network.contacts.find((c) => c.id === referral.contactId);
        const person = introduced?.name;
        const promise = render(`promise.${referral.kind}`, {
          ...about(contact),
          person,
          organization: organizationName(referral.organizationId ?? introduced?.organizationId),
        });
        return email('referral-follow-up', contact, { ...about(contact), promise, person }, () => `A gentle follow-up with ${name} on what they offered, with a way to make it easy.`);
      }

      default:
        throw new ValidationError('agenda action', [{ path: 'kind', message: 'not a kind of agenda action' }]);
    }
  };

  const written = write();
  const words = countWords(written.body);
  const subject = written.subject?.replace(LINE_BREAK, ' ');
  const mailto = written.channel === 'email' && written.to !== undefined ? mailtoLink(written.to, subject, written.body) : undefined;
  return {
    actionId: action.id,
    kind: action.kind,
    template: written.template,
    channel: written.channel,
    ...(written.recipient ? { recipientId: written.recipient.id } : {}),
    ...(written.to !== undefined ? { to: written.to } : {}),
    ...(subject !== undefined ? { subject } : {}),
    body: written.body,
    ...(mailto !== undefined ? { mailto } : {}),
    words,
    ...(written.wordLimit !== undefined ? { wordLimit: written.wordLimit } : {}),
    ...(written.sendBy ? { sendBy: written.sendBy } : {}),
    rule: 'draft.message',
    reason: written.reason(words),
  };
}

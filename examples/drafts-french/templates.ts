// A complete French set of message templates: proof that drafts localize. Every
// template the English defaults have is here (`satisfies DraftTemplates` checks it), in
// the same placeholder language, and dates come out in French from the locale.
import type { DraftTemplates } from 'reachout';

/** The method's messages in French. */
export const FRENCH_DRAFTS = {
  locale: 'fr-FR',

  'first-email.subject': 'Une question sur votre travail{{#organization}} chez {{organization}}{{/organization}}',
  'first-email.body':
    "Bonjour {{firstName}},\n\n{{how}} Je réfléchis à la suite de mon parcours et j'aimerais beaucoup avoir vos conseils.\n\n" +
    'Auriez-vous 20 minutes pour un appel ou un café dans les deux prochaines semaines ?\n\nMerci,\n{{signature}}',

  'follow-up-email.subject': 'Re : {{previousSubject}}',
  'follow-up-email.body':
    'Bonjour {{firstName}},\n\nJe vous ai écrit{{#lastDate}} le {{lastDate}}{{/lastDate}} et je sais combien votre temps est précieux, ' +
    "d'où ce petit rappel. Vos conseils me seraient toujours très utiles.\n\n" +
    'Auriez-vous 20 minutes dans les deux prochaines semaines pour un court appel ?\n\nMerci,\n{{signature}}',

  'phone-script.body':
    'Introduction : Bonjour {{firstName}}, ici {{me}}. {{how}}{{#lastEmailDate}} Je vous ai écrit le {{lastEmailDate}}.{{/lastEmailDate}} Avez-vous une minute ?\n\n' +
    'La question : Auriez-vous 20 minutes dans les deux prochaines semaines pour me donner vos conseils' +
    '{{#organization}} sur votre parcours chez {{organization}}{{/organization}} ?\n\n' +
    'Messagerie : Bonjour {{firstName}}, ici {{me}}. {{how}} Vingt minutes de vos conseils me seraient précieuses. ' +
    '{{#myPhone}}Vous pouvez me joindre au {{myPhone}}. {{/myPhone}}Je vous envoie aussi un court e-mail. Merci !',

  'linkedin.body':
    'Bonjour {{firstName}}, {{^lastDate}}{{how}}{{/lastDate}}{{#lastDate}}Je vous ai écrit le {{lastDate}} et me permets de revenir vers vous.{{/lastDate}} ' +
    "Je réfléchis à la suite de mon parcours et j'aimerais avoir vos conseils. " +
    'Auriez-vous 20 minutes pour un court appel dans les deux prochaines semaines ? Merci, {{me}}',

  'in-person.body':
    'Quand vous verrez {{firstName}} :\n\nIntroduction : Bonjour {{firstName}}, je suis {{me}}. {{how}}\n\n' +
    'La question : Auriez-vous 20 minutes dans les deux prochaines semaines pour me donner vos conseils ?\n\n' +
    'Si le moment est mal choisi : demandez quand cela conviendrait, et laissez vos coordonnées.',

  'ask-introduction.subject': 'Pourriez-vous me présenter à {{person}} ?',
  'ask-introduction.body':
    "Bonjour {{firstName}},\n\nJ'espère que vous allez bien. Je réfléchis à la suite de mon parcours et les conseils de {{person}}" +
    '{{#personOrganization}} ({{personOrganization}}){{/personOrganization}} me seraient précieux. Je crois que vous vous connaissez.\n\n' +
    'Accepteriez-vous de nous présenter par e-mail ? Je peux vous envoyer un court message à transférer.\n\nMerci,\n{{signature}}',

  'find-second-contact.body':
    "Pas encore de réponse de {{person}}. Plutôt que d'attendre, contactez une deuxième personne{{#organization}} chez {{organization}}{{/organization}}.\n\n" +
    "Où chercher : des anciens de votre école qui y travaillent, des personnes à un poste similaire sur LinkedIn, ou quelqu'un qu'un de vos contacts y connaît. " +
    'Ajoutez-la à vos contacts, puis envoyez-lui un court premier e-mail pour lui demander conseil.',

  'move-on.subject': 'Pour conclure',
  'move-on.body':
    "Bonjour {{firstName}},\n\nJe sais combien votre temps est précieux : ce sera donc mon dernier message pour l'instant. " +
    'Si un court échange vous convient plus tard, vos conseils me seront toujours précieux.\n\n' +
    'Merci, et bonne continuation{{#organization}} chez {{organization}}{{/organization}}.\n{{signature}}',

  'prepare.subject': 'Préparation : {{meeting}} avec {{name}} le {{date}}',
  'prepare.body':
    'Avant {{meeting}} avec {{name}}{{#organization}} ({{organization}}){{/organization}} le {{date}} à {{time}}, ' +
    'sachez répondre à six questions :\n\n{{checklist}}\n\nQuestions à poser :\n' +
    '{{#questionsToAsk}}{{questionsToAsk}}{{/questionsToAsk}}' +
    "{{^questionsToAsk}}- aucune pour l'instant ; par exemple : Comment avez-vous commencé ici ? Quelle est la culture ? " +
    'Où mon expérience pourrait-elle servir ? À quoi ressemble une carrière ici ?{{/questionsToAsk}}' +
    '{{#research}}\n\nRecherches :\n{{research}}{{/research}}\n\n' +
    "Pendant l'échange : tenez-vous-en à {{minutes}} minutes, écoutez plus que vous ne parlez, prenez quelques notes, " +
    "et demandez à qui d'autre vous devriez parler.",
  'checklist.answered': '[x] {{question}} {{answer}}',
  'checklist.open': '[ ] {{question}} (encore ouverte)',
  'list.item': '- {{item}}',

  'thank-you.subject': 'Merci pour {{meeting}} du {{date}}',
  'thank-you.body':
    'Bonjour {{firstName}},\n\nMerci pour {{meeting}} du {{date}} et pour vos conseils{{#organization}} sur {{organization}}{{/organization}}.' +
    '{{#person}} Merci aussi de proposer de me mettre en relation avec {{person}}.{{/person}}' +
    '{{#topic}}\n\nCe que je retiens : {{topic}}{{/topic}}' +
    "{{#askForIntroduction}}\n\nY a-t-il quelqu'un d'autre à qui je devrais parler ? Une présentation me serait très précieuse.{{/askForIntroduction}}" +
    '\n\nEncore merci,\n{{signature}}',

  'check-in-searching.subject': 'Quelques nouvelles',
  'check-in-searching.body':
    "Bonjour {{firstName}},\n\nJ'espère que vous allez bien. " +
    '{{#news}}Une nouvelle : {{news}}{{/news}}' +
    "{{^news}}Un petit point sur ma recherche : vos conseils{{#metDate}} lors de notre échange du {{metDate}}{{/metDate}} m'aident encore.{{/news}}" +
    '{{#topic}}\n\nJe repense souvent à ceci : {{topic}}{{/topic}}\n\n' +
    'Puis-je vous être utile en retour, ou vous envoyer quelque chose ?\n\nBien à vous,\n{{signature}}',

  'check-in-employed.subject': 'Des nouvelles, et un café ?',
  'check-in-employed.body':
    "Bonjour {{firstName}},\n\nJ'espère que tout va bien. Une nouvelle : " +
    '{{#news}}{{news}}{{/news}}' +
    "{{^news}}j'ai commencé un nouveau poste{{#newOrganization}} chez {{newOrganization}}{{/newOrganization}}, " +
    "et notre échange{{#metDate}} du {{metDate}}{{/metDate}} m'y a aidé.{{/news}}\n\n" +
    'Si je peux vous être utile, ce sera avec plaisir. Auriez-vous le temps pour un café dans les semaines à venir ?\n\n' +
    'Bien à vous,\n{{signature}}',

  'referral-follow-up.subject': 'Un petit rappel',
  'referral-follow-up.body':
    "Bonjour {{firstName}},\n\nEncore merci {{promise}}. Je sais combien votre temps est précieux : ceci n'est qu'un petit rappel.\n\n" +
    'Vous aiderait-il que je vous envoie un court message à mon sujet, à transférer ?\n\nMerci,\n{{signature}}',

  'how.introduced': "{{introducer}} m'a suggéré de vous contacter.",
  'how.family-friend': "Proche de ma famille, vous m'êtes venu à l'esprit en premier.",
  'how.friend-of-a-friend': "Un ami commun m'a suggéré de vous écrire.",
  'how.alumni': "Je vous ai trouvé grâce au réseau des anciens{{#organization}} et j'ai vu que vous travaillez chez {{organization}}{{/organization}}.",
  'how.neighbour': "Étant votre voisin, j'espère que ce petit mot ne vous dérange pas.",
  'how.colleague': "Ancien collègue, vous m'êtes venu à l'esprit en premier.",
  'how.lecturer': 'Je vous ai entendu parler{{#organization}} de votre travail chez {{organization}}{{/organization}} et je souhaitais vous recontacter.',
  'how.event': "Nous nous sommes rencontrés lors d'un événement, et je souhaitais revenir vers vous{{#organization}} au sujet de votre travail chez {{organization}}{{/organization}}.",
  'how.press': "J'ai lu un article sur votre travail{{#organization}} chez {{organization}}{{/organization}} et je souhaitais vous écrire.",
  'how.cold': "J'ai découvert votre travail{{#organization}} chez {{organization}}{{/organization}} et je souhaitais vous écrire.",
  'how.other': "J'ai découvert votre travail{{#organization}} chez {{organization}}{{/organization}} et je souhaitais vous écrire.",

  'promise.name-suggested': "{{#person}}de m'avoir suggéré de parler à {{person}}{{/person}}{{^person}}de votre proposition de me suggérer quelqu'un à qui parler{{/person}}",
  'promise.introduction-made': 'de votre proposition de me présenter{{#person}} à {{person}}{{/person}}',
  'promise.resume-forwarded': 'de votre proposition de transmettre mon CV{{#organization}} chez {{organization}}{{/organization}}',
  'promise.recommended-to-hr': 'de votre proposition de me recommander aux RH{{#organization}} de {{organization}}{{/organization}}',

  'meeting.coffee': 'le café',
  'meeting.call': "l'appel",
  'meeting.video': 'la visio',
  'meeting.in-person': 'la rencontre',

  'question.know-the-company': "Est-ce que je connais l'entreprise ?",
  'question.what-it-stands-for': 'Que défend-elle ?',
  'question.why-interested': "Pourquoi m'intéresse-t-elle ?",
  'question.about-the-person': 'Que sais-je de cette personne ?',
  'question.what-i-want': "Qu'est-ce que j'attends de cet échange ?",
  'question.next-steps': 'Quelles sont les bonnes prochaines étapes ?',
} as const satisfies DraftTemplates;

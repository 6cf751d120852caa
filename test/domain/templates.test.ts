import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  DEFAULT_DRAFT_TEMPLATES,
  DRAFT_TEMPLATE_NAMES,
  ValidationError,
  draftPlaceholders,
  draftTemplateIssues,
  resolveDraftTemplates,
  type PlaceholderSpec,
} from '../../src/index.js';
import { parseTemplate, renderTokens, type TemplateValues } from '../../src/domain/templateLanguage.js';

const SPEC: PlaceholderSpec = { name: 'always', organization: 'maybe', ask: 'flag' };

function render(text: string, values: TemplateValues, spec: PlaceholderSpec = SPEC): string {
  const { tokens, problems } = parseTemplate(text, spec);
  expect(problems).toEqual([]);
  return renderTokens(tokens, values);
}

const problemsOf = (text: string, spec: PlaceholderSpec = SPEC) => parseTemplate(text, spec).problems;

/** The ValidationError a call throws, for its issues. */
function validationError(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('the placeholder language', () => {
  it('inserts values and keeps a section only when its value is there', () => {
    const text = 'Hi {{name}}{{#organization}} at {{organization}}{{/organization}}{{^organization}} (no organization){{/organization}}.';
    expect(render(text, { name: 'Lena', organization: 'Northwind Health' })).toBe('Hi Lena at Northwind Health.');
    expect(render(text, { name: 'Lena' })).toBe('Hi Lena (no organization).');
    // An empty text is no value, as a missing one.
    expect(render(text, { name: 'Lena', organization: '' })).toBe('Hi Lena (no organization).');
  });

  it('reads a condition as a section, and sections nest', () => {
    const text = '{{#ask}}Who else{{#organization}} at {{organization}}{{/organization}}?{{/ask}}{{^ask}}Thanks.{{/ask}}';
    expect(render(text, { name: 'x', ask: true, organization: 'Acme' })).toBe('Who else at Acme?');
    expect(render(text, { name: 'x', ask: false, organization: 'Acme' })).toBe('Thanks.');
    expect(render('{{ name }}', { name: 'spaces inside the braces are fine' })).toBe('spaces inside the braces are fine');
  });

  test.prop([fc.string(), fc.string()])('inserts any value verbatim, never reading it as a template', (name, organization) => {
    const text = '<{{name}}>{{#organization}}[{{organization}}]{{/organization}}';
    expect(render(text, { name, organization })).toBe(`<${name}>${organization ? `[${organization}]` : ''}`);
  });

  it('leaves "{{x}}" in a value as it is', () => {
    expect(render('Hi {{name}}!', { name: '{{x}} {{#name}}' })).toBe('Hi {{x}} {{#name}}!');
  });

  it('names every problem: unknown placeholders, values that may be missing, conditions, unbalanced sections', () => {
    expect(problemsOf('Hi {{nickname}}')).toEqual(['unknown placeholder {{nickname}}']);
    expect(problemsOf('at {{organization}}')).toEqual(['{{organization}} may be missing: write it inside {{#organization}}…{{/organization}}']);
    expect(problemsOf('{{^organization}}{{organization}}{{/organization}}')).toEqual([
      '{{organization}} may be missing: write it inside {{#organization}}…{{/organization}}',
    ]);
    expect(problemsOf('{{ask}}')).toEqual(['{{ask}} is a condition: write {{#ask}}…{{/ask}} or {{^ask}}…{{/ask}}']);
    expect(problemsOf('{{#organization}}open')).toEqual(['{{#organization}} is never closed']);
    expect(problemsOf('{{/name}}')).toEqual(['{{/name}} closes no section']);
    expect(problemsOf('{{#name}}{{#ask}}x{{/name}}{{/ask}}')).toEqual(['{{/name}} closes {{#ask}}', '{{/ask}} closes {{#name}}']);
    expect(problemsOf('Hi {{name')).toEqual(['"{{" at 3 is never closed with "}}"']);
    expect(problemsOf('{{}} {{#}} {{a b}}')).toEqual([
      '{{}} is not a placeholder (write {{name}}, {{#name}}, {{^name}} or {{/name}})',
      '{{#}} is not a placeholder (write {{name}}, {{#name}}, {{^name}} or {{/name}})',
      '{{a b}} is not a placeholder (write {{name}}, {{#name}}, {{^name}} or {{/name}})',
    ]);
    // Names on the prototype are not placeholders.
    expect(problemsOf('{{constructor}}{{toString}}')).toEqual(['unknown placeholder {{constructor}}', 'unknown placeholder {{toString}}']);
  });
});

describe('draft templates', () => {
  it('the English defaults use only their own placeholders, each where it is known to be there', () => {
    expect(draftTemplateIssues(DEFAULT_DRAFT_TEMPLATES)).toEqual([]);
    for (const name of DRAFT_TEMPLATE_NAMES) expect(parseTemplate(DEFAULT_DRAFT_TEMPLATES[name], draftPlaceholders(name)).problems, name).toEqual([]);
  });

  it('resolveDraftTemplates lays a partial set over the defaults', () => {
    const templates = resolveDraftTemplates({ 'thank-you.subject': 'Thanks for {{meeting}}!', locale: 'en-GB' });
    expect(templates['thank-you.subject']).toBe('Thanks for {{meeting}}!');
    expect(templates.locale).toBe('en-GB');
    expect(templates['first-email.body']).toBe(DEFAULT_DRAFT_TEMPLATES['first-email.body']);
    expect(Object.isFrozen(templates)).toBe(true);
  });

  it('refuses an unknown placeholder, naming the template and the placeholder', () => {
    const error = validationError(() => resolveDraftTemplates({ 'thank-you.body': 'Dear {{nickname}}, thanks! {{signature}}' }));
    expect(error.issues).toEqual([{ path: 'thank-you.body', message: 'unknown placeholder {{nickname}}' }]);
    expect(error.message).toBe('invalid draft templates: thank-you.body: unknown placeholder {{nickname}}');
  });

  it('refuses what is no template: unknown names, non-texts, bad locales, hostile keys, an incomplete base', () => {
    expect(validationError(() => resolveDraftTemplates({ 'first-email.footer': 'x' })).issues).toEqual([
      { path: '["first-email.footer"]', message: 'unknown key' },
    ]);
    expect(validationError(() => resolveDraftTemplates({ 'first-email.body': 42 })).issues[0]?.path).toBe('["first-email.body"]');
    expect(validationError(() => resolveDraftTemplates({ locale: 'not a locale!' })).issues).toEqual([
      { path: 'locale', message: 'not a language tag (like "en-US" or "fr-FR")' },
    ]);
    expect(validationError(() => resolveDraftTemplates(JSON.parse('{"__proto__": {"x": 1}}'))).issues[0]?.message).toBe('key "__proto__" is not allowed');
    const incomplete: Record<string, string> = { ...DEFAULT_DRAFT_TEMPLATES };
    delete incomplete['move-on.body'];
    expect(validationError(() => resolveDraftTemplates({}, incomplete as typeof DEFAULT_DRAFT_TEMPLATES)).issues).toEqual([
      { path: 'base.move-on.body', message: 'missing: a base set has every template' },
    ]);
    // The schema-free check the drafting rule runs says the same without zod's wording.
    expect(draftTemplateIssues({ 'first-email.footer': 'x', 'move-on.body': 1, 'move-on.subject': undefined })).toEqual([
      { path: 'first-email.footer', message: 'not a template name' },
      { path: 'move-on.body', message: 'not a text' },
    ]);
    expect(draftTemplateIssues(null)).toEqual([{ path: '(root)', message: 'not an object of templates by name' }]);
  });
});

// The placeholder language of message templates: mustache's core, nothing more.
//
//   {{name}}              the value of `name`
//   {{#name}}…{{/name}}   the text inside, only when `name` has a value
//   {{^name}}…{{/name}}   the text inside, only when `name` has none
//
// Values are inserted as they are and never read as template text, so a name that
// contains "{{x}}" stays "{{x}}". Each template declares its placeholders: one that may
// be missing can only be written inside its own {{#…}} section, so a missing value
// changes the sentence instead of leaving "Hi undefined" or an empty bracket.

/** Whether a placeholder always has a value, may be missing, or is a yes/no condition. */
export type PlaceholderKind = 'always' | 'maybe' | 'flag';

/** The placeholders one template may use, by name. */
export type PlaceholderSpec = Readonly<Record<string, PlaceholderKind>>;

/** The values a template is rendered with; `undefined`, `''` and `false` are "no value". */
export type TemplateValues = Readonly<Record<string, string | boolean | undefined>>;

/** One piece of a parsed template. */
export type TemplateToken =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'value'; readonly name: string }
  | { readonly kind: 'section'; readonly name: string; readonly when: boolean; readonly body: readonly TemplateToken[] };

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

interface Open {
  readonly name: string;
  readonly when: boolean;
  readonly body: TemplateToken[];
}

/**
 * Parses `text` against the placeholders it may use: the tokens, or every problem found
 * (`unknown placeholder {{x}}`, a value that may be missing used outside its section, a
 * section never closed). One pass, linear in the text.
 */
export function parseTemplate(text: string, spec: PlaceholderSpec): { tokens: TemplateToken[]; problems: string[] } {
  const problems: string[] = [];
  const root: TemplateToken[] = [];
  const stack: Open[] = [];
  const body = () => stack.at(-1)?.body ?? root;
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{{', at);
    if (open < 0) {
      body().push({ kind: 'text', text: text.slice(at) });
      break;
    }
    if (open > at) body().push({ kind: 'text', text: text.slice(at, open) });
    const close = text.indexOf('}}', open + 2);
    if (close < 0) {
      problems.push(`"{{" at ${open} is never closed with "}}"`);
      break;
    }
    at = close + 2;
    const tag = text.slice(open + 2, close).trim();
    const sigil = tag[0] === '#' || tag[0] === '^' || tag[0] === '/' ? tag[0] : '';
    const name = tag.slice(sigil.length).trim();
    if (!NAME.test(name)) {
      problems.push(`{{${tag}}} is not a placeholder (write {{name}}, {{#name}}, {{^name}} or {{/name}})`);
      continue;
    }
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (kind === undefined) {
      problems.push(`unknown placeholder {{${name}}}`);
      continue;
    }
    if (sigil === '/') {
      const last = stack.pop();
      if (!last) problems.push(`{{/${name}}} closes no section`);
      else {
        if (last.name !== name) problems.push(`{{/${name}}} closes {{${last.when ? '#' : '^'}${last.name}}}`);
        body().push({ kind: 'section', name: last.name, when: last.when, body: last.body });
      }
    } else if (sigil) {
      stack.push({ name, when: sigil === '#', body: [] });
    } else if (kind === 'flag') {
      problems.push(`{{${name}}} is a condition: write {{#${name}}}…{{/${name}}} or {{^${name}}}…{{/${name}}}`);
    } else {
      // A value that may be missing is written only where it is known to be there.
      if (kind === 'maybe' && !stack.some((section) => section.name === name && section.when)) {
        problems.push(`{{${name}}} may be missing: write it inside {{#${name}}}…{{/${name}}}`);
      }
      body().push({ kind: 'value', name });
    }
  }
  for (const section of stack.reverse()) problems.push(`{{${section.when ? '#' : '^'}${section.name}}} is never closed`);
  return { tokens: root, problems };
}

const has = (value: string | boolean | undefined) => value !== undefined && value !== '' && value !== false;

/** Renders parsed tokens: values as they are, sections by whether their value is there. */
export function renderTokens(tokens: readonly TemplateToken[], values: TemplateValues): string {
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'text') out += token.text;
    else if (token.kind === 'value') {
      const value = values[token.name];
      out += typeof value === 'string' ? value : '';
    } else if (has(values[token.name]) === token.when) out += renderTokens(token.body, values);
  }
  return out;
}

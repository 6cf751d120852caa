import type * as z from 'zod';
import { ValidationError, type FieldIssue } from './errors.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Renders a path the way a reader writes it: `contacts[3].emails[0]`. */
export function formatPath(path: readonly PropertyKey[], root = ''): string {
  let text = root;
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text || '(root)';
}

/**
 * Finds keys that could reach `Object.prototype` (`__proto__`, `constructor`,
 * `prototype`) anywhere in plain input, before any schema code touches it.
 * Each issue names the key's full path.
 */
export function forbiddenKeyIssues(input: unknown, root = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<object>();
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: input, path: [] }];
  while (stack.length > 0 && issues.length < 20) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null || value instanceof Date || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((element, index) => stack.push({ value: element, path: [...path, index] }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        issues.push({ path: formatPath([...path, key], root), message: `key "${key}" is not allowed` });
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return issues;
}

/** Turns zod's issues into field issues, keeping the full nested path. */
export function toFieldIssues(error: z.ZodError, root = ''): FieldIssue[] {
  return error.issues.flatMap((issue) =>
    // An unknown key is reported at the key itself, one issue per key.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key], root), message: 'unknown key' }))
      : [{ path: formatPath(issue.path, root), message: issue.message }],
  );
}

/**
 * Validates `input` against `schema` and returns the parsed value (defaults applied,
 * dates as `Date`), or throws `ValidationError` naming each failing field path.
 * `subject` names what was being validated ("contact", "network").
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: string,
  root = '',
): z.output<S> {
  const forbidden = forbiddenKeyIssues(input, root);
  if (forbidden.length > 0) throw new ValidationError(subject, forbidden);
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(subject, toFieldIssues(result.error, root));
  return result.data;
}

import type * as z from 'zod';
import { MAX_ISSUES, ValidationError, type FieldIssue } from './errors.js';

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
 * What any input may hold before a schema looks at it. No record needs more: the
 * deepest input (a network) nests 6 levels, the longest text is a note of
 * 20,000 characters, the longest list within a record 200 entries.
 */
export const INPUT_LIMITS = Object.freeze({
  /** Levels of nesting (objects and arrays) below the input itself. */
  maxDepth: 32,
  /** Characters in any string. */
  maxStringLength: 20_000,
  /** Entries in any array (a network's own record lists are exempt). */
  maxArrayLength: 200,
  /** Keys of any object. */
  maxKeys: 200,
  /** Characters in any key. */
  maxKeyLength: 200,
});

/** Options of {@link inputShapeIssues}. */
export interface InputShapeOptions {
  /** Prefix of every path (`operations[2].record`). */
  readonly root?: string;
  /** Most entries in an array directly under the input (a network's lists of records); default the general limit. */
  readonly maxTopLevelArrayLength?: number;
}


/** A value met on the walk, with how it was reached: paths are built only for issues. */
interface Visit {
  readonly value: unknown;
  readonly parent: Visit | undefined;
  readonly key: PropertyKey | undefined;
  readonly depth: number;
}

function pathOf(visit: Visit): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.push(at.key!);
  return path.reverse();
}

/**
 * Checks plain input before any schema code touches it, in one pass linear in its
 * size: keys that could reach `Object.prototype` (`__proto__`, `constructor`,
 * `prototype`), nesting, strings, arrays and objects beyond {@link INPUT_LIMITS}.
 * Stops after {@link MAX_ISSUES} issues; what is over a limit is not descended into.
 */
export function inputShapeIssues(input: unknown, options: InputShapeOptions = {}): FieldIssue[] {
  const root = options.root ?? '';
  const limits = INPUT_LIMITS;
  const issues: FieldIssue[] = [];
  const report = (visit: Visit, message: string, key?: PropertyKey) =>
    issues.push({ path: formatPath(key === undefined ? pathOf(visit) : [...pathOf(visit), key], root), message });
  const seen = new Set<object>();
  const stack: Visit[] = [{ value: input, parent: undefined, key: undefined, depth: 0 }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const visit = stack.pop()!;
    const { value, depth } = visit;
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength) report(visit, `longer than ${limits.maxStringLength} characters`);
      continue;
    }
    if (typeof value !== 'object' || value === null || value instanceof Date || seen.has(value)) continue;
    seen.add(value);
    if (depth >= limits.maxDepth) {
      report(visit, `nested deeper than ${limits.maxDepth} levels`);
      continue;
    }
    if (Array.isArray(value)) {
      const max = depth === 1 && options.maxTopLevelArrayLength !== undefined ? options.maxTopLevelArrayLength : limits.maxArrayLength;
      if (value.length > max) {
        report(visit, `more than ${max} entries (${value.length})`);
        continue;
      }
      for (let index = value.length - 1; index >= 0; index--) stack.push({ value: value[index], parent: visit, key: index, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > limits.maxKeys) {
      report(visit, `more than ${limits.maxKeys} keys (${keys.length})`);
      continue;
    }
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index]!;
      if (key.length > limits.maxKeyLength) report(visit, `a key longer than ${limits.maxKeyLength} characters`);
      else if (FORBIDDEN_KEYS.has(key)) report(visit, `key "${key}" is not allowed`, key);
      else stack.push({ value: (value as Record<string, unknown>)[key], parent: visit, key, depth: depth + 1 });
    }
  }
  return issues;
}

/**
 * The forbidden keys (`__proto__`, `constructor`, `prototype`) and limits broken
 * anywhere in plain input; see {@link inputShapeIssues}.
 */
export function forbiddenKeyIssues(input: unknown, root = ''): FieldIssue[] {
  return inputShapeIssues(input, { root });
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
  shape: Omit<InputShapeOptions, 'root'> = {},
): z.output<S> {
  const forbidden = inputShapeIssues(input, { ...shape, root });
  if (forbidden.length > 0) throw new ValidationError(subject, forbidden);
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(subject, toFieldIssues(result.error, root));
  return result.data;
}

// PostgreSQL's text and jsonb cannot hold U+0000, and UTF-8 has no form for a lone
// surrogate (a driver would quietly write U+FFFD instead). Every store refuses both on
// write (see `unstorableTextIssues`), so data moves between stores unchanged; reads stay
// lenient, so a file written before the check still opens.
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether every store can keep `text` as it is: no U+0000, no unpaired surrogate. */
export function isStorableText(text: string): boolean {
  return !NUL.test(text) && !LONE_SURROGATE.test(text);
}

function unstorableReason(text: string): string | undefined {
  if (NUL.test(text)) return 'contains U+0000 (a NUL character), which a store cannot keep';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired surrogate (U+D800 to U+DFFF alone), which is not Unicode text a store can keep';
  return undefined;
}

/**
 * Every string and key in a value (`root` names it: `operations[2].record`) that a
 * store cannot keep as it is (U+0000, an unpaired surrogate), each with its path. Our
 * stores check every change with it; an adapter of your own calls it on each record it
 * is given and refuses the change with `ValidationError` when any issue is found. One
 * pass, linear in the value's size.
 */
export function unstorableTextIssues(value: unknown, root: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const reason = unstorableReason(current);
      if (reason) issues.push({ path: formatPath(path, root), message: reason });
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) stack.push({ value: current[index], path: [...path, index] });
    } else if (typeof current === 'object' && current !== null && !(current instanceof Date)) {
      const entries = Object.entries(current);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, entry] = entries[index]!;
        const reason = unstorableReason(key);
        if (reason) issues.push({ path: formatPath([...path, key], root), message: `its key ${reason.replace('contains', 'holds')}` });
        stack.push({ value: entry, path: [...path, key] });
      }
    }
  }
  return issues;
}

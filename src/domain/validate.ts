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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  ContactSchema,
  NetworkSchema,
  ReachoutError,
  ValidationError,
  formatPath,
  isReachoutError,
  parseNetwork,
  validate,
} from '../../src/domain/index.js';
import { arbitraries } from '../../src/testing/arbitraries.js';

type Key = string | number;
type Path = readonly Key[];

// ---------------------------------------------------------------------------------
// Helpers: walking and mutating plain data
// ---------------------------------------------------------------------------------

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Every node of a JSON-like tree (Dates are leaves), root first. */
function nodes(value: unknown, path: Path = [], out: { path: Path; value: unknown }[] = []) {
  out.push({ path, value });
  if (Array.isArray(value)) value.forEach((item, i) => nodes(item, [...path, i], out));
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) nodes(item, [...path, key], out);
  return out;
}

function get(root: unknown, path: Path): unknown {
  let current = root;
  for (const key of path) current = (current as Record<Key, unknown>)[key];
  return current;
}

/** A deep copy of `root` with the value at `path` replaced (or deleted when `value` is `DELETE`). */
const DELETE = Symbol('delete');
function withValue(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root);
  const parent = get(copy, path.slice(0, -1)) as Record<Key, unknown>;
  const key = path.at(-1)!;
  if (value === DELETE) delete parent[key];
  else parent[key] = value;
  return copy;
}

const pattern = (path: Path) => path.map((key) => (typeof key === 'number' ? '*' : key)).join('.');

/** A value of a different type than `original`, so the field cannot be valid. */
function wrongType(original: unknown, choice: number): unknown {
  const options: unknown[] =
    original instanceof Date
      ? [original.getTime(), 'not a date', new Date(Number.NaN), '2026-03-08T09:00:00', null, {}]
      : typeof original === 'string'
        ? [42, null, true, {}, [], Number.NaN]
        : typeof original === 'number'
          ? [String(original), null, {}, [], true]
          : typeof original === 'boolean'
            ? [String(original), 1, null, []]
            : Array.isArray(original)
              ? ['x', 1, {}, null, true]
              : ['x', 1, [], null, false];
  return options[choice % options.length];
}

/** Keys each kind of object must have (indices written as `*`). */
const REQUIRED: Record<string, readonly string[]> = {
  '': ['workspace'],
  workspace: ['id', 'name', 'timeZone', 'createdAt'],
  'contacts.*': ['id', 'name', 'tie', 'createdAt'],
  'organizations.*': ['id', 'name', 'createdAt'],
  'outreaches.*': ['id', 'contactId', 'startedAt'],
  'outreaches.*.attempts.*': ['channel', 'at'],
  'outreaches.*.reply': ['at', 'channel', 'answer'],
  'meetings.*': ['id', 'contactId', 'startAt'],
  'thankYous.*': ['id', 'meetingId', 'contactId', 'sentAt'],
  'checkIns.*': ['id', 'contactId', 'at'],
  'referrals.*': ['id', 'introducerId', 'kind', 'offeredAt'],
  'outcomes.*': ['id', 'kind', 'contactIds', 'at'],
};
const CONTACT_REQUIRED: Record<string, readonly string[]> = { '': ['id', 'name', 'tie', 'createdAt'] };

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'] as const;
const MARKER = '@@injected-key@@';

/** Adds `key` to the object at `path` the way an attacker's JSON would: through `JSON.parse`. */
function injectViaJson(root: unknown, path: Path, key: string): unknown {
  const copy = structuredClone(root);
  const payload: Record<string, unknown> = key === 'constructor' ? { prototype: { polluted: 'yes' } } : { polluted: 'yes', toString: 'pwned' };
  (get(copy, path) as Record<string, unknown>)[MARKER] = payload;
  return JSON.parse(JSON.stringify(copy).replace(JSON.stringify(MARKER), JSON.stringify(key)));
}

const mutationKinds = ['wrong-type', 'missing', 'extra-key', 'forbidden-key', 'huge-string', 'long-list', 'anything'] as const;

const mutation = fc.record({
  kind: fc.constantFrom(...mutationKinds),
  at: fc.nat(),
  choice: fc.nat(),
  extra: fc.stringMatching(/^[a-z][A-Za-z0-9]{0,8}$/),
  overflow: fc.integer({ min: 1, max: 5_000 }),
  asJson: fc.boolean(),
  anything: fc.anything({
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
    withObjectString: true,
    key: fc.oneof(fc.string(), fc.constantFrom(...FORBIDDEN, 'id', 'name', 'polluted')),
  }),
});
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

/**
 * Applies a mutation that always makes `valid` invalid, and says which path the error
 * must name. Lists at the top of a network and holidays are never over-filled (their caps
 * are far above what a test can build).
 */
function breakIt(valid: unknown, m: Mutation, required: Record<string, readonly string[]>): { input: unknown; path: string } {
  const base = m.asJson ? JSON.parse(JSON.stringify(valid)) : valid;
  const all = nodes(base);
  const objects = all.filter((n) => isRecord(n.value));
  const strings = all.filter((n) => typeof n.value === 'string');
  switch (m.kind) {
    case 'wrong-type': {
      const node = all[m.at % all.length]!;
      return { input: withValue(base, node.path, wrongType(node.value, m.choice)), path: formatPath(node.path) };
    }
    case 'missing': {
      const candidates = objects.flatMap((n) =>
        (required[pattern(n.path)] ?? []).filter((key) => key in (n.value as object)).map((key) => [...n.path, key]),
      );
      const path = candidates[m.at % candidates.length]!;
      return { input: withValue(base, path, DELETE), path: formatPath(path) };
    }
    case 'extra-key': {
      const node = objects[m.at % objects.length]!;
      const key = `extra${m.extra}`;
      return { input: withValue(base, [...node.path, key], m.choice), path: formatPath([...node.path, key]) };
    }
    case 'forbidden-key': {
      const node = objects[m.at % objects.length]!;
      const key = FORBIDDEN[m.choice % FORBIDDEN.length]!;
      return { input: injectViaJson(base, node.path, key), path: formatPath([...node.path, key]) };
    }
    case 'huge-string': {
      // Every text field is capped at 20,000 characters or fewer.
      const node = strings[m.at % strings.length]!;
      return { input: withValue(base, node.path, 'x'.repeat(20_000 + m.overflow)), path: formatPath(node.path) };
    }
    case 'long-list': {
      // Lists inside records hold at most 200 entries.
      const lists = all.filter(
        (n) => Array.isArray(n.value) && n.value.length > 0 && n.path.length > 1 && n.path.at(-1) !== 'holidays',
      );
      if (lists.length === 0) {
        const node = strings[m.at % strings.length]!;
        return { input: withValue(base, node.path, 'y'.repeat(20_000 + m.overflow)), path: formatPath(node.path) };
      }
      const node = lists[m.at % lists.length]!;
      const first = (node.value as unknown[])[0];
      return { input: withValue(base, node.path, Array.from({ length: 201 }, () => first)), path: formatPath(node.path) };
    }
    case 'anything':
      return { input: m.anything, path: '' };
  }
}

/** Runs `run`, which must throw a well-formed `ValidationError`; returns it. */
function expectValidationError(run: () => unknown): ValidationError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  expect(caught).toBeInstanceOf(ReachoutError);
  expect(isReachoutError(caught, 'validation')).toBe(true);
  const error = caught as ValidationError;
  expect(error.code).toBe('validation');
  expect(error.name).toBe('ValidationError');
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(typeof issue.path).toBe('string');
    expect(issue.path.length).toBeGreaterThan(0);
    expect(issue.message.length).toBeGreaterThan(0);
    expect(error.message).toContain(`${issue.path}: ${issue.message}`);
  }
  return error;
}

/** The error names `path` itself (a field under it may be named as well). */
function expectNamesPath(error: ValidationError, path: string) {
  if (path === '') return;
  expect(error.issues.map((i) => i.path)).toContain(path);
}

// ---------------------------------------------------------------------------------
// Object.prototype stays clean
// ---------------------------------------------------------------------------------

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
let keysBefore: string[] = [];
beforeAll(() => {
  keysBefore = prototypeKeys();
});
const expectCleanPrototype = () => {
  expect(prototypeKeys()).toEqual(keysBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
};
afterAll(expectCleanPrototype);

// ---------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------

describe('formatPath', () => {
  it.each<[Path, string, string]>([
    [['contacts', 3, 'emails', 0], '', 'contacts[3].emails[0]'],
    [[], '', '(root)'],
    [['workspace', 'phase', 'since'], '', 'workspace.phase.since'],
    [['preparation', 'answers', 'why-interested'], '', 'preparation.answers["why-interested"]'],
    [[0, 'id'], '', '[0].id'],
    [['emails', 1], 'contacts[2]', 'contacts[2].emails[1]'],
    [[], 'contacts[2]', 'contacts[2]'],
    [['a b', '0'], '', '["a b"]["0"]'],
  ])('renders %j (root %j) as %s', (path, root, expected) => {
    expect(formatPath(path, root)).toBe(expected);
  });

  it('renders symbols without throwing', () => {
    expect(formatPath(['x', Symbol('s')])).toBe('x["Symbol(s)"]');
  });
});

describe('validate', () => {
  const contactInput = {
    id: 'c-1',
    name: '  Ada Lovelace ',
    tie: 'alumni',
    emails: ['ada@example.com'],
    createdAt: '2026-03-02T09:00:00+01:00',
  };

  it('returns the parsed value with defaults filled and dates as Date', () => {
    const contact = validate(ContactSchema, contactInput, 'contact');
    expect(contact).toEqual({
      id: 'c-1',
      name: 'Ada Lovelace',
      tie: 'alumni',
      emails: ['ada@example.com'],
      phones: [],
      mutualContacts: [],
      researchNotes: '',
      tags: [],
      keepInTouch: true,
      createdAt: new Date('2026-03-02T08:00:00Z'),
    });
  });

  it('names every failing field, prefixed by the root it is given', () => {
    const error = expectValidationError(() =>
      validate(ContactSchema, { ...contactInput, emails: ['ok@example.com', 'nope'], tie: 'stranger' }, 'contact', 'contacts[4]'),
    );
    expect(error.issues.map((i) => i.path).sort()).toEqual(['contacts[4].emails[1]', 'contacts[4].tie']);
    expect(error.message).toMatch(/^invalid contact: /);
  });

  it('a network with a bad email in contacts[1] names contacts[1].emails[0]', () => {
    const network = {
      workspace: { id: 'w', name: 'Sam', timeZone: 'Europe/Berlin', createdAt: '2026-01-01T00:00:00Z' },
      contacts: [
        { id: 'c-0', name: 'Ada', tie: 'alumni', createdAt: '2026-01-02T00:00:00Z', emails: ['ada@example.com'] },
        { id: 'c-1', name: 'Bob', tie: 'event', createdAt: '2026-01-02T00:00:00Z', emails: ['bob at example dot com'] },
      ],
    };
    for (const run of [() => parseNetwork(network), () => validate(NetworkSchema, network, 'network')]) {
      const error = expectValidationError(run);
      expect(error.issues).toEqual([{ path: 'contacts[1].emails[0]', message: 'not an email address' }]);
      expect(error.message).toBe('invalid network: contacts[1].emails[0]: not an email address');
    }
  });

  const payloadFor = (key: string) => (key === 'constructor' ? '{"prototype":{"polluted":"yes"}}' : '{"polluted":"yes"}');
  const deepInput = (key: string) =>
    JSON.parse(
      `{"workspace":{"id":"w","name":"S","timeZone":"UTC","createdAt":"2026-01-01T00:00:00Z",` +
        `"phase":{"kind":"searching","${key}":${payloadFor(key)}}},` +
        `"meetings":[{"id":"m","contactId":"c","startAt":"2026-01-01T00:00:00Z","preparation":{"answers":{"${key}":${payloadFor(key)}}}}]}`,
    ) as unknown;

  it.each(FORBIDDEN)('rejects a "%s" key from JSON at the top and deep inside, and pollutes nothing', (key) => {
    const top = JSON.parse(
      `{"id":"c-1","name":"Ada","tie":"cold","createdAt":"2026-01-01T00:00:00Z","${key}":${payloadFor(key)}}`,
    ) as unknown;
    expect(expectValidationError(() => validate(ContactSchema, top, 'contact')).issues).toEqual([
      { path: key, message: `key "${key}" is not allowed` },
    ]);
    const error = expectValidationError(() => parseNetwork(deepInput(key)));
    expect(error.issues).toContainEqual({ path: `workspace.phase.${key}`, message: `key "${key}" is not allowed` });
    expect(error.issues).toHaveLength(2);
    expect(error.issues.filter((i) => i.path.endsWith(`.preparation.answers.${key}`))).toHaveLength(1);
    expectCleanPrototype();
  });

  // Regression: list indices were once rendered as strings (`meetings["0"]`).
  it.each(FORBIDDEN)('names a "%s" key inside a list with a numeric index', (key) => {
    const error = expectValidationError(() => parseNetwork(deepInput(key)));
    expect(error.issues.map((i) => i.path)).toContain(`meetings[0].preparation.answers.${key}`);
  });
});

describe('malformed input gets a ValidationError naming the field, never another error', () => {
  test.prop([arbitraries.contact(), mutation], { numRuns: 300 })('contacts', (contact, m) => {
    const { input, path } = breakIt(contact, m, CONTACT_REQUIRED);
    const snapshot = m.kind === 'anything' ? undefined : structuredClone(input);
    const error = expectValidationError(() => validate(ContactSchema, input, 'contact'));
    expectNamesPath(error, path);
    if (snapshot !== undefined) expect(input).toEqual(snapshot);
    expectCleanPrototype();
  });

  test.prop([arbitraries.network({ maxContacts: 4 }), mutation], { numRuns: 200 })('networks', (network, m) => {
    const { input, path } = breakIt(network, m, REQUIRED);
    const error = expectValidationError(() => parseNetwork(input));
    expectNamesPath(error, path);
    expectCleanPrototype();
  });

  test.prop(
    [
      arbitraries.contact(),
      fc.nat(),
      fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withBigInt: true, withDate: true, withNullPrototype: true }),
    ],
    { numRuns: 200 },
  )('any value at any path: either accepted or a ValidationError', (contact, at, value) => {
    const all = nodes(contact);
    const input = withValue(contact, all[at % all.length]!.path, value);
    let result: unknown;
    try {
      result = validate(ContactSchema, input, 'contact');
    } catch (error) {
      expect(isReachoutError(error, 'validation')).toBe(true);
      expectValidationError(() => {
        throw error;
      });
      return;
    }
    expect(ContactSchema.parse(result)).toStrictEqual(result);
    expectCleanPrototype();
  });
});

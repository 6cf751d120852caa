import type { Contact } from './contact.js';

/**
 * Finds a cycle in the introduction forest (`introducedBy` edges), or a contact who
 * introduced themselves. Returns the ids along the cycle, first id repeated at the end,
 * or `undefined` when the introductions form a forest. Linear in the number of contacts.
 */
export function findIntroductionCycle(
  contacts: readonly Pick<Contact, 'id' | 'introducedBy'>[],
): string[] | undefined {
  const parent = new Map<string, string | undefined>();
  for (const contact of contacts) parent.set(contact.id, contact.introducedBy);
  // 0 = unvisited, 1 = on the current walk, 2 = known to reach a root.
  const state = new Map<string, 1 | 2>();
  for (const start of parent.keys()) {
    if (state.has(start)) continue;
    const walk: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && parent.has(current) && !state.has(current)) {
      state.set(current, 1);
      walk.push(current);
      current = parent.get(current);
    }
    if (current !== undefined && state.get(current) === 1) {
      const from = walk.indexOf(current);
      return [...walk.slice(from), current];
    }
    for (const id of walk) state.set(id, 2);
  }
  return undefined;
}

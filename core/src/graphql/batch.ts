/**
 * DataLoader batch results: a batch function answers one entry per key, in the keys' order. These turn
 * the rows of one `where key in (…)` query into that answer.
 */

/** The row of each key (null when none): for a loader of one record per key. */
export function inOrder<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): (T | null)[] {
  const byKey = new Map<K, T>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** The rows of each key, in the rows' order (empty when none): for a loader of a list per key. */
export function groupedBy<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

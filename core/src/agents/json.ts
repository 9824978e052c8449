import type { JsonValue } from './tool.ts';

/**
 * Turns whatever a handler returned into plain JSON, once, at the chokepoint: dates become ISO
 * strings, bigints strings, Maps objects, Sets arrays, objects with `toJSON` (entities, Decimals)
 * their JSON form; functions and undefined vanish; non-finite numbers become null.
 */
export function toJson(value: unknown, seen = new WeakSet<object>()): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'function':
    case 'symbol':
      return null;
  }
  const object = value as object;
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString();
  if (seen.has(object)) throw new TypeError('the tool result contains a cycle and cannot be turned into JSON');
  seen.add(object);
  try {
    if (Array.isArray(object)) return object.map((v) => toJson(v, seen));
    if (object instanceof Set) return [...object].map((v) => toJson(v, seen));
    if (object instanceof Map)
      return Object.fromEntries([...object].map(([k, v]) => [String(k), toJson(v, seen)] as const));
    const withToJson = object as { toJSON?: () => unknown };
    if (typeof withToJson.toJSON === 'function') return toJson(withToJson.toJSON(), seen);
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(object)) {
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      out[k] = toJson(v, seen);
    }
    return out;
  } finally {
    seen.delete(object);
  }
}

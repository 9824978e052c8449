export class TopologyError extends Error {}
export class CircularDependencyError extends TopologyError {}
export class MissingDependencyError extends TopologyError {}

/**
 * Dependencies first, otherwise input order (stable). Throws on cycles (naming the path) and on
 * dependencies that are not among `items`.
 */
export function topologicalSort<T>(
  items: readonly T[],
  key: (t: T) => string,
  depsOf: (t: T) => readonly string[],
): T[] {
  const byKey = new Map(items.map((i) => [key(i), i]));
  const done = new Set<string>();
  const visiting: string[] = [];
  const out: T[] = [];
  const visit = (name: string, requiredBy: string) => {
    if (done.has(name)) return;
    const item = byKey.get(name);
    if (!item) throw new MissingDependencyError(`Missing dependency: '${name}' required by '${requiredBy}'`);
    const at = visiting.indexOf(name);
    if (at >= 0)
      throw new CircularDependencyError(`Circular dependency detected: ${[...visiting.slice(at), name].join(' -> ')}`);
    visiting.push(name);
    for (const dep of depsOf(item)) visit(dep, name);
    visiting.pop();
    done.add(name);
    out.push(item);
  };
  for (const item of items) visit(key(item), 'root');
  return out;
}

/** `name` and everything it depends on, transitively. */
export function dependencyClosure(name: string, depsOf: (n: string) => readonly string[] | undefined): string[] {
  const seen = new Set<string>();
  const walk = (n: string, requiredBy: string) => {
    if (seen.has(n)) return;
    const deps = depsOf(n);
    if (!deps) throw new MissingDependencyError(`Missing dependency '${n}' (required by '${requiredBy}')`);
    seen.add(n);
    for (const d of deps) walk(d, n);
  };
  walk(name, name);
  return [...seen];
}

import { describe, expect, it } from 'vitest';
import { CircularDependencyError, MissingDependencyError, dependencyClosure, topologicalSort } from './topology.ts';

type Node = { name: string; deps: string[] };
const sort = (nodes: Node[]) =>
  topologicalSort(
    nodes,
    (n) => n.name,
    (n) => n.deps,
  ).map((n) => n.name);

describe('topological order', () => {
  it('puts dependencies first and keeps input order otherwise', () => {
    expect(
      sort([
        { name: 'billing', deps: ['budget', 'patients'] },
        { name: 'patients', deps: [] },
        { name: 'budget', deps: ['patients', 'catalog'] },
        { name: 'catalog', deps: [] },
      ]),
    ).toEqual(['patients', 'catalog', 'budget', 'billing']);
  });

  it('names the whole cycle', () => {
    expect(() =>
      sort([
        { name: 'a', deps: ['b'] },
        { name: 'b', deps: ['c'] },
        { name: 'c', deps: ['a'] },
      ]),
    ).toThrow(new CircularDependencyError('Circular dependency detected: a -> b -> c -> a'));
  });

  it('detects a module depending on itself', () => {
    expect(() => sort([{ name: 'a', deps: ['a'] }])).toThrow(CircularDependencyError);
  });

  it('names the missing dependency and who needs it', () => {
    expect(() => sort([{ name: 'agenda', deps: ['patients'] }])).toThrow(
      new MissingDependencyError("Missing dependency: 'patients' required by 'agenda'"),
    );
  });

  it('computes the transitive dependency closure', () => {
    const deps: Record<string, string[]> = {
      billing: ['budget'],
      budget: ['patients', 'catalog'],
      patients: [],
      catalog: [],
    };
    expect(dependencyClosure('billing', (n) => deps[n]).sort()).toEqual(['billing', 'budget', 'catalog', 'patients']);
    expect(() => dependencyClosure('x', (n) => (n === 'x' ? ['y'] : undefined))).toThrow(
      /Missing dependency 'y' \(required by 'x'\)/,
    );
  });
});

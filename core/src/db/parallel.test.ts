import { describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readInParallel } from './parallel.ts';

/** Reads that log when they start and end, 20 ms apart. */
function reads(log: string[]) {
  const read = (name: string, value: number) => async () => {
    log.push(`start ${name}`);
    await new Promise((r) => setTimeout(r, 20));
    log.push(`end ${name}`);
    return value;
  };
  return [read('a', 1), read('b', 2), read('c', 3)] as const;
}
const em = (inTransaction: boolean) => ({ isInTransaction: () => inTransaction }) as unknown as EntityManager;

describe('readInParallel', () => {
  it('runs the reads at once on the pool, results in order', async () => {
    const log: string[] = [];
    expect(await readInParallel(em(false), reads(log))).toEqual([1, 2, 3]);
    expect(log.slice(0, 3)).toEqual(['start a', 'start b', 'start c']);
  });

  it('runs them one after the other inside a transaction (one connection), results in order', async () => {
    const log: string[] = [];
    expect(await readInParallel(em(true), reads(log))).toEqual([1, 2, 3]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});

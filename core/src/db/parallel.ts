import type { EntityManager } from '@mikro-orm/postgresql';

type Results<T extends readonly (() => Promise<unknown>)[]> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };

/**
 * Runs independent reads of one EntityManager at once — unless it holds a transaction: a transaction is one
 * connection, and a PostgreSQL connection runs one query at a time (the driver would only queue them, and
 * pg 9 refuses overlapping queries on one client). So: parallel on the pool, in order inside a transaction.
 */
export async function readInParallel<T extends readonly (() => Promise<unknown>)[]>(
  em: EntityManager,
  reads: T,
): Promise<Results<T>> {
  if (!em.isInTransaction()) return (await Promise.all(reads.map((read) => read()))) as Results<T>;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as Results<T>;
}

import { raw, type EntityManager, type EntityName, type FilterQuery, type QueryOrderMap } from '@mikro-orm/postgresql';

export interface ReadRowsOptions<T> {
  orderBy?: QueryOrderMap<T>;
  limit?: number;
  offset?: number;
}

/**
 * The read path for lists and reference lookups: the same `select` `em.find` sends, through the same
 * connection (the request's binding, so row-level security applies, and the EntityManager's transaction when it
 * holds one), but the rows come back as plain objects with the entity's property names and types, never as
 * managed entities. No identity map, change-set snapshot or entity construction: for 200 rows that work was most
 * of a request's CPU. The rows are detached: a service that changes a record loads it with `em` instead.
 */
export async function readRows<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  { orderBy, limit, offset }: ReadRowsOptions<T> = {},
): Promise<T[]> {
  const qb = em.createQueryBuilder(entity).select('*').where(where);
  if (orderBy) qb.orderBy(orderBy);
  if (limit !== undefined) qb.limit(limit, offset);
  return (await qb.execute('all')) as T[];
}

/** The column `readPage` adds for the count over the whole filter (never an entity property). */
const TOTAL_COLUMN = 'dentalpin_page_total';

/**
 * One page of a list and the count of everything `where` matches, in ONE statement (`count(*) over ()` is
 * computed before the limit): a list request pays one round trip and one bound transaction instead of two. A
 * page past the end returns no row to carry the count, so only then is it counted apart.
 */
export async function readPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  { orderBy, limit, offset = 0 }: ReadRowsOptions<T> & { limit: number },
): Promise<{ rows: T[]; total: number }> {
  const qb = em
    .createQueryBuilder(entity)
    .select(['*', raw(`count(*) over () as ${TOTAL_COLUMN}`)])
    .where(where);
  if (orderBy) qb.orderBy(orderBy);
  qb.limit(limit, offset);
  const rows = (await qb.execute('all')) as (T & { [TOTAL_COLUMN]?: string | number })[];
  if (!rows.length) return { rows: [], total: offset > 0 ? await em.count(entity, where) : 0 };
  const total = Number(rows[0][TOTAL_COLUMN]);
  for (const row of rows) delete row[TOTAL_COLUMN];
  return { rows, total };
}

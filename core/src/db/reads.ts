import type { EntityManager, EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/postgresql';

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

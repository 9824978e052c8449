import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError, notFound, parseInput, type EntityManager, type Identity } from '@dentalpin/core';
import { InventoryCategory, InventoryItem, StockMovement } from './entities.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const quantity = z.string().regex(/^-?\d{1,9}(\.\d{1,3})?$/, 'must be a decimal with at most 3 decimals, e.g. "2.5"');
const nonNegative = quantity.refine((q) => !q.startsWith('-'), 'cannot be negative');

export const createItemInput = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  categoryCode: z.string().trim().min(1, 'is required'),
  sku: z.string().trim().max(64).nullish(),
  unit: z.string().trim().min(1, 'is required').max(20),
  minimumStock: nonNegative.nullish(),
  initialStock: nonNegative.nullish(),
});

export const movementInput = z.object({
  itemId: z.string().regex(UUID, 'is not a valid item id'),
  quantity: quantity.refine((q) => Number(q) !== 0, 'cannot be zero'),
  reason: z.enum(['PURCHASE', 'CONSUMPTION', 'ADJUSTMENT', 'WASTE']),
  note: z.string().trim().max(1000).nullish(),
});

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A clinic's stock. Quantities are exact decimals computed by PostgreSQL, never floats. */
export class InventoryService {
  constructor(
    private readonly em: EntityManager,
    private readonly caller: Identity,
  ) {}

  categories() {
    return this.em.find(InventoryCategory, {}, { orderBy: { name: 'asc' } });
  }

  categoriesByIds(ids: readonly string[]) {
    return this.em.find(InventoryCategory, { id: { $in: [...ids] } });
  }

  async items(search?: string | null, lowStockOnly = false) {
    const items = await this.em.find(
      InventoryItem,
      {
        clinicId: this.caller.clinicId,
        ...(search?.trim() ? { name: { $ilike: `%${escapeLike(search.trim())}%` } } : {}),
      },
      { orderBy: { name: 'asc' } },
    );
    return lowStockOnly ? items.filter(isLowStock) : items;
  }

  async movements(itemIds: readonly string[], first: number) {
    const rows = await this.em.find(
      StockMovement,
      { clinicId: this.caller.clinicId, itemId: { $in: [...itemIds] } },
      { orderBy: { createdAt: 'desc' } },
    );
    return itemIds.map((id) => rows.filter((r) => r.itemId === id).slice(0, first));
  }

  async createItem(raw: unknown) {
    const input = parseInput(createItemInput, raw);
    const category = await this.em.findOne(InventoryCategory, { code: input.categoryCode });
    if (!category)
      throw new DomainError('BAD_USER_INPUT', `categoryCode "${input.categoryCode}" is not a known category.`);
    if (
      await this.em.count(InventoryItem, { clinicId: this.caller.clinicId, name: { $ilike: escapeLike(input.name) } })
    )
      throw new DomainError('CONFLICT', `An item named "${input.name}" already exists in this clinic.`);
    return this.em.transactional(async (em) => {
      const item = em.create(InventoryItem, {
        clinicId: this.caller.clinicId,
        categoryId: category.id,
        name: input.name,
        sku: input.sku ?? null,
        unit: input.unit,
        stockQuantity: '0',
        minimumStock: input.minimumStock ?? '0',
      });
      await em.flush();
      if (input.initialStock && Number(input.initialStock) > 0)
        await new InventoryService(em, this.caller).move(item.id, input.initialStock, 'purchase', 'initial stock');
      return item;
    });
  }

  async recordMovement(raw: unknown) {
    const input = parseInput(movementInput, raw);
    return this.em.transactional((em) =>
      new InventoryService(em, this.caller).move(
        input.itemId,
        input.quantity,
        input.reason.toLowerCase() as StockMovement['reason'],
        input.note ?? null,
      ),
    );
  }

  /** Applies a movement atomically; the stock can never go below zero (also a CHECK in the table). */
  private async move(itemId: string, qty: string, reason: StockMovement['reason'], note: string | null) {
    const knex = this.em.getConnection().getKnex();
    const trx = this.em.getTransactionContext();
    const update = knex('inventory_items')
      .where({ id: itemId, clinic_id: this.caller.clinicId })
      .andWhereRaw('stock_quantity + ?::numeric >= 0', [qty])
      .update({ stock_quantity: knex.raw('stock_quantity + ?::numeric', [qty]) })
      .returning('id');
    const updated = await (trx ? update.transacting(trx) : update);
    if (!updated.length) {
      const exists = await this.em.count(InventoryItem, { id: itemId, clinicId: this.caller.clinicId });
      if (!exists) throw notFound('Inventory item', itemId);
      throw new DomainError(
        'CONFLICT',
        `Taking ${qty.replace('-', '')} would leave the stock of this item below zero.`,
      );
    }
    const insert = knex('inventory_stock_movements').insert({
      id: randomUUID(),
      clinic_id: this.caller.clinicId,
      item_id: itemId,
      quantity: qty,
      reason,
      note,
      created_by: this.caller.userId,
    });
    await (trx ? insert.transacting(trx) : insert);
    const item = await this.em.findOneOrFail(InventoryItem, { id: itemId }, { refresh: true });
    return item;
  }
}

export const isLowStock = (item: InventoryItem) => Number(item.stockQuantity) <= Number(item.minimumStock);

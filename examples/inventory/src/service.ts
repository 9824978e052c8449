import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError, notFound, parseInput, type EntityManager } from '@dentalpin/core';
import { InventoryCategory, InventoryItem, StockMovement } from './entities.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const quantity = z.string().regex(/^-?\d{1,9}(\.\d{1,3})?$/, 'must be a decimal with at most 3 decimals, e.g. "2.5"');
const nonNegative = quantity.refine((q) => !q.startsWith('-'), 'cannot be negative');

/** Who acts: a person (userId) or the platform reacting to an event (null). */
export interface Actor {
  clinicId: string;
  userId: string | null;
}

const positive = quantity.refine((q) => !q.startsWith('-') && Number(q) > 0, 'must be more than zero');

export const createItemInput = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  categoryCode: z.string().trim().min(1, 'is required'),
  sku: z.string().trim().max(64).nullish(),
  unit: z.string().trim().min(1, 'is required').max(20),
  minimumStock: nonNegative.nullish(),
  initialStock: nonNegative.nullish(),
  consumption: z
    .array(z.object({ treatmentType: z.string().trim().min(1, 'is required').max(100), quantity: positive }))
    .max(50)
    .nullish()
    .refine(
      (rules) => new Set((rules ?? []).map((r) => r.treatmentType.toLowerCase())).size === (rules ?? []).length,
      'lists a treatment type twice',
    ),
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
    private readonly caller: Actor,
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
      for (const rule of input.consumption ?? [])
        await this.knex(em)('inventory_consumption_rules').insert({
          id: randomUUID(),
          clinic_id: this.caller.clinicId,
          item_id: item.id,
          treatment_type: rule.treatmentType,
          quantity: rule.quantity,
        });
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

  /** A query builder bound to the current transaction of `em`. */
  private knex(em: EntityManager = this.em) {
    const knex = em.getConnection().getKnex();
    const trx = em.getTransactionContext();
    return (table: string) => (trx ? knex(table).transacting(trx) : knex(table));
  }

  /**
   * Applies a manual movement atomically: the stock can never go below zero through one (the
   * conditional UPDATE decides, not a read-then-write).
   */
  private async move(itemId: string, qty: string, reason: StockMovement['reason'], note: string | null) {
    const knex = this.em.getConnection().getKnex();
    const updated = await this.knex()('inventory_items')
      .where({ id: itemId, clinic_id: this.caller.clinicId })
      .andWhereRaw('stock_quantity + ?::numeric >= 0', [qty])
      .update({ stock_quantity: knex.raw('stock_quantity + ?::numeric', [qty]) })
      .returning('id');
    if (!updated.length) {
      const exists = await this.em.count(InventoryItem, { id: itemId, clinicId: this.caller.clinicId });
      if (!exists) throw notFound('Inventory item', itemId);
      throw new DomainError(
        'CONFLICT',
        `Taking ${qty.replace('-', '')} would leave the stock of this item below zero.`,
      );
    }
    await this.knex()('inventory_stock_movements').insert({
      id: randomUUID(),
      clinic_id: this.caller.clinicId,
      item_id: itemId,
      quantity: qty,
      reason,
      note,
      created_by: this.caller.userId,
    });
    return this.em.findOneOrFail(InventoryItem, { id: itemId }, { refresh: true });
  }

  async rulesFor(itemIds: readonly string[]) {
    const rows: { item_id: string; treatment_type: string; quantity: string }[] = await this.knex()(
      'inventory_consumption_rules',
    )
      .where({ clinic_id: this.caller.clinicId })
      .whereIn('item_id', [...itemIds])
      .orderBy('treatment_type')
      .select('item_id', 'treatment_type', this.em.getConnection().getKnex().raw('quantity::text as quantity'));
    return itemIds.map((id) =>
      rows.filter((r) => r.item_id === id).map((r) => ({ treatmentType: r.treatment_type, quantity: r.quantity })),
    );
  }

  /**
   * A completed appointment consumes what its treatment type needs, once per appointment and item:
   * a redelivered event finds the movement already there (unique index) and changes nothing. The
   * stock may go below zero here: the treatment happened, the count must say so.
   */
  async consumeFor(appointmentId: string, treatmentType: string | null): Promise<number> {
    if (!treatmentType) return 0;
    const knex = this.em.getConnection().getKnex();
    const rules: { item_id: string; quantity: string }[] = await this.knex()('inventory_consumption_rules')
      .where({ clinic_id: this.caller.clinicId })
      .andWhereRaw('lower(treatment_type) = lower(?)', [treatmentType])
      .select('item_id', knex.raw('quantity::text as quantity'));
    let applied = 0;
    for (const rule of rules) {
      const inserted = await this.knex()('inventory_stock_movements')
        .insert({
          id: randomUUID(),
          clinic_id: this.caller.clinicId,
          item_id: rule.item_id,
          quantity: `-${rule.quantity}`,
          reason: 'consumption',
          note: treatmentType,
          appointment_id: appointmentId,
          created_by: null,
        })
        .onConflict(knex.raw('(item_id, appointment_id) where appointment_id is not null'))
        .ignore()
        .returning('id');
      if (!inserted.length) continue;
      await this.knex()('inventory_items')
        .where({ id: rule.item_id, clinic_id: this.caller.clinicId })
        .update({ stock_quantity: knex.raw('stock_quantity - ?::numeric', [rule.quantity]) });
      applied++;
    }
    return applied;
  }
}

export const isLowStock = (item: InventoryItem) => Number(item.stockQuantity) <= Number(item.minimumStock);

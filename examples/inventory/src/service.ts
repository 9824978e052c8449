import { randomUUID } from 'node:crypto';
import {
  DomainError,
  groupedBy,
  inOrder,
  notFound,
  parseInput,
  withEm,
  type EntityManager,
  type ServiceContext,
} from '@dentalpin/core';
import { InventoryCategory, InventoryItem, StockMovement } from './entities.ts';
import { createItemInput, movementInput } from './inputs.ts';
import type { MovementReason } from './status.ts';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A clinic's stock. Quantities are exact decimals computed by PostgreSQL, never floats. */
export class InventoryService {
  constructor(private readonly ctx: ServiceContext) {}

  private get em(): EntityManager {
    return this.ctx.em;
  }

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  categories() {
    return this.em.find(InventoryCategory, {}, { orderBy: { name: 'asc' } });
  }

  /** Batch lookup for the items' categories: one query, one category (or null) per id, in order. */
  async categoriesByIds(ids: readonly string[]) {
    return inOrder(ids, await this.em.find(InventoryCategory, { id: { $in: [...ids] } }), (c) => c.id);
  }

  async items(search?: string | null, lowStockOnly = false) {
    const items = await this.em.find(
      InventoryItem,
      {
        clinicId: this.clinicId,
        ...(search?.trim() ? { name: { $ilike: `%${escapeLike(search.trim())}%` } } : {}),
      },
      { orderBy: { name: 'asc' } },
    );
    return lowStockOnly ? items.filter(isLowStock) : items;
  }

  async movements(itemIds: readonly string[], first: number) {
    const rows = await this.em.find(
      StockMovement,
      { clinicId: this.clinicId, itemId: { $in: [...itemIds] } },
      { orderBy: { createdAt: 'desc' } },
    );
    return groupedBy(itemIds, rows, (r) => r.itemId).map((movements) => movements.slice(0, first));
  }

  async createItem(raw: unknown) {
    const input = parseInput(createItemInput, raw);
    const category = await this.em.findOne(InventoryCategory, { code: input.categoryCode });
    if (!category)
      throw new DomainError('BAD_USER_INPUT', `categoryCode "${input.categoryCode}" is not a known category.`);
    if (await this.em.count(InventoryItem, { clinicId: this.clinicId, name: { $ilike: escapeLike(input.name) } }))
      throw new DomainError('CONFLICT', `An item named "${input.name}" already exists in this clinic.`);
    return this.em.transactional(async (em) => {
      const item = em.create(InventoryItem, {
        clinicId: this.clinicId,
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
          clinic_id: this.clinicId,
          item_id: item.id,
          treatment_type: rule.treatmentType,
          quantity: rule.quantity,
        });
      if (input.initialStock && Number(input.initialStock) > 0)
        await new InventoryService(withEm(this.ctx, em)).move(item.id, input.initialStock, 'purchase', 'initial stock');
      return item;
    });
  }

  async recordMovement(raw: unknown) {
    const input = parseInput(movementInput, raw);
    return this.em.transactional((em) =>
      new InventoryService(withEm(this.ctx, em)).move(input.itemId, input.quantity, input.reason, input.note ?? null),
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
  private async move(itemId: string, qty: string, reason: MovementReason, note: string | null) {
    const knex = this.em.getConnection().getKnex();
    const updated = await this.knex()('inventory_items')
      .where({ id: itemId, clinic_id: this.clinicId })
      .andWhereRaw('stock_quantity + ?::numeric >= 0', [qty])
      .update({ stock_quantity: knex.raw('stock_quantity + ?::numeric', [qty]) })
      .returning('id');
    if (!updated.length) {
      const exists = await this.em.count(InventoryItem, { id: itemId, clinicId: this.clinicId });
      if (!exists) throw notFound('Inventory item', itemId);
      throw new DomainError(
        'CONFLICT',
        `Taking ${qty.replace('-', '')} would leave the stock of this item below zero.`,
      );
    }
    await this.knex()('inventory_stock_movements').insert({
      id: randomUUID(),
      clinic_id: this.clinicId,
      item_id: itemId,
      quantity: qty,
      reason,
      note,
      created_by: this.ctx.identity.userId,
    });
    return this.em.findOneOrFail(InventoryItem, { id: itemId }, { refresh: true });
  }

  async rulesFor(itemIds: readonly string[]) {
    const rows: { item_id: string; treatment_type: string; quantity: string }[] = await this.knex()(
      'inventory_consumption_rules',
    )
      .where({ clinic_id: this.clinicId })
      .whereIn('item_id', [...itemIds])
      .orderBy('treatment_type')
      .select('item_id', 'treatment_type', this.em.getConnection().getKnex().raw('quantity::text as quantity'));
    return groupedBy(itemIds, rows, (r) => r.item_id).map((rules) =>
      rules.map((r) => ({ treatmentType: r.treatment_type, quantity: r.quantity })),
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
      .where({ clinic_id: this.clinicId })
      .andWhereRaw('lower(treatment_type) = lower(?)', [treatmentType])
      .select('item_id', knex.raw('quantity::text as quantity'));
    let applied = 0;
    for (const rule of rules) {
      const inserted = await this.knex()('inventory_stock_movements')
        .insert({
          id: randomUUID(),
          clinic_id: this.clinicId,
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
        .where({ id: rule.item_id, clinic_id: this.clinicId })
        .update({ stock_quantity: knex.raw('stock_quantity - ?::numeric', [rule.quantity]) });
      applied++;
    }
    return applied;
  }
}

export const isLowStock = (item: InventoryItem) => Number(item.stockQuantity) <= Number(item.minimumStock);

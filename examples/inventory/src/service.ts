import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError, notFound, parseInput, type EntityManager, type Identity } from '@dentalpin/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const decimal = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^-?\d{1,9}(\.\d{1,3})?$/, `must be a decimal ${label} with up to 3 decimals, e.g. "2.5"`);
const positive = decimal('quantity').refine((v) => Number(v) > 0, 'must be greater than 0');

export const createItemInput = z.object({
  name: z.string().trim().min(1, 'is required').max(120),
  unit: z.string().trim().min(1).max(20).nullish(),
  initialQuantity: decimal('quantity')
    .refine((v) => Number(v) >= 0, 'cannot be negative')
    .nullish(),
  minQuantity: decimal('quantity')
    .refine((v) => Number(v) >= 0, 'cannot be negative')
    .nullish(),
  consumption: z
    .array(z.object({ treatmentType: z.string().trim().min(1).max(100), quantity: positive }))
    .max(50)
    .nullish(),
});
export const movementInput = z.object({
  itemId: z.string().regex(UUID, 'is not a valid item id'),
  quantity: decimal('quantity').refine((v) => Number(v) !== 0, 'cannot be 0'),
  reason: z.enum(['PURCHASE', 'ADJUSTMENT'], { message: 'must be PURCHASE or ADJUSTMENT' }),
  note: z.string().trim().max(500).nullish(),
});

export interface ItemRow {
  id: string;
  name: string;
  unit: string;
  quantity: string;
  min_quantity: string;
}
export interface MovementRow {
  id: string;
  item_id: string;
  quantity: string;
  reason: string;
  appointment_id: string | null;
  note: string | null;
  created_at: Date;
}

/** Stock of one clinic. Quantities are numeric in SQL and decimal strings outside. */
export class InventoryService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Pick<Identity, 'clinicId' | 'userId'>,
  ) {}

  private sql<T>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
    return em.getConnection().execute<T[]>(query, params as never[], 'all', em.getTransactionContext());
  }

  items(lowStockOnly: boolean): Promise<ItemRow[]> {
    return this.sql<ItemRow>(
      this.em,
      `select id, name, unit, quantity::text, min_quantity::text from inventory_items
       where clinic_id = ? ${lowStockOnly ? 'and quantity <= min_quantity' : ''} order by name`,
      [this.identity.clinicId],
    );
  }

  async rulesFor(itemIds: readonly string[]) {
    const rows = itemIds.length
      ? await this.sql<{ item_id: string; treatment_type: string; quantity: string }>(
          this.em,
          `select item_id, treatment_type, quantity::text from inventory_consumption_rules
           where clinic_id = ? and item_id in (${itemIds.map(() => '?').join(', ')}) order by treatment_type`,
          [this.identity.clinicId, ...itemIds],
        )
      : [];
    return itemIds.map((id) => rows.filter((r) => r.item_id === id));
  }

  async movementsFor(itemIds: readonly string[], first: number): Promise<MovementRow[][]> {
    if (first < 1 || first > 100) throw new DomainError('BAD_USER_INPUT', 'first must be between 1 and 100.');
    const rows = itemIds.length
      ? await this.sql<MovementRow>(
          this.em,
          `select * from (select id, item_id, quantity::text, reason, appointment_id, note, created_at,
             row_number() over (partition by item_id order by created_at desc, id desc) as n
           from inventory_movements where clinic_id = ? and item_id in (${itemIds.map(() => '?').join(', ')})) m
           where n <= ? order by created_at desc, id desc`,
          [this.identity.clinicId, ...itemIds, first],
        )
      : [];
    return itemIds.map((id) => rows.filter((r) => r.item_id === id));
  }

  async createItem(raw: unknown): Promise<ItemRow> {
    const input = parseInput(createItemInput, raw);
    return this.em.transactional(async (em) => {
      const [exists] = await this.sql(em, `select 1 from inventory_items where clinic_id = ? and name = ?`, [
        this.identity.clinicId,
        input.name,
      ]);
      if (exists) throw new DomainError('CONFLICT', `An item named "${input.name}" already exists.`);
      const id = randomUUID();
      await this.sql(
        em,
        `insert into inventory_items (id, clinic_id, name, unit, quantity, min_quantity) values (?, ?, ?, ?, 0, ?)`,
        [id, this.identity.clinicId, input.name, input.unit ?? 'unit', input.minQuantity ?? '0'],
      );
      const seen = new Set<string>();
      for (const rule of input.consumption ?? []) {
        if (seen.has(rule.treatmentType.toLowerCase()))
          throw new DomainError('BAD_USER_INPUT', `consumption lists "${rule.treatmentType}" twice.`);
        seen.add(rule.treatmentType.toLowerCase());
        await this.sql(
          em,
          `insert into inventory_consumption_rules (item_id, clinic_id, treatment_type, quantity) values (?, ?, ?, ?)`,
          [id, this.identity.clinicId, rule.treatmentType, rule.quantity],
        );
      }
      if (input.initialQuantity && Number(input.initialQuantity) > 0)
        await this.move(em, id, input.initialQuantity, 'purchase', null, 'initial stock');
      const [item] = await this.sql<ItemRow>(
        em,
        `select id, name, unit, quantity::text, min_quantity::text from inventory_items where id = ?`,
        [id],
      );
      return item;
    });
  }

  /** Adds a movement and applies it to the item's quantity in the same transaction. */
  private async move(
    em: EntityManager,
    itemId: string,
    quantity: string,
    reason: 'purchase' | 'adjustment' | 'consumption',
    appointmentId: string | null,
    note: string | null,
  ): Promise<MovementRow | null> {
    const [movement] = await this.sql<MovementRow>(
      em,
      `insert into inventory_movements (id, clinic_id, item_id, quantity, reason, appointment_id, note, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (item_id, appointment_id) where reason = 'consumption' do nothing
       returning id, item_id, quantity::text, reason, appointment_id, note, created_at`,
      [
        randomUUID(),
        this.identity.clinicId,
        itemId,
        quantity,
        reason,
        appointmentId,
        note,
        this.identity.userId || null,
      ],
    );
    if (!movement) return null;
    await this.sql(em, `update inventory_items set quantity = quantity + ?::numeric, updated_at = now() where id = ?`, [
      quantity,
      itemId,
    ]);
    return movement;
  }

  async recordMovement(raw: unknown): Promise<MovementRow> {
    const input = parseInput(movementInput, raw);
    return this.em.transactional(async (em) => {
      const [item] = await this.sql<{ quantity: string }>(
        em,
        `select quantity::text from inventory_items where id = ? and clinic_id = ? for update`,
        [input.itemId, this.identity.clinicId],
      );
      if (!item) throw notFound('Inventory item', input.itemId);
      if (Number(item.quantity) + Number(input.quantity) < 0)
        throw new DomainError(
          'BAD_USER_INPUT',
          `Only ${item.quantity} in stock; cannot remove ${input.quantity.slice(1)}.`,
        );
      return (await this.move(
        em,
        input.itemId,
        input.quantity,
        input.reason === 'PURCHASE' ? 'purchase' : 'adjustment',
        null,
        input.note ?? null,
      ))!;
    });
  }

  /**
   * A completed appointment consumes the stock its treatment type needs, once per appointment and item
   * (redelivery is a no-op). Stock may go negative: the treatment happened, the count must say so.
   */
  async consumeFor(appointmentId: string, treatmentType: string | null): Promise<number> {
    if (!treatmentType) return 0;
    const rules = await this.sql<{ item_id: string; quantity: string }>(
      this.em,
      `select item_id, quantity::text from inventory_consumption_rules
       where clinic_id = ? and lower(treatment_type) = lower(?)`,
      [this.identity.clinicId, treatmentType],
    );
    let applied = 0;
    for (const r of rules)
      if (await this.move(this.em, r.item_id, `-${r.quantity}`, 'consumption', appointmentId, treatmentType)) applied++;
    return applied;
  }
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@dentalpin/core';

/** The series every clinic starts with: FAC for invoices, RECT for credit notes (both the default of their kind). */
export const DEFAULT_SERIES = [
  { prefix: 'FAC', kind: 'invoice', description: 'Invoices' },
  { prefix: 'RECT', kind: 'credit_note', description: 'Credit notes' },
] as const;

/**
 * Gives a clinic its default series. Idempotent: a prefix the clinic already has, or a kind that already has
 * a default, is left alone. Returns how many series it created.
 */
export async function ensureDefaultSeries(em: EntityManager, clinicId: string): Promise<number> {
  let created = 0;
  for (const s of DEFAULT_SERIES) {
    const rows = await em.execute(
      `insert into invoice_series (id, clinic_id, prefix, kind, description, is_default, reset_yearly, is_active)
       select ?, ?, ?, ?, ?, not exists (select 1 from invoice_series where clinic_id = ? and kind = ? and is_default),
              true, true
       on conflict do nothing returning id`,
      [randomUUID(), clinicId, s.prefix, s.kind, s.description, clinicId, s.kind],
    );
    created += rows.length;
  }
  return created;
}

/** Every clinic of the instance (the install hook: clinics that existed before the module). */
export async function ensureDefaultSeriesForAllClinics(em: EntityManager): Promise<number> {
  let created = 0;
  for (const { id } of await em.execute<{ id: string }[]>(`select id from clinics order by created_at, id`))
    created += await ensureDefaultSeries(em, id);
  return created;
}

import { randomUUID } from 'node:crypto';
import { DomainError, LockMode, notFound, parseInput, pgErrorCode, uuidArg, type EntityManager } from '@dentalpin/core';
import { InvoiceSeries, type InvoiceKind } from '../entities.ts';
import { createSeriesInput } from '../inputs.ts';

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

/** The clinic's numbering series (billing.admin changes them; BillingService exposes these). */
export function listSeries(em: EntityManager, clinicId: string): Promise<InvoiceSeries[]> {
  return em.find(InvoiceSeries, { clinicId }, { orderBy: { kind: 'asc', prefix: 'asc' } });
}

export async function createSeries(em: EntityManager, clinicId: string, raw: unknown): Promise<InvoiceSeries> {
  const input = parseInput(createSeriesInput, raw);
  try {
    return await em.transactional(async (tx) => {
      if (input.isDefault)
        await tx.nativeUpdate(InvoiceSeries, { clinicId, kind: input.kind, isDefault: true }, { isDefault: false });
      return tx.create(InvoiceSeries, {
        id: randomUUID(),
        clinicId,
        prefix: input.prefix,
        kind: input.kind,
        description: input.description ?? null,
        isDefault: Boolean(input.isDefault),
        resetYearly: input.resetYearly ?? true,
        isActive: true,
      });
    });
  } catch (e) {
    if (pgErrorCode(e) === '23505')
      throw new DomainError(
        'CONFLICT',
        (e as { constraint?: string }).constraint === 'invoice_series_one_default'
          ? 'Another default series was set at the same time; reload and try again.'
          : `The clinic already has a series with the prefix ${input.prefix}.`,
      );
    throw e;
  }
}

export async function setDefaultSeries(em: EntityManager, clinicId: string, seriesId: string): Promise<InvoiceSeries> {
  uuidArg('id', seriesId, 'series id');
  return em.transactional(async (tx) => {
    // One default per clinic and kind: concurrent changes queue on the clinic's series rows.
    const all = await tx.find(InvoiceSeries, { clinicId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    const series = all.find((s) => s.id === seriesId);
    if (!series) throw notFound('Invoice series', seriesId);
    if (series.isDefault)
      throw new DomainError('ALREADY_IN_STATE', `${series.prefix} is already the default series of its kind.`);
    const previous = all.find((s) => s.kind === series.kind && s.isDefault);
    if (previous) {
      previous.isDefault = false;
      await tx.flush();
    }
    series.isDefault = true;
    return series;
  });
}

/**
 * The next number of the clinic's default series of `kind`, taken under the counter row's lock (held to
 * the end of the transaction `em` is in): no gaps (a rolled-back issue rolls the counter back) and no duplicates.
 */
export async function nextNumber(em: EntityManager, clinicId: string, kind: InvoiceKind, issueDate: string) {
  const series = await em.findOne(InvoiceSeries, { clinicId, kind, isDefault: true, isActive: true });
  if (!series)
    throw new DomainError(
      'CONFLICT',
      `No default ${kind === 'invoice' ? 'invoice' : 'credit-note'} series is configured for this clinic.`,
    );
  const year = Number(issueDate.slice(0, 4));
  const numberYear = series.resetYearly ? year : 0;
  const [row] = await em.execute<{ last_number: number }[]>(
    `insert into invoice_series_counters (series_id, year, last_number) values (?, ?, 1)
     on conflict (series_id, year) do update set last_number = invoice_series_counters.last_number + 1
     returning last_number`,
    [series.id, numberYear],
  );
  const sequentialNumber = Number(row.last_number);
  return {
    seriesId: series.id,
    numberYear,
    sequentialNumber,
    number: `${series.prefix}-${year}-${String(sequentialNumber).padStart(4, '0')}`,
  };
}

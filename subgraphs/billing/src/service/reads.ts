import {
  clinicTimezone,
  groupedBy,
  inOrder,
  isUuid,
  parseClinicInterval,
  parseInput,
  uuidArg,
  type EntityManager,
  type FilterQuery,
  type ServiceContext,
} from '@dentalpin/core';
import { Invoice, InvoiceHistory, InvoiceItem, InvoicePayment } from '../entities.ts';
import { listInput, paymentsInput } from '../inputs.ts';

/** A search term as a LIKE pattern's literal text (% and _ match themselves). */
const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Lines of each invoice of `ids`, in display order (one query for any number of invoices); `em` may be a
 * transaction's, so a write reads what it holds locked.
 */
export async function linesOf(em: EntityManager, clinicId: string, ids: readonly string[]): Promise<InvoiceItem[][]> {
  const rows = await em.find(
    InvoiceItem,
    { invoiceId: { $in: [...ids] }, clinicId },
    { orderBy: { displayOrder: 'asc', id: 'asc' } },
  );
  return groupedBy(ids, rows, (r) => r.invoiceId);
}

/**
 * Reads of invoices, their lines, payments and history, scoped to the caller's clinic. The batch reads
 * (`…Of(ids)`) answer one entry per id, in order, for the resolvers' loaders.
 */
export class InvoiceReads {
  constructor(protected readonly ctx: ServiceContext) {}

  protected get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  /** Invoices of the clinic, newest first; `search` matches part of the number, any case. */
  async list(raw: unknown): Promise<Page<Invoice>> {
    const input = parseInput(listInput, raw);
    const where: FilterQuery<Invoice> = { clinicId: this.clinicId };
    if (input.patientId) where.patientId = input.patientId;
    if (input.status?.length) where.status = { $in: input.status };
    if (input.kind) where.kind = input.kind;
    if (input.search) where.number = { $ilike: `%${escapeLike(input.search)}%` };
    if (input.issuedFrom || input.issuedTo)
      where.issueDate = {
        ...(input.issuedFrom ? { $gte: input.issuedFrom } : {}),
        ...(input.issuedTo ? { $lte: input.issuedTo } : {}),
      };
    const [items, total] = await this.ctx.em.findAndCount(Invoice, where, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    });
    return { items, total, page: input.page, pageSize: input.pageSize };
  }

  get(invoiceId: string): Promise<Invoice | null> {
    uuidArg('id', invoiceId, 'invoice id');
    return this.ctx.em.findOne(Invoice, { id: invoiceId, clinicId: this.clinicId });
  }

  async byIds(ids: readonly string[]): Promise<(Invoice | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.ctx.em.find(Invoice, { id: { $in: valid }, clinicId: this.clinicId }) : [];
    return inOrder(ids, rows, (i) => i.id);
  }

  itemsOf(ids: readonly string[]): Promise<InvoiceItem[][]> {
    return linesOf(this.ctx.em, this.clinicId, ids);
  }

  async paymentsOf(ids: readonly string[]): Promise<InvoicePayment[][]> {
    const rows = await this.ctx.em.find(
      InvoicePayment,
      { invoiceId: { $in: [...ids] }, clinicId: this.clinicId },
      { orderBy: { paidAt: 'asc', id: 'asc' } },
    );
    return groupedBy(ids, rows, (r) => r.invoiceId);
  }

  async historyOf(ids: readonly string[]): Promise<InvoiceHistory[][]> {
    const rows = await this.ctx.em.find(
      InvoiceHistory,
      { invoiceId: { $in: [...ids] }, clinicId: this.clinicId },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return groupedBy(ids, rows, (r) => r.invoiceId);
  }

  /** Credit notes per invoice id (the Invoice.creditNotes field, batched). */
  async creditNotesOf(ids: readonly string[]): Promise<Invoice[][]> {
    const rows = await this.ctx.em.find(
      Invoice,
      { creditNoteForId: { $in: ids.filter(isUuid) }, clinicId: this.clinicId },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return groupedBy(ids, rows, (r) => r.creditNoteForId ?? '');
  }

  /** Per budget id, the invoice made from it that is not voided, if any (the Budget.invoice field, batched). */
  async ofBudgets(budgetIds: readonly string[]): Promise<(Invoice | null)[]> {
    const valid = budgetIds.filter(isUuid);
    const rows = valid.length
      ? await this.ctx.em.find(Invoice, {
          budgetId: { $in: valid },
          clinicId: this.clinicId,
          kind: 'invoice',
          status: { $ne: 'voided' },
        })
      : [];
    return inOrder(budgetIds, rows, (i) => i.budgetId ?? '');
  }

  /** Invoices per patient id, newest first (the Patient.invoices field, batched). */
  async ofPatients(patientIds: readonly string[]): Promise<Invoice[][]> {
    const rows = await this.ctx.em.find(
      Invoice,
      { patientId: { $in: patientIds.filter(isUuid) }, clinicId: this.clinicId },
      { orderBy: { createdAt: 'desc', id: 'asc' } },
    );
    return groupedBy(patientIds, rows, (r) => r.patientId);
  }

  async payments(raw: unknown): Promise<Page<InvoicePayment>> {
    const input = parseInput(paymentsInput, raw);
    const { from, to } = parseClinicInterval(input.from, input.to, await clinicTimezone(this.ctx.em, this.clinicId));
    const [items, total] = await this.ctx.em.findAndCount(
      InvoicePayment,
      { clinicId: this.clinicId, paidAt: { $gte: from, $lt: to } },
      { orderBy: { paidAt: 'asc', id: 'asc' }, limit: input.pageSize, offset: (input.page - 1) * input.pageSize },
    );
    return { items, total, page: input.page, pageSize: input.pageSize };
  }
}

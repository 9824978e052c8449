import type { Router } from 'express';
import {
  clinicInfo,
  documentLocale,
  documentText,
  notFound,
  pdfFileName,
  renderFinancialDocument,
  pdfRoute,
  uuidArg,
  type DocumentLocale,
  type FinancialDocument,
  type ModuleHttpContext,
  type ServiceContext,
} from '@dentalpin/core';
import { Budget, BudgetItem } from '../entities.ts';
import type { BudgetStatus } from '../status.ts';

const STATUS_WORDS: Record<DocumentLocale, Record<BudgetStatus, string>> = {
  en: {
    draft: 'Draft',
    sent: 'Sent',
    accepted: 'Accepted',
    rejected: 'Rejected',
    expired: 'Expired',
    cancelled: 'Cancelled',
  },
  es: {
    draft: 'Borrador',
    sent: 'Enviado',
    accepted: 'Aceptado',
    rejected: 'Rechazado',
    expired: 'Caducado',
    cancelled: 'Cancelado',
  },
};

const PATIENT = `query BudgetDocumentPatient($id: ID!) { patient(id: $id) { id fullName email } }`;

/** A budget of the caller's clinic as a PDF, in `locale` (default: the clinic's language). */
export async function budgetPdf(
  ctx: ServiceContext,
  budgetId: string,
  requestedLocale?: unknown,
): Promise<{ filename: string; pdf: Buffer }> {
  uuidArg('id', budgetId, 'budget id');
  const clinicId = ctx.identity.clinicId;
  const budget = await ctx.em.findOne(Budget, { id: budgetId, clinicId, deletedAt: null });
  if (!budget) throw notFound('Budget', budgetId);
  const [lines, clinic, { patient }] = await Promise.all([
    ctx.em.find(BudgetItem, { budgetId: budget.id, clinicId }, { orderBy: { displayOrder: 'asc', id: 'asc' } }),
    clinicInfo(ctx.em, clinicId),
    ctx.query<{ patient: { id: string; fullName: string; email: string | null } | null }>(PATIENT, {
      id: budget.patientId,
    }),
  ]);
  const locale = documentLocale(requestedLocale, clinic.locale);
  const document: FinancialDocument = {
    kind: 'budget',
    locale,
    currency: clinic.currency,
    clinic: { name: clinic.name },
    number: budget.version > 1 ? `${budget.number} v${budget.version}` : budget.number,
    status: STATUS_WORDS[locale][budget.status],
    issueDate: String(budget.validFrom).slice(0, 10),
    untilDate: String(budget.validUntil).slice(0, 10),
    recipient: { name: patient?.fullName ?? '—', email: patient?.email ?? null },
    lines: lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.lineDiscount,
      vatRate: l.vatRate,
      netAmount: l.netAmount,
      taxAmount: l.taxAmount,
      total: l.total,
    })),
    totals: { subtotal: budget.subtotal, discount: budget.totalDiscount, tax: budget.totalTax, total: budget.total },
    notes: budget.notes,
  };
  const pdf = await renderFinancialDocument(document);
  return { filename: pdfFileName(documentText(locale, 'budget'), document.number), pdf };
}

/**
 * `GET /budget/budgets/:id/pdf?locale=es|en[&inline=1]`: bearer + `x-clinic-id`, `budget.read`; another
 * clinic's budget answers 404 like a missing one.
 */
export function budgetRoutes(router: Router, http: ModuleHttpContext): void {
  pdfRoute(router, http, '/budget/budgets/:id/pdf', 'budget.read', budgetPdf);
}

import { strToU8, zipSync } from 'fflate';
import {
  addDays,
  badInput,
  cents,
  clinicInfo,
  localDate,
  money,
  parseInput,
  sumMoney,
  type ServiceContext,
} from '@dentalpin/core';
import { ExportInvoicesDocument, ExportPaymentsDocument } from '../generated/operations.ts';
import { exportInput, MAX_DAYS, rangeInput } from '../inputs.ts';
import { exportLink } from './links.ts';

export interface InvoiceRow {
  number: string;
  kind: string;
  issueDate: string;
  customer: string;
  taxId: string | null;
  net: string;
  /** Null when the lines mix VAT rates. */
  vatRate: string | null;
  tax: string;
  total: string;
  status: string;
}

export interface CollectionRow {
  paidOn: string;
  invoiceNumber: string;
  /** PAYMENT (money received) or REFUND (money given back). */
  kind: 'PAYMENT' | 'REFUND';
  /** Signed: a refund is negative, so a column sum is the net collected. */
  amount: string;
  method: string;
  reference: string | null;
}

export interface Preview {
  from: string;
  to: string;
  invoiceCount: number;
  creditNoteCount: number;
  net: string;
  tax: string;
  total: string;
  collectionCount: number;
  /** Payments minus refunds. */
  collected: string;
  refundCount: number;
  /** The refunds' sum, negative. */
  refunded: string;
  sampleInvoices: InvoiceRow[];
  sampleCollections: CollectionRow[];
}

/** Billing's pages are read 500 rows at a time (its maximum). */
const PAGE_SIZE = 500;
const SAMPLE = 10;
const days = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

/** The spreadsheet convention of each language: separator, decimal mark, date format, headers, labels. */
const FORMATS = {
  en: {
    separator: ',',
    decimal: '.',
    date: (d: string) => d,
    invoiceHeader: ['number', 'kind', 'issue_date', 'customer', 'tax_id', 'net', 'vat_rate', 'vat', 'total', 'status'],
    collectionHeader: ['paid_on', 'invoice', 'kind', 'amount', 'method', 'reference'],
    mixed: 'mixed',
  },
  es: {
    separator: ';',
    decimal: ',',
    date: (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`,
    invoiceHeader: [
      'numero',
      'tipo',
      'fecha_emision',
      'cliente',
      'nif',
      'base',
      'tipo_iva',
      'cuota_iva',
      'total',
      'estado',
    ],
    collectionHeader: ['fecha_pago', 'factura', 'tipo', 'importe', 'forma_pago', 'referencia'],
    mixed: 'varios',
  },
} as const;
export type ExportLocale = keyof typeof FORMATS;

/**
 * One CSV cell: quoted when it holds the separator, a quote or a line break; text that a spreadsheet would
 * run as a formula (= + - @ at the start) is prefixed with an apostrophe.
 */
function cell(value: string | null, separator: string, text = true): string {
  let v = value ?? '';
  if (text && /^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /["\r\n]/.test(v) || v.includes(separator) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** UTF-8 with a BOM (spreadsheet apps then read accents right), CRLF line ends. */
function csv(header: readonly string[], rows: (string | null)[][], numeric: Set<number>, separator: string): string {
  const lines = [header, ...rows].map((r, i) =>
    r.map((v, col) => cell(v, separator, i === 0 || !numeric.has(col))).join(separator),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The accountant's export of the caller's clinic. Reads billing only through its GraphQL API, as the caller. */
export class AccountingExportService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Both days valid, in order, and at most MAX_DAYS apart; otherwise BAD_USER_INPUT naming the field. */
  static range(raw: unknown): { from: string; to: string } {
    const { from, to } = parseInput(rangeInput, raw);
    if (to < from)
      throw badInput(`The range ends (${to}) before it starts (${from}); pick an end date on or after the start.`, {
        fields: [{ field: 'to', message: 'is before the start date' }],
      });
    const n = days(from, to);
    if (n > MAX_DAYS)
      throw badInput(
        `The range covers ${n} days; one export covers at most ${MAX_DAYS} days (a year). Split it into shorter periods.`,
        { fields: [{ field: 'to', message: `is more than ${MAX_DAYS} days after the start date` }] },
      );
    return { from, to };
  }

  async invoices(from: string, to: string): Promise<InvoiceRow[]> {
    const rows: InvoiceRow[] = [];
    for (let page = 1; ; page++) {
      const { invoices } = await this.ctx.query(ExportInvoicesDocument, { from, to, page, pageSize: PAGE_SIZE });
      for (const i of invoices.items) {
        const rates = [...new Set(i.items.map((l) => money(l.vatRate).toFixed(2)))];
        rows.push({
          number: i.number ?? '',
          kind: i.kind,
          issueDate: i.issueDate as string,
          customer: i.billingName ?? '',
          taxId: i.billingTaxId ?? null,
          net: cents(money(i.subtotal).minus(i.totalDiscount)),
          vatRate: rates.length === 1 ? rates[0]! : null,
          tax: cents(i.totalTax),
          total: cents(i.total),
          status: i.status,
        });
      }
      if (page * PAGE_SIZE >= invoices.total) break;
    }
    return rows.sort((a, b) => a.issueDate.localeCompare(b.issueDate) || a.number.localeCompare(b.number));
  }

  async collections(from: string, to: string): Promise<CollectionRow[]> {
    const { timezone } = await clinicInfo(this.ctx.em, this.ctx.identity.clinicId);
    const rows: (CollectionRow & { at: string })[] = [];
    // [from 00:00, the day after `to` 00:00) in the clinic's wall-clock time.
    const range = { from: `${from}T00:00:00`, to: `${addDays(to, 1)}T00:00:00` };
    for (let page = 1; ; page++) {
      const { invoicePayments } = await this.ctx.query(ExportPaymentsDocument, { ...range, page, pageSize: PAGE_SIZE });
      for (const p of invoicePayments.items) {
        const at = new Date(p.paidAt as string).toISOString();
        rows.push({
          at,
          paidOn: localDate(at, timezone),
          invoiceNumber: p.invoice.number ?? '',
          kind: p.kind,
          // Billing keeps every amount positive; a refund is money going out.
          amount: cents(p.kind === 'REFUND' ? money(p.amount).negated() : p.amount),
          method: p.method,
          reference: p.reference ?? null,
        });
      }
      if (page * PAGE_SIZE >= invoicePayments.total) break;
    }
    return rows.sort((a, b) => a.at.localeCompare(b.at)).map(({ at: _, ...r }) => r);
  }

  async preview(raw: unknown): Promise<Preview> {
    const { from, to } = AccountingExportService.range(raw);
    const [invoices, collections] = [await this.invoices(from, to), await this.collections(from, to)];
    const refunds = collections.filter((c) => c.kind === 'REFUND');
    return {
      from,
      to,
      invoiceCount: invoices.filter((i) => i.kind === 'INVOICE').length,
      creditNoteCount: invoices.filter((i) => i.kind === 'CREDIT_NOTE').length,
      net: cents(sumMoney(invoices.map((i) => i.net))),
      tax: cents(sumMoney(invoices.map((i) => i.tax))),
      total: cents(sumMoney(invoices.map((i) => i.total))),
      collectionCount: collections.length,
      collected: cents(sumMoney(collections.map((c) => c.amount))),
      refundCount: refunds.length,
      refunded: cents(sumMoney(refunds.map((c) => c.amount))),
      sampleInvoices: invoices.slice(0, SAMPLE),
      sampleCollections: collections.slice(0, SAMPLE),
    };
  }

  /** Checks the range, then signs a download link for it, issued to the caller. */
  async link(raw: unknown): Promise<{ url: string; expiresAt: Date }> {
    const input = parseInput(exportInput, raw);
    const { from, to } = AccountingExportService.range(input);
    const { clinicId, userId } = this.ctx.identity;
    return exportLink({ clinic: clinicId, user: userId, from, to, locale: input.locale ?? (await this.locale()) });
  }

  private async locale(): Promise<ExportLocale> {
    return (await clinicInfo(this.ctx.em, this.ctx.identity.clinicId)).locale === 'en' ? 'en' : 'es';
  }

  /** The ZIP (invoices.csv, collections.csv) and its file name; the format follows `locale` or the clinic's language. */
  async zip(raw: unknown): Promise<{ fileName: string; bytes: Uint8Array }> {
    const input = parseInput(exportInput, raw);
    const { from, to } = AccountingExportService.range(input);
    const locale: ExportLocale = input.locale ?? (await this.locale());
    const f = FORMATS[locale];
    const number = (v: string | null) => (v === null ? null : v.replace('.', f.decimal));
    const invoices = await this.invoices(from, to);
    const collections = await this.collections(from, to);
    const invoiceCsv = csv(
      f.invoiceHeader,
      invoices.map((i) => [
        i.number,
        i.kind,
        f.date(i.issueDate),
        i.customer,
        i.taxId,
        number(i.net),
        i.vatRate === null ? f.mixed : number(i.vatRate),
        number(i.tax),
        number(i.total),
        i.status,
      ]),
      new Set([5, 6, 7, 8]),
      f.separator,
    );
    const collectionCsv = csv(
      f.collectionHeader,
      collections.map((c) => [f.date(c.paidOn), c.invoiceNumber, c.kind, number(c.amount), c.method, c.reference]),
      new Set([3]),
      f.separator,
    );
    const bytes = zipSync({ 'invoices.csv': strToU8(invoiceCsv), 'collections.csv': strToU8(collectionCsv) });
    return { fileName: `accounting_${from}_${to}.zip`, bytes };
  }
}

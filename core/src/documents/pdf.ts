import PDFDocument from 'pdfkit';
import { money, roundCents, ZERO, type Money, type MoneyValue } from '../money.ts';

/** The languages patient-facing documents are printed in. */
export const DOCUMENT_LOCALES = ['en', 'es'] as const;
export type DocumentLocale = (typeof DOCUMENT_LOCALES)[number];

/** `value` when it is a document language, else the clinic's (`fallback`), else Spanish. */
export function documentLocale(value: unknown, fallback?: string | null): DocumentLocale {
  const pick = (v: unknown) =>
    typeof v === 'string' ? DOCUMENT_LOCALES.find((l) => v.toLowerCase().startsWith(l)) : undefined;
  return pick(value) ?? pick(fallback) ?? 'es';
}

/** One printed line: amounts are decimal strings (or Money); `vatRate` is a percentage ("21.00"). */
export interface DocumentLine {
  description: string;
  quantity: number;
  unitPrice: MoneyValue;
  /** The line's discount in money (0 when none). */
  discount: MoneyValue;
  vatRate: MoneyValue;
  /** Net after discount, before VAT. */
  netAmount: MoneyValue;
  taxAmount: MoneyValue;
  total: MoneyValue;
}

/**
 * A budget, an invoice or a credit note as printed: the module fills it from its own records; the
 * layout, money and date formatting, VAT breakdown and legal text are the same for every module.
 */
export interface FinancialDocument {
  kind: 'budget' | 'invoice' | 'credit_note';
  locale: DocumentLocale;
  /** ISO 4217 code of the clinic (`clinicInfo(em, id).currency`). */
  currency: string;
  clinic: {
    name: string;
    taxId?: string | null;
    address?: string | null;
    phone?: string | null;
    email?: string | null;
  };
  /** The budget's or invoice's number; null for a draft invoice (printed as "Draft"). */
  number: string | null;
  /** Status as a word for the reader (already translated by the caller), e.g. "Draft", "Sent". */
  status?: string | null;
  /** "YYYY-MM-DD" dates in the clinic's calendar. */
  issueDate: string | null;
  /** Due date (invoice) or valid-until date (budget). */
  untilDate?: string | null;
  recipient: { name: string; taxId?: string | null; address?: string | null; email?: string | null };
  lines: DocumentLine[];
  totals: { subtotal: MoneyValue; discount: MoneyValue; tax: MoneyValue; total: MoneyValue; paid?: MoneyValue | null };
  notes?: string | null;
}

const TEXT: Record<DocumentLocale, Record<string, string>> = {
  en: {
    budget: 'Budget',
    invoice: 'Invoice',
    credit_note: 'Credit note',
    draft: 'Draft',
    number: 'Number',
    issueDate: 'Date',
    untilBudget: 'Valid until',
    untilInvoice: 'Due date',
    status: 'Status',
    to: 'Bill to',
    taxId: 'Tax ID',
    description: 'Description',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    discount: 'Discount',
    vat: 'VAT',
    amount: 'Amount',
    vatBreakdown: 'VAT breakdown',
    base: 'Taxable base',
    rate: 'Rate',
    tax: 'Tax',
    subtotal: 'Subtotal',
    totalDiscount: 'Discounts',
    totalTax: 'Total VAT',
    total: 'Total',
    paid: 'Paid',
    due: 'Amount due',
    notes: 'Notes',
    page: 'Page {n} of {total}',
    legal_budget:
      'This budget is an estimate of the treatment described and is valid until the date shown. Prices include the VAT indicated per line. Treatment may change after clinical examination; any change will be quoted before it is carried out.',
    legal_invoice:
      'Health care services provided by licensed professionals may be exempt from VAT under the applicable law; the rate applied is shown per line. Keep this invoice for your records.',
    legal_credit_note:
      'This credit note corrects the invoice it refers to. Amounts shown are negative adjustments to that invoice.',
    privacy:
      'Your personal data are processed by the clinic to provide your care and to meet its legal obligations. You may exercise your rights of access, rectification, erasure and objection by contacting the clinic.',
  },
  es: {
    budget: 'Presupuesto',
    invoice: 'Factura',
    credit_note: 'Factura rectificativa',
    draft: 'Borrador',
    number: 'Número',
    issueDate: 'Fecha',
    untilBudget: 'Válido hasta',
    untilInvoice: 'Vencimiento',
    status: 'Estado',
    to: 'Facturar a',
    taxId: 'NIF',
    description: 'Concepto',
    quantity: 'Cant.',
    unitPrice: 'Precio unit.',
    discount: 'Descuento',
    vat: 'IVA',
    amount: 'Importe',
    vatBreakdown: 'Desglose de IVA',
    base: 'Base imponible',
    rate: 'Tipo',
    tax: 'Cuota',
    subtotal: 'Subtotal',
    totalDiscount: 'Descuentos',
    totalTax: 'Total IVA',
    total: 'Total',
    paid: 'Pagado',
    due: 'Pendiente',
    notes: 'Observaciones',
    page: 'Página {n} de {total}',
    legal_budget:
      'Este presupuesto es una estimación del tratamiento descrito y es válido hasta la fecha indicada. Los precios incluyen el IVA indicado en cada línea. El tratamiento puede variar tras la exploración clínica; cualquier cambio se presupuestará antes de realizarse.',
    legal_invoice:
      'Los servicios de asistencia sanitaria prestados por profesionales sanitarios pueden estar exentos de IVA (art. 20.Uno.3º Ley 37/1992); el tipo aplicado figura en cada línea. Conserve esta factura.',
    legal_credit_note:
      'Esta factura rectificativa corrige la factura a la que se refiere (art. 15 RD 1619/2012). Los importes son ajustes negativos a dicha factura.',
    privacy:
      'Sus datos personales son tratados por la clínica para prestarle asistencia y cumplir sus obligaciones legales. Puede ejercer sus derechos de acceso, rectificación, supresión y oposición dirigiéndose a la clínica.',
  },
};

/** The fixed words of documents in `locale` (for callers naming a file or an e-mail subject). */
export function documentText(locale: DocumentLocale, key: string): string {
  return TEXT[locale][key] ?? TEXT.en[key] ?? key;
}

/** Money in the clinic's currency, in the reader's language ("1.623,00 €", "€1,623.00"). */
export function formatDocumentMoney(value: MoneyValue, currency: string, locale: DocumentLocale): string {
  return new Intl.NumberFormat(locale === 'es' ? 'es-ES' : 'en-GB', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(Number(roundCents(value).toFixed(2)));
}

/** A calendar date ("YYYY-MM-DD") in the reader's language, without any time-zone shift. */
export function formatDocumentDate(date: string | null | undefined, locale: DocumentLocale): string {
  if (!date) return '—';
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

export interface VatRow {
  rate: Money;
  base: Money;
  tax: Money;
}

/** Taxable base and tax per VAT rate, ascending by rate (what Spanish invoices must show). */
export function vatBreakdown(lines: readonly DocumentLine[]): VatRow[] {
  const byRate = new Map<string, VatRow>();
  for (const line of lines) {
    const rate = money(line.vatRate);
    const key = rate.toFixed(2);
    const row = byRate.get(key) ?? { rate, base: ZERO, tax: ZERO };
    byRate.set(key, { rate, base: row.base.plus(line.netAmount), tax: row.tax.plus(line.taxAmount) });
  }
  return [...byRate.values()].sort((a, b) => a.rate.comparedTo(b.rate));
}

const percent = (rate: MoneyValue, locale: DocumentLocale) =>
  `${new Intl.NumberFormat(locale === 'es' ? 'es-ES' : 'en-GB', { maximumFractionDigits: 2 }).format(Number(money(rate)))} %`;

/** Renders `doc` as an A4 PDF (pdfkit, built-in Helvetica: Latin-1 text including "€", "ñ" and accents). */
export function renderFinancialDocument(doc: FinancialDocument): Promise<Buffer> {
  const t = (key: string) => documentText(doc.locale, key);
  const fmt = (v: MoneyValue) => formatDocumentMoney(v, doc.currency, doc.locale);
  const title = `${t(doc.kind)} ${doc.number ?? t('draft')}`;
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 60, left: 50, right: 50 },
    bufferPages: true,
    info: { Title: title, Author: doc.clinic.name, Subject: t(doc.kind), Creator: 'DentalPin' },
    lang: doc.locale,
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const accent = '#0f5132';

  // Header: the clinic on the left, the document's title and facts on the right.
  pdf
    .font('Helvetica-Bold')
    .fontSize(16)
    .fillColor(accent)
    .text(doc.clinic.name, left, 50, { width: width / 2 });
  pdf.font('Helvetica').fontSize(9).fillColor('#333333');
  for (const line of [
    doc.clinic.address,
    doc.clinic.taxId ? `${t('taxId')}: ${doc.clinic.taxId}` : null,
    doc.clinic.phone,
    doc.clinic.email,
  ])
    if (line) pdf.text(line, { width: width / 2 });
  const headerBottom = pdf.y;
  const right = left + width / 2;
  pdf
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor('#000000')
    .text(t(doc.kind), right, 50, { width: width / 2, align: 'right' });
  pdf.font('Helvetica').fontSize(10);
  const facts: [string, string][] = [
    [t('number'), doc.number ?? t('draft')],
    [t('issueDate'), formatDocumentDate(doc.issueDate, doc.locale)],
  ];
  if (doc.untilDate !== undefined)
    facts.push([
      doc.kind === 'budget' ? t('untilBudget') : t('untilInvoice'),
      formatDocumentDate(doc.untilDate, doc.locale),
    ]);
  if (doc.status) facts.push([t('status'), doc.status]);
  for (const [label, value] of facts)
    pdf.text(`${label}: ${value}`, right, pdf.y, { width: width / 2, align: 'right' });
  pdf.y = Math.max(headerBottom, pdf.y) + 20;

  // Recipient.
  pdf.font('Helvetica-Bold').fontSize(10).text(t('to'), left, pdf.y);
  pdf.font('Helvetica').fontSize(10);
  for (const line of [
    doc.recipient.name,
    doc.recipient.taxId ? `${t('taxId')}: ${doc.recipient.taxId}` : null,
    doc.recipient.address,
    doc.recipient.email,
  ])
    if (line) pdf.text(line, left, pdf.y, { width });
  pdf.moveDown(1.2);

  // Lines.
  const columns = [
    { key: 'description', width: width * 0.38, align: 'left' as const },
    { key: 'quantity', width: width * 0.07, align: 'right' as const },
    { key: 'unitPrice', width: width * 0.14, align: 'right' as const },
    { key: 'discount', width: width * 0.13, align: 'right' as const },
    { key: 'vat', width: width * 0.1, align: 'right' as const },
    { key: 'amount', width: width * 0.18, align: 'right' as const },
  ];
  const row = (cells: string[], bold = false) => {
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const heights = cells.map((c, i) => pdf.heightOfString(c, { width: columns[i].width - 6 }));
    const height = Math.max(...heights) + 6;
    if (pdf.y + height > bottom()) pdf.addPage();
    const top = pdf.y;
    let x = left;
    cells.forEach((cell, i) => {
      pdf.text(cell, x + 3, top + 3, { width: columns[i].width - 6, align: columns[i].align });
      x += columns[i].width;
    });
    pdf
      .moveTo(left, top + height)
      .lineTo(left + width, top + height)
      .strokeColor('#cccccc')
      .lineWidth(0.5)
      .stroke();
    pdf.x = left;
    pdf.y = top + height;
  };
  row(
    columns.map((c) => t(c.key)),
    true,
  );
  for (const line of doc.lines)
    row([
      line.description,
      String(line.quantity),
      fmt(line.unitPrice),
      money(line.discount).isZero() ? '—' : fmt(line.discount),
      percent(line.vatRate, doc.locale),
      fmt(line.total),
    ]);
  pdf.moveDown(1);

  // VAT breakdown (left) and totals (right), kept together.
  const breakdown = vatBreakdown(doc.lines);
  const blockHeight = 20 + 14 * Math.max(breakdown.length + 1, 6);
  if (pdf.y + blockHeight > bottom()) pdf.addPage();
  const blockTop = pdf.y;
  pdf.font('Helvetica-Bold').fontSize(10).text(t('vatBreakdown'), left, blockTop);
  const vatCol = [width * 0.14, width * 0.18, width * 0.16];
  const vatRow = (cells: string[], bold = false) => {
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const y = pdf.y + 2;
    let x = left;
    cells.forEach((cell, i) => {
      pdf.text(cell, x, y, { width: vatCol[i] - 4, align: i === 0 ? 'left' : 'right' });
      x += vatCol[i];
    });
    pdf.x = left;
  };
  vatRow([t('rate'), t('base'), t('tax')], true);
  for (const r of breakdown) vatRow([percent(r.rate, doc.locale), fmt(r.base), fmt(r.tax)]);
  const leftBottom = pdf.y;

  const totalsX = left + width * 0.55;
  const totalsWidth = width * 0.45;
  const totals: [string, string, boolean][] = [
    [t('subtotal'), fmt(doc.totals.subtotal), false],
    [t('totalDiscount'), money(doc.totals.discount).isZero() ? fmt(0) : `-${fmt(doc.totals.discount)}`, false],
    [t('totalTax'), fmt(doc.totals.tax), false],
    [t('total'), fmt(doc.totals.total), true],
  ];
  if (doc.totals.paid !== undefined && doc.totals.paid !== null) {
    totals.push([t('paid'), fmt(doc.totals.paid), false]);
    totals.push([t('due'), fmt(money(doc.totals.total).minus(doc.totals.paid)), true]);
  }
  pdf.y = blockTop;
  for (const [label, value, bold] of totals) {
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(bold ? 11 : 10);
    const y = pdf.y + 2;
    pdf.text(label, totalsX, y, { width: totalsWidth * 0.5 });
    pdf.text(value, totalsX + totalsWidth * 0.5, y, { width: totalsWidth * 0.5, align: 'right' });
  }
  pdf.x = left;
  pdf.y = Math.max(leftBottom, pdf.y) + 20;

  if (doc.notes) {
    pdf.font('Helvetica-Bold').fontSize(10).text(t('notes'), left, pdf.y, { width });
    pdf.font('Helvetica').fontSize(9).text(doc.notes, { width });
    pdf.moveDown(1);
  }
  pdf.font('Helvetica').fontSize(8).fillColor('#444444');
  pdf.text(t(`legal_${doc.kind}`), left, pdf.y, { width });
  pdf.moveDown(0.5);
  pdf.text(t('privacy'), { width });

  // Footer on every page: the document and "Page n of N".
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const footer = t('page')
      .replace('{n}', String(i + 1))
      .replace('{total}', String(range.count));
    pdf.page.margins.bottom = 0;
    pdf
      .fontSize(8)
      .fillColor('#666666')
      .text(`${doc.clinic.name} · ${title} · ${footer}`, left, pdf.page.height - 40, { width, align: 'center' });
  }
  pdf.end();
  return done;
}

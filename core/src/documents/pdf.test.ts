import { describe, expect, it } from 'vitest';
import { pdfText } from '../testing/pdf.ts';
import {
  documentLocale,
  formatDocumentDate,
  formatDocumentMoney,
  renderFinancialDocument,
  vatBreakdown,
  type FinancialDocument,
} from './pdf.ts';

const line = (description: string, net: string, rate: string, tax: string, total: string) => ({
  description,
  quantity: 1,
  unitPrice: net,
  discount: '0.00',
  vatRate: rate,
  netAmount: net,
  taxAmount: tax,
  total,
});

const invoice = (locale: 'en' | 'es'): FinancialDocument => ({
  kind: 'invoice',
  locale,
  currency: 'EUR',
  clinic: { name: 'Clínica Sonrisa', taxId: 'B12345678', address: 'Calle Mayor 1, Madrid' },
  number: 'FAC-2026-0007',
  status: locale === 'es' ? 'Emitida' : 'Issued',
  issueDate: '2026-11-23',
  untilDate: '2026-12-23',
  recipient: { name: 'Lucía Núñez', taxId: '12345678Z' },
  lines: [
    line('Limpieza dental', '60.00', '0.00', '0.00', '60.00'),
    line('Blanqueamiento', '200.00', '21.00', '42.00', '242.00'),
    line('Férula de descarga', '100.00', '21.00', '21.00', '121.00'),
  ],
  totals: { subtotal: '360.00', discount: '0.00', tax: '63.00', total: '423.00', paid: '100.00' },
  notes: 'Pago en dos plazos.',
});

describe('financial documents (PDF)', () => {
  it('groups lines by VAT rate: taxable base and tax per rate, ascending', () => {
    const rows = vatBreakdown(invoice('es').lines);
    expect(rows.map((r) => [r.rate.toFixed(2), r.base.toFixed(2), r.tax.toFixed(2)])).toEqual([
      ['0.00', '60.00', '0.00'],
      ['21.00', '300.00', '63.00'],
    ]);
  });

  it('formats money in the clinic currency and dates in the reader language, without shifting the day', () => {
    expect(formatDocumentMoney('1623', 'EUR', 'es').replace(/\s/g, ' ')).toBe('1623,00 €');
    expect(formatDocumentMoney('1623', 'EUR', 'en')).toBe('€1,623.00');
    expect(formatDocumentMoney('12.5', 'USD', 'en')).toBe('US$12.50');
    expect(formatDocumentDate('1985-11-23', 'es')).toBe('23/11/1985');
    expect(documentLocale('es-ES')).toBe('es');
    expect(documentLocale('fr', 'en')).toBe('en');
    expect(documentLocale(undefined, null)).toBe('es');
  });

  it('prints a Spanish invoice a reader can parse: number, recipient, lines, VAT breakdown, totals, legal text', async () => {
    const pdf = await renderFinancialDocument(invoice('es'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages, title } = await pdfText(pdf);
    expect(pages).toBe(1);
    expect(title).toBe('Factura FAC-2026-0007');
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'Clínica Sonrisa',
      'FAC-2026-0007',
      'Lucía Núñez',
      'Férula de descarga',
      'Desglose de IVA',
      '21 %',
      '300,00 €',
      '63,00 €',
      '423,00 €',
      '323,00 €', // pending: 423 − 100
      'Ley 37/1992',
      'Página 1 de 1',
      '23/11/2026',
    ])
      expect(flat, expected).toContain(expected);
  });

  it('prints the English text for an English reader, and a draft without a number', async () => {
    const { text } = await pdfText(
      await renderFinancialDocument({
        ...invoice('en'),
        kind: 'budget',
        number: null,
        totals: { ...invoice('en').totals, paid: null },
      }),
    );
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Budget Draft');
    expect(flat).toContain('VAT breakdown');
    expect(flat).toContain('€423.00');
    expect(flat).toContain('This budget is an estimate');
    expect(flat).not.toContain('Amount due');
  });

  it('continues long documents on further pages, each with its footer', async () => {
    const many = Array.from({ length: 80 }, (_, i) => line(`Tratamiento ${i + 1}`, '10.00', '21.00', '2.10', '12.10'));
    const { pages, text } = await pdfText(await renderFinancialDocument({ ...invoice('es'), lines: many }));
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain('Tratamiento 80');
    expect(text.replace(/\s+/g, ' ')).toContain(`Página ${pages} de ${pages}`);
  });
});

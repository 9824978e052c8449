import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { priceBudget, prorate } from '../src/service/pricing.ts';
import { EXPIRABLE, actionsFrom, assertBudgetTransition, budgetStatus } from '../src/status.ts';

const line = (unitPrice: string, quantity = 1, vatRate = '21.00', extra = {}) => ({
  unitPrice,
  quantity,
  vatRate,
  ...extra,
});
const add = (values: string[]) => values.reduce((a, v) => a.plus(v), new Decimal(0)).toFixed(2);

/** The invariants billing relies on, for any priced budget. */
function expectConsistent(r: ReturnType<typeof priceBudget>) {
  expect(add(r.lines.map((l) => l.total))).toBe(r.total);
  expect(add(r.lines.map((l) => l.taxAmount))).toBe(r.totalTax);
  expect(add(r.lines.map((l) => l.netAmount))).toBe(new Decimal(r.subtotal).minus(r.totalDiscount).toFixed(2));
  expect(add(r.lines.map((l) => l.lineSubtotal))).toBe(r.subtotal);
  expect(add(r.lines.map((l) => l.lineDiscount))).toBe(r.totalDiscount);
}

describe('budget pricing', () => {
  it('prices 3 × 33.33 with a 10% global discount and 21% VAT to the cent', () => {
    const one = priceBudget([line('33.33', 3)], { type: 'percentage', value: '10' });
    expect(one).toEqual({
      lines: [
        { lineSubtotal: '99.99', lineDiscount: '10.00', netAmount: '89.99', taxAmount: '18.90', total: '108.89' },
      ],
      subtotal: '99.99',
      totalDiscount: '10.00',
      totalTax: '18.90',
      total: '108.89',
    });
    // The same as three lines: the discount and the VAT are split so that the lines add up exactly.
    const three = priceBudget([line('33.33'), line('33.33'), line('33.33')], { type: 'percentage', value: '10' });
    expect(three.lines).toEqual([
      { lineSubtotal: '33.33', lineDiscount: '3.34', netAmount: '29.99', taxAmount: '6.30', total: '36.29' },
      { lineSubtotal: '33.33', lineDiscount: '3.33', netAmount: '30.00', taxAmount: '6.30', total: '36.30' },
      { lineSubtotal: '33.33', lineDiscount: '3.33', netAmount: '30.00', taxAmount: '6.30', total: '36.30' },
    ]);
    expect([three.subtotal, three.totalDiscount, three.totalTax, three.total]).toEqual([
      '99.99',
      '10.00',
      '18.90',
      '108.89',
    ]);
    expectConsistent(three);
  });

  it('applies line discounts first, then prorates the global one ex VAT, VAT on the discounted base per rate', () => {
    const r = priceBudget(
      [
        line('120.00', 1, '21.00', { discountType: 'percentage', discountValue: '25' }),
        line('50.00', 2, '0.00', { discountType: 'absolute', discountValue: '10.00' }),
      ],
      { type: 'absolute', value: '15.00' },
    );
    // After line discounts: 90.00 and 90.00; the 15.00 splits 7.50 / 7.50.
    expect(r.lines).toEqual([
      { lineSubtotal: '120.00', lineDiscount: '37.50', netAmount: '82.50', taxAmount: '17.33', total: '99.83' },
      { lineSubtotal: '100.00', lineDiscount: '17.50', netAmount: '82.50', taxAmount: '0.00', total: '82.50' },
    ]);
    expect(r.total).toBe('182.33');
    expectConsistent(r);
  });

  it('rounds half-up and distributes leftover cents to the largest remainders', () => {
    const r = priceBudget([line('0.01'), line('0.01'), line('0.01')], { type: 'percentage', value: '50' });
    expect(r.totalDiscount).toBe('0.02');
    expect(r.lines.map((l) => l.netAmount)).toEqual(['0.00', '0.00', '0.01']);
    expectConsistent(r);
    expect(prorate('1.00', ['1', '1', '1']).map((d) => d.toFixed(2))).toEqual(['0.34', '0.33', '0.33']);
    expect(prorate('0.00', []).length).toBe(0);
    // Many odd lines and rates: the invariants still hold.
    const many = priceBudget(
      Array.from({ length: 17 }, (_, i) =>
        line(`${(i * 7.37 + 0.19).toFixed(2)}`, (i % 4) + 1, ['21.00', '10.00', '4.00'][i % 3]),
      ),
      { type: 'percentage', value: '12.5' },
    );
    expectConsistent(many);
  });

  it('refuses negative discounts, discounts above their amount and percentages above 100', () => {
    expect(() =>
      priceBudget([line('10.00', 1, '21.00', { discountType: 'absolute', discountValue: '10.01' })]),
    ).toThrow(/cannot be more than the amount/);
    expect(() =>
      priceBudget([line('10.00', 1, '21.00', { discountType: 'percentage', discountValue: '101' })]),
    ).toThrow(/more than 100/);
    expect(() => priceBudget([line('10.00', 1, '21.00', { discountType: 'absolute', discountValue: '-1' })])).toThrow(
      /negative/,
    );
    expect(() => priceBudget([line('10.00')], { type: 'absolute', value: '10.01' })).toThrow(/Global discount/);
    // 100% off is allowed: the line costs nothing.
    expect(priceBudget([line('10.00', 1, '21.00', { discountType: 'percentage', discountValue: '100' })]).total).toBe(
      '0.00',
    );
  });
});

describe('budget workflow table', () => {
  it('has the agreed transitions, final statuses and the expiry job only from draft and sent', () => {
    expect(budgetStatus.transitions.sent).toEqual(['accepted', 'rejected', 'expired', 'cancelled']);
    expect(budgetStatus.transitions.accepted).toEqual(['cancelled']);
    expect([
      budgetStatus.transitions.rejected,
      budgetStatus.transitions.expired,
      budgetStatus.transitions.cancelled,
    ]).toEqual([[], [], []]);
    expect(EXPIRABLE).toEqual(['draft', 'sent']);
    expect(actionsFrom('draft')).toEqual(['SENT', 'ACCEPTED', 'REJECTED', 'CANCELLED']);
    expect(() => assertBudgetTransition('accepted', 'sent', 1)).toThrow(/allowed: CANCELLED/);
    expect(() => assertBudgetTransition('draft', 'sent', 0)).toThrow(/at least one line/);
    expect(() => assertBudgetTransition('sent', 'sent', 1)).toThrow(/already SENT/);
  });
});

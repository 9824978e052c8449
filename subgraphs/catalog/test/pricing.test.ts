import { describe, expect, it } from 'vitest';
import { pricingProblems, quote, type PricedItem, type PricingState } from '../src/service/pricing.ts';

const item = (over: Partial<PricedItem>): PricedItem => ({
  pricingStrategy: 'flat',
  price: '0.00',
  vatRate: '0.00',
  surfacePrices: [],
  rolePrices: [],
  sessions: [],
  ...over,
});
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { code: (e as { code?: string }).code, message: (e as Error).message };
  }
  throw new Error('expected an error');
};

describe('quote (pure price calculator)', () => {
  it('3 × 33.33 at 21% VAT is exactly 99.99 + 21.00 = 120.99 (no float drift)', () => {
    expect(quote(item({ price: '33.33', vatRate: '21.00' }), { quantity: 3 })).toEqual({
      strategy: 'flat',
      unitPrice: '33.33',
      units: 1,
      quantity: 3,
      net: '99.99',
      vatRate: '21.00',
      vatAmount: '21.00',
      gross: '120.99',
      sessions: [],
    });
    // 0.1 + 0.2 style sums stay exact.
    expect(quote(item({ price: '0.10', vatRate: '0' }), { quantity: 3 }).net).toBe('0.30');
  });

  it('rounds VAT half-up to the cent, once, on the net', () => {
    // 10.05 × 10% = 1.005 → 1.01 (half-up; a float would give 1.00)
    expect(quote(item({ price: '10.05', vatRate: '10.00' })).vatAmount).toBe('1.01');
    // 0.05 × 10% = 0.005 → 0.01
    expect(quote(item({ price: '0.05', vatRate: '10' })).vatAmount).toBe('0.01');
    // 0.04 × 10% = 0.004 → 0.00
    expect(quote(item({ price: '0.04', vatRate: '10' })).vatAmount).toBe('0.00');
    // 5.5% on 19.99 = 1.09945 → 1.10
    const q = quote(item({ price: '19.99', vatRate: '5.50' }));
    expect([q.net, q.vatAmount, q.gross]).toEqual(['19.99', '1.10', '21.09']);
    // Large amounts keep every digit.
    expect(quote(item({ price: '99999999.99', vatRate: '21' }), { quantity: 999 }).gross).toBe('120878999987.91'); // 99899999990.01 + 20978999997.90;
  });

  it('FLAT ignores teeth; PER_TOOTH multiplies by the teeth and needs them', () => {
    expect(quote(item({ price: '40.00' }), { teeth: [11, 12] }).net).toBe('40.00');
    const perTooth = item({ pricingStrategy: 'per_tooth', price: '60.00', vatRate: '0' });
    expect(quote(perTooth, { teeth: [18, 28, 38], quantity: 2 })).toMatchObject({
      units: 3,
      quantity: 2,
      net: '360.00',
    });
    expect(code(() => quote(perTooth, {}))).toMatchObject({ code: 'BAD_USER_INPUT', message: /per tooth/ });
    expect(code(() => quote(perTooth, { teeth: [19] }))).toMatchObject({ code: 'BAD_USER_INPUT', message: /19/ });
    expect(code(() => quote(perTooth, { teeth: [11, 11] }))).toMatchObject({ message: /same tooth twice/ });
    expect(quote(perTooth, { teeth: [55, 85] }).net).toBe('120.00'); // primary teeth
  });

  it('PER_SURFACE picks the tier of the surface count, the last tier above it, per tooth', () => {
    const filling = item({
      pricingStrategy: 'per_surface',
      price: '50.00',
      vatRate: '21.00',
      surfacePrices: [
        { surfaces: 1, price: '50.00' },
        { surfaces: 2, price: '65.00' },
        { surfaces: 3, price: '80.00' },
      ],
    });
    expect(quote(filling, { surfaces: 2 })).toMatchObject({ unitPrice: '65.00', net: '65.00', vatAmount: '13.65' });
    expect(quote(filling, { surfaces: 5 }).unitPrice).toBe('80.00');
    expect(quote(filling, { surfaces: 3, teeth: [16, 26] })).toMatchObject({ units: 2, net: '160.00' });
    expect(code(() => quote(filling, {}))).toMatchObject({ code: 'BAD_USER_INPUT', message: /surfaces/ });
    expect(code(() => quote(filling, { surfaces: 6 }))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('PER_ROLE uses the role price, the item price for roles without one, per tooth', () => {
    const perio = item({
      pricingStrategy: 'per_role',
      price: '80.00',
      rolePrices: [
        { role: 'dentist', price: '90.00' },
        { role: 'hygienist', price: '70.00' },
      ],
    });
    expect(quote(perio, { role: 'hygienist' }).net).toBe('70.00');
    expect(quote(perio, { role: 'Dentist', teeth: [11, 21] }).net).toBe('180.00');
    expect(quote(perio, { role: 'assistant' }).net).toBe('80.00');
    expect(code(() => quote(perio, {}))).toMatchObject({ code: 'BAD_USER_INPUT', message: /role/ });
    expect(code(() => quote(perio, { role: 'surgeon' }))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('scales the session template so the session nets add up to the net exactly', () => {
    const implant = item({
      pricingStrategy: 'per_tooth',
      price: '1200.00',
      vatRate: '0',
      sessions: [
        { sequence: 2, label: 'Abutment', amount: '300.00' },
        { sequence: 1, label: 'Placement', amount: '900.00' },
      ],
    });
    const q = quote(implant, { teeth: [36, 46] });
    expect(q.net).toBe('2400.00');
    expect(q.sessions).toEqual([
      { sequence: 1, label: 'Placement', net: '1800.00' },
      { sequence: 2, label: 'Abutment', net: '600.00' },
    ]);
  });

  it('refuses a bad quantity', () => {
    for (const quantity of [0, -1, 1.5, 1000])
      expect(code(() => quote(item({ price: '1' }), { quantity }))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('pricingProblems (one place for the pricing rules)', () => {
  const state = (over: Partial<PricingState>): PricingState => ({
    pricingStrategy: 'flat',
    price: '100.00',
    surfacePrices: [],
    rolePrices: [],
    sessions: [],
    ...over,
  });
  const tiers = (...n: number[]) => n.map((s) => ({ surfaces: s, price: `${s}0.00` }));

  it('accepts contiguous surface tiers from 1, and the 1-surface price as the price', () => {
    expect(
      pricingProblems(state({ pricingStrategy: 'per_surface', price: '10.00', surfacePrices: tiers(1, 2, 3) })),
    ).toEqual([]);
    expect(
      pricingProblems(state({ pricingStrategy: 'per_surface', price: '10.00', surfacePrices: tiers(3, 1, 2, 5, 4) })),
    ).toEqual([]);
  });

  it('refuses gaps, duplicates, a missing first tier, and tiers on other strategies', () => {
    const fields = (s: PricingState) => pricingProblems(s).map((p) => `${p.field}: ${p.message}`);
    expect(fields(state({ pricingStrategy: 'per_surface', price: '10.00', surfacePrices: tiers(1, 3) }))).toEqual([
      'surfacePrices: surfacePrices must cover 1 to N surfaces without gaps (N at most 5); got 1, 3.',
    ]);
    expect(fields(state({ pricingStrategy: 'per_surface', price: '20.00', surfacePrices: tiers(2, 3) }))[0]).toMatch(
      /without gaps/,
    );
    expect(fields(state({ pricingStrategy: 'per_surface', surfacePrices: tiers(1, 1) }))[0]).toMatch(/twice/);
    expect(fields(state({ pricingStrategy: 'per_surface', surfacePrices: [] }))[0]).toMatch(/1-surface price/);
    expect(fields(state({ pricingStrategy: 'per_surface', price: '99.00', surfacePrices: tiers(1) }))).toEqual([
      'price: For PER_SURFACE pricing the price is the 1-surface price (10.00).',
    ]);
    expect(fields(state({ surfacePrices: tiers(1) }))).toEqual([
      'surfacePrices: surfacePrices only apply to PER_SURFACE pricing.',
    ]);
  });

  it('PER_ROLE needs known, distinct roles', () => {
    expect(pricingProblems(state({ pricingStrategy: 'per_role', rolePrices: [] }))[0].field).toBe('rolePrices');
    expect(
      pricingProblems(
        state({
          pricingStrategy: 'per_role',
          rolePrices: [
            { role: 'dentist', price: '1.00' },
            { role: 'dentist', price: '2.00' },
          ],
        }),
      )[0].message,
    ).toMatch(/twice/);
    expect(
      pricingProblems(state({ pricingStrategy: 'per_role', rolePrices: [{ role: 'pilot', price: '1' }] }))[0].message,
    ).toMatch(/unknown roles \(pilot\)/);
    expect(pricingProblems(state({ rolePrices: [{ role: 'dentist', price: '1' }] }))[0].message).toMatch(/only apply/);
  });

  it('sessions must add up to the price exactly, on FLAT or PER_TOOTH, with 2 or more sessions', () => {
    const s = (...amounts: string[]) => amounts.map((amount, i) => ({ label: `Visit ${i + 1}`, amount }));
    expect(pricingProblems(state({ sessions: s('33.33', '33.33', '33.34') }))).toEqual([]);
    expect(pricingProblems(state({ pricingStrategy: 'per_tooth', sessions: s('60.00', '40.00') }))).toEqual([]);
    expect(pricingProblems(state({ sessions: s('33.33', '33.33', '33.33') }))).toEqual([
      {
        field: 'sessions',
        message:
          "The sessions add up to 99.99 but the item's price is 100.00; session amounts must add up to the price exactly.",
      },
    ]);
    expect(pricingProblems(state({ sessions: s('100.00') }))[0].message).toMatch(/2 to 20 sessions/);
    expect(
      pricingProblems(
        state({ pricingStrategy: 'per_surface', price: '10.00', surfacePrices: tiers(1), sessions: s('5', '5') }),
      )[0].message,
    ).toMatch(/FLAT or PER_TOOTH/);
  });
});

import { DomainError, ROLES, cents, money, roundCents, sumMoney, type Money } from '@dentalpin/core';
import type { PricingStrategy } from '../entities.ts';

/**
 * The catalog's pricing rules, pure (no database): what a treatment costs and whether an item's
 * price configuration holds together. Every amount is an exact decimal string; nothing goes through
 * a float. Amounts are rounded half-up to the cent, once, where a rate is applied.
 */

export interface PricedItem {
  pricingStrategy: PricingStrategy;
  /** Decimal string. */
  price: string;
  /** VAT percentage as a decimal string ("21.00"). */
  vatRate: string;
  surfacePrices: readonly { surfaces: number; price: string }[];
  rolePrices: readonly { role: string; price: string }[];
  sessions: readonly { sequence: number; label: string; amount: string }[];
}

export interface QuoteOptions {
  /** FDI tooth numbers (11-48 permanent, 51-85 primary), each at most once. */
  teeth?: readonly number[] | null;
  /** Surfaces treated on each tooth, 1 to 5 (PER_SURFACE). */
  surfaces?: number | null;
  /** The professional's role (PER_ROLE), lowercase: "dentist", "hygienist", … */
  role?: string | null;
  /** How many times the whole treatment is done; a whole number from 1. Default 1. */
  quantity?: number | null;
}

export interface Quote {
  strategy: PricingStrategy;
  /** Price of one unit (one tooth, or the treatment for FLAT). */
  unitPrice: string;
  /** Priced units per treatment: teeth for PER_TOOTH (and PER_SURFACE/PER_ROLE when teeth are given), else 1. */
  units: number;
  quantity: number;
  net: string;
  vatRate: string;
  vatAmount: string;
  gross: string;
  /** The item's session template scaled to this quote; the session nets add up to `net` exactly. */
  sessions: { sequence: number; label: string; net: string }[];
}

export const MAX_QUANTITY = 999;
export const MAX_SURFACES = 5;
export const MAX_SESSIONS = 20;

const isFdiTooth = (n: number) => {
  const quadrant = Math.floor(n / 10);
  const position = n % 10;
  if (quadrant >= 1 && quadrant <= 4) return position >= 1 && position <= 8;
  if (quadrant >= 5 && quadrant <= 8) return position >= 1 && position <= 5;
  return false;
};

const bad = (message: string) => new DomainError('BAD_USER_INPUT', message);

/** Prices one treatment line: net, VAT and gross. Throws BAD_USER_INPUT when the options do not fit the strategy. */
export function quote(item: PricedItem, options: QuoteOptions = {}): Quote {
  const quantity = options.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY)
    throw bad(`quantity must be a whole number from 1 to ${MAX_QUANTITY} (got ${quantity}).`);
  const teeth = options.teeth ?? [];
  const wrongTeeth = teeth.filter((t) => !Number.isInteger(t) || !isFdiTooth(t));
  if (wrongTeeth.length)
    throw bad(`teeth must be FDI tooth numbers (11-48, or 51-85 for primary teeth); not: ${wrongTeeth.join(', ')}.`);
  if (new Set(teeth).size !== teeth.length) throw bad('teeth lists the same tooth twice.');

  let unitPrice: Money;
  let units = Math.max(1, teeth.length);
  switch (item.pricingStrategy) {
    case 'flat':
      unitPrice = money(item.price);
      units = 1;
      break;
    case 'per_tooth':
      if (!teeth.length) throw bad('This treatment is priced per tooth: give the teeth (FDI numbers).');
      unitPrice = money(item.price);
      break;
    case 'per_surface': {
      const surfaces = options.surfaces;
      if (surfaces == null || !Number.isInteger(surfaces) || surfaces < 1 || surfaces > MAX_SURFACES)
        throw bad(`This treatment is priced by surfaces: give surfaces, a whole number from 1 to ${MAX_SURFACES}.`);
      // Tiers are contiguous from 1; more surfaces than the last tier are charged at the last tier.
      const tier = [...item.surfacePrices]
        .filter((t) => t.surfaces <= surfaces)
        .sort((a, b) => b.surfaces - a.surfaces)[0];
      unitPrice = money(tier ? tier.price : item.price);
      break;
    }
    case 'per_role': {
      const role = options.role?.trim().toLowerCase();
      if (!role) throw bad('This treatment is priced by professional role: give the role (e.g. "dentist").');
      if (!(ROLES as readonly string[]).includes(role)) throw bad(`role must be one of ${ROLES.join(', ')}.`);
      // A role without its own price pays the item's price (as in the original catalog).
      unitPrice = money(item.rolePrices.find((r) => r.role === role)?.price ?? item.price);
      break;
    }
  }

  const multiplier = units * quantity;
  const net = roundCents(unitPrice.times(multiplier));
  const vatAmount = roundCents(net.times(item.vatRate).dividedBy(100));
  return {
    strategy: item.pricingStrategy,
    unitPrice: cents(unitPrice),
    units,
    quantity,
    net: cents(net),
    vatRate: cents(item.vatRate),
    vatAmount: cents(vatAmount),
    gross: cents(net.plus(vatAmount)),
    sessions: [...item.sessions]
      .sort((a, b) => a.sequence - b.sequence)
      .map((s) => ({ sequence: s.sequence, label: s.label, net: cents(money(s.amount).times(multiplier)) })),
  };
}

export interface PricingState {
  pricingStrategy: PricingStrategy;
  price: string;
  surfacePrices: readonly { surfaces: number; price: string }[];
  rolePrices: readonly { role: string; price: string }[];
  /** In order; their position is their sequence. */
  sessions: readonly { label: string; amount: string }[];
}

export type PricingField = 'price' | 'surfacePrices' | 'rolePrices' | 'sessions';
export interface PricingProblem {
  field: PricingField;
  message: string;
}

/** Every rule an item's price configuration must satisfy; an empty list means it holds together. */
export function pricingProblems(state: PricingState): PricingProblem[] {
  const problems: PricingProblem[] = [];
  const strategy = state.pricingStrategy;
  const tiers = state.surfacePrices;
  if (strategy === 'per_surface') {
    const counts = tiers.map((t) => t.surfaces).sort((a, b) => a - b);
    if (!counts.length)
      problems.push({ field: 'surfacePrices', message: 'PER_SURFACE pricing needs at least the 1-surface price.' });
    else if (new Set(counts).size !== counts.length)
      problems.push({ field: 'surfacePrices', message: 'surfacePrices lists the same number of surfaces twice.' });
    else if (counts.some((c, i) => c !== i + 1) || counts.length > MAX_SURFACES)
      problems.push({
        field: 'surfacePrices',
        message: `surfacePrices must cover 1 to N surfaces without gaps (N at most ${MAX_SURFACES}); got ${counts.join(', ')}.`,
      });
    else {
      const first = tiers.find((t) => t.surfaces === 1)!;
      if (!money(first.price).equals(state.price))
        problems.push({
          field: 'price',
          message: `For PER_SURFACE pricing the price is the 1-surface price (${cents(first.price)}).`,
        });
    }
  } else if (tiers.length)
    problems.push({ field: 'surfacePrices', message: 'surfacePrices only apply to PER_SURFACE pricing.' });

  const roles = state.rolePrices.map((r) => r.role);
  if (strategy === 'per_role') {
    if (!roles.length)
      problems.push({ field: 'rolePrices', message: 'PER_ROLE pricing needs a price for at least one role.' });
    if (new Set(roles).size !== roles.length)
      problems.push({ field: 'rolePrices', message: 'rolePrices lists the same role twice.' });
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length)
      problems.push({
        field: 'rolePrices',
        message: `rolePrices has unknown roles (${unknown.join(', ')}); roles are ${ROLES.join(', ')}.`,
      });
  } else if (roles.length)
    problems.push({ field: 'rolePrices', message: 'rolePrices only apply to PER_ROLE pricing.' });

  const sessions = state.sessions;
  if (sessions.length) {
    if (strategy !== 'flat' && strategy !== 'per_tooth')
      problems.push({
        field: 'sessions',
        message:
          'A session template splits one fixed price: it needs FLAT or PER_TOOTH pricing (remove the sessions first).',
      });
    else if (sessions.length < 2 || sessions.length > MAX_SESSIONS)
      problems.push({
        field: 'sessions',
        message: `A session template has 2 to ${MAX_SESSIONS} sessions (got ${sessions.length}); leave it empty for a single visit.`,
      });
    else {
      const total = sumMoney(sessions.map((s) => s.amount));
      if (!total.equals(state.price))
        problems.push({
          field: 'sessions',
          message: `The sessions add up to ${cents(total)} but the item's price is ${cents(state.price)}; session amounts must add up to the price exactly.`,
        });
    }
  }
  return problems;
}

/** The price configuration an item will have, from its strategy, price and parts (BAD_USER_INPUT without a price). */
export function pricingState(
  pricingStrategy: PricingStrategy,
  price: string | null | undefined,
  parts: {
    surfacePrices?: readonly { surfaces: number; price: string }[] | null;
    rolePrices?: readonly { role: string; price: string }[] | null;
    sessions?: readonly { label: string; amount: string }[] | null;
  },
): PricingState {
  const tiers = parts.surfacePrices ?? [];
  // PER_SURFACE items show their 1-surface price as their price, so it may be left out.
  const derived = pricingStrategy === 'per_surface' ? tiers.find((t) => t.surfaces === 1)?.price : undefined;
  const finalPrice = price ?? derived;
  if (finalPrice == null)
    throw new DomainError(
      'BAD_USER_INPUT',
      pricingStrategy === 'per_surface'
        ? 'surfacePrices needs the 1-surface price.'
        : 'price is required for this pricing strategy.',
      { fields: [{ field: 'price', message: 'is required' }] },
    );
  return {
    pricingStrategy,
    price: finalPrice,
    surfacePrices: tiers.map((t) => ({ surfaces: t.surfaces, price: t.price })),
    rolePrices: (parts.rolePrices ?? []).map((r) => ({ role: r.role, price: r.price })),
    sessions: (parts.sessions ?? []).map((s) => ({ label: s.label, amount: s.amount })),
  };
}

/**
 * Refuses a price configuration that does not hold together: BAD_USER_INPUT when the caller sent the
 * offending part, CONFLICT when it is what the item already had (e.g. a new price its sessions no longer add up to).
 */
export function assertPricing(state: PricingState, given: ReadonlySet<PricingField>): void {
  const problems = pricingProblems(state);
  if (!problems.length) return;
  const code = problems.every((p) => given.has(p.field)) ? 'BAD_USER_INPUT' : 'CONFLICT';
  throw new DomainError(code, problems.map((p) => p.message).join(' '), {
    fields: problems.map((p) => ({ field: p.field, message: p.message })),
  });
}

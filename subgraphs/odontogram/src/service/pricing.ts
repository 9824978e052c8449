import { badInput, cents, notFound, sumMoney, type ServiceContext } from '@dentalpin/core';
import {
  OdontogramCatalogItemDocument,
  OdontogramQuoteDocument,
  type OdontogramCatalogItemQuery,
} from '../generated/operations.ts';
import type { Surface } from './teeth.ts';

export type CatalogItemRead = NonNullable<OdontogramCatalogItemQuery['catalogItem']>;

/** What a treatment keeps of the catalog as it is when recorded. */
export interface PriceSnapshot {
  /** Net, before VAT, for all the treatment's teeth. */
  price: string;
  durationMinutes: number | null;
  vatRate: string;
}

/** The clinic's active catalog item (NOT_FOUND when another clinic's or missing; BAD_USER_INPUT when inactive). */
export async function activeCatalogItem(ctx: ServiceContext, id: string): Promise<CatalogItemRead> {
  const { catalogItem } = await ctx.query(OdontogramCatalogItemDocument, { id });
  if (!catalogItem) throw notFound('Catalog item', id);
  if (!catalogItem.isActive)
    throw badInput(`The catalog item ${catalogItem.code} is inactive; pick an active item or reactivate it first.`);
  return catalogItem;
}

/**
 * The catalog quotes a PER_SURFACE item only with the surfaces treated (`quoteTreatment` refuses it otherwise,
 * naming no field): refused here first, naming the tooth's `teeth.<i>.surfaces` (or `scope` for a treatment on no
 * teeth) with rule `required`, so that a form can say it beside the field.
 */
export function requireSurfacesPriced(
  item: CatalogItemRead,
  teeth: readonly { toothNumber: number; surfaces: readonly Surface[] }[],
): void {
  if (item.pricingStrategy !== 'PER_SURFACE') return;
  if (!teeth.length) {
    const message = `The catalog item ${item.code} is priced by surfaces: record it on teeth, with the surfaces treated.`;
    throw badInput(message, { fields: [{ field: 'scope', rule: 'required', message }] });
  }
  const index = teeth.findIndex((t) => !t.surfaces.length);
  if (index < 0) return;
  const message = `The catalog item ${item.code} is priced by surfaces: give the surfaces treated on tooth ${teeth[index].toothNumber}.`;
  throw badInput(message, { fields: [{ field: `teeth.${index}.surfaces`, rule: 'required', message }] });
}

/**
 * Prices a treatment with the catalog's own rules (`quoteTreatment`): teeth treated on the same number of
 * surfaces are quoted together, so a PER_SURFACE filling on 2 + 3 surfaces costs the 2-surface tier plus
 * the 3-surface tier. The price is the total for every tooth; the duration is the item's per priced unit.
 */
export async function priceSnapshot(
  ctx: ServiceContext,
  item: CatalogItemRead,
  teeth: readonly { toothNumber: number; surfaces: readonly Surface[] }[],
): Promise<PriceSnapshot> {
  const groups = new Map<number, number[]>();
  for (const t of teeth) groups.set(t.surfaces.length, [...(groups.get(t.surfaces.length) ?? []), t.toothNumber]);
  if (!groups.size) groups.set(0, []);
  const quotes = [];
  for (const [surfaces, numbers] of groups) {
    const { quoteTreatment } = await ctx.query(OdontogramQuoteDocument, {
      input: {
        itemId: item.id,
        teeth: numbers,
        surfaces: item.pricingStrategy === 'PER_SURFACE' ? surfaces || null : null,
        role: item.pricingStrategy === 'PER_ROLE' ? ctx.identity.role : null,
      },
    });
    quotes.push(quoteTreatment);
  }
  const units = quotes.reduce((n, q) => n + q.units, 0);
  return {
    price: cents(sumMoney(quotes.map((q) => q.net))),
    durationMinutes: item.durationMinutes == null ? null : item.durationMinutes * units,
    vatRate: quotes[0].vatRate,
  };
}

import type { BudgetItemInput, CatalogPricingStrategy } from '@dentalpin/web/gql/types';

/**
 * A budget line as the person edits it (the new-budget dialog and a draft's "add a line" form share it,
 * through BudgetLineFields.vue), and what the API needs of it for each of the catalog's pricing kinds:
 * FLAT nothing; PER_TOOTH the teeth; PER_SURFACE the surfaces per tooth (1-5; teeth multiply it);
 * PER_ROLE nothing of the line (the professional's role, from the budget; teeth multiply it).
 */

/** The catalog item a line is about (what `BudgetCatalogOptions` reads). */
export interface LineItem {
  id: string;
  name: string;
  price: string;
  pricingStrategy: CatalogPricingStrategy;
}

export interface LineDraft {
  /** Decimal strings, as NumberField keeps them. */
  quantity: string | null;
  /** FDI numbers as typed: "16, 17". */
  teeth: string;
  surfaces: string | null;
}

export const MAX_SURFACES = 5;

export const newLine = (): LineDraft => ({ quantity: '1', teeth: '', surfaces: null });

/** Whether the item's pricing needs this line field. */
export const needs = (item: LineItem | null | undefined, field: 'teeth' | 'surfaces'): boolean =>
  field === 'teeth' ? item?.pricingStrategy === 'PER_TOOTH' : item?.pricingStrategy === 'PER_SURFACE';

const isFdiTooth = (n: number) => {
  const quadrant = Math.floor(n / 10);
  const position = n % 10;
  if (quadrant >= 1 && quadrant <= 4) return position >= 1 && position <= 8;
  if (quadrant >= 5 && quadrant <= 8) return position >= 1 && position <= 5;
  return false;
};

export type TeethProblem = { problem: 'notFdi' | 'repeated'; tooth: string } | { problem: 'needed'; tooth?: undefined };

/** The typed teeth (commas, spaces or semicolons between them), and what is wrong with them, if anything. */
export function readTeeth(text: string, required: boolean): { teeth: number[]; problem: TeethProblem | null } {
  const typed = text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const wrong = typed.find((s) => !/^\d{2}$/.test(s) || !isFdiTooth(Number(s)));
  if (wrong) return { teeth: [], problem: { problem: 'notFdi', tooth: wrong } };
  const teeth = typed.map(Number);
  const repeated = teeth.find((n, i) => teeth.indexOf(n) !== i);
  if (repeated !== undefined) return { teeth, problem: { problem: 'repeated', tooth: String(repeated) } };
  if (required && !teeth.length) return { teeth, problem: { problem: 'needed' } };
  return { teeth, problem: null };
}

/** The API's input for a line (surfaces only for items priced by surfaces). */
export function lineInput(item: LineItem, line: LineDraft): BudgetItemInput {
  return {
    catalogItemId: item.id,
    quantity: Number(line.quantity),
    teeth: readTeeth(line.teeth, false).teeth,
    surfaces: needs(item, 'surfaces') && line.surfaces ? Number(line.surfaces) : null,
  };
}

/**
 * One line's messages, keyed by its field (`surfaces`, `teeth`, `quantity`, `catalogItemId`; '' for the line
 * as a whole), from a form's messages keyed by the server's paths: `items.<index>.<field>` and `items.<index>`
 * (createBudget), or `<field>` and `input` when `index` is null (addBudgetItem, whose input is the one line).
 */
export function messagesOfLine(errors: Record<string, string>, index: number | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (index === null) {
    for (const [key, message] of Object.entries(errors)) out[key === 'input' ? '' : key.split('.')[0]] = message;
    return out;
  }
  const prefix = `items.${index}`;
  for (const [key, message] of Object.entries(errors)) {
    if (key === prefix) out[''] = message;
    else if (key.startsWith(`${prefix}.`)) out[key.slice(prefix.length + 1).split('.')[0]] = message;
  }
  return out;
}

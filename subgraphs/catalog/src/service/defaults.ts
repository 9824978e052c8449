import { createHash } from 'node:crypto';
import { cents, DomainError, type EntityManager } from '@dentalpin/core';
import type { PricingStrategy } from '../entities.ts';
import { pricingProblems } from './pricing.ts';

/** Presets used when the clinic's country (settings.country) has none of its own. */
export const FALLBACK_COUNTRY = 'ES';

const NAMESPACE = Buffer.from('3b0d7c52e1a94f0bb6f2c9a4d18e5f70', 'hex');
/**
 * RFC 4122 version-5 id from a name: a clinic's default records get the same ids every time they are
 * created, so a re-install followed by a restore of the backup lines up with them instead of clashing.
 */
export function defaultRecordId(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface ClinicDefaultsResult {
  vatTypes: number;
  categories: number;
  items: number;
}

interface ItemTemplate {
  code: string;
  name: string;
  category_code: string;
  vat_code: string | null;
  pricing_strategy: PricingStrategy;
  price: string;
  surface_prices: { surfaces: number; price: string }[];
  role_prices: { role: string; price: string }[];
  sessions: { label: string; amount: string }[];
  duration_minutes: number | null;
}

/**
 * Gives a clinic the default catalog: VAT types from its country's presets (`catalog_vat_presets`),
 * the template categories and the template items (all three seeded from `data/*.yaml`).
 * Idempotent: what the clinic already has (same code) is left exactly as it is, so running it twice
 * creates nothing new and never undoes a clinic's edits. Returns how many records it created.
 *
 * Call it from anything that learns of a new clinic, inside that work's transaction, e.g.
 * `'clinic.created': (em, event) => ensureClinicDefaults(em, event.clinicId)`.
 */
export async function ensureClinicDefaults(em: EntityManager, clinicId: string): Promise<ClinicDefaultsResult> {
  return em.transactional(async (tx) => {
    const [clinic] = await tx.execute<{ country: string | null }[]>(
      `select upper(settings->>'country') as country from clinics where id = ?`,
      [clinicId],
    );
    if (!clinic) throw new DomainError('NOT_FOUND', `Clinic ${clinicId} was not found.`);
    // Serialises concurrent runs for the same clinic (two events, or an event and the install hook).
    await tx.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`catalog.defaults.${clinicId}`]);

    let presets = await tx.execute<{ code: string; name: string; rate: string; is_default: boolean }[]>(
      `select code, name, rate, is_default from catalog_vat_presets where country = ? order by display_order, code`,
      [clinic.country ?? FALLBACK_COUNTRY],
    );
    if (!presets.length)
      presets = await tx.execute(
        `select code, name, rate, is_default from catalog_vat_presets where country = ? order by display_order, code`,
        [FALLBACK_COUNTRY],
      );
    const [{ n: defaults }] = await tx.execute<{ n: string }[]>(
      `select count(*) as n from catalog_vat_types where clinic_id = ? and is_default`,
      [clinicId],
    );
    let hasDefault = Number(defaults) > 0;
    let vatTypes = 0;
    for (const p of presets) {
      const makeDefault = p.is_default && !hasDefault;
      const inserted = await tx.execute(
        `insert into catalog_vat_types (id, clinic_id, code, name, rate, is_default, is_active)
         values (?, ?, ?, ?, ?, ?, true) on conflict do nothing returning id`,
        [defaultRecordId(`${clinicId}.vat.${p.code}`), clinicId, p.code, p.name, p.rate, makeDefault],
      );
      if (inserted.length) {
        vatTypes++;
        hasDefault ||= makeDefault;
      }
    }

    let categoryCount = 0;
    for (const { code } of await tx.execute<{ code: string }[]>(
      `select code from catalog_category_templates order by display_order, code`,
    )) {
      const inserted = await tx.execute(
        `insert into catalog_categories (id, clinic_id, code, name, description, display_order, is_active)
         select ?, ?, code, name, description, display_order, true
         from catalog_category_templates where code = ? on conflict do nothing returning id`,
        [defaultRecordId(`${clinicId}.category.${code}`), clinicId, code],
      );
      categoryCount += inserted.length;
    }

    const templates = await tx.execute<ItemTemplate[]>(
      `select code, name, category_code, vat_code, pricing_strategy, price, surface_prices, role_prices, sessions,
              duration_minutes
       from catalog_item_templates order by display_order, code`,
    );
    let items = 0;
    for (const t of templates) {
      const state = {
        pricingStrategy: t.pricing_strategy,
        price: cents(String(t.price)),
        surfacePrices: t.surface_prices.map((s) => ({ surfaces: s.surfaces, price: cents(String(s.price)) })),
        rolePrices: t.role_prices.map((r) => ({ role: r.role, price: cents(String(r.price)) })),
        sessions: t.sessions.map((s) => ({ label: s.label, amount: cents(String(s.amount)) })),
      };
      // A broken template is a bug in the seed data: fail loudly rather than give clinics bad prices.
      const problems = pricingProblems(state);
      if (problems.length)
        throw new Error(`catalog item template ${t.code}: ${problems.map((p) => p.message).join(' ')}`);
      const [category] = await tx.execute<{ id: string }[]>(
        `select id from catalog_categories where clinic_id = ? and code = ?`,
        [clinicId, t.category_code],
      );
      const [vat] = await tx.execute<{ id: string }[]>(
        `select id from catalog_vat_types where clinic_id = ?
         order by (code = ?) desc, is_default desc limit 1`,
        [clinicId, t.vat_code ?? ''],
      );
      if (!category || !vat)
        throw new Error(`catalog item template ${t.code}: clinic ${clinicId} lacks its category or any VAT type`);
      const itemId = defaultRecordId(`${clinicId}.item.${t.code}`);
      const inserted = await tx.execute(
        `insert into catalog_items (id, clinic_id, code, name, category_id, vat_type_id, pricing_strategy, price,
                                    duration_minutes, is_active)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, true) on conflict do nothing returning id`,
        [itemId, clinicId, t.code, t.name, category.id, vat.id, t.pricing_strategy, state.price, t.duration_minutes],
      );
      if (!inserted.length) continue;
      items++;
      for (const s of state.surfacePrices)
        await tx.execute(`insert into catalog_item_surface_prices (id, item_id, surfaces, price) values (?, ?, ?, ?)`, [
          defaultRecordId(`${itemId}.surfaces.${s.surfaces}`),
          itemId,
          s.surfaces,
          s.price,
        ]);
      for (const r of state.rolePrices)
        await tx.execute(`insert into catalog_item_role_prices (id, item_id, role, price) values (?, ?, ?, ?)`, [
          defaultRecordId(`${itemId}.role.${r.role}`),
          itemId,
          r.role,
          r.price,
        ]);
      for (const [i, s] of state.sessions.entries())
        await tx.execute(
          `insert into catalog_item_sessions (id, item_id, sequence, label, amount) values (?, ?, ?, ?, ?)`,
          [defaultRecordId(`${itemId}.session.${i + 1}`), itemId, i + 1, s.label, s.amount],
        );
    }
    return { vatTypes, categories: categoryCount, items };
  });
}

/** Every clinic of the instance gets its defaults (the install hook: clinics that existed before the module). */
export async function ensureDefaultsForAllClinics(em: EntityManager): Promise<ClinicDefaultsResult> {
  const total: ClinicDefaultsResult = { vatTypes: 0, categories: 0, items: 0 };
  for (const { id } of await em.execute<{ id: string }[]>(`select id from clinics order by created_at, id`)) {
    const r = await ensureClinicDefaults(em, id);
    total.vatTypes += r.vatTypes;
    total.categories += r.categories;
    total.items += r.items;
  }
  return total;
}

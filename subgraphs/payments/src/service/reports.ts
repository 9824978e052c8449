import { cents, clinicInfo, money, parseInput, sumMoney, type EntityManager } from '@dentalpin/core';
import { summaryInput } from '../inputs.ts';
import type { PaymentMethod } from '../status.ts';

export interface Summary {
  currency: string;
  from: string;
  to: string;
  collected: string;
  refunded: string;
  net: string;
  earned: string;
  paymentCount: number;
  refundCount: number;
  byMethod: { method: PaymentMethod; count: number; collected: string; refunded: string }[];
  byMonth: { month: string; collected: string; refunded: string; earned: string }[];
  byProfessional: { professional: { id: string } | null; earned: string; count: number }[];
}

const exec = <T>(em: EntityManager, sql: string, params: unknown[]) =>
  em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());

/**
 * Collections (by payment day), refunds and earned work (by clinic-local day) between two clinic-local
 * days, summed by the database: one grouped aggregate per axis, never the rows.
 */
export async function summaryOf(em: EntityManager, clinicId: string, raw: unknown): Promise<Summary> {
  const { from, to } = parseInput(summaryInput, raw);
  const { currency, timezone } = await clinicInfo(em, clinicId);
  const byMethodPaid = await exec<{ method: PaymentMethod; count: number; amount: string }>(
    em,
    `select method, count(*)::int as count, sum(amount) as amount from payments
      where clinic_id = ? and payment_date between ? and ? group by method`,
    [clinicId, from, to],
  );
  const byMethodRefunded = await exec<{ method: PaymentMethod; count: number; amount: string }>(
    em,
    `select method, count(*)::int as count, sum(amount) as amount from payment_refunds
      where clinic_id = ? and (refunded_at at time zone ?)::date between ? and ? group by method`,
    [clinicId, timezone, from, to],
  );
  const months = await exec<{ month: string; collected: string; refunded: string; earned: string }>(
    em,
    `select month, sum(collected) as collected, sum(refunded) as refunded, sum(earned) as earned from (
       select to_char(payment_date, 'YYYY-MM') as month, amount as collected, 0 as refunded, 0 as earned
         from payments where clinic_id = ? and payment_date between ? and ?
       union all
       select to_char(refunded_at at time zone ?, 'YYYY-MM'), 0, amount, 0
         from payment_refunds where clinic_id = ? and (refunded_at at time zone ?)::date between ? and ?
       union all
       select to_char(performed_at at time zone ?, 'YYYY-MM'), 0, 0, amount
         from patient_earned_entries where clinic_id = ? and (performed_at at time zone ?)::date between ? and ?
     ) m group by month order by month`,
    [clinicId, from, to, timezone, clinicId, timezone, from, to, timezone, clinicId, timezone, from, to],
  );
  const professionals = await exec<{ professional_id: string | null; earned: string; count: number }>(
    em,
    `select professional_id, sum(amount) as earned, count(*)::int as count from patient_earned_entries
      where clinic_id = ? and (performed_at at time zone ?)::date between ? and ?
      group by professional_id order by sum(amount) desc`,
    [clinicId, timezone, from, to],
  );
  const methods = new Set([...byMethodPaid.map((r) => r.method), ...byMethodRefunded.map((r) => r.method)]);
  const collected = sumMoney(byMethodPaid.map((r) => r.amount));
  const refunded = sumMoney(byMethodRefunded.map((r) => r.amount));
  return {
    currency,
    from,
    to,
    collected: cents(collected),
    refunded: cents(refunded),
    net: cents(collected.minus(refunded)),
    earned: cents(sumMoney(months.map((m) => m.earned))),
    paymentCount: byMethodPaid.reduce((n, r) => n + r.count, 0),
    refundCount: byMethodRefunded.reduce((n, r) => n + r.count, 0),
    byMethod: [...methods].sort().map((method) => {
      const p = byMethodPaid.find((r) => r.method === method);
      const r = byMethodRefunded.find((x) => x.method === method);
      return { method, count: p?.count ?? 0, collected: cents(p?.amount ?? 0), refunded: cents(r?.amount ?? 0) };
    }),
    byMonth: months.map((m) => ({
      month: m.month,
      collected: cents(money(m.collected)),
      refunded: cents(money(m.refunded)),
      earned: cents(money(m.earned)),
    })),
    byProfessional: professionals.map((p) => ({
      professional: p.professional_id ? { id: p.professional_id } : null,
      earned: cents(p.earned),
      count: p.count,
    })),
  };
}

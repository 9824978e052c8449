import { cents, clinicInfo, localDate, money, sumMoney, ZERO, type EntityManager, type Money } from '@dentalpin/core';
import type { EarnedSource, PaymentMethod } from '../status.ts';

/**
 * The account arithmetic, on ONE VAT basis: earned rows are stored VAT included (net × (1 + rate)), the
 * basis payments are taken on, so balance, credit and receivable compare like with like.
 */

export interface PendingCharge {
  earnedEntryId: string;
  treatmentId: string;
  description: string | null;
  performedAt: Date;
  amount: string;
  outstanding: string;
  ageDays: number;
}

export interface LedgerEntry {
  id: string;
  kind: 'earned' | 'payment' | 'refund';
  occurredAt: Date;
  description: string | null;
  amount: string;
  paymentId: string | null;
  method: PaymentMethod | null;
  earnedSource: EarnedSource | null;
  treatmentId: string | null;
  professional: { id: string } | null;
}

export interface Account {
  patientId: string;
  currency: string;
  earned: string;
  paid: string;
  refunded: string;
  balance: string;
  credit: string;
  receivable: string;
  onAccount: string;
  pendingCharges: PendingCharge[];
  ledger: LedgerEntry[];
}

export interface AgingBucket {
  label: string;
  amount: string;
  patientCount: number;
}

export interface Aging {
  currency: string;
  total: string;
  buckets: AgingBucket[];
  patients: {
    patient: { id: string };
    receivable: string;
    oldestDays: number;
    bucket: string;
    byBucket: AgingBucket[];
  }[];
}

interface EarnedRow {
  id: string;
  patient_id: string;
  treatment_id: string;
  description: string | null;
  performed_at: Date;
  amount: string;
}

const BUCKETS = [
  { label: '0-30', max: 30 },
  { label: '31-60', max: 60 },
  { label: '61-90', max: 90 },
  { label: '90+', max: Infinity },
] as const;
export const bucketOf = (days: number) => BUCKETS.find((b) => days <= b.max)!.label;

const daysBetween = (fromDay: string, toDay: string) =>
  Math.round((Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000);

/** Net payments cover earned rows first in, first out; what is left uncovered is pending. */
export function pendingOf(rows: EarnedRow[], netPaid: Money, today: string, timezone: string): PendingCharge[] {
  let cover = netPaid.gt(0) ? netPaid : ZERO;
  const pending: PendingCharge[] = [];
  for (const row of rows) {
    const amount = money(row.amount);
    if (amount.lte(0)) {
      cover = cover.minus(amount); // a negative correction frees cover for later rows
      continue;
    }
    const covered = minMoney(cover, amount);
    cover = cover.minus(covered);
    const outstanding = amount.minus(covered);
    if (outstanding.gt(0))
      pending.push({
        earnedEntryId: row.id,
        treatmentId: row.treatment_id,
        description: row.description,
        performedAt: row.performed_at,
        amount: cents(amount),
        outstanding: cents(outstanding),
        ageDays: Math.max(0, daysBetween(localDate(row.performed_at, timezone), today)),
      });
  }
  return pending;
}

const minMoney = (a: Money, b: Money) => (a.lt(b) ? a : b);

async function rowsOf<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
}

/** One patient's account: totals, pending charges and the whole ledger. */
export async function accountOf(em: EntityManager, clinicId: string, patientId: string): Promise<Account> {
  const clinic = await clinicInfo(em, clinicId);
  const today = localDate(new Date(), clinic.timezone);
  const earnedRows = await rowsOf<EarnedRow & { source: EarnedSource; professional_id: string | null }>(
    em,
    `select id, patient_id, treatment_id, description, performed_at, amount, source, professional_id
       from patient_earned_entries where clinic_id = ? and patient_id = ? order by performed_at, id`,
    [clinicId, patientId],
  );
  const payments = await rowsOf<{
    id: string;
    amount: string;
    refunded_amount: string;
    method: PaymentMethod;
    payment_date: string;
    created_at: Date;
    reference: string | null;
  }>(
    em,
    `select id, amount, refunded_amount, method, to_char(payment_date, 'YYYY-MM-DD') as payment_date, created_at, reference
       from payments where clinic_id = ? and patient_id = ? order by payment_date, created_at`,
    [clinicId, patientId],
  );
  const refunds = await rowsOf<{
    id: string;
    payment_id: string;
    amount: string;
    method: PaymentMethod;
    reason_code: string;
    refunded_at: Date;
  }>(
    em,
    `select id, payment_id, amount, method, reason_code, refunded_at from payment_refunds
      where clinic_id = ? and patient_id = ? order by refunded_at`,
    [clinicId, patientId],
  );
  const [onAccountRow] = await rowsOf<{ on_account: string | null }>(
    em,
    `select sum(a.amount - a.refunded_amount) as on_account from payment_allocations a
       join payments p on p.id = a.payment_id
      where p.clinic_id = ? and p.patient_id = ? and a.target_type = 'on_account'`,
    [clinicId, patientId],
  );
  const earned = sumMoney(earnedRows.map((r) => r.amount));
  const paid = sumMoney(payments.map((p) => p.amount));
  const refunded = sumMoney(refunds.map((r) => r.amount));
  const balance = earned.minus(paid.minus(refunded));
  const ledger: LedgerEntry[] = [
    ...earnedRows.map((r): LedgerEntry => ({
      id: r.id,
      kind: 'earned',
      occurredAt: r.performed_at,
      description: r.description,
      amount: cents(r.amount),
      paymentId: null,
      method: null,
      earnedSource: r.source,
      treatmentId: r.treatment_id,
      professional: r.professional_id ? { id: r.professional_id } : null,
    })),
    ...payments.map((p): LedgerEntry => ({
      id: p.id,
      kind: 'payment',
      // The day it was received, at the moment it was recorded when that was the same day.
      occurredAt:
        localDate(p.created_at, clinic.timezone) === p.payment_date
          ? p.created_at
          : new Date(`${p.payment_date}T12:00:00Z`),
      description: p.reference,
      amount: cents(p.amount),
      paymentId: p.id,
      method: p.method,
      earnedSource: null,
      treatmentId: null,
      professional: null,
    })),
    ...refunds.map((r): LedgerEntry => ({
      id: r.id,
      kind: 'refund',
      occurredAt: r.refunded_at,
      description: r.reason_code.toUpperCase(),
      amount: cents(r.amount),
      paymentId: r.payment_id,
      method: r.method,
      earnedSource: null,
      treatmentId: null,
      professional: null,
    })),
  ].sort((a, b) => new Date(b.occurredAt).getTime() - new Date(a.occurredAt).getTime());
  return {
    patientId,
    currency: clinic.currency,
    earned: cents(earned),
    paid: cents(paid),
    refunded: cents(refunded),
    balance: cents(balance),
    credit: cents(balance.lt(0) ? balance.neg() : ZERO),
    receivable: cents(balance.gt(0) ? balance : ZERO),
    onAccount: cents(onAccountRow?.on_account ?? 0),
    pendingCharges: pendingOf(earnedRows, paid.minus(refunded), today, clinic.timezone),
    ledger,
  };
}

/** Receivables of the whole clinic by age of the unpaid work (FIFO per patient), as of today. */
export async function agingOf(em: EntityManager, clinicId: string): Promise<Aging> {
  const clinic = await clinicInfo(em, clinicId);
  const today = localDate(new Date(), clinic.timezone);
  const earnedRows = await rowsOf<EarnedRow>(
    em,
    `select id, patient_id, treatment_id, description, performed_at, amount
       from patient_earned_entries where clinic_id = ? order by patient_id, performed_at, id`,
    [clinicId],
  );
  const netRows = await rowsOf<{ patient_id: string; net: string }>(
    em,
    `select patient_id, sum(amount - refunded_amount) as net from payments where clinic_id = ? group by patient_id`,
    [clinicId],
  );
  const net = new Map(netRows.map((r) => [r.patient_id, money(r.net)]));
  const byPatient = new Map<string, EarnedRow[]>();
  for (const row of earnedRows) byPatient.set(row.patient_id, [...(byPatient.get(row.patient_id) ?? []), row]);
  const totals = new Map<string, { amount: Money; patients: Set<string> }>(
    BUCKETS.map((b) => [b.label, { amount: ZERO, patients: new Set<string>() }]),
  );
  const patients: Aging['patients'] = [];
  for (const [patientId, rows] of byPatient) {
    const pending = pendingOf(rows, net.get(patientId) ?? ZERO, today, clinic.timezone);
    if (!pending.length) continue;
    const mine = new Map<string, Money>(BUCKETS.map((b) => [b.label, ZERO]));
    for (const charge of pending) {
      const label = bucketOf(charge.ageDays);
      mine.set(label, mine.get(label)!.plus(charge.outstanding));
      totals.get(label)!.amount = totals.get(label)!.amount.plus(charge.outstanding);
    }
    const oldestDays = Math.max(...pending.map((c) => c.ageDays));
    totals.get(bucketOf(oldestDays))!.patients.add(patientId);
    patients.push({
      patient: { id: patientId },
      receivable: cents(sumMoney(pending.map((c) => c.outstanding))),
      oldestDays,
      bucket: bucketOf(oldestDays),
      byBucket: BUCKETS.map((b) => ({
        label: b.label,
        amount: cents(mine.get(b.label)!),
        patientCount: mine.get(b.label)!.gt(0) ? 1 : 0,
      })),
    });
  }
  patients.sort((a, b) => b.oldestDays - a.oldestDays || money(b.receivable).cmp(a.receivable));
  return {
    currency: clinic.currency,
    total: cents(sumMoney(patients.map((p) => p.receivable))),
    buckets: BUCKETS.map((b) => ({
      label: b.label,
      amount: cents(totals.get(b.label)!.amount),
      patientCount: totals.get(b.label)!.patients.size,
    })),
    patients,
  };
}

import { cents, money, sumMoney } from '@dentalpin/core';

/** Summary of a list of durations in minutes; every figure is null when there is no value. */
export interface MinutesStats {
  count: number;
  average: number | null;
  median: number | null;
  p90: number | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Linear interpolation between the closest ranks (PostgreSQL's percentile_cont) of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const index = p * (sorted.length - 1);
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (index - lo);
}

export function minutesStats(values: readonly number[]): MinutesStats {
  const sorted = [...values].sort((a, b) => a - b);
  const nullable = (n: number | null) => (n === null ? null : round2(n));
  return {
    count: sorted.length,
    average: nullable(sorted.length ? sorted.reduce((s, v) => s + v, 0) / sorted.length : null),
    median: nullable(percentile(sorted, 0.5)),
    p90: nullable(percentile(sorted, 0.9)),
  };
}

/** part / whole rounded to 4 decimals (0.1234 = 12.34 %); null when there is no whole. */
export const rate = (part: number, whole: number): number | null =>
  whole ? Math.round((part / whole) * 10_000) / 10_000 : null;

export const minutesBetween = (from: string | Date, to: string | Date) =>
  (new Date(to).getTime() - new Date(from).getTime()) / 60_000;

/** The distinct keys of `rows`, in first-seen order: the groups of a breakdown (rows then by `groupedBy`). */
export const keysOf = <T, K>(rows: readonly T[], key: (row: T) => K): K[] => [...new Set(rows.map(key))];

/**
 * Rows by their metrics (counts or decimal strings, compared exactly), largest first; ties by `key`, the
 * null key (nothing assigned) last. The order never depends on the order the source listed them in.
 */
export function ranked<T>(rows: T[], metrics: ((row: T) => number | string)[], key: (row: T) => string | null): T[] {
  return rows.sort((a, b) => {
    for (const metric of metrics) {
      const byMetric = money(metric(b)).comparedTo(money(metric(a)));
      if (byMetric) return byMetric;
    }
    const [ka, kb] = [key(a), key(b)];
    return ka === kb ? 0 : ka === null ? 1 : kb === null ? -1 : ka.localeCompare(kb);
  });
}

/** How many records grouped rows stand for (each row carries its group's `count`). */
export const countOf = (rows: readonly { count: number }[]): number => rows.reduce((n, r) => n + r.count, 0);

/** The exact sum of an amount over rows, in cents ("120.50"). */
export const sumOf = <T>(rows: readonly T[], amount: (row: T) => string): string => cents(sumMoney(rows.map(amount)));

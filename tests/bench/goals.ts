/**
 * Issue 19's goals, as each bench script measures them. A script calls `recordGoal` for every figure that has
 * a goal; `tests/bench/run.ts` (what `npm run bench` runs) passes `BENCH_GOALS_FILE` to every script it starts
 * and prints all the figures of one run in one table at the end. A script run on its own prints its line only.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export interface Goal {
  /** The item, e.g. "1 day view". */
  item: string;
  /** What was measured, e.g. "all-in-one CPU ms per request (1 worker)". */
  figure: string;
  value: number;
  unit: string;
  /** The goal: at most `max` or at least `min` (one of them). */
  max?: number;
  min?: number;
}

export const goalMet = (g: Goal): boolean =>
  Number.isFinite(g.value) && (g.max === undefined || g.value <= g.max) && (g.min === undefined || g.value >= g.min);

const goalText = (g: Goal) => (g.max !== undefined ? `≤ ${g.max} ${g.unit}` : `≥ ${g.min} ${g.unit}`);

export function recordGoal(goal: Goal): void {
  const file = process.env.BENCH_GOALS_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(goal)}\n`);
  else
    process.stdout.write(
      `goal ${goal.item}: ${goal.figure} ${goal.value.toFixed(2)} ${goal.unit} (${goalText(goal)}) ${goalMet(goal) ? 'met' : 'MISSED'}\n`,
    );
}

export function readGoals(file: string): Goal[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Goal);
}

/** The goals of one run as a Markdown table. */
export function goalsTable(goals: Goal[]): string {
  const value = (g: Goal) => (Math.abs(g.value) >= 100 ? g.value.toFixed(0) : g.value.toFixed(2));
  return [
    '| item | figure | measured | goal | met |',
    '| --- | --- | ---: | ---: | :---: |',
    ...goals.map(
      (g) => `| ${g.item} | ${g.figure} | ${value(g)} ${g.unit} | ${goalText(g)} | ${goalMet(g) ? 'yes' : '**no**'} |`,
    ),
  ].join('\n');
}

/**
 * `npm run bench`: every bench script, one after the other (each its own process and database, so one's load
 * never overlaps another's), then issue 19's goals as measured in this run, in one table.
 *
 *   BENCH_ONLY=gateways,scale npm run bench   # a subset, by script name
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { goalMet, goalsTable, readGoals } from './goals.ts';

/** In order: the side-by-side day view first, while the machine is idlest; the long soak last. */
const SCRIPTS = [
  'gateways',
  'patients-list',
  'events-agenda',
  'reports',
  'distributed',
  'swap',
  'rls',
  'scale',
  'soak',
];

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const dir = mkdtempSync(join(tmpdir(), 'dentalpin-bench-'));
const goalsFile = join(dir, 'goals.jsonl');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const startLoad = load();
const started = performance.now();
const failed: string[] = [];

for (const script of SCRIPTS.filter((s) => !only || only.includes(s))) {
  process.stdout.write(`\n## ${script} (tests/bench/${script}.ts), load ${load()}\n\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, `${script}.ts`)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_GOALS_FILE: goalsFile },
  });
  if (run.status !== 0) failed.push(`${script} (exit ${run.status ?? run.signal})`);
}

const goals = readGoals(goalsFile);
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  [
    '',
    `## Goals of issue 19 in this run`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average ${startLoad} at the ` +
      `start, ${load()} at the end; ${((performance.now() - started) / 60_000).toFixed(1)} minutes.`,
    '',
    goalsTable(goals),
    '',
    `${goals.filter(goalMet).length} of ${goals.length} goals met.` +
      (failed.length ? ` Scripts that failed: ${failed.join(', ')}.` : ''),
    '',
  ].join('\n'),
);
process.exit(failed.length ? 1 : 0);

/**
 * `npm run bench` (soak): the agenda day view (200 appointments, each with patient, professional and cabinet)
 * against `dentalpin serve --workers 1` for `BENCH_SOAK_SECONDS` (default 600), autocannon in its own process
 * (8 connections, loopback), resident memory of the server sampled every second. Prints the peak, the first
 * and the last minute (mean and max), and fails when the peak is over `BENCH_SOAK_MAX_RSS_MB` (default 400)
 * or the last minute's mean is more than `BENCH_SOAK_MAX_GROWTH` (default 1.1) times the first's.
 * `BENCH_SOAK_NODE_OPTIONS` is handed to the server (e.g. to try other V8 heap settings).
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { resolveEnvironment } from '../../core/src/server/environment.ts';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../core/src/db/database.ts';
import { graphqlRequest } from '../../core/src/testing/index.ts';
import type { Spawned } from '../integration/support/processes.ts';
import { load } from './autocannon.ts';
import { DAY, DAY_QUERY, rssMb, seedDayView, startServe } from './day-view.ts';
import { recordGoal } from './goals.ts';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const APPOINTMENTS = Number(process.env.BENCH_APPOINTMENTS ?? 200);
const MAX_RSS_MB = Number(process.env.BENCH_SOAK_MAX_RSS_MB ?? 400);
const MAX_GROWTH = Number(process.env.BENCH_SOAK_MAX_GROWTH ?? 1.1);

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const load3 = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

async function main() {
  const env = await resolveEnvironment();
  const url = withDatabaseName(env.databaseUrl, `dentalpin_bench_${randomBytes(4).toString('hex')}`);
  await ensureDatabaseExists(url);
  const secret = randomBytes(32).toString('hex');
  let server: Spawned | null = null;
  let failed: boolean;
  try {
    const extra: Record<string, string> = { DENTALPIN_LOG: 'warn' };
    if (process.env.BENCH_SOAK_NODE_OPTIONS) extra.NODE_OPTIONS = process.env.BENCH_SOAK_NODE_OPTIONS;
    const serve = await startServe(url, secret, ['--workers', '1'], extra);
    server = serve;
    const token = await seedDayView(serve.url, APPOINTMENTS);
    const check = await graphqlRequest<{ agendaDay: { byStatus: { appointments: unknown[] }[] } }>(
      serve.url,
      DAY_QUERY,
      { d: DAY },
      { token },
    );
    const count = check.data?.agendaDay.byStatus.flatMap((s) => s.appointments).length;
    if (count !== APPOINTMENTS) throw new Error(`the day view has ${count} appointments, expected ${APPOINTMENTS}`);
    const pid = serve.child.pid!;
    const loadAtStart = load3();
    const idle = rssMb(pid);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMb(pid)), 1000);
    const r = await load(
      serve.url,
      { query: DAY_QUERY, variables: { d: DAY } },
      { authorization: `Bearer ${token}` },
      { seconds: SECONDS, connections: CONNECTIONS },
    );
    clearInterval(sampler);
    const window = Math.max(1, Math.min(60, Math.floor(samples.length / 2)));
    const first = samples.slice(0, window);
    const last = samples.slice(-window);
    const peak = Math.max(...samples);
    const growth = mean(last) / mean(first);
    failed = peak > MAX_RSS_MB || growth > MAX_GROWTH || r.errors + r.non2xx > 0;
    recordGoal({
      item: '6 memory',
      figure: `peak RSS over the ${SECONDS}s soak`,
      value: peak,
      unit: 'MB',
      max: MAX_RSS_MB,
    });
    recordGoal({
      item: '6 memory',
      figure: `RSS of the soak's last ${window} s / first ${window} s (flat)`,
      value: growth,
      unit: '×',
      max: MAX_GROWTH,
    });
    process.stdout.write(
      [
        `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average ${loadAtStart} at ` +
          `the start, ${load3()} at the end; \`dentalpin serve --workers 1\`, agenda day view with ${APPOINTMENTS} ` +
          `appointments, ${CONNECTIONS} connections, ${SECONDS}s${process.env.BENCH_SOAK_NODE_OPTIONS ? `, NODE_OPTIONS=${process.env.BENCH_SOAK_NODE_OPTIONS}` : ''}.`,
        '',
        `| requests | req/s | p50 ms | p99 ms | errors | RSS idle MB | first ${window} s mean / max MB | last ${window} s mean / max MB | last / first | peak MB |`,
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        `| ${r.total} | ${(r.total / SECONDS).toFixed(1)} | ${r.p50} | ${r.p99} | ${r.errors + r.non2xx} | ${idle.toFixed(0)} | ` +
          `${mean(first).toFixed(0)} / ${Math.max(...first).toFixed(0)} | ${mean(last).toFixed(0)} / ${Math.max(...last).toFixed(0)} | ` +
          `${growth.toFixed(2)} | ${peak.toFixed(0)} |`,
        '',
        `RSS every 10 s (MB): ${samples
          .filter((_, i) => i % 10 === 9)
          .map((s) => s.toFixed(0))
          .join(' ')}`,
        failed
          ? `FAILED: peak ≤ ${MAX_RSS_MB} MB, last / first ≤ ${MAX_GROWTH} and no errors were expected.`
          : `Within bounds: peak ≤ ${MAX_RSS_MB} MB, last / first ≤ ${MAX_GROWTH}.`,
      ].join('\n') + '\n',
    );
  } finally {
    server?.kill();
    await server?.exited;
    await dropDatabase(url);
    await env.close();
  }
  process.exit(failed ? 1 : 0);
}

await main();

/**
 * `npm run bench`, side by side: the agenda day view (200 appointments, each with patient, professional
 * and cabinet) through
 *  - DentalPin all-in-one (`dentalpin serve`, subgraphs in-process), with `--workers 1` and with the
 *    default workers (one per core);
 *  - DentalPin `serve --gateway-only` calling the agenda and patients subgraphs over HTTP;
 *  - stock `@apollo/gateway` and Hive Gateway (with and without its in-flight deduplication), both from
 *    npm, over HTTP against the same subgraph processes (`dentalpin serve --subgraph core|agenda|patients`,
 *    which accept the caller's bearer token from a router).
 * Every variant's answer is checked identical to the all-in-one's before anything is measured. Rounds are
 * interleaved (variant A, B, C, … then again), autocannon runs in its own process, and CPU time is read
 * from /proc for the gateway process and, separately, for the subgraph processes it called, so the CPU ms
 * per request are printed as `gateway + subgraphs`.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { resolveEnvironment } from '../../core/src/server/environment.ts';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../core/src/db/database.ts';
import { graphqlRequest } from '../../core/src/testing/index.ts';
import { ROOT, freePort, spawnUntil, type Spawned } from '../integration/support/processes.ts';
import { load } from './autocannon.ts';
import { DAY, DAY_QUERY, cpuMs, rssMb, seedDayView, startServe } from './day-view.ts';
import { recordGoal } from './goals.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const APPOINTMENTS = Number(process.env.BENCH_APPOINTMENTS ?? 200);
/** The subgraphs the day view touches, each served alone for the HTTP variants. */
const SUBGRAPHS = ['core', 'agenda', 'patients'];

interface Variant {
  name: string;
  url: string;
  gateway: Spawned;
  /** The subgraph processes it calls over HTTP. */
  behind: Spawned[];
}

interface Tally {
  requests: number;
  seconds: number;
  gatewayCpu: number;
  subgraphCpu: number;
  p50: number[];
  p99: number[];
  errors: number;
  peakRss: number;
}

async function main() {
  process.env.DENTALPIN_LOG ??= 'warn';
  const env = await resolveEnvironment();
  const url = withDatabaseName(env.databaseUrl, `dentalpin_bench_${randomBytes(4).toString('hex')}`);
  await ensureDatabaseExists(url);
  const secret = randomBytes(32).toString('hex');
  const started: Spawned[] = [];
  const quiet = { DENTALPIN_LOG: 'warn' };
  try {
    const allInOne = await startServe(url, secret, ['--workers', '1'], quiet);
    started.push(allInOne);
    const token = await seedDayView(allInOne.url, APPOINTMENTS);

    // The subgraphs served alone, their cross-module reads going to the all-in-one process.
    const subgraphs: Record<string, Spawned & { url: string }> = {};
    for (const name of SUBGRAPHS) {
      subgraphs[name] = await startServe(url, secret, ['--subgraph', name, '--gateway-url', allInOne.url], quiet);
      started.push(subgraphs[name]);
    }
    const services = await Promise.all(
      SUBGRAPHS.map(async (name) => {
        const r = await graphqlRequest<{ _service: { sdl: string } }>(
          subgraphs[name].url,
          '{ _service { sdl } }',
          {},
          { token },
        );
        if (!r.data) throw new Error(`subgraph ${name} gave no SDL: ${JSON.stringify(r.errors)}`);
        return { name, url: subgraphs[name].url, typeDefs: parse(r.data._service.sdl) };
      }),
    );
    const composed = composeServices(services);
    if (composed.errors?.length || !composed.supergraphSdl)
      throw new Error(`composition failed: ${(composed.errors ?? []).map((e) => e.message).join('; ')}`);
    const dir = join(tmpdir(), `dentalpin-bench-${randomBytes(4).toString('hex')}`);
    mkdirSync(dir, { recursive: true });
    const supergraphFile = join(dir, 'supergraph.graphql');
    writeFileSync(supergraphFile, composed.supergraphSdl);

    const stock = async (kind: string) => {
      const port = await freePort();
      const spawned = await spawnUntil(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'tests/bench/stock-gateway.ts'), kind, supergraphFile, String(port)],
        { env: { NODE_ENV: 'production' }, ready: (line) => line.startsWith('gateway ready '), timeoutMs: 300_000 },
      );
      started.push(spawned);
      return { spawned, url: `http://127.0.0.1:${port}/graphql` };
    };
    const apollo = await stock('apollo');
    const hive = await stock('hive');
    const hiveNoDedup = await stock('hive-nodedup');
    const gatewayOnly = await startServe(url, secret, ['--gateway-only', '--workers', '1'], {
      ...quiet,
      DENTALPIN_SUBGRAPH_URLS: `agenda=${subgraphs.agenda.url},patients=${subgraphs.patients.url}`,
    });
    started.push(gatewayOnly);
    // Explicit: the test harness's environment pins DENTALPIN_WORKERS to 1, so "no flag" would bench one worker.
    const allWorkers = await startServe(url, secret, ['--workers', String(cpus().length)], quiet);
    started.push(allWorkers);
    const httpBehind = SUBGRAPHS.map((n) => subgraphs[n]);
    const variants: Variant[] = [
      { name: 'DentalPin all-in-one, 1 worker', url: allInOne.url, gateway: allInOne, behind: [] },
      {
        name: `DentalPin all-in-one, --workers default (${cpus().length})`,
        url: allWorkers.url,
        gateway: allWorkers,
        behind: [],
      },
      {
        name: 'DentalPin `--gateway-only`, agenda + patients over HTTP',
        url: gatewayOnly.url,
        gateway: gatewayOnly,
        behind: [subgraphs.agenda, subgraphs.patients],
      },
      { name: 'stock `@apollo/gateway` over HTTP', url: apollo.url, gateway: apollo.spawned, behind: httpBehind },
      { name: 'Hive Gateway over HTTP (defaults)', url: hive.url, gateway: hive.spawned, behind: httpBehind },
      {
        name: 'Hive Gateway, in-flight deduplication off',
        url: hiveNoDedup.url,
        gateway: hiveNoDedup.spawned,
        behind: httpBehind,
      },
    ];

    // Identical answers, or nothing is measured.
    const reference = JSON.stringify((await graphqlRequest(allInOne.url, DAY_QUERY, { d: DAY }, { token })) as unknown);
    const count = (
      JSON.parse(reference) as { data: { agendaDay: { byStatus: { appointments: unknown[] }[] } } }
    ).data.agendaDay.byStatus.flatMap((s) => s.appointments).length;
    if (count !== APPOINTMENTS) throw new Error(`the day view has ${count} appointments, expected ${APPOINTMENTS}`);
    for (const v of variants) {
      const answer = JSON.stringify((await graphqlRequest(v.url, DAY_QUERY, { d: DAY }, { token })) as unknown);
      if (answer !== reference)
        throw new Error(`${v.name} answered differently:\n${answer.slice(0, 500)}\nvs\n${reference.slice(0, 500)}`);
    }

    const body = { query: DAY_QUERY, variables: { d: DAY } };
    const headers = { authorization: `Bearer ${token}` };
    const tallies = new Map<Variant, Tally>(
      variants.map((v) => [
        v,
        { requests: 0, seconds: 0, gatewayCpu: 0, subgraphCpu: 0, p50: [], p99: [], errors: 0, peakRss: 0 },
      ]),
    );
    // Warm every path (plan caches, JIT, keep-alive) before measuring.
    for (const v of variants) await load(v.url, body, headers, { seconds: 2, connections: CONNECTIONS });
    for (let round = 0; round < ROUNDS; round++)
      for (const v of variants) {
        const t = tallies.get(v)!;
        const g0 = cpuMs(v.gateway.child.pid!);
        const s0 = v.behind.reduce((sum, s) => sum + cpuMs(s.child.pid!), 0);
        let peak = 0;
        const sampler = setInterval(() => (peak = Math.max(peak, rssMb(v.gateway.child.pid!))), 200);
        const r = await load(v.url, body, headers, { seconds: SECONDS, connections: CONNECTIONS });
        clearInterval(sampler);
        t.gatewayCpu += cpuMs(v.gateway.child.pid!) - g0;
        t.subgraphCpu += v.behind.reduce((sum, s) => sum + cpuMs(s.child.pid!), 0) - s0;
        t.requests += r.total;
        t.seconds += SECONDS;
        t.p50.push(r.p50);
        t.p99.push(r.p99);
        t.errors += r.errors + r.non2xx;
        t.peakRss = Math.max(t.peakRss, peak);
      }

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const hiveRps = tallies.get(variants[4])!.requests / tallies.get(variants[4])!.seconds;
    const apolloRps = tallies.get(variants[3])!.requests / tallies.get(variants[3])!.seconds;
    const rows = variants.map((v) => {
      const t = tallies.get(v)!;
      const rps = t.requests / t.seconds;
      const cpu = v.behind.length
        ? `${(t.gatewayCpu / t.requests).toFixed(1)} + ${(t.subgraphCpu / t.requests).toFixed(1)}`
        : (t.gatewayCpu / t.requests).toFixed(1);
      return (
        `| ${v.name} | ${rps.toFixed(1)} | ${(rps / hiveRps).toFixed(2)}× | ${(rps / apolloRps).toFixed(2)}× | ` +
        `${median(t.p50).toFixed(0)} | ${median(t.p99).toFixed(0)} | ${cpu} | ${t.peakRss.toFixed(0)} | ${t.errors} |`
      );
    });
    const report = [
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')}; ${ROUNDS} interleaved rounds of ${SECONDS}s per variant, ${CONNECTIONS} connections; ` +
        `agenda day view with ${APPOINTMENTS} appointments (patient, professional, cabinet); answers identical.`,
      '',
      '| day view | req/s | vs Hive | vs Apollo Gateway | p50 ms | p99 ms | CPU ms/request (gateway + subgraphs) | peak RSS MB (gateway) | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
    ].join('\n');
    process.stdout.write(report + '\n');

    const [oneWorker, defaultWorkers] = [tallies.get(variants[0])!, tallies.get(variants[1])!];
    recordGoal({
      item: '1 day view',
      figure: `all-in-one (default workers) req/s vs Hive Gateway (defaults)`,
      value: defaultWorkers.requests / defaultWorkers.seconds / hiveRps,
      unit: '×',
      min: 1,
    });
    recordGoal({
      item: '1 day view',
      figure: 'all-in-one CPU ms per request (1 worker)',
      value: oneWorker.gatewayCpu / oneWorker.requests,
      unit: 'ms',
      max: 25,
    });
    recordGoal({
      item: '6 memory',
      figure: 'peak RSS under the day-view load (1 worker)',
      value: oneWorker.peakRss,
      unit: 'MB',
      max: 400,
    });
  } finally {
    for (const s of started) s.kill();
    await Promise.all(started.map((s) => s.exited));
    await dropDatabase(url);
    await env.close();
  }
}

await main();
process.exit(0);

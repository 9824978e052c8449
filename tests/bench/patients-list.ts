/**
 * `npm run bench`: a list of 50 patients through the gateway vs. the same query sent straight to the
 * patients subgraph (distributed mode, signed identity), measured in one run. Load comes from
 * autocannon in a separate process so it does not share the servers' event loop; both servers run in this
 * process, so its CPU time during a run is theirs (printed as CPU ms per request).
 * BENCH_ROUNDS (default 1): interleaved rounds (gateway, direct, gateway, …), summed per path.
 * BENCH_PROFILE=<prefix>: writes `<prefix>-gateway.cpuprofile` and `<prefix>-direct.cpuprofile` of the last round.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Platform } from '../../core/src/platform.ts';
import { startGatewayServer, startSubgraphServer } from '../../core/src/server/serve.ts';
import { identityHeaders } from '../../core/src/auth/identity-header.ts';
import { resolveEnvironment } from '../../core/src/server/environment.ts';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../core/src/db/database.ts';
import { graphqlRequest } from '../../core/src/testing/index.ts';
import { load } from './autocannon.ts';
import { processCpu, profiled } from './cpu.ts';
import { recordGoal } from './goals.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const PROFILE = process.env.BENCH_PROFILE;
const QUERY = `{ patients(pageSize: 50) { total items { id fullName phone email dateOfBirth status } } }`;

interface Tally {
  requests: number;
  seconds: number;
  cpuMs: number;
  p50: number[];
  p99: number[];
  errors: number;
}
const tally = (): Tally => ({ requests: 0, seconds: 0, cpuMs: 0, p50: [], p99: [], errors: 0 });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const run = (url: string, headers: Record<string, string>) =>
  load(url, QUERY, headers, { seconds: DURATION, connections: CONNECTIONS });

async function main() {
  process.env.DENTALPIN_LOG ??= 'warn';
  const env = await resolveEnvironment();
  const url = withDatabaseName(env.databaseUrl, `dentalpin_bench_${randomBytes(4).toString('hex')}`);
  await ensureDatabaseExists(url);
  const platform = await Platform.open({ databaseUrl: url, secret: env.secret });
  try {
    await platform.boot();
    const gateway = await startGatewayServer(platform, { port: 0, rootDir: env.rootDir, secret: env.secret });
    const subgraph = await startSubgraphServer(platform, 'patients', { port: 0, secret: env.secret });
    const { payload, clinic } = await platform.auth.setup({
      clinicName: 'Bench',
      adminEmail: 'bench@bench.test',
      adminPassword: 'bench-password-1',
      adminFirstName: 'Bench',
      adminLastName: 'Mark',
    });
    for (let i = 0; i < 50; i++)
      await graphqlRequest(
        gateway.url,
        `mutation($i: CreatePatientInput!) { createPatient(input: $i) { id } }`,
        {
          i: {
            firstName: `Name${i}`,
            lastName: `Surname${i}`,
            phone: `+34 600 000 ${String(i).padStart(3, '0')}`,
            email: `p${i}@bench.test`,
            dateOfBirth: '1980-01-01',
          },
        },
        { token: payload.accessToken },
      );
    const check = await graphqlRequest(gateway.url, QUERY, {}, { token: payload.accessToken });
    if ((check.data as { patients: { items: unknown[] } }).patients.items.length !== 50)
      throw new Error('bench setup failed');
    const identity = (await platform.auth.authenticate(`Bearer ${payload.accessToken}`, clinic.id)).user();

    // Warm both paths (plan cache, parsed documents, JIT) before measuring.
    const paths = [
      { name: 'gateway', headers: { authorization: `Bearer ${payload.accessToken}` }, url: gateway.url, t: tally() },
      { name: 'direct', headers: identityHeaders(env.secret, identity, 'bench'), url: subgraph.url, t: tally() },
    ];
    for (const path of paths) await run(path.url, path.headers);
    for (let round = 0; round < ROUNDS; round++)
      for (const path of paths) {
        const file = PROFILE && round === ROUNDS - 1 ? `${PROFILE}-${path.name}.cpuprofile` : undefined;
        const { result: r, cpuMs } = await profiled(file, () => processCpu(() => run(path.url, path.headers)));
        path.t.requests += r.total;
        path.t.seconds += DURATION;
        path.t.cpuMs += cpuMs;
        path.t.p50.push(r.p50);
        path.t.p99.push(r.p99);
        path.t.errors += r.errors + r.non2xx;
      }
    const [viaGateway, direct] = paths.map((p) => p.t) as [Tally, Tally];
    const rps = (t: Tally) => t.requests / t.seconds;
    const row = (name: string, t: Tally) =>
      `| ${name} | ${rps(t).toFixed(0)} | ${median(t.p50).toFixed(1)} | ${median(t.p99).toFixed(1)} | ${(t.cpuMs / t.requests).toFixed(2)} | ${t.errors} |`;
    const report = [
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(
          ' / ',
        )}; ${ROUNDS} interleaved round(s) of ${DURATION}s per path, ${CONNECTIONS} connections; query: 50 patients.`,
      '',
      '| path | req/s | p50 ms | p99 ms | CPU ms/request | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      row('gateway (all-in-one, in-process subgraphs)', viaGateway),
      row('patients subgraph alone (HTTP, signed identity)', direct),
      '',
      `Gateway / direct: throughput ${(rps(viaGateway) / rps(direct)).toFixed(2)}×, CPU per request ${(viaGateway.cpuMs / viaGateway.requests / (direct.cpuMs / direct.requests)).toFixed(2)}×, p50 latency ${(median(viaGateway.p50) / median(direct.p50)).toFixed(2)}×.`,
    ].join('\n');
    process.stdout.write(report + '\n');
    recordGoal({
      item: '2 patient list',
      figure: '50 patients, gateway / direct throughput',
      value: rps(viaGateway) / rps(direct),
      unit: '×',
      min: 0.9,
    });
    recordGoal({
      item: '2 patient list',
      figure: '50 patients, direct path CPU ms per request',
      value: direct.cpuMs / direct.requests,
      unit: 'ms',
      max: 2,
    });
    await gateway.close();
    await subgraph.close();
  } finally {
    await platform.close();
    await dropDatabase(url);
    await env.close();
  }
}

await main();
process.exit(0);

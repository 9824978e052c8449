/**
 * The agenda day view (BENCH_APPOINTMENTS appointments with patient, professional and cabinet) through the
 * all-in-one gateway in this process, loaded by autocannon from another: prints this process's CPU ms per
 * request and, with BENCH_PROFILE=<file>, writes a `.cpuprofile` of the measured load only (`gateways.ts`
 * compares whole processes; this is for finding where one process spends its time).
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Platform } from '../../core/src/platform.ts';
import { startGatewayServer } from '../../core/src/server/serve.ts';
import { resolveEnvironment } from '../../core/src/server/environment.ts';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../core/src/db/database.ts';
import { load } from './autocannon.ts';
import { processCpu, profiled } from './cpu.ts';
import { DAY, DAY_QUERY, seedDayView } from './day-view.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const APPOINTMENTS = Number(process.env.BENCH_APPOINTMENTS ?? 200);
async function main() {
  process.env.DENTALPIN_LOG ??= 'warn';
  const env = await resolveEnvironment();
  const url = withDatabaseName(env.databaseUrl, `dentalpin_bench_${randomBytes(4).toString('hex')}`);
  await ensureDatabaseExists(url);
  const platform = await Platform.open({ databaseUrl: url, secret: env.secret });
  try {
    await platform.boot();
    const gateway = await startGatewayServer(platform, { port: 0, rootDir: env.rootDir, secret: env.secret });
    const token = await seedDayView(gateway.url, APPOINTMENTS);
    const body = { query: DAY_QUERY, variables: { d: DAY } };
    const headers = { authorization: `Bearer ${token}` };
    await load(gateway.url, body, headers, { seconds: 2, connections: CONNECTIONS });
    let requests = 0;
    let cpuMs = 0;
    const p50: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const file = round === ROUNDS - 1 ? process.env.BENCH_PROFILE : undefined;
      const r = await profiled(file, () =>
        processCpu(() => load(gateway.url, body, headers, { seconds: SECONDS, connections: CONNECTIONS })),
      );
      requests += r.result.total;
      cpuMs += r.cpuMs;
      p50.push(r.result.p50);
      if (r.result.errors + r.result.non2xx) throw new Error('errors under load');
    }
    process.stdout.write(
      `${cpus().length} × ${cpus()[0]?.model}, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')}: day view (${APPOINTMENTS}) ${(requests / (ROUNDS * SECONDS)).toFixed(1)} req/s, ` +
        `p50 ${p50.map((p) => p.toFixed(0)).join('/')} ms, ${(cpuMs / requests).toFixed(2)} CPU ms/request\n`,
    );
    await gateway.close();
  } finally {
    await platform.close();
    await dropDatabase(url);
    await env.close();
  }
}

await main();
process.exit(0);

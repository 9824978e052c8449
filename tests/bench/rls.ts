/**
 * `npm run bench` (issue #20): the cost of row-level security. The agenda day view and the patients list of the
 * demo clinic, through the gateway, measured in the same run with the binding on (statements run as
 * `dentalpin_app` in transactions bound to the clinic, policies evaluated) and off (the same statements as the
 * owner, policies bypassed), alternating rounds so that load drift hits both alike. Figures go to RESULTS.md.
 */
import { randomBytes } from 'node:crypto';
import { Platform } from '../../core/src/platform.ts';
import { startGatewayServer } from '../../core/src/server/serve.ts';
import { resolveEnvironment } from '../../core/src/server/environment.ts';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../core/src/db/database.ts';
import { setBindingForBenchmark } from '../../core/src/db/tenancy.ts';
import { seedDemo, DEMO_PASSWORD } from '../../core/src/demo.ts';
import { graphqlRequest } from '../../core/src/testing/index.ts';
import { load, type LoadResult } from './autocannon.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PATIENTS = `{ patients(pageSize: 50) { total items { id fullName phone email dateOfBirth status } } }`;
const day = (d: string) =>
  `{ agendaDay(date: "${d}") { byStatus { status appointments { id startTime endTime status
     patient { id fullName phone } professional { id fullName } cabinet { id name } } } } }`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  process.env.DENTALPIN_LOG ??= 'warn';
  const env = await resolveEnvironment();
  const url = withDatabaseName(env.databaseUrl, `dentalpin_bench_rls_${randomBytes(4).toString('hex')}`);
  await ensureDatabaseExists(url);
  const platform = await Platform.open({ databaseUrl: url, secret: env.secret });
  try {
    await platform.boot();
    const gateway = await startGatewayServer(platform, { port: 0, rootDir: env.rootDir, secret: env.secret });
    const logins = await seedDemo(platform);
    const admin = logins!.find((l) => l.role === 'admin')!;
    const login = await graphqlRequest<{ login: { accessToken: string } }>(
      gateway.url,
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      { e: admin.email, p: DEMO_PASSWORD },
    );
    const headers = { authorization: `Bearer ${login.data!.login.accessToken}` };
    const { rows } = await platform.db.knex.raw(
      `select to_char((start_time at time zone 'Europe/Madrid')::date, 'YYYY-MM-DD') as d, count(*)::int as n
         from appointments group by 1 order by 2 desc, 1 limit 1`,
    );
    const busiest: { d: string; n: number } = rows[0];
    const cases = [
      { name: `agenda day view (${busiest.n} appointments)`, query: day(busiest.d) },
      { name: 'patients list (50 per page)', query: PATIENTS },
    ];
    for (const c of cases) {
      const check = await graphqlRequest(gateway.url, c.query, {}, { token: login.data!.login.accessToken });
      if (check.errors?.length) throw new Error(`${c.name}: ${JSON.stringify(check.errors)}`);
      await load(gateway.url, c.query, headers, { seconds: 2, connections: CONNECTIONS }); // warm-up
    }
    const results = new Map<string, { on: LoadResult[]; off: LoadResult[] }>();
    for (let round = 0; round < ROUNDS; round++)
      for (const c of cases)
        for (const mode of round % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
          setBindingForBenchmark(mode === 'on');
          const r = await load(gateway.url, c.query, headers, { seconds: SECONDS, connections: CONNECTIONS });
          const entry = results.get(c.name) ?? { on: [], off: [] };
          entry[mode].push(r);
          results.set(c.name, entry);
        }
    setBindingForBenchmark(true);
    const lines = [
      `Row-level security (tests/bench/rls.ts): ${ROUNDS} alternating rounds of ${SECONDS}s, ${CONNECTIONS} connections, medians:`,
      '',
      '| request | RLS | req/s | p50 ms | p99 ms | errors |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
    ];
    const overheads: string[] = [];
    for (const [name, r] of results) {
      for (const mode of ['off', 'on'] as const) {
        const xs = r[mode];
        lines.push(
          `| ${name} | ${mode} | ${median(xs.map((x) => x.rps)).toFixed(1)} | ${median(xs.map((x) => x.p50)).toFixed(1)} | ${median(xs.map((x) => x.p99)).toFixed(1)} | ${xs.reduce((s, x) => s + x.errors + x.non2xx, 0)} |`,
        );
      }
      const on = median(r.on.map((x) => x.rps));
      const off = median(r.off.map((x) => x.rps));
      overheads.push(`${name}: ${(((off - on) / off) * 100).toFixed(1)} % fewer req/s with RLS`);
    }
    console.log([...lines, '', ...overheads].join('\n'));
    await gateway.close();
  } finally {
    await platform.close();
    await dropDatabase(url);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

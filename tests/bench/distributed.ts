/**
 * `npm run bench`, distributed mode: one simple query through the all-in-one process vs. through a
 * `serve --gateway-only` process calling a `serve --subgraph patients` process over HTTP (the same
 * database, real processes as an operator runs them), at 1 connection (the cost of the hop) and at 10.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { resolveEnvironment } from '../../core/src/server/environment.ts';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../core/src/db/database.ts';
import { graphqlRequest } from '../../core/src/testing/index.ts';
import { startServe, type Spawned } from '../integration/support/processes.ts';
import { load, type LoadResult } from './autocannon.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const QUERY = `{ patients(pageSize: 10) { total items { id fullName } } }`;

async function main() {
  process.env.DENTALPIN_LOG ??= 'warn';
  const env = await resolveEnvironment();
  const url = withDatabaseName(env.databaseUrl, `dentalpin_bench_${randomBytes(4).toString('hex')}`);
  await ensureDatabaseExists(url);
  const secret = randomBytes(32).toString('hex');
  const started: Spawned[] = [];
  try {
    const allInOne = await startServe(url, secret, [], { DENTALPIN_LOG: 'warn' });
    started.push(allInOne);
    const subgraph = await startServe(url, secret, ['--subgraph', 'patients'], { DENTALPIN_LOG: 'warn' });
    started.push(subgraph);
    const gatewayOnly = await startServe(url, secret, ['--gateway-only'], {
      DENTALPIN_LOG: 'warn',
      DENTALPIN_SUBGRAPH_URLS: `patients=${subgraph.url}`,
    });
    started.push(gatewayOnly);

    const setup = await graphqlRequest<{ setup: { accessToken: string } }>(
      allInOne.url,
      `mutation($input: SetupInput!) { setup(input: $input) { accessToken } }`,
      {
        input: {
          clinicName: 'Bench',
          adminEmail: 'bench@bench.test',
          adminPassword: 'bench-password-1',
          adminFirstName: 'Bench',
          adminLastName: 'Mark',
          timezone: 'Europe/Madrid',
        },
      },
    );
    const token = setup.data!.setup.accessToken;
    for (let i = 0; i < 10; i++)
      await graphqlRequest(
        allInOne.url,
        `mutation($i: CreatePatientInput!) { createPatient(input: $i) { id } }`,
        { i: { firstName: `Name${i}`, lastName: `Surname${i}` } },
        { token },
      );
    const headers = { authorization: `Bearer ${token}` };
    for (const target of [allInOne, gatewayOnly]) {
      const check = await graphqlRequest<{ patients: { items: unknown[] } }>(target.url, QUERY, {}, { token });
      if (check.data?.patients.items.length !== 10) throw new Error(`bench setup failed: ${JSON.stringify(check)}`);
    }

    const measure = async (connections: number) => {
      const options = { seconds: SECONDS, connections };
      return {
        allInOne: await load(allInOne.url, QUERY, headers, options),
        distributed: await load(gatewayOnly.url, QUERY, headers, options),
      };
    };
    // Warm both paths (plan cache, parsed documents, JIT, keep-alive sockets) before measuring.
    await measure(10);
    const sequential = await measure(1);
    const concurrent = await measure(10);

    const row = (name: string, connections: number, r: LoadResult) =>
      `| ${name} | ${connections} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors + r.non2xx} |`;
    const ratio = (d: LoadResult, a: LoadResult) =>
      `p50 ${(d.p50 / a.p50).toFixed(2)}×, p99 ${(d.p99 / a.p99).toFixed(2)}×, throughput ${(d.rps / a.rps).toFixed(2)}×`;
    const report = [
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${SECONDS}s per run; ` +
        `load average at the end ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' / ')}; query: ${QUERY}`,
      '',
      '| path | connections | req/s | p50 ms | p99 ms | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      row('all-in-one (`serve`)', 1, sequential.allInOne),
      row('gateway-only → patients subgraph process', 1, sequential.distributed),
      row('all-in-one (`serve`)', 10, concurrent.allInOne),
      row('gateway-only → patients subgraph process', 10, concurrent.distributed),
      '',
      `Distributed / all-in-one: 1 connection ${ratio(sequential.distributed, sequential.allInOne)}; ` +
        `10 connections ${ratio(concurrent.distributed, concurrent.allInOne)}.`,
    ].join('\n');
    process.stdout.write(report + '\n');
  } finally {
    for (const s of started) s.kill();
    await Promise.all(started.map((s) => s.exited));
    await dropDatabase(url);
    await env.close();
  }
}

await main();
process.exit(0);

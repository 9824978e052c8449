/**
 * `npm run bench`: a list of 50 patients through the gateway vs. the same query sent straight to the
 * patients subgraph (distributed mode, signed identity), measured in one run. Load comes from
 * autocannon in a separate process so it does not share the servers' event loop.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { Platform } from '../../core/src/platform.ts';
import { startGatewayServer, startSubgraphServer } from '../../core/src/server/serve.ts';
import { identityHeaders } from '../../core/src/auth/identity-header.ts';
import { resolveEnvironment } from '../../core/src/server/environment.ts';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../core/src/db/database.ts';
import { graphqlRequest } from '../../core/src/testing/index.ts';
import { load, type LoadResult } from './autocannon.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const QUERY = `{ patients(pageSize: 50) { total items { id fullName phone email dateOfBirth status } } }`;

type Result = LoadResult;
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
    await run(gateway.url, { authorization: `Bearer ${payload.accessToken}` });
    const viaGateway = await run(gateway.url, { authorization: `Bearer ${payload.accessToken}` });
    const direct = await run(subgraph.url, identityHeaders(env.secret, identity, 'bench'));

    const row = (name: string, r: Result) =>
      `| ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors + r.non2xx} |`;
    const report = [
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${DURATION}s per run, ${CONNECTIONS} connections; query: 50 patients.`,
      '',
      '| path | req/s | p50 ms | p99 ms | errors |',
      '| --- | ---: | ---: | ---: | ---: |',
      row('gateway (all-in-one, in-process subgraphs)', viaGateway),
      row('patients subgraph alone (HTTP, signed identity)', direct),
      '',
      `Gateway / direct: throughput ${(viaGateway.rps / direct.rps).toFixed(2)}×, p50 latency ${(viaGateway.p50 / direct.p50).toFixed(2)}×, p99 latency ${(viaGateway.p99 / direct.p99).toFixed(2)}×.`,
    ].join('\n');
    process.stdout.write(report + '\n');
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

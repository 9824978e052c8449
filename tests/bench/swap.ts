/**
 * `npm run bench` (fourth script): how long a module change takes to reach every server. Three `dentalpin serve`
 * processes share one fresh database; `inventory` is scheduled for install, then applied either by the CLI
 * (`dentalpin modules restart`, a fourth process) or by the `restartModules` mutation on the first server.
 * The clock runs from that command until each server answers `{ inventoryItems { id } }` without errors.
 * Each run starts from a fresh database and fresh servers, so nothing is cached from an earlier run.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { resolveEnvironment } from '../../core/src/server/environment.ts';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../../core/src/db/database.ts';
import { graphqlRequest, TEST_PASSWORD } from '../../core/src/testing/index.ts';
import { runCli, startServe, type ServeProcess } from '../integration/support/serve-process.ts';

const RUNS = Number(process.env.BENCH_SWAP_RUNS ?? 3);
const PROCESSES = 3;
const VIAS = (process.env.BENCH_SWAP_VIA ?? 'cli,api').split(',') as ('cli' | 'api')[];
const INVENTORY_QUERY = `{ inventoryItems { id } }`;

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
};
const fmt = (ms: number) => (ms / 1000).toFixed(2);

/** Resolves with the milliseconds from `since` until `url` answers the inventory query. */
async function servingSince(url: string, token: string, since: number, timeoutMs = 120_000): Promise<number> {
  for (;;) {
    const r = await graphqlRequest(url, INVENTORY_QUERY, {}, { token }).catch(() => null);
    if (r && !r.errors?.length) return performance.now() - since;
    if (performance.now() - since > timeoutMs) throw new Error(`${url} did not serve inventory within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What the servers logged about compositions (one line per composed or loaded supergraph). */
const supergraphLines = (servers: ServeProcess[]) =>
  servers.map((s) => s.log.filter((l) => /supergraph [0-9a-f]{12} (composed|loaded)/.test(l)).length);

async function oneRun(databaseUrl: string, secret: string, via: 'cli' | 'api') {
  const servers: ServeProcess[] = [];
  try {
    // The first server migrates and installs the official modules; the others then start on that database.
    servers.push(await startServe(databaseUrl, secret, { DENTALPIN_LOG: 'info' }));
    servers.push(
      ...(await Promise.all(
        Array.from({ length: PROCESSES - 1 }, () => startServe(databaseUrl, secret, { DENTALPIN_LOG: 'info' })),
      )),
    );
    const setup = await graphqlRequest<{ setup: { accessToken: string } }>(
      servers[0]!.url,
      `mutation($input: SetupInput!) { setup(input: $input) { accessToken } }`,
      {
        input: {
          clinicName: 'Swap Bench',
          adminEmail: 'admin@swap.bench',
          adminPassword: TEST_PASSWORD,
          adminFirstName: 'Swap',
          adminLastName: 'Bench',
        },
      },
    );
    if (setup.errors?.length) throw new Error(`setup failed: ${JSON.stringify(setup.errors)}`);
    const token = setup.data!.setup.accessToken;
    const scheduled = await runCli(databaseUrl, secret, ['modules', 'install', 'inventory']);
    if (scheduled.code !== 0) throw new Error(`modules install failed:\n${scheduled.stderr}`);
    const before = supergraphLines(servers);
    const logged = servers.map((s) => s.log.length);

    const start = performance.now();
    const applied =
      via === 'cli'
        ? runCli(databaseUrl, secret, ['modules', 'restart']).then((r) => {
            if (r.code !== 0) throw new Error(`modules restart failed:\n${r.stdout}\n${r.stderr}`);
            return performance.now() - start;
          })
        : graphqlRequest(servers[0]!.url, `mutation { restartModules { compositionErrors } }`, {}, { token }).then(
            (r) => {
              if (r.errors?.length) throw new Error(`restartModules failed: ${JSON.stringify(r.errors)}`);
              return performance.now() - start;
            },
          );
    const serving = await Promise.all(servers.map((s) => servingSince(s.url, token, start)));
    const commandMs = await applied;
    const after = supergraphLines(servers);
    if (process.env.BENCH_SWAP_LOGS)
      servers.forEach((s, i) => console.error(`--- server ${i + 1}\n${s.log.slice(logged[i]).join('\n')}`));
    return { serving, commandMs, supergraphLines: after.map((n, i) => n - before[i]!) };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function main() {
  const env = await resolveEnvironment();
  const rows: string[] = [];
  const all: Record<string, number[]> = {};
  try {
    for (const via of VIAS)
      for (let run = 1; run <= RUNS; run++) {
        const url = withDatabaseName(env.databaseUrl, `dentalpin_bench_${randomBytes(4).toString('hex')}`);
        await ensureDatabaseExists(url);
        try {
          const load = loadavg()[0]!.toFixed(1);
          const r = await oneRun(url, env.secret, via);
          const last = Math.max(...r.serving);
          (all[via] ??= []).push(last);
          rows.push(
            `| ${via.padEnd(3)} | ${run} | ${load} | ${r.serving.map(fmt).join(' / ')} | ${fmt(last)} | ${fmt(r.commandMs)} | ${fmt(last - r.commandMs)} | ${r.supergraphLines.join(' / ')} |`,
          );
          console.error(rows.at(-1));
        } finally {
          await dropDatabase(url);
        }
      }
  } finally {
    await env.close();
  }
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; load ${load}`);
  console.log('');
  console.log(
    '| via | run | load at start | each process serving (s) | last process (s) | command (s) | last after the command (s) | supergraph log lines |',
  );
  console.log(
    '| --- | --: | ------------: | ------------------------ | ---------------: | ----------: | -------------------------: | -------------------- |',
  );
  for (const row of rows) console.log(row);
  console.log('');
  for (const [via, xs] of Object.entries(all))
    console.log(`${via}: median time to the last process serving ${fmt(median(xs))} s over ${xs.length} runs`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

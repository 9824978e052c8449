import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { config } from '../config.ts';
import { logger } from '../logger.ts';
import { Platform } from '../platform.ts';
import { resolveEnvironment } from '../server/environment.ts';
import { startGatewayServer, startSubgraphServer, urlHost } from '../server/serve.ts';
import { exitOnTerminationSignals } from '../server/shutdown.ts';
import { seedDemo } from '../demo.ts';
import { stopTracing } from '../observability/tracing.ts';
import {
  isClusterWorker,
  reportWorkerOutdated,
  reportWorkerReady,
  runPrimary,
  workerCount,
} from '../server/cluster.ts';
import cluster from 'node:cluster';
import { setFlagsFromString } from 'node:v8';

export interface ServeOptions {
  demo?: boolean;
  /** Default: PORT, else 4000. */
  port?: number;
  /** Default: HOST, else 127.0.0.1 (a container sets 0.0.0.0). */
  host?: string;
  subgraph?: string;
  gatewayOnly?: boolean;
  /** With `subgraph`: where its cross-module queries go. */
  gatewayUrl?: string;
  /** With `subgraph`: apply the core's and the module's pending migrations (otherwise they must be applied). */
  migrate?: boolean;
  /** Processes sharing the port (node:cluster), each a full gateway. Default: DENTALPIN_WORKERS, else the cores. */
  workers?: number;
}

export async function serve(options: ServeOptions): Promise<void> {
  const settings = config();
  const port = options.port ?? settings.port;
  const host = options.host ?? settings.host;
  const workers = workerCount(options.workers, settings.workers);
  // Read by V8 at each full collection, so it applies from here on: without it a busy process's heap grows to
  // several times its live data (each request's garbage outlives the young generation) before it is collected.
  if (settings.heapGrowthPercent > 0) setFlagsFromString(`--heap-growing-percent=${settings.heapGrowthPercent}`);
  if (workers > 1 && cluster.isPrimary) return servePrimary(workers, settings.shutdownTimeoutMs);
  const env = await resolveEnvironment();
  const remote = options.gatewayOnly ? settings.distributed.subgraphUrls : {};
  // Distributed mode: a subgraph process runs its module's jobs and event handlers alone; a gateway-only
  // process those of every module it serves in-process (the relay's fan-out runs everywhere).
  const subgraph = options.subgraph;
  const platform = await Platform.open({
    databaseUrl: env.databaseUrl,
    databaseSessionUrl: env.databaseSessionUrl,
    secret: env.secret,
    rootDir: env.rootDir,
    runsModule: subgraph ? (name) => name === subgraph : (name) => !remote[name],
    migrate: !subgraph || !!options.migrate,
  });
  if (isClusterWorker()) platform.on('outdated', reportWorkerOutdated);
  if (subgraph) await platform.bootSubgraph(subgraph, !!options.migrate);
  else
    for (const o of await platform.boot())
      logger.info(`module ${o.module}: ${o.operation} ${o.status}${o.error ? ` (${o.error})` : ''}`);

  let server: Awaited<ReturnType<typeof startSubgraphServer>> | Awaited<ReturnType<typeof startGatewayServer>>;
  if (subgraph) {
    server = await startSubgraphServer(platform, subgraph, {
      port,
      host,
      secret: env.secret,
      gatewayUrl: options.gatewayUrl ?? settings.distributed.gatewayUrl,
    });
    await platform.watchModuleChanges();
    logger.info(`subgraph ${subgraph} listening on ${server.url}`);
    announce(`DentalPin subgraph ${subgraph} is running: ${server.url}`, server.url, server.port);
  } else {
    server = await startGatewayServer(platform, {
      port,
      host,
      rootDir: env.rootDir,
      secret: env.secret,
      remoteSubgraphs: remote,
      // Another build of the web app (the browser tests build one that includes test fixture layers).
      webDir: settings.webDir,
    });
    await platform.watchModuleChanges();
    if (options.demo || (env.embedded?.fresh && !(await platform.auth.isInitialized()))) {
      const logins = await seedDemo(platform);
      if (logins) {
        process.stdout.write('\nDemo clinic ready. Log in with:\n');
        for (const l of logins) process.stdout.write(`  ${l.role.padEnd(13)} ${l.email}  /  ${l.password}\n`);
      }
    }
    const webDir = settings.webDir ?? join(env.rootDir, 'web', 'dist');
    if (!existsSync(webDir))
      logger.warn(`the web app is not built (${webDir} is missing): run \`npm run build:web\`, then reload the page`);
    announce(
      `DentalPin is running: ${server.url} (web app at http://${urlHost(host)}:${server.port}/)`,
      server.url,
      server.port,
    );
  }
  const http = server;
  // HTTP drains while jobs and the relay finish their current unit; the gateway they call stops after
  // both, then the pools.
  exitOnTerminationSignals(
    [
      [
        {
          name: 'HTTP server',
          run: () => http.drain(),
          describe: async () => `${await http.openConnections()} connection(s) open`,
        },
        { name: 'job runner and event relay', run: () => platform.stopBackgroundWork() },
      ],
      [{ name: 'gateway', run: () => http.close() }],
      [{ name: 'database pools', run: () => platform.close() }],
      [{ name: 'embedded PostgreSQL', run: () => env.close() }],
      [{ name: 'trace export', run: () => stopTracing() }],
    ],
    settings.shutdownTimeoutMs,
  );
}

/** The "is running" line: printed by a process serving alone, by the primary for a cluster's workers. */
function announce(line: string, url: string, port: number): void {
  if (isClusterWorker()) reportWorkerReady({ line, url, port });
  else process.stdout.write(`\n${line}\n`);
}

/**
 * The primary of `serve --workers N`: resolves the database (an embedded PostgreSQL is started here, once,
 * and handed to the workers) and the secret, then supervises the workers (core/src/server/cluster.ts).
 */
async function servePrimary(workers: number, shutdownTimeoutMs: number): Promise<void> {
  const env = await resolveEnvironment();
  const ready = await runPrimary({
    count: workers,
    env: {
      DATABASE_URL: env.databaseUrl,
      ...(env.databaseSessionUrl ? { DATABASE_SESSION_URL: env.databaseSessionUrl } : {}),
      DENTALPIN_SECRET: env.secret,
    },
    shutdownTimeoutMs,
    onExit: async (code) => {
      await env.close();
      process.exit(code);
    },
  });
  process.stdout.write(`\n${ready.line} (${workers} workers)\n`);
}

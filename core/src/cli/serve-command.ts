import { config } from '../config.ts';
import { logger } from '../logger.ts';
import { Platform } from '../platform.ts';
import { resolveEnvironment } from '../server/environment.ts';
import { startGatewayServer, startSubgraphServer, urlHost } from '../server/serve.ts';
import { exitOnTerminationSignals } from '../server/shutdown.ts';
import { seedDemo } from '../demo.ts';
import { stopTracing } from '../observability/tracing.ts';

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
}

export async function serve(options: ServeOptions): Promise<void> {
  const settings = config();
  const port = options.port ?? settings.port;
  const host = options.host ?? settings.host;
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
    process.stdout.write(`\nDentalPin subgraph ${subgraph} is running: ${server.url}\n`);
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
    process.stdout.write(
      `\nDentalPin is running: ${server.url} (web app at http://${urlHost(host)}:${server.port}/)\n`,
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

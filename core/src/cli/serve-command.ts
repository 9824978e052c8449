import { logger } from '../logger.ts';
import { Platform } from '../platform.ts';
import { resolveEnvironment } from '../server/environment.ts';
import { startGatewayServer, startSubgraphServer } from '../server/serve.ts';
import { seedDemo } from '../demo.ts';

export interface ServeOptions {
  demo?: boolean;
  port: number;
  subgraph?: string;
  gatewayOnly?: boolean;
  /** With `subgraph`: where its cross-module queries go. */
  gatewayUrl?: string;
}

/** `DENTALPIN_SUBGRAPH_URLS=patients=http://127.0.0.1:4101/graphql,agenda=…` */
function remoteSubgraphUrls(): Record<string, string> {
  return Object.fromEntries(
    (process.env.DENTALPIN_SUBGRAPH_URLS ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
}

export async function serve(options: ServeOptions): Promise<void> {
  const env = await resolveEnvironment();
  const platform = await Platform.open({ databaseUrl: env.databaseUrl, secret: env.secret, rootDir: env.rootDir });
  const processed = await platform.boot();
  for (const o of processed)
    logger.info(`module ${o.module}: ${o.operation} ${o.status}${o.error ? ` (${o.error})` : ''}`);

  let close: () => Promise<void>;
  if (options.subgraph) {
    const server = await startSubgraphServer(platform, options.subgraph, {
      port: options.port,
      secret: env.secret,
      gatewayUrl: options.gatewayUrl ?? process.env.DENTALPIN_GATEWAY_URL,
    });
    logger.info(`subgraph ${options.subgraph} listening on ${server.url}`);
    close = server.close;
  } else {
    const remote = options.gatewayOnly ? remoteSubgraphUrls() : {};
    const server = await startGatewayServer(platform, {
      port: options.port,
      rootDir: env.rootDir,
      secret: env.secret,
      remoteSubgraphs: remote,
      // Another build of the web app (the browser tests build one that includes test fixture layers).
      webDir: process.env.DENTALPIN_WEB_DIR || undefined,
    });
    await platform.watchModuleChanges();
    if (options.demo || (env.embedded?.fresh && !(await platform.auth.isInitialized()))) {
      const logins = await seedDemo(platform);
      if (logins) {
        process.stdout.write('\nDemo clinic ready. Log in with:\n');
        for (const l of logins) process.stdout.write(`  ${l.role.padEnd(13)} ${l.email}  /  ${l.password}\n`);
      }
    }
    process.stdout.write(`\nDentalPin is running: ${server.url} (web app at http://127.0.0.1:${server.port}/)\n`);
    close = server.close;
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down');
    await close().catch(() => undefined);
    await platform.close().catch(() => undefined);
    await env.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * A whole platform (booted modules, relay, gateway on a loopback port) for the events crash test, run in
 * a child process so the test can SIGKILL it. Prints `READY <url>` once it serves. The delivery lease
 * is short (`CRASH_LEASE_SECONDS`) so that deliveries a killed process had claimed come back quickly.
 */
import { Platform } from '../../../core/src/platform.ts';
import { startGatewayServer } from '../../../core/src/server/serve.ts';
import { findRootDir } from '../../../core/src/config.ts';

const databaseUrl = process.env.CRASH_DATABASE_URL;
const secret = process.env.CRASH_SECRET;
if (!databaseUrl || !secret) throw new Error('CRASH_DATABASE_URL and CRASH_SECRET are required');

const platform = await Platform.open({
  databaseUrl,
  secret,
  events: { pollMs: 200, backoffMs: 50, leaseSeconds: Number(process.env.CRASH_LEASE_SECONDS ?? 2) },
});
await platform.boot();
const server = await startGatewayServer(platform, { port: 0, rootDir: findRootDir(), secret });
process.stdout.write(`READY ${server.url}\n`);
process.on('SIGTERM', () => {
  void server
    .close()
    .then(() => platform.close())
    .finally(() => process.exit(0));
});

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findRootDir } from '../../../core/src/config.ts';

/** `dentalpin serve` and the CLI as an operator runs them: the bin, in their own processes. */
const root = findRootDir();
const BIN = join(root, 'core/bin/dentalpin.js');

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Log lines so far (the logger writes to stderr). */
  log: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

const processEnv = (databaseUrl: string, secret: string, env: Record<string, string>): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'production',
  DATABASE_URL: databaseUrl,
  DENTALPIN_SECRET: secret,
  DENTALPIN_LOG: 'info',
  DENTALPIN_JOBS: 'off',
  ...env,
});

/** Starts `dentalpin serve` on a free loopback port and resolves once it says it is running. */
export async function startServe(
  databaseUrl: string,
  secret: string,
  env: Record<string, string> = {},
  timeoutMs = 150_000,
): Promise<ServeProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
    cwd: root,
    env: processEnv(databaseUrl, secret, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => log.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`dentalpin serve did not start within ${timeoutMs} ms`)),
      timeoutMs,
    );
    void exited.then(({ code }) => reject(new Error(`dentalpin serve exited (${code}):\n${log.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('DentalPin is running')) return;
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    log,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs one `dentalpin …` command to its end. */
export function runCli(
  databaseUrl: string,
  secret: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: root,
    env: processEnv(databaseUrl, secret, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findRootDir } from '../../../core/src/config.ts';

/** Real processes for tests: `dentalpin` commands and other programs, each on a loopback port. */

export const ROOT = findRootDir();
export const DENTALPIN_BIN = join(ROOT, 'core/bin/dentalpin.js');

export interface Spawned {
  child: ChildProcess;
  /** Every line written so far (stdout and stderr). */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL (no drain) when still running. */
  kill(): void;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

/** Starts `command` and resolves once `ready(line)` holds for a line of its output; rejects if it exits first. */
export async function spawnUntil(
  command: string,
  args: string[],
  options: { env: Record<string, string>; ready: (line: string) => boolean; timeoutMs?: number; cwd?: string },
): Promise<Spawned> {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const spawned: Spawned = {
    child,
    output,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  await new Promise<void>((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 150_000;
    const timer = setTimeout(() => {
      spawned.kill();
      reject(new Error(`${command} ${args.join(' ')} was not ready within ${timeoutMs} ms:\n${output.join('\n')}`));
    }, timeoutMs);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited (${code}):\n${output.join('\n')}`));
    });
    for (const stream of [child.stdout!, child.stderr!])
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (!options.ready(line)) return;
        clearTimeout(timer);
        resolve();
      });
  });
  return spawned;
}

/** Runs `command` to its end: its exit code and every line it wrote. */
export async function runToEnd(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string[] }> {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!])
    createInterface({ input: stream }).on('line', (line) => output.push(line));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, output };
}

/** `dentalpin <args>` (the bin, as an operator runs it) in production mode on `databaseUrl`. */
export function dentalpinEnv(databaseUrl: string, secret: string, env: Record<string, string> = {}) {
  // One process unless a test asks for workers (`serve --workers`, DENTALPIN_WORKERS).
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DENTALPIN_SECRET: secret,
    DENTALPIN_LOG: 'info',
    DENTALPIN_WORKERS: '1',
    ...env,
  };
}

/** `dentalpin serve <args>` on a free port, resolved once it says it is running. */
export async function startServe(
  databaseUrl: string,
  secret: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Spawned & { port: number; url: string }> {
  const port = await freePort();
  const served = await spawnUntil(process.execPath, [DENTALPIN_BIN, 'serve', '--port', String(port), ...args], {
    env: dentalpinEnv(databaseUrl, secret, env),
    ready: (line) => /^DentalPin (subgraph \S+ )?is running/.test(line),
  });
  return { ...served, port, url: `http://127.0.0.1:${port}/graphql` };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findRootDir } from '../../../core/src/config.ts';

/** `dentalpin serve` as an operator runs it: the bin, NODE_ENV=production, its own port. */
const root = findRootDir();
export const BIN = join(root, 'core/bin/dentalpin.js');

export interface Served {
  child: ChildProcess;
  port: number;
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

/** Starts `dentalpin serve` on a free port and resolves once it prints that it is running. */
export async function startServe(
  databaseUrl: string,
  secret: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), ...args], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DENTALPIN_SECRET: secret,
      DENTALPIN_LOG: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('dentalpin serve did not start within 150 s')), 150_000);
    void exited.then(({ code }) => reject(new Error(`dentalpin serve exited (${code}):\n${stderr.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('DentalPin is running')) return;
      clearTimeout(timer);
      resolve();
    });
  });
  return { child, port, stderr, exited };
}

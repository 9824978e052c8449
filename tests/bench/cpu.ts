import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * CPU milliseconds (user + system) this process spends while `fn` runs: for benches whose servers run in the
 * bench's own process while the load comes from another (autocannon), so the figure is the servers' alone.
 */
export async function processCpu<T>(fn: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
  const start = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(start);
  return { result, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * Runs `fn` under the V8 sampling profiler and writes a `.cpuprofile` (Chrome DevTools, speedscope) to `file`;
 * unlike `node --cpu-prof`, the profile holds only the measured load, not the setup before it.
 */
export async function profiled<T>(file: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!file) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

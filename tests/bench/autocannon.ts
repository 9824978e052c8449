import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findRootDir } from '../../core/src/config.ts';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Requests completed in the run. */
  total: number;
}

/**
 * POSTs one GraphQL `query` (a document, or a document with variables) to `url` for `seconds` from `connections` connections, with autocannon in a
 * separate process so the load does not share the servers' event loop.
 */
export async function load(
  url: string,
  query: string | { query: string; variables?: Record<string, unknown> },
  headers: Record<string, string>,
  { seconds, connections }: { seconds: number; connections: number },
): Promise<LoadResult> {
  const bin = join(findRootDir(), 'node_modules/.bin/autocannon');
  const args = [
    '-j',
    '-d',
    String(seconds),
    '-c',
    String(connections),
    '-m',
    'POST',
    '-b',
    JSON.stringify(typeof query === 'string' ? { query } : query),
  ];
  for (const [k, v] of Object.entries({ 'content-type': 'application/json', ...headers })) args.push('-H', `${k}=${v}`);
  const { stdout } = await promisify(execFile)(bin, [...args, url], { maxBuffer: 10 * 1024 * 1024 });
  const r = JSON.parse(stdout);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
}

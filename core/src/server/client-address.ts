import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { config } from '../config.ts';

/**
 * `DENTALPIN_TRUST_PROXY`: which proxies may tell the client's address in `X-Forwarded-For`, as
 * Express's "trust proxy" setting: `true`, a hop count (`1`), or addresses/subnets/`loopback`
 * (comma list). Unset: no proxy is trusted and the client is the socket's peer, so nobody can pick
 * the address their login attempts are counted under.
 */
export function trustProxySetting(): boolean | number | string {
  const raw = config().auth.trustProxy?.trim();
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** The client's address as the gateway's Express app sees it (honouring the trust-proxy setting). */
export const clientAddress = (req: IncomingMessage): string | null =>
  (req as Partial<Request>).ip ?? req.socket.remoteAddress ?? null;

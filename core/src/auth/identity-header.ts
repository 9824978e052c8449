import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Identity } from '../graphql/context.ts';

/**
 * In distributed mode the gateway tells a subgraph who is calling with a signed header; a
 * subgraph refuses any request whose signature or timestamp does not check out.
 */
export const IDENTITY_HEADER = 'x-dentalpin-identity';
export const SIGNATURE_HEADER = 'x-dentalpin-signature';
const MAX_SKEW_MS = 5 * 60_000;

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/** The signed caller, and the request id in the clear too, so the other process logs under the same id. */
export function identityHeaders(secret: string, identity: Identity | null, requestId: string, now = Date.now()) {
  const payload = Buffer.from(JSON.stringify({ identity, requestId, ts: now })).toString('base64url');
  return { [IDENTITY_HEADER]: payload, [SIGNATURE_HEADER]: sign(secret, payload), 'x-request-id': requestId };
}

export function verifyIdentityHeaders(
  secret: string,
  payload: string | undefined,
  signature: string | undefined,
  now = Date.now(),
): { identity: Identity | null; requestId: string } | null {
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
    identity: Identity | null;
    requestId: string;
    ts: number;
  };
  if (Math.abs(now - decoded.ts) > MAX_SKEW_MS) return null;
  return { identity: decoded.identity, requestId: decoded.requestId };
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@dentalpin/core';

/** Signs with the platform secret; set when the gateway mounts this module's HTTP routes. */
let signer: ((value: string) => string) | null = null;
export const useLinkSigner = (sign: (value: string) => string) => {
  signer = sign;
};

/** How long a download link works: long enough to click, short enough not to be shared. */
export const LINK_SECONDS = 120;

export interface ExportLinkParams {
  clinic: string;
  user: string;
  from: string;
  to: string;
  locale: string;
  expires: string;
}

const FIELDS = ['clinic', 'user', 'from', 'to', 'locale', 'expires'] as const;
const text = (p: ExportLinkParams) => `accounting-export.${FIELDS.map((f) => p[f]).join('.')}`;

/**
 * A short-lived link a browser downloads the ZIP from without a token (a download cannot send one): the
 * range, the format, the user and clinic it was issued to, signed with the platform secret.
 */
export function exportLink(p: Omit<ExportLinkParams, 'expires'>, now = Date.now()): { url: string; expiresAt: Date } {
  if (!signer)
    throw new DomainError(
      'SERVICE_UNAVAILABLE',
      'Export links are signed by the gateway process, which has not mounted the export route yet; retry shortly.',
      { retryable: true },
    );
  const expires = Math.floor(now / 1000) + LINK_SECONDS;
  const params = { ...p, expires: String(expires) };
  const query = new URLSearchParams({ ...params, signature: signer(text(params)) });
  return { url: `/accounting-export/export.zip?${query}`, expiresAt: new Date(expires * 1000) };
}

/** The link's parameters when this platform signed them and they have not expired; null otherwise. */
export function validLink(query: Record<string, unknown>, now = Date.now()): ExportLinkParams | null {
  if (!signer || typeof query.signature !== 'string') return null;
  if (FIELDS.some((f) => typeof query[f] !== 'string')) return null;
  const p = Object.fromEntries(FIELDS.map((f) => [f, query[f] as string])) as unknown as ExportLinkParams;
  if (!/^\d+$/.test(p.expires) || Number(p.expires) * 1000 < now) return null;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(signer(text(p))), digest(query.signature)) ? p : null;
}

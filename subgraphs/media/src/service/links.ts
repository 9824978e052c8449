import { timingSafeEqual } from 'node:crypto';
import { config, DomainError } from '@dentalpin/core';
import type { Document } from '../entities.ts';

/** Signs with the platform secret; set when the gateway mounts this module's HTTP routes. */
let signer: ((value: string) => string) | null = null;

export const useLinkSigner = (sign: (value: string) => string) => {
  signer = sign;
};

const signed = (id: string, clinicId: string, expires: number) => `${id}.${clinicId}.${expires}`;

/**
 * A link to the document's content that works without a token (an <img> or a new tab cannot send one)
 * for DENTALPIN_MEDIA_LINK_SECONDS: it names the document and its clinic, signed with the platform secret.
 */
export function contentLink(document: Document, now = Date.now()): string {
  if (!signer)
    throw new DomainError(
      'SERVICE_UNAVAILABLE',
      'Download links are signed by the gateway process, which has not mounted the media routes; retry shortly.',
      { retryable: true },
    );
  const expires = Math.floor(now / 1000) + config().media.linkSeconds;
  const signature = signer(signed(document.id, document.clinicId, expires));
  const query = new URLSearchParams({ clinic: document.clinicId, expires: String(expires), signature });
  return `/media/documents/${document.id}/content?${query}`;
}

/** Whether a link's parameters were signed by this platform for that document and have not expired. */
export function linkIsValid(
  id: string,
  link: { clinic?: unknown; expires?: unknown; signature?: unknown },
  now = Date.now(),
): link is { clinic: string; expires: string; signature: string } {
  if (!signer || typeof link.clinic !== 'string' || typeof link.signature !== 'string') return false;
  const expires = Number(link.expires);
  if (!Number.isInteger(expires) || expires * 1000 < now) return false;
  const expected = Buffer.from(signer(signed(id, link.clinic, expires)));
  const given = Buffer.from(link.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

import { timingSafeEqual } from 'node:crypto';
import { config, DomainError } from '@dentalpin/core';
import type { Document } from '../entities.ts';

/** Signs with the platform secret; set when the gateway mounts this module's HTTP routes. */
let signer: ((value: string) => string) | null = null;

export const useLinkSigner = (sign: (value: string) => string) => {
  signer = sign;
};

type Purpose = 'content' | 'thumbnail' | 'upload';
const signedText = (purpose: Purpose, subject: string, clinicId: string, expires: number) =>
  `${purpose}.${subject}.${clinicId}.${expires}`;

/**
 * Query parameters that let a browser reach a media route without a token (an <img>, a new tab or a
 * form upload cannot send one) for DENTALPIN_MEDIA_LINK_SECONDS: purpose, subject (a document or the
 * uploading user) and clinic, signed with the platform secret.
 */
function signedParams(purpose: Purpose, subject: string, clinicId: string, now: number): URLSearchParams {
  if (!signer)
    throw new DomainError(
      'SERVICE_UNAVAILABLE',
      'Media links are signed by the gateway process, which has not mounted the media routes; retry shortly.',
      { retryable: true },
    );
  const expires = Math.floor(now / 1000) + config().media.linkSeconds;
  const signature = signer(signedText(purpose, subject, clinicId, expires));
  return new URLSearchParams({ clinic: clinicId, expires: String(expires), signature });
}

/** A short-lived link to a document's content. */
export const contentLink = (document: Document, now = Date.now()) =>
  `/media/documents/${document.id}/content?${signedParams('content', document.id, document.clinicId, now)}`;

/** A short-lived link to an image's preview; null when the document has none. */
export const thumbnailLink = (document: Document, now = Date.now()) =>
  document.thumbnailKey
    ? `/media/documents/${document.id}/thumbnail?${signedParams('thumbnail', document.id, document.clinicId, now)}`
    : null;

/** A short-lived link a browser posts one upload to, as `userId` of `clinicId`. */
export function uploadLink(userId: string, clinicId: string, now = Date.now()): string {
  const params = signedParams('upload', userId, clinicId, now);
  params.set('user', userId);
  return `/media/documents?${params}`;
}

/** Whether a link's parameters were signed by this platform for that purpose and subject and have not expired. */
export function linkIsValid(
  purpose: Purpose,
  subject: unknown,
  link: { clinic?: unknown; expires?: unknown; signature?: unknown },
  now = Date.now(),
): link is { clinic: string; expires: string; signature: string } {
  if (!signer || typeof subject !== 'string' || typeof link.clinic !== 'string' || typeof link.signature !== 'string')
    return false;
  const expires = Number(link.expires);
  if (!Number.isInteger(expires) || expires * 1000 < now) return false;
  const expected = Buffer.from(signer(signedText(purpose, subject, link.clinic, expires)));
  const given = Buffer.from(link.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

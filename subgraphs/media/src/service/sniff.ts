import type { MediaKind } from '../status.ts';

/** A content type the media module accepts, recognised by its first bytes. */
export interface SniffedType {
  mimeType: string;
  extension: string;
  kind: MediaKind;
}

const ascii = (bytes: Buffer, at: number, text: string) =>
  bytes.length >= at + text.length && bytes.toString('latin1', at, at + text.length) === text;

/** How many leading bytes `sniff` needs to decide. */
export const SNIFF_BYTES = 12;

/** ISO-BMFF brands of HEIC/HEIF still images (the `ftyp` box at byte 4). */
const HEIF_BRANDS: Record<string, string> = {
  heic: 'image/heic',
  heix: 'image/heic',
  hevc: 'image/heic',
  mif1: 'image/heif',
  msf1: 'image/heif',
  heif: 'image/heif',
};

/**
 * The type of a file from its magic bytes: PDF, JPEG, PNG, GIF, WebP, HEIC/HEIF. Null for anything else,
 * whatever name or Content-Type the client gave it (a renamed executable is refused).
 */
export function sniff(head: Buffer): SniffedType | null {
  if (ascii(head, 0, '%PDF-')) return { mimeType: 'application/pdf', extension: 'pdf', kind: 'document' };
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { mimeType: 'image/jpeg', extension: 'jpg', kind: 'image' };
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { mimeType: 'image/png', extension: 'png', kind: 'image' };
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a'))
    return { mimeType: 'image/gif', extension: 'gif', kind: 'image' };
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP'))
    return { mimeType: 'image/webp', extension: 'webp', kind: 'image' };
  if (ascii(head, 4, 'ftyp')) {
    const mimeType = HEIF_BRANDS[head.toString('latin1', 8, 12)];
    if (mimeType) return { mimeType, extension: mimeType === 'image/heic' ? 'heic' : 'heif', kind: 'image' };
  }
  return null;
}

export const ACCEPTED_TYPES = 'PDF, JPEG, PNG, GIF, WebP, HEIC or HEIF';

import { rm } from 'node:fs/promises';
import sharp from 'sharp';

/** The longest side of an image's preview, in pixels. */
export const THUMBNAIL_PX = 256;

/**
 * Writes a JPEG preview of the image at `source` to `target` (EXIF orientation applied, never enlarged).
 * False when the image cannot be decoded (the upload is kept; it just has no preview).
 */
export async function makeThumbnail(source: string, target: string): Promise<boolean> {
  try {
    await sharp(source, { failOn: 'error', animated: false })
      .rotate()
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80, mozjpeg: true })
      .toFile(target);
    return true;
  } catch {
    await rm(target, { force: true });
    return false;
  }
}

import type { Request, Response } from 'express';
import { DomainError } from '../errors.ts';

/**
 * Answers a generated PDF: `inline` opens it in the browser's viewer, `attachment` downloads it. The file
 * name is ASCII-safe in `filename` and exact (UTF-8) in `filename*`; nothing is cached by proxies.
 */
export function sendPdf(
  res: Response,
  filename: string,
  pdf: Buffer,
  disposition: 'inline' | 'attachment' = 'attachment',
): void {
  const ascii =
    filename
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'document.pdf';
  res
    .status(200)
    .set({
      'content-type': 'application/pdf',
      'content-length': String(pdf.length),
      'content-disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    })
    .end(pdf);
}

/** A file name from a document's title and number ("Factura FAC-2026-0001.pdf" → "Factura-FAC-2026-0001.pdf"). */
export function pdfFileName(...parts: (string | null | undefined)[]): string {
  const name = parts
    .filter((p): p is string => !!p)
    .join('-')
    .replace(/[\s/\\:*?"<>|]+/g, '-');
  return `${name || 'document'}.pdf`;
}

/**
 * A document route: what the handler throws goes to the core's error answer (401, 403, 400), except a
 * document that does not exist in the caller's clinic, which answers 404 with the contract body.
 */
export const documentRoute =
  (handler: (req: Request, res: Response) => Promise<void>) =>
  async (req: Request, res: Response): Promise<void> => {
    try {
      await handler(req, res);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'NOT_FOUND' || res.headersSent) throw e;
      res.status(404).json({ errors: [{ message: e.message, extensions: { code: e.code } }] });
    }
  };

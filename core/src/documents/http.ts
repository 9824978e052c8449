import type { Response, Router } from 'express';
import type { ModuleHttpContext, ServiceContext } from '../modules/contract.ts';

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
 * `GET <path>?locale=es|en[&inline=1]`, where `path` ends in `:id`: the caller (bearer + `x-clinic-id`) needs
 * `permission`; the PDF `render` makes is answered inline or as a download. Whatever `render` throws gets the
 * core's error answer — a document missing from the caller's clinic is a NOT_FOUND, 404, like a missing one.
 */
export function pdfRoute(
  router: Router,
  http: ModuleHttpContext,
  path: `${string}/:id/${string}`,
  permission: string,
  render: (ctx: ServiceContext, id: string, locale: string | undefined) => Promise<{ filename: string; pdf: Buffer }>,
): void {
  router.get(path, async (req, res) => {
    const ctx = await http.authorize(req, permission);
    const locale = typeof req.query.locale === 'string' ? req.query.locale : undefined;
    const { filename, pdf } = await render(ctx, String(req.params.id), locale);
    sendPdf(res, filename, pdf, req.query.inline === '1' ? 'inline' : 'attachment');
  });
}

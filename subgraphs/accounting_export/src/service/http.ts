import type { Request, Response, Router } from 'express';
import { DomainError, type ModuleHttpContext } from '@dentalpin/core';
import { AccountingExportService } from './index.ts';
import { useLinkSigner, validLink } from './links.ts';

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403 };
const one = (v: unknown) => (Array.isArray(v) ? v[0] : v) as string | undefined;

/**
 * `GET /accounting-export/export.zip?from=YYYY-MM-DD&to=YYYY-MM-DD[&locale=en|es]` with the bearer token and
 * `x-clinic-id`, or with the parameters of a signed link (`accountingExportLink`) → the ZIP as an attachment (Content-Length set, so a client can show progress). Refusals
 * answer like GraphQL errors: `{ errors: [{ message, extensions: { code } }] }` with 400/401/403.
 */
export function accountingExportRoutes(router: Router, http: ModuleHttpContext): void {
  useLinkSigner(http.sign);
  router.get('/accounting-export/export.zip', async (req: Request, res: Response) => {
    try {
      // A signed link (from `accountingExportLink`, issued to a holder of the permission) or a bearer token.
      const link = req.query.signature !== undefined ? validLink(req.query as Record<string, unknown>) : null;
      if (req.query.signature !== undefined && !link)
        throw new DomainError('FORBIDDEN', 'This download link is not valid or has expired; prepare the export again.');
      const ctx = link ? await http.forClinic(link.clinic) : await http.authorize(req, 'accounting_export.export');
      const { fileName, bytes } = await new AccountingExportService(ctx).zip({
        from: one(req.query.from) ?? '',
        to: one(req.query.to) ?? '',
        ...(req.query.locale !== undefined ? { locale: one(req.query.locale) } : {}),
      });
      res
        .status(200)
        .set({
          'content-type': 'application/zip',
          'content-length': String(bytes.byteLength),
          'content-disposition': `attachment; filename="${fileName}"`,
          'cache-control': 'no-store',
        })
        .end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (e) {
      const code = e instanceof DomainError ? e.code : (e as { extensions?: { code?: string } }).extensions?.code;
      const status = code ? STATUS[code] : undefined;
      if (!status || res.headersSent) throw e;
      res.status(status).json({ errors: [{ message: (e as Error).message, extensions: { code } }] });
    }
  });
}

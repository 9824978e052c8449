import { describe, expect, it } from 'vitest';
import { attachmentName, createAuthorizedFetch, refusalCode } from './download.ts';

describe('document downloads', () => {
  it('sends the bearer token and the clinic, and after a 401 refreshes once and tries again', async () => {
    let token = 'old';
    const seen: (string | null)[][] = [];
    const fetcher = createAuthorizedFetch(
      {
        state: { accessToken: token, clinicId: 'c1' },
        freshAccessToken: async () => token,
        refresh: async () => {
          token = 'new';
          return true;
        },
      },
      async (_path, init) => {
        const h = new Headers(init?.headers);
        seen.push([h.get('authorization'), h.get('x-clinic-id')]);
        return new Response(null, { status: h.get('authorization') === 'Bearer new' ? 200 : 401 });
      },
    );
    expect((await fetcher('/billing/invoices/1/pdf')).status).toBe(200);
    expect(seen).toEqual([
      ['Bearer old', 'c1'],
      ['Bearer new', 'c1'],
    ]);
  });

  it('reads the server file name (exact UTF-8 first) and the refusal code', async () => {
    const res = new Response(null, {
      headers: { 'content-disposition': `attachment; filename="Factura.pdf"; filename*=UTF-8''Factura%20N%C2%BA1.pdf` },
    });
    expect(attachmentName(res, 'x.pdf')).toBe('Factura Nº1.pdf');
    expect(attachmentName(new Response(null), 'x.pdf')).toBe('x.pdf');
    const refused = new Response(JSON.stringify({ errors: [{ message: 'no', extensions: { code: 'NOT_FOUND' } }] }), {
      status: 404,
    });
    expect(await refusalCode(refused)).toBe('NOT_FOUND');
    expect(await refusalCode(new Response('oops', { status: 403 }))).toBe('FORBIDDEN');
  });
});

/** Helpers of the media tests: small real files and a multipart upload over HTTP. */

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export type Caller = { token: string; clinicId?: string; userId?: string };
export interface UploadFile {
  content: Buffer;
  name: string;
  type: string;
}
export const pdf: UploadFile = { content: PDF, name: 'consent.pdf', type: 'application/pdf' };
export const png = (name: string): UploadFile => ({ content: PNG, name, type: 'image/png' });

/** POSTs a multipart upload to `/media/documents` of the platform at `base`, with `caller`'s token. */
export async function uploadDocument(
  base: string,
  caller: Caller | null,
  fields: Record<string, string>,
  file: UploadFile | null,
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([new Uint8Array(file.content)], { type: file.type }), file.name);
  const headers: Record<string, string> = {};
  if (caller) headers.authorization = `Bearer ${caller.token}`;
  if (caller?.clinicId) headers['x-clinic-id'] = caller.clinicId;
  const res = await fetch(`${base}/media/documents`, { method: 'POST', headers, body: form });
  return {
    status: res.status,
    body: (await res.json()) as { id?: string; errors?: { extensions: { code: string } }[] },
  };
}

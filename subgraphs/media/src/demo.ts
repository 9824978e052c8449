import type { DemoContext } from '@dentalpin/core';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { MediaService } from './service/index.ts';
import { sniff } from './service/sniff.ts';
import { configuredStore } from './service/store.ts';

/** A one-page PDF: enough for the viewer to open and for the demo to show a signed consent. */
const consentPdf = (patientName: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ` +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj ` +
      `4 0 obj<</Length 60>>stream\nBT /F1 18 Tf 72 760 Td (Informed consent - ${patientName}) Tj ET\nendstream endobj ` +
      `5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );

/** A real 1×1 PNG: the demo clinic's sample photo (demo data only). */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A signed consent and a before/after pair of photos for the first demo patients. */
export async function seedDemoDocuments(ctx: DemoContext): Promise<void> {
  const { patients } = await ctx.query<{ patients: { items: { id: string; fullName: string }[] } }>(
    'query { patients(pageSize: 3) { items { id fullName } } }',
  );
  const store = configuredStore();
  const service = new MediaService(ctx);
  const upload = async (patientId: string, type: string, title: string, content: Buffer, filename: string) => {
    const temporaryPath = await store.temporaryPath(`${randomUUID()}.part`);
    await writeFile(temporaryPath, content);
    return service.registerUpload(
      { patientId, documentType: type, title },
      { temporaryPath, sizeBytes: content.length, type: sniff(content)!, originalFilename: filename },
      store,
    );
  };
  for (const patient of patients.items) {
    await upload(patient.id, 'CONSENT', 'Informed consent — treatment', consentPdf(patient.fullName), 'consent.pdf');
  }
  const first = patients.items[0];
  if (!first) return;
  const before = await upload(first.id, 'PHOTO', 'Smile — before', PIXEL, 'before.png');
  const after = await upload(first.id, 'PHOTO', 'Smile — after', PIXEL, 'after.png');
  await service.pair(before.id, after.id);
  await service.update(before.id, { tags: ['whitening'] });
}

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The text of every page of a PDF, as a reader (pdf.js) extracts it, and its page count: a test of a
 * generated document asserts on what a person would read, not on the file's bytes. pdf.js is loaded on
 * first use: an optional peer dependency of the core, installed by the module whose tests read PDFs.
 */
export async function pdfText(pdf: Uint8Array): Promise<{ pages: number; text: string; title: string | null }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const fonts =
    join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl: fonts,
  }).promise;
  try {
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      texts.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : ' ') : '')).join(''));
    }
    const { info } = (await doc.getMetadata()) as { info: { Title?: string } };
    return { pages: doc.numPages, text: texts.join('\n').replace(/[ \t]+/g, ' '), title: info.Title ?? null };
  } finally {
    await doc.destroy();
  }
}

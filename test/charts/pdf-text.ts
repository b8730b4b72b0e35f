// Reads a PDF's text back in-process with pdfjs-dist (Mozilla's PDF.js, legacy build for Node): what a screen
// reader or a copy-paste gets. Page by page, items joined in reading order.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfText(pdf: Uint8Array): Promise<{ pages: string[]; title?: string; lang?: string }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
  }
  const meta = await doc.getMetadata();
  const info = meta.info as { Title?: string; Language?: string };
  await doc.destroy();
  return { pages, title: info.Title, lang: info.Language };
}

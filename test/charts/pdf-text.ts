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

/** Every piece of text with the size it is set at (points), page by page: what a reader of the printed page sees. */
export async function pdfTextSizes(pdf: Uint8Array): Promise<{ str: string; size: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const out: { str: string; size: number }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    for (const it of (await (await doc.getPage(i)).getTextContent()).items) {
      if ('str' in it && it.str.trim()) out.push({ str: it.str, size: Math.hypot(it.transform[2] as number, it.transform[3] as number) });
    }
  }
  await doc.destroy();
  return out;
}

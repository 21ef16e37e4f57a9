// The text of a PDF (the minutes Chromium prints), read with Mozilla's pdf.js, one line per
// line of the page and runs of spaces collapsed, so a test can look for what a person reads.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const content = await (await pdf.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ' '}` : '')).join(''));
    }
    return pages.join('\n').replace(/[ \t]+/g, ' ');
  } finally {
    await pdf.destroy();
  }
}

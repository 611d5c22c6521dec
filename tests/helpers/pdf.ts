/**
 * Reads a PDF the browser printed, in Node (pdfjs-dist): each page's size and text, so a
 * test can check what is on the paper, not only what is on the screen.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

export interface PdfPage {
  /** In points (1/72 inch). */
  width: number
  height: number
  text: string
}

const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))

/** Paper sizes in points: millimetres × 72 / 25.4. */
export const POINTS_PER_MM = 72 / 25.4
export const A4 = { width: 210 * POINTS_PER_MM, height: 297 * POINTS_PER_MM }
export const A6 = { width: 105 * POINTS_PER_MM, height: 148 * POINTS_PER_MM }

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const doc = await getDocument({
    // pdfjs takes ownership of (and detaches) the buffer it is given.
    data: new Uint8Array(bytes),
    cMapUrl: `${join(PDFJS_DIR, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(PDFJS_DIR, 'standard_fonts')}/`,
    isEvalSupported: false,
    verbosity: 0,
  }).promise
  try {
    const pages: PdfPage[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      const { width, height } = page.getViewport({ scale: 1 })
      const content = await page.getTextContent()
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('')
      pages.push({ width, height, text: readableText(text) })
    }
    return pages
  } finally {
    await doc.destroy()
  }
}

/**
 * Chromium's PDFs name some Chinese characters by a radical that shares their glyph in Noto
 * CJK (二 comes out as U+2F06 ⼆, 黄 as U+2EE9 ⻩): it prints right, but copied text differs.
 * NFKC maps the Kangxi radicals back; the simplified forms below have no such mapping.
 */
const RADICAL_FORMS: Record<string, string> = {
  '⻅': '见', '⻉': '贝', '⻋': '车', '⻓': '长', '⻔': '门', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风',
  '⻜': '飞', '⻝': '食', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦',
  '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙', '⻳': '龟', '⺠': '民', '⻄': '西', '⻆': '角',
  '⻊': '足', '⻗': '雨', '⻑': '長',
}

/** Text as a person reads it off the page, whichever code points the PDF names the glyphs by. */
export function readableText(text: string): string {
  return text.normalize('NFKC').replace(/[\u2e80-\u2eff]/g, (c) => RADICAL_FORMS[c] ?? c)
}

/** Text without any white space: a grouped phone number (138 0013 8000) is found as its digits. */
export const squeeze = (text: string) => text.replace(/\s+/g, '')

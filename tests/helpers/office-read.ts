/**
 * Reading back the .docx and .xlsx the app writes, as a person's Word or Excel would find them:
 * the .docx unzipped (fflate) and its word/document.xml read for paragraphs and table cells;
 * the .xlsx by exceljs. For the tests that compare the files with the figures page.
 */
import { strFromU8, unzipSync } from 'fflate'

export interface DocxText {
  /** Every paragraph's text outside tables, in order. */
  paragraphs: string[]
  /** Each table as rows of cells, a cell's paragraphs joined by '\n'. */
  tables: string[][][]
  /** The whole document.xml. */
  xml: string
  /** The names of the parts in the package. */
  parts: string[]
  part(name: string): string
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
const runsOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1] ?? '')).join('')
const paragraphsOf = (xml: string) => [...xml.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>/g)].map((m) => runsOf(m[0]))

export function readDocx(bytes: Uint8Array): DocxText {
  const files = unzipSync(bytes)
  const part = (name: string) => {
    const file = files[name]
    if (!file) throw new Error(`the .docx has no ${name}`)
    return strFromU8(file)
  }
  const xml = part('word/document.xml')
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '')
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => paragraphsOf(tc[0]).join('\n'))),
  )
  return { paragraphs: paragraphsOf(body), tables, xml, parts: Object.keys(files), part }
}

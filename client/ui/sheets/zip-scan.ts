/**
 * One pass over an .xlsx before the spreadsheet library sees it, so that no file can make a
 * phone unpack gigabytes: every entry is really inflated, a few kilobytes at a time, its bytes
 * counted and dropped as they come, and the pass stops the moment an entry passes what the
 * directory said it holds or a cap in `XLSX_LIMITS`, whatever the headers claim. Its XML is
 * counted as it streams (rows, cells, elements), since exceljs builds objects for each. Only a
 * file that passes is handed to exceljs, whose own unpacking is then bounded by the same sizes.
 */
import { SheetReadError } from './sheet-error'
import { MarkupCount } from './markup-count'
import { readZipDirectory } from './zip-directory'

const MiB = 1024 * 1024

/**
 * A 5,000-pupil roster of 30 columns is about 150,000 cells and 15 MiB of sheet XML; a
 * 2,000-child one a third of that. These leave room for styles, notes on other sheets and a
 * logo, and stop well before a phone's memory is at risk.
 */
export const XLSX_LIMITS = {
  maxEntryBytes: 32 * MiB,
  maxTotalBytes: 64 * MiB,
  maxEntries: 1000,
  maxRows: 20_000,
  maxCells: 500_000,
  maxElements: 2_500_000,
} as const

export type XlsxLimits = { [K in keyof typeof XLSX_LIMITS]: number }

/** How far a pass got: what was really inflated, and counted. */
export interface XlsxScan {
  inflatedBytes: number
  rows: number
  cells: number
  elements: number
}

/**
 * Packed bytes per step: deflate inflates at most about 1,032 times, so one step gives at
 * most a few MiB to look at before the counts are checked.
 */
const STEP = 4 * 1024
/** Inflated bytes between two pauses that let the page draw (its progress keeps moving). */
const PAUSE_EVERY = 4 * MiB

const isMarkup = (name: string) => /\.(xml|rels)$/i.test(name)
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** Refuses (SheetReadError) an .xlsx past any limit; `scan`, when given, is kept up to date. */
export async function scanXlsx(bytes: Uint8Array, limits: XlsxLimits = XLSX_LIMITS, scan: XlsxScan = { inflatedBytes: 0, rows: 0, cells: 0, elements: 0 }): Promise<XlsxScan> {
  const entries = readZipDirectory(bytes, limits.maxEntries)
  const tooLarge = (max: number) => new SheetReadError('unpackedTooLarge', { maxMb: max / MiB })
  // What the directory admits to is refused before anything is inflated.
  let declared = 0
  for (const entry of entries) {
    declared += entry.declaredSize
    if (entry.declaredSize > limits.maxEntryBytes) throw tooLarge(limits.maxEntryBytes)
    if (declared > limits.maxTotalBytes) throw tooLarge(limits.maxTotalBytes)
  }
  const { Inflate } = await import('fflate')
  const markup = new MarkupCount()
  let sincePause = 0

  for (const entry of entries) {
    let inflated = 0
    const counted = isMarkup(entry.name)
    const take = (chunk: Uint8Array) => {
      inflated += chunk.length
      scan.inflatedBytes += chunk.length
      sincePause += chunk.length
      // More than the directory said is a lie (JSZip would refuse it too, but only at the end).
      if (inflated > entry.declaredSize) throw new SheetReadError('unreadable', {}, { cause: new Error(`${entry.name} inflates past its declared size`) })
      if (inflated > limits.maxEntryBytes) throw tooLarge(limits.maxEntryBytes)
      if (scan.inflatedBytes > limits.maxTotalBytes) throw tooLarge(limits.maxTotalBytes)
      if (!counted) return
      markup.push(chunk)
      scan.rows = markup.rows
      scan.cells = markup.cells
      scan.elements = markup.elements
      if (markup.rows > limits.maxRows) throw new SheetReadError('tooManySheetRows', { max: limits.maxRows })
      if (markup.cells > limits.maxCells) throw new SheetReadError('tooManyCells', { max: limits.maxCells })
      if (markup.elements > limits.maxElements) throw new SheetReadError('tooComplex')
    }
    const packed = bytes.subarray(entry.dataStart, entry.dataStart + entry.packedSize)
    try {
      const inflate = entry.method === 8 ? new Inflate((chunk) => take(chunk)) : undefined
      let at = 0
      let last = false
      while (!last) {
        const step = packed.subarray(at, at + STEP)
        at += STEP
        last = at >= packed.length
        if (inflate) inflate.push(step, last)
        else take(step)
        if (sincePause >= PAUSE_EVERY) {
          sincePause = 0
          await pause()
        }
      }
    } catch (error) {
      if (error instanceof SheetReadError) throw error
      // fflate's own complaint: not deflate at all, or cut short.
      throw new SheetReadError('unreadable', {}, { cause: error })
    }
    if (inflated !== entry.declaredSize) throw new SheetReadError('unreadable', {}, { cause: new Error(`${entry.name} is shorter than declared`) })
  }
  return scan
}

/**
 * A file the user chose, read into one sheet of cells, or refused whole with a reason they can
 * act on. The format is told from the bytes, not the name: a CSV renamed .xlsx, or an old .xls
 * renamed .csv, is still recognised for what it is. Shared by the roster import and the pairing
 * sheet, so both refuse the same files in the same words.
 */
import { decodeText, type TextEncodingName } from './decode-text'
import { readCsvSheet, readXlsxSheet, type Sheet } from './read-sheet'
import { SheetReadError } from './sheet-error'
import { scanXlsx } from './zip-scan'

export { SheetReadError, type SheetReadErrorCode } from './sheet-error'

export interface SheetFile {
  format: 'xlsx' | 'csv'
  encoding?: TextEncodingName
  sheet: Sheet
}

/** What a File (or a test's stand-in) offers. */
export interface ChosenFile {
  name: string
  size: number
  arrayBuffer(): Promise<ArrayBuffer>
}

const MB = 1024 * 1024

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b)

/** The size checks before the bytes are even read. */
export function checkSheetSize(size: number, maxBytes: number): void {
  if (size === 0) throw new SheetReadError('empty')
  if (size > maxBytes) throw new SheetReadError('tooLarge', { maxMb: maxBytes / MB })
}

export async function readSheetBytes(bytes: Uint8Array, maxBytes: number): Promise<SheetFile> {
  checkSheetSize(bytes.length, maxBytes)
  if (startsWith(bytes, OLE)) throw new SheetReadError('oldExcel')
  if (startsWith(bytes, ZIP)) {
    // Bounded first: exceljs would unpack whatever the file holds, all of it in memory.
    await scanXlsx(bytes)
    let read: Sheet | undefined
    try {
      read = await readXlsxSheet(bytes)
    } catch (error) {
      throw new SheetReadError('unreadable', {}, { cause: error })
    }
    // A zip with no worksheet in it: a Word file, an archive of photos.
    if (!read) throw new SheetReadError('notSpreadsheet')
    return { format: 'xlsx', sheet: read }
  }
  const decoded = decodeText(bytes)
  if (!decoded) throw new SheetReadError('notSpreadsheet')
  return { format: 'csv', encoding: decoded.encoding, sheet: await readCsvSheet(decoded.text) }
}

export async function readSheetFile(file: ChosenFile, maxBytes: number): Promise<SheetFile> {
  checkSheetSize(file.size, maxBytes)
  return readSheetBytes(new Uint8Array(await file.arrayBuffer()), maxBytes)
}

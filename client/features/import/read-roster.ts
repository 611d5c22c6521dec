/**
 * A file the user chose, read into a roster table, or refused whole with a reason they can
 * act on. The format is told from the bytes, not the name: a CSV renamed .xlsx, or an old
 * .xls renamed .csv, is still recognised for what it is.
 */
import { ROSTER_LIMITS, tableFromGrid, type RosterTable } from '../../../shared/roster/table'
import { decodeText, type TextEncodingName } from './decode-text'
import { readCsvSheet, readXlsxSheet, type Sheet } from './read-sheet'
import { zipUnpackedSize } from './zip-size'

export type RosterReadErrorCode =
  | 'empty'
  | 'noRows'
  | 'tooLarge'
  | 'tooManyRows'
  | 'notSpreadsheet'
  /** An old Excel .xls, or a password-protected file (both are OLE compound files). */
  | 'oldExcel'
  | 'unreadable'

/** An expected failure: the code picks the message; nothing has been changed. */
export class RosterReadError extends Error {
  constructor(
    readonly code: RosterReadErrorCode,
    readonly params: Record<string, string | number> = {},
    options?: ErrorOptions,
  ) {
    super(`roster file refused: ${code}`, options)
    this.name = 'RosterReadError'
  }
}

export interface RosterFile {
  fileName: string
  format: 'xlsx' | 'csv'
  encoding?: TextEncodingName
  sheetName?: string
  table: RosterTable
}

/** What a File (or a test's stand-in) offers. */
export interface ChosenFile {
  name: string
  size: number
  arrayBuffer(): Promise<ArrayBuffer>
}

/** An .xlsx unpacks to far more than its size; past this it is not a roster of 5,000 rows. */
const MAX_UNPACKED_BYTES = 100 * 1024 * 1024
const MB = 1024 * 1024

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b)

export async function readRosterFile(file: ChosenFile): Promise<RosterFile> {
  if (file.size === 0) throw new RosterReadError('empty')
  if (file.size > ROSTER_LIMITS.maxBytes) throw new RosterReadError('tooLarge', { maxMb: ROSTER_LIMITS.maxBytes / MB })
  return readRoster(file.name, new Uint8Array(await file.arrayBuffer()))
}

export async function readRoster(fileName: string, bytes: Uint8Array): Promise<RosterFile> {
  if (bytes.length === 0) throw new RosterReadError('empty')
  if (bytes.length > ROSTER_LIMITS.maxBytes) throw new RosterReadError('tooLarge', { maxMb: ROSTER_LIMITS.maxBytes / MB })
  if (startsWith(bytes, OLE)) throw new RosterReadError('oldExcel')

  let sheet: Sheet
  let format: RosterFile['format']
  let encoding: TextEncodingName | undefined
  if (startsWith(bytes, ZIP)) {
    format = 'xlsx'
    const unpacked = zipUnpackedSize(bytes)
    if (unpacked === undefined) throw new RosterReadError('unreadable')
    if (unpacked > MAX_UNPACKED_BYTES) throw new RosterReadError('tooLarge', { maxMb: ROSTER_LIMITS.maxBytes / MB })
    let read: Sheet | undefined
    try {
      read = await readXlsxSheet(bytes)
    } catch (error) {
      throw new RosterReadError('unreadable', {}, { cause: error })
    }
    // A zip with no worksheet in it: a Word file, an archive of photos.
    if (!read) throw new RosterReadError('notSpreadsheet')
    sheet = read
  } else {
    format = 'csv'
    const decoded = decodeText(bytes)
    if (!decoded) throw new RosterReadError('notSpreadsheet')
    encoding = decoded.encoding
    sheet = await readCsvSheet(decoded.text)
  }

  const table = tableFromGrid(sheet.rows)
  if (!table) throw new RosterReadError('empty')
  if (table.rows.length === 0) throw new RosterReadError('noRows')
  if (table.rows.length > ROSTER_LIMITS.maxRows) {
    throw new RosterReadError('tooManyRows', { rows: table.rows.length, max: ROSTER_LIMITS.maxRows })
  }
  return {
    fileName,
    format,
    ...(encoding ? { encoding } : {}),
    ...(sheet.name !== undefined ? { sheetName: sheet.name } : {}),
    table,
  }
}

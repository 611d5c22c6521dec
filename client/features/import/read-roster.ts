/**
 * A file the user chose, read into a roster table, or refused whole with a reason they can
 * act on. The format is told from the bytes, not the name: a CSV renamed .xlsx, or an old
 * .xls renamed .csv, is still recognised for what it is.
 */
import { ROSTER_LIMITS, tableFromGrid, type RosterTable } from '../../../shared/roster/table'
import type { TextEncodingName } from '../../ui/sheets/decode-text'
import { readSheetBytes, SheetReadError, type ChosenFile, type SheetFile, type SheetReadErrorCode } from '../../ui/sheets/read-sheet-file'

/** The sheet's refusals, and the roster's own two. */
export type RosterReadErrorCode = SheetReadErrorCode | 'noRows' | 'tooManyRows'

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

export type { ChosenFile }

const MB = 1024 * 1024

export async function readRosterFile(file: ChosenFile): Promise<RosterFile> {
  if (file.size === 0) throw new RosterReadError('empty')
  if (file.size > ROSTER_LIMITS.maxBytes) throw new RosterReadError('tooLarge', { maxMb: ROSTER_LIMITS.maxBytes / MB })
  return readRoster(file.name, new Uint8Array(await file.arrayBuffer()))
}

export async function readRoster(fileName: string, bytes: Uint8Array): Promise<RosterFile> {
  let read: SheetFile
  try {
    read = await readSheetBytes(bytes, ROSTER_LIMITS.maxBytes)
  } catch (error) {
    // The same refusals, under the roster's own error (its screens and tests know that one).
    if (error instanceof SheetReadError) throw new RosterReadError(error.code, error.params, error.cause !== undefined ? { cause: error.cause } : undefined)
    throw error
  }
  const { format, encoding, sheet } = read

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

/**
 * Why a chosen file was refused: the code picks the message (in the import's and the pairing
 * page's words); nothing has been changed.
 */
export type SheetReadErrorCode =
  | 'empty'
  | 'tooLarge'
  | 'notSpreadsheet'
  /** An old Excel .xls, or a password-protected file (both are OLE compound files). */
  | 'oldExcel'
  | 'unreadable'
  /** An .xlsx that unpacks (or says it unpacks) past `XLSX_LIMITS`' bytes. */
  | 'unpackedTooLarge'
  /** More rows, in all its sheets, than `XLSX_LIMITS.maxRows`. */
  | 'tooManySheetRows'
  /** More cells, in all its sheets, than `XLSX_LIMITS.maxCells`. */
  | 'tooManyCells'
  /** Far more parts or markup than any roster: the library would build millions of objects. */
  | 'tooComplex'
  /** Packed in a way not read here: zip64, encryption, a method other than deflate or none. */
  | 'unsupportedZip'

export class SheetReadError extends Error {
  constructor(
    readonly code: SheetReadErrorCode,
    readonly params: Record<string, string | number> = {},
    options?: ErrorOptions,
  ) {
    super(`sheet file refused: ${code}`, options)
    this.name = 'SheetReadError'
  }
}

/**
 * An .xlsx read back with exceljs, as a person's spreadsheet program would show it: each
 * worksheet's cells by row and column (1-based), a date as its ISO day, a merged range's
 * covered cells empty (only its first cell holds the value), the frozen rows, and the merges.
 * The official forms' tests compare what was written with this (SPEC V6).
 */
import ExcelJS from 'exceljs'

export type ReadCell = string | number | boolean | null

export interface ReadSheet {
  name: string
  /** rows[r - 1][c - 1]; trailing empty rows and cells left out. */
  rows: ReadCell[][]
  /** The rows frozen above the scrolling part. */
  frozenRows: number
  /** Merged ranges as exceljs names them ('A1:AG1'). */
  merges: string[]
  /** A column's number format, by column (1-based), as read from its data cells. */
  numFmt: (row: number, col: number) => string | undefined
}

function plain(cell: ExcelJS.Cell): ReadCell {
  if (cell.isMerged && cell.master.address !== cell.address) return null
  const value = cell.value
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((p) => p.text).join('')
    if ('result' in value) return (value.result as ReadCell) ?? null
    return String(cell.text)
  }
  return value
}

export async function readWorkbookBack(bytes: Uint8Array): Promise<ReadSheet[]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0])
  return workbook.worksheets.map((ws) => {
    const rows: ReadCell[][] = []
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r)
      const cells: ReadCell[] = []
      for (let c = 1; c <= ws.columnCount; c++) cells.push(plain(row.getCell(c)))
      while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop()
      rows.push(cells)
    }
    while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop()
    const view = ws.views[0]
    const frozenRows = view && view.state === 'frozen' ? (view.ySplit ?? 0) : 0
    const model = ws.model as unknown as { merges?: string[] }
    return {
      name: ws.name,
      rows,
      frozenRows,
      merges: model.merges ?? [],
      numFmt: (row: number, col: number) => ws.getRow(row).getCell(col).numFmt || undefined,
    }
  })
}

/** The cells of a sheet under its header as numbers by the text in the first column: '合计' → [39, 0, …]. */
export function rowsByLabel(sheet: ReadSheet, firstDataRow: number): Map<string, ReadCell[]> {
  return new Map(sheet.rows.slice(firstDataRow - 1).map((cells) => [String(cells[0] ?? ''), cells.slice(1)]))
}

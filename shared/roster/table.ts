/**
 * A sheet as rows of cells, turned into a table: which row is the header (school sheets
 * often start with a title row or two), which columns hold anything, and the data rows,
 * each keeping the row number the spreadsheet shows so a report can point at it.
 */
import { guessField } from './headers'
import type { RosterCell } from './values'

/** What one import accepts; past these the file is refused whole, before anything is read into it. */
export const ROSTER_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxRows: 5000,
} as const

/** One row of the sheet: its number as the spreadsheet shows it (from 1), and its cells from column A. */
export interface GridRow {
  row: number
  cells: RosterCell[]
}

export interface RosterColumn {
  /** Position in each row's cells (0 is column A). */
  index: number
  /** The column's letters as the spreadsheet shows them (A, B, …, AA). */
  letter: string
  header: string
}

export interface RosterTable {
  headerRow: number
  columns: RosterColumn[]
  /** Data rows below the header; rows with nothing in them are left out. */
  rows: GridRow[]
}

/** How many of the first rows may come before the header (a title, a date, a blank line). */
const HEADER_SEARCH_ROWS = 10

export const isEmptyCell = (cell: RosterCell | undefined) =>
  cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '')

const isEmptyRow = (row: GridRow) => row.cells.every(isEmptyCell)

export function columnLetter(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

const cellText = (cell: RosterCell | undefined) => (isEmptyCell(cell) ? '' : String(cell).trim())

/**
 * The header is the first of the first rows in which at least two cells name a known field,
 * else the first row that holds anything. Undefined when the sheet holds nothing.
 */
export function tableFromGrid(grid: readonly GridRow[]): RosterTable | undefined {
  const filled = grid.filter((r) => !isEmptyRow(r))
  const first = filled[0]
  if (!first) return undefined
  const header =
    filled.slice(0, HEADER_SEARCH_ROWS).find((r) => r.cells.filter((c) => guessField(cellText(c)) !== null).length >= 2) ?? first
  const rows = filled.filter((r) => r.row > header.row)
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), header.cells.length)
  const columns: RosterColumn[] = []
  for (let index = 0; index < width; index++) {
    const headerText = cellText(header.cells[index])
    // A column with neither a header nor any value is only formatting: it is not offered.
    if (headerText === '' && rows.every((r) => isEmptyCell(r.cells[index]))) continue
    columns.push({ index, letter: columnLetter(index), header: headerText })
  }
  return { headerRow: header.row, columns, rows }
}

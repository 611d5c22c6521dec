/**
 * The two file formats schools keep rosters in, read into rows of cells with the row
 * numbers the spreadsheet shows. Each library is loaded only when a file of its kind is
 * read, so the app's first load does not carry them.
 */
import type { CellValue, Workbook } from 'exceljs'
import type { GridRow } from '../../../shared/roster/table'
import type { RosterCell } from '../../../shared/roster/values'
import { loadExcelJs, unwrap } from './load-exceljs'

export interface Sheet {
  /** The worksheet's name in an .xlsx; absent for a CSV. */
  name?: string
  rows: GridRow[]
}


export async function readCsvSheet(text: string): Promise<Sheet> {
  const Papa = unwrap(await import('papaparse'))
  // The delimiter is guessed without empty lines, which would otherwise spoil the guess; the
  // sheet itself keeps them, so that row numbers stay those the spreadsheet shows.
  const guess = Papa.parse<string[]>(text, { preview: 50, skipEmptyLines: true, delimitersToGuess: [',', '\t', ';', '|'] })
  const result = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: guess.meta.delimiter })
  return { rows: result.data.map((cells, i) => ({ row: i + 1, cells })) }
}

/** An exceljs date is the cell's calendar day at 00:00 UTC. */
const isoDay = (d: Date) => (Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10))

export function toRosterCell(value: CellValue): RosterCell {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof Date) return isoDay(value)
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('formula' in value || 'sharedFormula' in value) return value.result === undefined ? null : toRosterCell(value.result)
  if ('hyperlink' in value) return toRosterCell(value.text as CellValue)
  if ('error' in value) return value.error
  return null
}

/**
 * The first visible worksheet that holds anything (schools keep notes and totals on other
 * sheets); no rows when every sheet is empty; undefined when the file has no worksheet at all.
 */
export async function readXlsxSheet(data: Uint8Array): Promise<Sheet | undefined> {
  const ExcelJS = await loadExcelJs()
  const workbook: Workbook = new ExcelJS.Workbook()
  // JSZip, underneath, takes any binary; the type names Node's Buffer only.
  await workbook.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0])
  if (workbook.worksheets.length === 0) return undefined
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible' && ws.actualRowCount > 0)
  if (!sheet) return { rows: [] }
  const rows: GridRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: RosterCell[] = []
    // Cells of a merged range all give the range's value (a class written once for its pupils).
    for (let c = 1; c <= row.cellCount; c++) cells.push(toRosterCell(row.getCell(c).value))
    rows.push({ row: rowNumber, cells })
  })
  return { name: sheet.name, rows }
}

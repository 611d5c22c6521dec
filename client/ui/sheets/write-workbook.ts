/**
 * An .xlsx written from a plain model, on the device (offline): the official forms, the term
 * summary's tables, any sheet a county asks for. The model says what is in the cells; this
 * module says how a form looks (docs/SPEC.md V6):
 *
 *   row 1        the title, bold, merged across the table's width        (when `title` is given)
 *   row 2        a subtitle: the unit, the report day…, merged           (when `subtitle` is given)
 *   next rows    the header rows, bold, centred, bordered, with `headerMerges`
 *   next rows    the data rows, bordered; each column's `numFmt`
 *   last rows    one merged row per note (a failed check, a definition's remark)
 *
 * Everything above the data is frozen, so the header stays on screen while one scrolls; the
 * page is set to print on A4, landscape if asked, fitted to the page's width. A cell is text,
 * a number, a yes/no, a calendar day (`{ date }`, written as a date with the format
 * yyyy-mm-dd), a styled value (`{ value, numFmt, bold, indent }`: a row's own format) or empty. Text stays text: a phone number is never turned into a number.
 * `sheetLayout` gives the row numbers the model lands on, for whoever reads the file back.
 */
import type { IsoDate } from '../../../shared/dates'
import { loadExcelJs } from './load-exceljs'

export type SheetCell = string | number | boolean | null | { date: IsoDate } | StyledCell

/** A cell with a look of its own: a number with its format (a rate, yuan), a label in bold or indented. */
export interface StyledCell {
  value: string | number
  numFmt?: string
  bold?: boolean
  /** Indent levels (Excel's unit), for a line under a heading. */
  indent?: number
}

export interface SheetColumn {
  /** Width in characters (Excel's unit). */
  width?: number
  /** The number format of the column's data cells: '0', '#,##0.00', 'yyyy-mm-dd'… */
  numFmt?: string
}

/** A merged range of the header block, counted from its own first row and column (0-based). */
export interface HeaderMerge {
  row: number
  col: number
  rowSpan?: number
  colSpan?: number
}

export interface SheetModel {
  /** The worksheet's tab; cut to Excel's 31 characters, its forbidden characters replaced. */
  name: string
  title?: string
  subtitle?: string
  header: SheetCell[][]
  headerMerges?: HeaderMerge[]
  rows: SheetCell[][]
  columns?: SheetColumn[]
  notes?: string[]
  landscape?: boolean
}

export interface WorkbookModel {
  sheets: SheetModel[]
  /** Written into the file's properties (the app's name). */
  creator?: string
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export interface SheetLayout {
  /** 1-based row numbers in the worksheet. */
  titleRow: number | undefined
  subtitleRow: number | undefined
  firstHeaderRow: number
  firstDataRow: number
  firstNoteRow: number
  /** The table's width: the widest of the header and data rows, and the columns given. */
  width: number
}

export function sheetLayout(sheet: SheetModel): SheetLayout {
  const titleRow = sheet.title === undefined ? undefined : 1
  const subtitleRow = sheet.subtitle === undefined ? undefined : (titleRow ?? 0) + 1
  const firstHeaderRow = (subtitleRow ?? titleRow ?? 0) + 1
  const firstDataRow = firstHeaderRow + sheet.header.length
  const width = Math.max(1, sheet.columns?.length ?? 0, ...sheet.header.map((r) => r.length), ...sheet.rows.map((r) => r.length))
  return { titleRow, subtitleRow, firstHeaderRow, firstDataRow, firstNoteRow: firstDataRow + sheet.rows.length, width }
}

/** Excel's rules for a tab's name: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(name: string): string {
  const clean = [...name.replace(/[:\\/?*[\]]/g, '_')].slice(0, 31).join('').trim()
  return clean === '' ? 'Sheet' : clean
}

/** A calendar day as exceljs writes it: that day at 00:00 UTC. */
const dayOf = (iso: IsoDate) => new Date(`${iso}T00:00:00Z`)

type CellInput = string | number | boolean | Date | null

const toCell = (cell: SheetCell): CellInput => (cell !== null && typeof cell === 'object' ? ('date' in cell ? dayOf(cell.date) : cell.value) : cell)
const styled = (cell: SheetCell | undefined): StyledCell | undefined => (cell !== null && typeof cell === 'object' && 'value' in cell ? cell : undefined)

/** A text's width in Excel's character units: a Chinese character takes two. */
const textWidth = (text: string) => [...text].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0)

const THIN = { style: 'thin' } as const
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN }

/** The workbook's bytes, ready for a Blob or a file. */
export async function writeWorkbook(model: WorkbookModel): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJs()
  const workbook = new ExcelJS.Workbook()
  workbook.creator = model.creator ?? ''
  const used = new Set<string>()
  for (const sheet of model.sheets) {
    let name = sheetName(sheet.name)
    // Two tabs may not share a name: number the later ones.
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${sheetName(sheet.name).slice(0, 28)} ${i}`
    used.add(name.toLowerCase())
    const layout = sheetLayout(sheet)
    const ws = workbook.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: layout.firstDataRow - 1, xSplit: 0 }],
      pageSetup: { paperSize: 9, orientation: sheet.landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    })
    ws.columns = Array.from({ length: layout.width }, (_, i) => ({ width: sheet.columns?.[i]?.width ?? 12 }))
    const spanRow = (rowNumber: number, text: string, size: number, bold: boolean) => {
      const cell = ws.getCell(rowNumber, 1)
      cell.value = text
      cell.font = { bold, size }
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
      if (layout.width > 1) ws.mergeCells(rowNumber, 1, rowNumber, layout.width)
    }
    if (layout.titleRow !== undefined && sheet.title !== undefined) {
      spanRow(layout.titleRow, sheet.title, 16, true)
      ws.getRow(layout.titleRow).height = 28
    }
    if (layout.subtitleRow !== undefined && sheet.subtitle !== undefined) spanRow(layout.subtitleRow, sheet.subtitle, 11, false)
    sheet.header.forEach((cells, r) => {
      const row = ws.getRow(layout.firstHeaderRow + r)
      for (let c = 0; c < layout.width; c++) {
        const cell = row.getCell(c + 1)
        const value = cells[c]
        if (value !== undefined && value !== null) cell.value = toCell(value)
        cell.font = { bold: true }
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
        cell.border = BORDER
      }
    })
    for (const m of sheet.headerMerges ?? []) {
      const top = layout.firstHeaderRow + m.row
      const left = m.col + 1
      const bottom = top + (m.rowSpan ?? 1) - 1
      const right = left + (m.colSpan ?? 1) - 1
      if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right)
    }
    sheet.rows.forEach((cells, r) => {
      const row = ws.getRow(layout.firstDataRow + r)
      for (let c = 0; c < layout.width; c++) {
        const cell = row.getCell(c + 1)
        const value = cells[c]
        if (value !== undefined && value !== null) cell.value = toCell(value)
        const look = styled(value)
        const numFmt = look ? (look.numFmt ?? sheet.columns?.[c]?.numFmt) : value !== null && typeof value === 'object' ? 'yyyy-mm-dd' : sheet.columns?.[c]?.numFmt
        if (numFmt) cell.numFmt = numFmt
        if (look?.bold) cell.font = { bold: true }
        cell.border = BORDER
        const text = look ? look.value : value
        cell.alignment = { vertical: 'middle', wrapText: typeof text === 'string' && text.length > 12, ...(look?.indent ? { indent: look.indent } : {}) }
      }
    })
    ;(sheet.notes ?? []).forEach((note, i) => {
      const rowNumber = layout.firstNoteRow + i
      const cell = ws.getCell(rowNumber, 1)
      cell.value = note
      cell.alignment = { vertical: 'top', wrapText: true }
      if (layout.width > 1) ws.mergeCells(rowNumber, 1, rowNumber, layout.width)
      // A merged cell does not grow to its text: give a long note the lines it needs.
      const perLine = Math.max(20, Array.from({ length: layout.width }, (_, c) => sheet.columns?.[c]?.width ?? 12).reduce((s, w) => s + w, 0))
      ws.getRow(rowNumber).height = Math.max(1, Math.ceil(textWidth(note) / perLine)) * 15
    })
  }
  const buffer = await workbook.xlsx.writeBuffer()
  return new Uint8Array(buffer)
}

/** The bytes as a Blob of the .xlsx type, for a download. */
export function xlsxBlob(bytes: Uint8Array): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE })
}

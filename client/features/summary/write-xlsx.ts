/**
 * The term summary's figures and the lists under them as a workbook (统计表.xlsx), written on
 * the device from the summary model alone (SPEC Z6, Z8) by the one workbook writer
 * (ui/sheets/write-workbook.ts): a sheet of every figure (label, value as a number with its
 * format, the value as the page writes it, definition), then the children counted, the records
 * of the period, the aid and the activities held. Nothing here is a phone number.
 */
import type { IsoDate } from '../../../shared/dates'
import type { FigureRow } from '../../ui/figure-rows'
import { writeWorkbook, type SheetCell, type SheetModel } from '../../ui/sheets/write-workbook'
import type { SummaryModel } from './summary-model'

export const FIGURE_FORMATS = { count: '#,##0', rate: '0.0%', yuan: '"¥"#,##0.00' } as const

/** An ISO day as a date cell; text for anything else (a plan item with only a month). */
const day = (date: string): SheetCell => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? { date: date as IsoDate } : date)

function figureCells(row: FigureRow): SheetCell[] {
  const label: SheetCell = row.level === 0 ? { value: row.label, bold: true } : { value: row.label, indent: 1 }
  const value: SheetCell = !row.value ? null : row.value.raw === null ? row.value.text : { value: row.value.raw, numFmt: FIGURE_FORMATS[row.value.unit] }
  return [label, value, row.value ? [row.value.text, row.value.detail].filter(Boolean).join(' · ') : '', row.definition ?? '']
}

const list = (name: string, header: readonly string[], widths: readonly number[], rows: SheetCell[][], numFmts: Record<number, string> = {}): SheetModel => ({
  name,
  header: [[...header]],
  rows,
  columns: widths.map((width, i) => ({ width, ...(numFmts[i] ? { numFmt: numFmts[i] } : {}) })),
})

export function writeSummaryXlsx(model: SummaryModel): Promise<Uint8Array> {
  const { sheets, headers } = model.labels
  return writeWorkbook({
    creator: '守望',
    sheets: [
      list(sheets.figures, headers.figures, [30, 14, 18, 70], model.rows.map(figureCells)),
      list(sheets.children, headers.children, [16, 26], model.lists.children.map((c) => [c.name, c.className])),
      list(sheets.records, headers.records, [12, 12, 16, 16], model.lists.records.map((r) => [day(r.date), r.type, r.child, r.author])),
      list(sheets.aid, headers.aid, [12, 16, 12, 12, 20], model.lists.aid.map((a) => [day(a.date), a.child, a.kind, a.yuan, a.source]), { 3: FIGURE_FORMATS.yuan }),
      list(sheets.activities, headers.activities, [14, 30, 10], model.activities.map((a) => [a.date.length === 10 ? day(a.date) : a.day, a.title, a.attended])),
    ],
  })
}

/**
 * The term summary's figures and the lists under them as a workbook (统计表.xlsx), written on
 * the device from the summary model alone (SPEC Z6, Z8): a sheet of every figure (label, value
 * as a number with its format, the value as the page writes it, definition), then the children
 * counted, the records of the period, the aid and the activities held. exceljs is loaded when a
 * file is made, not with the page. Nothing here is a phone number.
 */
import type { Workbook, Worksheet } from 'exceljs'
import type { FigureRow } from '../../ui/figure-rows'
import { loadExcelJs } from '../../ui/sheets/load-exceljs'
import type { SummaryModel } from './summary-model'

const FORMATS = { count: '#,##0', rate: '0.0%', yuan: '"¥"#,##0.00' } as const

/** An ISO day as a date cell (midnight UTC, which is how Excel's serial days read); text for anything else. */
function day(date: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : date
}

function sheet(workbook: Workbook, name: string, header: readonly string[], widths: readonly number[]): Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 14 }))
  ws.getRow(1).font = { bold: true }
  return ws
}

function figureCell(row: FigureRow): number | string | null {
  if (!row.value) return null
  return row.value.raw === null ? row.value.text : row.value.raw
}

export async function writeSummaryXlsx(model: SummaryModel): Promise<Uint8Array> {
  const words = model.labels
  const ExcelJS = await loadExcelJs()
  const workbook: Workbook = new ExcelJS.Workbook()
  workbook.creator = '守望'
  workbook.title = model.title

  const figures = sheet(workbook, words.sheets.figures, words.headers.figures, [30, 14, 18, 70])
  for (const row of model.rows) {
    const added = figures.addRow([row.level === 1 ? `\u3000${row.label}` : row.label, figureCell(row), row.value ? [row.value.text, row.value.detail].filter(Boolean).join(' · ') : '', row.definition ?? ''])
    if (row.level === 0) added.getCell(1).font = { bold: true }
    if (row.value && row.value.raw !== null) added.getCell(2).numFmt = FORMATS[row.value.unit]
    added.getCell(3).alignment = { horizontal: 'left', indent: 1 }
    added.getCell(4).alignment = { wrapText: true, vertical: 'top' }
  }

  const children = sheet(workbook, words.sheets.children, words.headers.children, [16, 26])
  for (const c of model.lists.children) children.addRow([c.name, c.className])

  const records = sheet(workbook, words.sheets.records, words.headers.records, [12, 12, 16, 16])
  for (const r of model.lists.records) records.addRow([day(r.date), r.type, r.child, r.author])
  records.getColumn(1).numFmt = 'yyyy-mm-dd'

  const aid = sheet(workbook, words.sheets.aid, words.headers.aid, [12, 16, 12, 12, 20])
  for (const a of model.lists.aid) aid.addRow([day(a.date), a.child, a.kind, a.yuan, a.source])
  aid.getColumn(1).numFmt = 'yyyy-mm-dd'
  aid.getColumn(4).numFmt = FORMATS.yuan

  const activities = sheet(workbook, words.sheets.activities, words.headers.activities, [14, 30, 10])
  for (const a of model.activities) activities.addRow([a.date.length === 10 ? day(a.date) : a.day, a.title, a.attended])
  activities.getColumn(1).numFmt = 'yyyy-mm-dd'

  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

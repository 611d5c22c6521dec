/**
 * A published report as an .xlsx (docs/SPEC.md J5), from the same rows as the page's table
 * (ui/figure-rows.ts): one row per figure and per value of a count, and for each term its
 * value (a rate as a percentage), then for a rate its two parts, so every number is the
 * published one and a spreadsheet can add them up again. exceljs loads on first use.
 */
import type { TFunction } from 'i18next'
import type { Edition } from '../../../shared/docs/report/edition'
import { termLabel } from '../../ui/class-label'
import { figureRows, type FigureValue } from '../../ui/figure-rows'
import { formatMoment } from '../../ui/format'

export interface ReportColumn {
  term: string
  edition: Edition
}

/** The module's namespace, or its default export where the bundler wraps a CommonJS module. */
function unwrap<T extends object>(mod: T): T {
  return 'default' in mod && typeof mod.default === 'object' && mod.default !== null ? (mod.default as T) : mod
}

/** The cells of one value: the figure (a number, yuan, or a rate), then a rate's count and base. */
function cellsOf(value: FigureValue): (number | null)[] {
  switch (value.shape) {
    case 'number':
    case 'yuan':
      return [value.n, null, null]
    case 'ratio':
      return [value.rate, value.count, value.of]
    case 'none':
      return [null, null, null]
  }
}

export async function reportWorkbook(t: TFunction, language: string, columns: readonly ReportColumn[]): Promise<Uint8Array> {
  const ExcelJS = unwrap(await import('exceljs'))
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(t('supervisor.sheet'))
  const first = columns[0]
  const scope = first && first.edition.scope.kind === 'school' ? first.edition.scope.schoolName : t('supervisor.wholeWorkspace')
  sheet.addRow([t('supervisor.title'), scope])
  for (const { term, edition } of columns) {
    sheet.addRow([termLabel(t, term), t('supervisor.publishedBy', { when: formatMoment(edition.at, language), who: edition.by })])
  }
  sheet.addRow([])
  const header = sheet.addRow([t('report.figure'), ...columns.flatMap(({ term }) => [termLabel(t, term), t('supervisor.count'), t('supervisor.of')]), t('report.definition')])
  header.font = { bold: true }
  for (const row of figureRows(t, language, columns.map((c) => c.edition.figures))) {
    const values = row.values ?? columns.map((): FigureValue => ({ shape: 'none' }))
    const added = sheet.addRow([row.label, ...values.flatMap(cellsOf), row.definition ?? null])
    added.getCell(1).alignment = { indent: row.level, wrapText: true }
    if (row.level === 0) added.getCell(1).font = { bold: true }
    values.forEach((value, i) => {
      const cell = added.getCell(2 + i * 3)
      if (value.shape === 'ratio') cell.numFmt = '0.0%'
      if (value.shape === 'yuan') cell.numFmt = '#,##0.00'
    })
  }
  sheet.getColumn(1).width = 34
  sheet.getColumn(2 + columns.length * 3).width = 60
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** Saves the bytes as a file the browser downloads. */
export function download(bytes: Uint8Array, fileName: string): void {
  const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName.replace(/[\\/:*?"<>|]/g, '_')
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

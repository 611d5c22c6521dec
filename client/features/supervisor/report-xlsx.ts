/**
 * A published report as an .xlsx (docs/SPEC.md J5), from the same rows as the page's table
 * (ui/report-rows.ts, figure-rows.ts underneath): one row per figure and per value of a count,
 * and for each term its value (a rate as a percentage, yuan to the fen), then for a rate its
 * two parts, so every number is the published one and a spreadsheet can add them up again.
 * exceljs loads on first use.
 */
import type { TFunction } from 'i18next'
import type { Edition } from '../../../shared/docs/report/edition'
import { termLabel } from '../../ui/class-label'
import { formatMoment } from '../../ui/format'
import { RATIO_KEYS, reportRows, type RatioKey } from '../../ui/report-rows'
import { loadExcelJs } from '../../ui/sheets/load-exceljs'

export interface ReportColumn {
  term: string
  edition: Edition
}

const isRatio = (key: string): key is RatioKey => (RATIO_KEYS as readonly string[]).includes(key)

export async function reportWorkbook(t: TFunction, language: string, columns: readonly ReportColumn[]): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJs()
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
  for (const row of reportRows(columns.map((c) => c.edition), { t, language })) {
    const cells = columns.flatMap(({ edition }, i) => {
      const value = row.values?.[i]
      if (!value) return [null, null, null]
      const ratio = isRatio(row.key) ? edition.figures[row.key] : undefined
      return [value.raw, ratio ? ratio.count : null, ratio ? ratio.of : null]
    })
    const added = sheet.addRow([row.label, ...cells, row.level === 0 ? (row.definition ?? null) : null])
    added.getCell(1).alignment = { indent: row.level, wrapText: true }
    if (row.level === 0) added.getCell(1).font = { bold: true }
    columns.forEach((_, i) => {
      const unit = row.values?.[i]?.unit
      const cell = added.getCell(2 + i * 3)
      if (unit === 'rate') cell.numFmt = '0.0%'
      if (unit === 'yuan') cell.numFmt = '#,##0.00'
    })
  }
  sheet.getColumn(1).width = 34
  sheet.getColumn(2 + columns.length * 3).width = 60
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

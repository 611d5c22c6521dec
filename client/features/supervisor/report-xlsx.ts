/**
 * A published report as an .xlsx (docs/SPEC.md J5), from the same rows as the page's table
 * (ui/report-rows.ts, figure-rows.ts underneath): one row per figure and per value of a count,
 * and for each term its value (a rate as a percentage, yuan to the fen), then for a rate its
 * two parts, so every number is the published one and a spreadsheet can add them up again.
 * Written by the one workbook writer (ui/sheets/write-workbook.ts).
 */
import type { TFunction } from 'i18next'
import type { Edition } from '../../../shared/docs/report/edition'
import { termLabel } from '../../ui/class-label'
import { formatMoment } from '../../ui/format'
import { RATIO_KEYS, reportRows, type RatioKey } from '../../ui/report-rows'
import { writeWorkbook, type SheetCell } from '../../ui/sheets/write-workbook'

export interface ReportColumn {
  term: string
  edition: Edition
}

const isRatio = (key: string): key is RatioKey => (RATIO_KEYS as readonly string[]).includes(key)

export function reportWorkbook(t: TFunction, language: string, columns: readonly ReportColumn[]): Promise<Uint8Array> {
  const first = columns[0]
  const scope = first && first.edition.scope.kind === 'school' ? first.edition.scope.schoolName : t('supervisor.wholeWorkspace')
  const published = columns.map(({ term, edition }) => t('supervisor.termPublished', { term: termLabel(t, term), published: t('supervisor.publishedBy', { when: formatMoment(edition.at, language), who: edition.by }) }))
  const rows = reportRows(columns.map((c) => c.edition), { t, language }).map((row): SheetCell[] => {
    const cells = columns.flatMap(({ edition }, i): SheetCell[] => {
      const value = row.values?.[i]
      if (!value) return [null, null, null]
      const ratio = isRatio(row.key) ? edition.figures[row.key] : undefined
      const shown: SheetCell = value.raw === null ? null : value.unit === 'count' ? value.raw : { value: value.raw, numFmt: value.unit === 'rate' ? '0.0%' : '#,##0.00' }
      return [shown, ratio ? ratio.count : null, ratio ? ratio.of : null]
    })
    const label: SheetCell = row.level === 0 ? { value: row.label, bold: true } : { value: row.label, indent: row.level }
    return [label, ...cells, row.level === 0 ? (row.definition ?? null) : null]
  })
  return writeWorkbook({
    creator: '守望',
    sheets: [
      {
        name: t('supervisor.sheet'),
        title: t('supervisor.title'),
        subtitle: scope,
        header: [[t('report.figure'), ...columns.flatMap(({ term }) => [termLabel(t, term), t('supervisor.count'), t('supervisor.of')]), t('report.definition')]],
        rows,
        // Who published each term's figures, and when: under the table.
        notes: published,
        columns: [{ width: 34 }, ...columns.flatMap(() => [{ width: 14 }, { width: 10 }, { width: 10 }]), { width: 60 }],
      },
    ],
  })
}

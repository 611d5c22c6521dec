/**
 * The statistics table (shared/forms/statistics-table.ts) as a workbook to write: the table
 * itself (单位, then the 32 columns under their groups, the column numbers as the last header
 * row, a row per school and the total), a sheet of every column's definition, and a sheet of
 * the cross-checks and their results. Under the table, one note: all checks agree, or, when a
 * coordinator exports anyway, every check that does not, in words (SPEC V5).
 */
import type { TFunction } from 'i18next'
import type { CheckResult } from '../../../shared/forms/cross-checks'
import { STAT_COLUMNS, type StatColumn, type StatisticsTable } from '../../../shared/forms/statistics-table'
import { formatDate } from '../../ui/format'
import type { HeaderMerge, SheetCell, SheetModel, WorkbookModel } from '../../ui/sheets/write-workbook'
import { failureNote, formulaOf, rowName } from './check-words'

/** Groups of more than one column get a heading over them; a lone column's heading spans both rows. */
const groupSize = (group: string) => STAT_COLUMNS.filter((c) => c.group === group).length

/** A column's heading as one line: 0–5岁 · 父母均外出, or 留守儿童总数. */
export function columnTitle(t: TFunction, column: StatColumn): string {
  const head = t(`forms.columns.${column.id}.head`)
  return groupSize(column.group) > 1 ? `${t(`forms.groups.${column.group}`)} · ${head}` : head
}

function tableHeader(t: TFunction): { header: SheetCell[][]; headerMerges: HeaderMerge[] } {
  const top: SheetCell[] = [t('forms.unit')]
  const sub: SheetCell[] = [null]
  const numbers: SheetCell[] = [t('forms.columnNumber')]
  const headerMerges: HeaderMerge[] = [{ row: 0, col: 0, rowSpan: 2 }]
  STAT_COLUMNS.forEach((column, i) => {
    const col = i + 1
    numbers.push(column.n)
    if (groupSize(column.group) === 1) {
      top.push(t(`forms.columns.${column.id}.head`))
      sub.push(null)
      headerMerges.push({ row: 0, col, rowSpan: 2 })
      return
    }
    const first = STAT_COLUMNS.find((c) => c.group === column.group) === column
    top.push(first ? t(`forms.groups.${column.group}`) : null)
    sub.push(t(`forms.columns.${column.id}.head`))
    if (first) headerMerges.push({ row: 0, col, colSpan: groupSize(column.group) })
  })
  return { header: [top, sub, numbers], headerMerges }
}

const withSchoolNames = (table: StatisticsTable) => table.scope.schoolId === undefined

export function statisticsSheet(t: TFunction, language: string, table: StatisticsTable, results: readonly CheckResult[]): SheetModel {
  const failed = results.filter((r) => !r.ok)
  const unit = table.schoolName === '' ? t('forms.sheet.allSchools') : table.schoolName
  const notes =
    failed.length === 0
      ? [t('forms.checks.sheetAllGood', { count: results.length })]
      : [t('forms.checks.sheetFailed'), ...failed.map((r) => failureNote(t, r, language, withSchoolNames(table)))]
  return {
    name: t('forms.sheet.statisticsSheet'),
    title: t('forms.sheet.statisticsTitle'),
    subtitle: t('forms.sheet.statisticsSubtitle', { unit, day: formatDate(table.scope.day, language), from: formatDate(table.scope.from, language) }),
    ...tableHeader(t),
    rows: table.rows.map((row) => [rowName(t, row.key), ...row.cells]),
    columns: [{ width: 20 }, ...STAT_COLUMNS.map((c) => (c.unit === 'yuan' ? { width: 12, numFmt: '#,##0.00' } : { width: 7, numFmt: '0' }))],
    notes,
    landscape: true,
  }
}

function definitionsSheet(t: TFunction): SheetModel {
  return {
    name: t('forms.sheet.definitionsSheet'),
    header: [[t('forms.columnNumber'), t('forms.preview.column'), t('forms.sheet.definition')]],
    rows: STAT_COLUMNS.map((c) => [c.n, columnTitle(t, c), t(`forms.columns.${c.id}.definition`)]),
    columns: [{ width: 8, numFmt: '0' }, { width: 28 }, { width: 70 }],
  }
}

function checksSheet(t: TFunction, language: string, table: StatisticsTable, results: readonly CheckResult[]): SheetModel {
  return {
    name: t('forms.sheet.checksSheet'),
    header: [[t('forms.sheet.check'), t('forms.sheet.meaning'), t('forms.sheet.result'), t('forms.sheet.detail')]],
    rows: results.map((r) => [
      formulaOf(t, r.left, r.right),
      t(`forms.checks.names.${r.check.id}`),
      t(r.ok ? 'forms.checks.ok' : 'forms.checks.notOk'),
      r.ok ? null : failureNote(t, r, language, withSchoolNames(table)),
    ]),
    columns: [{ width: 32 }, { width: 36 }, { width: 10 }, { width: 80 }],
  }
}

/**
 * The statistics workbook. Written only when every check agrees, or when the coordinator chose
 * to export anyway: the page decides (SPEC V5); this writes what it is given, failures and all.
 */
export function statisticsWorkbook(t: TFunction, language: string, table: StatisticsTable, results: readonly CheckResult[]): WorkbookModel {
  return {
    creator: t('app.name'),
    sheets: [statisticsSheet(t, language, table, results), definitionsSheet(t), checksSheet(t, language, table, results)],
  }
}

/** 统计表-全部学校-2027-06-30.xlsx */
export function statisticsFileName(t: TFunction, table: StatisticsTable): string {
  return `${t('forms.sheet.statisticsSheet')}-${table.schoolName === '' ? t('forms.sheet.allSchools') : table.schoolName}-${table.scope.day}.xlsx`
}

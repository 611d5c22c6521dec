/**
 * The roster (shared/forms/roster-form.ts) as a sheet to write (client/ui/sheets/
 * write-workbook.ts): the title and the unit, the two header rows (監護人, 父親, 母親 over
 * their columns), one row per child with codes put in words of the user's language. Phones
 * stay text, a birth date is a date cell, an age a number; what the file does not give is an
 * empty cell (SPEC V2, V6).
 */
import type { TFunction } from 'i18next'
import { ROSTER_COLUMNS, type RosterColumnId, type RosterForm, type RosterRow } from '../../../shared/forms/roster-form'
import { classLabel } from '../../ui/class-label'
import { formatDate } from '../../ui/format'
import type { HeaderMerge, SheetCell, SheetModel, WorkbookModel } from '../../ui/sheets/write-workbook'

const WIDTHS: Record<RosterColumnId, number> = {
  n: 6, name: 10, gender: 6, birthDate: 12, age: 6, school: 18, class: 14, parentsAway: 12, careArrangement: 12,
  guardianName: 10, guardianRelation: 12, guardianPhone: 14, fatherWorkplace: 16, fatherPhone: 14,
  motherWorkplace: 16, motherPhone: 14, boarding: 6, schoolingStatus: 12, risk: 12, helpers: 20,
}

/** A code as the case file's options name it, '' left empty. */
function option(t: TFunction, group: string, code: string): SheetCell {
  return code === '' ? null : t(`field.options.${group}.${code}`, { defaultValue: code })
}

const text = (value: string): SheetCell => (value.trim() === '' ? null : value)

function cellOf(t: TFunction, row: RosterRow, id: RosterColumnId): SheetCell {
  switch (id) {
    case 'n':
      return row.n
    case 'name':
      return text(row.name)
    case 'gender':
      return option(t, 'gender', row.gender)
    case 'birthDate':
      return row.birthDate ? { date: row.birthDate } : null
    case 'age':
      return row.age ?? null
    case 'school':
      return text(row.schoolName)
    case 'class':
      return row.cls ? classLabel(t, row.cls) : t('forms.noClass')
    case 'parentsAway':
      return row.parentsAway === '' ? null : t(`forms.away.${row.parentsAway}`, { defaultValue: row.parentsAway })
    case 'careArrangement':
      return option(t, 'careArrangement', row.careArrangement)
    case 'guardianName':
      return text(row.guardian.name)
    case 'guardianRelation':
      return option(t, 'relation', row.guardian.relation)
    case 'guardianPhone':
      return text(row.guardian.phone)
    case 'fatherWorkplace':
      return text(row.father.workplace)
    case 'fatherPhone':
      return text(row.father.phone)
    case 'motherWorkplace':
      return text(row.mother.workplace)
    case 'motherPhone':
      return text(row.mother.phone)
    case 'boarding':
      return row.boarding === null ? null : t(row.boarding ? 'forms.sheet.yes' : 'forms.sheet.no')
    case 'schoolingStatus':
      return option(t, 'schoolingStatus', row.schoolingStatus)
    case 'risk':
      return option(t, 'risk', row.risk)
    case 'helpers':
      return row.helpers.length === 0 ? null : row.helpers.join(t('forms.checks.nameSeparator'))
  }
}

/** The two header rows: a group's name over its columns, a lone column's name over both rows. */
function header(t: TFunction): { header: SheetCell[][]; headerMerges: HeaderMerge[] } {
  const top: SheetCell[] = []
  const sub: SheetCell[] = []
  const headerMerges: HeaderMerge[] = []
  ROSTER_COLUMNS.forEach((column, col) => {
    const group = 'group' in column ? column.group : undefined
    if (!group) {
      top.push(t(`forms.roster.${column.id}`))
      sub.push(null)
      headerMerges.push({ row: 0, col, rowSpan: 2 })
      return
    }
    const first = ROSTER_COLUMNS.findIndex((c) => 'group' in c && c.group === group)
    top.push(first === col ? t(`forms.roster.${group}`) : null)
    sub.push(t(`forms.roster.${column.id}`))
    if (first === col) headerMerges.push({ row: 0, col, colSpan: ROSTER_COLUMNS.filter((c) => 'group' in c && c.group === group).length })
  })
  return { header: [top, sub], headerMerges }
}

export function rosterSheet(t: TFunction, language: string, form: RosterForm): SheetModel {
  const unit = form.schoolName === '' ? t('forms.sheet.allSchools') : form.schoolName
  return {
    name: t('forms.sheet.rosterSheet'),
    title: t('forms.sheet.rosterTitle'),
    subtitle: t('forms.sheet.subtitle', { unit, day: formatDate(form.scope.day, language), count: form.rows.length }),
    ...header(t),
    rows: form.rows.map((row) => ROSTER_COLUMNS.map((column) => cellOf(t, row, column.id))),
    columns: ROSTER_COLUMNS.map((column) => ({ width: WIDTHS[column.id], ...(column.id === 'n' || column.id === 'age' ? { numFmt: '0' } : {}) })),
    landscape: true,
  }
}

export function rosterWorkbook(t: TFunction, language: string, form: RosterForm): WorkbookModel {
  return { creator: t('app.name'), sheets: [rosterSheet(t, language, form)] }
}

/** 花名册-东山镇中心小学-2027-06-30.xlsx */
export function rosterFileName(t: TFunction, form: RosterForm): string {
  return `${t('forms.sheet.rosterSheet')}-${form.schoolName === '' ? t('forms.sheet.allSchools') : form.schoolName}-${form.scope.day}.xlsx`
}

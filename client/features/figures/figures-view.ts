/**
 * What the figures page shows, as pure functions: the period a choice names (a term, a month
 * of it, or from/to), the organisation a teacher's figures are taken over (their own classes),
 * the filter's options, and two terms' rows side by side with the change.
 */
import type { TFunction } from 'i18next'
import { parseIsoDate, type IsoDate } from '../../../shared/dates'
import type { Organisation, Term } from '../../../shared/docs/settings/organisation'
import { periodMonths, type FigureFilter, type FigurePeriod } from '../../../shared/figures/figures'
import type { FigureRow } from '../../ui/figure-rows'

export type PeriodChoice =
  | { kind: 'term'; term: string }
  | { kind: 'month'; term: string; month: string }
  | { kind: 'range'; from: string; to: string }

const termOf = (org: Organisation, code: string): Term | undefined => org.terms.find((t) => t.code === code)

const lastDayOf = (month: string): IsoDate => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) as IsoDate
}

const max = (a: IsoDate, b: IsoDate) => (a > b ? a : b)
const min = (a: IsoDate, b: IsoDate) => (a < b ? a : b)

/** The months of a term, for the month picker. */
export const termMonths = (org: Organisation, code: string): string[] => {
  const term = termOf(org, code)
  return term ? periodMonths(term) : []
}

/** A month of a term, cut to the term's days; the term's plan counts its activities. */
export function monthPeriod(term: Term, month: string): FigurePeriod {
  return { start: max(`${month}-01` as IsoDate, term.start), end: min(lastDayOf(month), term.end), term: term.code }
}

/** The period a choice names, or undefined while it names none (no such term, a date missing or after the other). */
export function periodOf(choice: PeriodChoice, org: Organisation): FigurePeriod | undefined {
  if (choice.kind === 'range') {
    const start = parseIsoDate(choice.from)
    const end = parseIsoDate(choice.to)
    if (!start || !end || start > end) return undefined
    // Within one term, that term's plan counts its activities.
    const within = org.terms.find((t) => t.start <= start && end <= t.end)
    return { start, end, ...(within ? { term: within.code } : {}) }
  }
  const term = termOf(org, choice.term)
  if (!term) return undefined
  if (choice.kind === 'month') return termMonths(org, term.code).includes(choice.month) ? monthPeriod(term, choice.month) : undefined
  return { start: term.start, end: term.end, term: term.code }
}

/** The month of `today` within a term (clamped to its first or last month): "this month" of the rules' section. */
export function currentMonth(term: Term, today: IsoDate): FigurePeriod {
  const months = periodMonths(term)
  const month = today.slice(0, 7)
  const shown = months.includes(month) ? month : month < (months[0] ?? month) ? (months[0] ?? month) : (months.at(-1) ?? month)
  return monthPeriod(term, shown)
}

/**
 * The organisation a member's figures are taken over: a teacher's own classes only (their
 * device holds only their children, so the pupils counted must be of their classes too).
 */
export function scopeOrganisation(org: Organisation, own: 'any' | readonly string[] | undefined): Organisation {
  if (own === 'any' || own === undefined) return org
  const mine = new Set(own)
  const classes = org.classes.filter((c) => mine.has(c.id))
  const schools = new Set(classes.map((c) => c.schoolId))
  return { ...org, classes, schools: org.schools.filter((s) => schools.has(s.id)) }
}

/** The filter's grades: those of the chosen school's classes (or every school's), in order. */
export function gradesOf(org: Organisation, schoolId: string | undefined): number[] {
  return [...new Set(org.classes.filter((c) => !c.archived && (schoolId === undefined || c.schoolId === schoolId)).map((c) => c.grade))].sort((a, b) => a - b)
}

/** A filter made whole: a class that is not in the chosen school or grade is dropped. */
export function narrowFilter(org: Organisation, filter: FigureFilter): FigureFilter {
  const cls = filter.classId !== undefined ? org.classes.find((c) => c.id === filter.classId) : undefined
  const keepClass = cls !== undefined && (filter.schoolId === undefined || cls.schoolId === filter.schoolId) && (filter.grade === undefined || cls.grade === filter.grade)
  return {
    ...(filter.schoolId !== undefined ? { schoolId: filter.schoolId } : {}),
    ...(filter.grade !== undefined ? { grade: filter.grade } : {}),
    ...(keepClass ? { classId: filter.classId } : {}),
  }
}

export interface ComparedRow {
  row: FigureRow
  /** The other term's value as written, '—' when it has none. */
  other?: string
  /** The change from the other term to this one: `+3`, `−2`, `+4.5 个百分点`; '' when there is nothing to compare. */
  change?: string
}

/** This period's rows beside another's, matched by key. */
export function compareRows(rows: readonly FigureRow[], others: readonly FigureRow[] | undefined, { t, language }: { t: TFunction; language: string }): ComparedRow[] {
  if (!others) return rows.map((row) => ({ row }))
  const byKey = new Map(others.map((r) => [r.key, r]))
  return rows.map((row) => {
    const other = byKey.get(row.key)
    if (!row.value) return { row }
    const otherText = other?.value?.text ?? t('figures.none')
    const a = row.value.raw
    const b = other?.value?.raw ?? (row.value.unit === 'rate' ? null : 0)
    if (a === null || b === null) return { row, other: otherText, change: '' }
    const signed = (n: number, digits: number) => new Intl.NumberFormat(language, { signDisplay: 'exceptZero', maximumFractionDigits: digits }).format(n)
    if (row.value.unit === 'rate') return { row, other: otherText, change: t('figures.points', { points: signed((a - b) * 100, 1) }) }
    if (row.value.unit === 'yuan') return { row, other: otherText, change: signed(Math.round((a - b) * 100) / 100, 2) }
    return { row, other: otherText, change: signed(a - b, 0) }
  })
}


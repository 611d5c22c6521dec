/**
 * A period's Figures as the rows a person reads (SPEC Z5): each figure's label, its value as
 * the page writes it in the reader's language (Intl.NumberFormat: counts, percentages, yuan;
 * "—" for a rate with nothing to divide by, SPEC Z4) and its definition. The figures page, the
 * term summary's .docx and its .xlsx all print these rows, so a number cannot read one way on
 * the page and another in a file. Pure but for the words (a TFunction), so it is tested in Node.
 */
import type { TFunction } from 'i18next'
import { CARE_ARRANGEMENTS, FILE_REQUIRED_FIELDS, GENDERS, PARENTS_AWAY, RISK_LEVELS } from '../../shared/docs/child/child-fields'
import { PAIRING_KINDS } from '../../shared/docs/child/pairings'
import { CONTACT_METHODS, RECORD_TYPES } from '../../shared/docs/child/records'
import { AGE_BANDS } from '../../shared/dates'
import type { Count, Ratio } from '../../shared/figures/count'
import { RULED_TYPES, type ActivityHeld, type Figures } from '../../shared/figures/figures'
import { formatDate } from './format'

export type FigureUnit = 'count' | 'rate' | 'yuan'

export interface FigureValue {
  unit: FigureUnit
  /** A count, a rate from 0 to 1 (null: no rate), or yuan. */
  raw: number | null
  /** As the page shows it: `185`, `60%`, `¥1,000.30`, `—`. */
  text: string
  /** A rate's parts, `3 / 5`. */
  detail?: string
}

export interface FigureRow {
  /** Stable across languages: `filing`, `careArrangement.grandparents`. */
  key: string
  label: string
  /** A row under a group's heading (one value of a count) is level 1; a heading has no value. */
  level: 0 | 1
  value?: FigureValue
  definition?: string
}

export interface FigureWords {
  t: TFunction
  language: string
}

export const formatCount = (n: number, language: string) => new Intl.NumberFormat(language).format(n)

export function formatRate(rate: number | null, language: string, none = '—'): string {
  return rate === null ? none : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(rate)
}

export function formatYuan(yuan: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }).format(yuan)
}

/** "Sep 2026" / 2026年9月 for a 'YYYY-MM'. */
export function monthLabel(month: string, language: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)))
}

/** A day (YYYY-MM-DD) or, for a plan item with only a month, its month, in the reader's language. */
export function formatDay(date: string, language: string): string {
  if (/^\d{4}-\d{2}$/.test(date)) return monthLabel(date, language)
  return formatDate(date, language)
}

/** The known values of a count first (in their own order, zeros too), then any others a peer wrote, then "not given". */
function countKeys(count: Count, known: readonly string[], withZeros: boolean): string[] {
  const others = Object.keys(count).filter((k) => k !== '' && !known.includes(k)).sort()
  const keys = [...known.filter((k) => withZeros || (count[k] ?? 0) > 0), ...others]
  return (count[''] ?? 0) > 0 ? [...keys, ''] : keys
}

export function figureRows(figures: Figures, { t, language }: FigureWords): FigureRow[] {
  const none = t('figures.none')
  const label = (key: string) => t(`figures.labels.${key}`)
  const definition = (key: string) => t(`figures.definitions.${key}`)
  const count = (n: number): FigureValue => ({ unit: 'count', raw: n, text: formatCount(n, language) })
  const rate = (r: Ratio): FigureValue => ({ unit: 'rate', raw: r.rate, text: formatRate(r.rate, language, none), detail: t('figures.ratio', { part: formatCount(r.count, language), whole: formatCount(r.of, language) }) })
  const yuan = (n: number): FigureValue => ({ unit: 'yuan', raw: n, text: formatYuan(n, language) })
  const one = (key: string, value: FigureValue, def = key): FigureRow => ({ key, label: label(key), level: 0, value, definition: definition(def) })
  const group = (key: string, values: Count, known: readonly string[], word: (value: string) => string, options: { zeros?: boolean; def?: string; unit?: (n: number) => FigureValue } = {}): FigureRow[] => [
    { key, label: label(key), level: 0, definition: definition(options.def ?? key) },
    ...countKeys(values, known, options.zeros ?? true).map((v): FigureRow => ({ key: `${key}.${v}`, label: v === '' ? t('figures.notGiven') : word(v), level: 1, value: (options.unit ?? count)(values[v] ?? 0) })),
  ]
  const option = (field: string) => (v: string) => t(`field.options.${field}.${v}`, { defaultValue: v })
  const recordType = (v: string) => t(`records.types.${v}`, { defaultValue: v })
  const enrolment = rate(figures.enrolment)
  return [
    one('leftBehind', count(figures.leftBehind)),
    one('pupils', count(figures.pupils.total)),
    one('share', rate(figures.share)),
    one('filing', rate(figures.filing)),
    ...group('missingFields', figures.missingFields, FILE_REQUIRED_FIELDS, (f) => t(`field.labels.${f}`, { defaultValue: f }), { zeros: false }),
    one('enrolment', figures.enrolment.unknown > 0 ? { ...enrolment, detail: `${enrolment.detail ?? ''} · ${t('figures.unknownSchooling', { unknown: formatCount(figures.enrolment.unknown, language) })}` } : enrolment),
    one('retention', rate(figures.retention)),
    ...group('careArrangement', figures.careArrangement, CARE_ARRANGEMENTS, option('careArrangement')),
    ...group('parentsAway', figures.parentsAway, PARENTS_AWAY, option('parentsAway')),
    ...group('gender', figures.gender, GENDERS, option('gender')),
    ...group('ageBands', figures.ageBands, [...AGE_BANDS.map((b) => b.id), 'over'], (b) => t(`figures.ageBands.${b}`)),
    ...group('risk', figures.risk, RISK_LEVELS, option('risk')),
    ...group('priority', figures.priority, ['problem', 'hardship'], option('priority'), { zeros: true }).filter((row) => row.key !== 'priority.' && row.key !== 'priority.none'),
    one('pairingCoverage', rate(figures.pairingCoverage)),
    ...group('pairingsByKind', figures.pairingsByKind, PAIRING_KINDS, (k) => t(`pairings.kinds.${k}`, { defaultValue: k })),
    ...group('records', figures.records, RECORD_TYPES, recordType),
    ...group('childrenReached', figures.childrenReached, RECORD_TYPES, recordType),
    ...group('parentContactsByMethod', figures.parentContactsByMethod, CONTACT_METHODS, (m) => t(`records.options.parentContact.method.${m}`, { defaultValue: m })),
    one('aidTotalYuan', yuan(figures.aidTotalYuan)),
    one('aidChildren', count(figures.aidChildren), 'aidChildren'),
    ...group('aid', figures.aidYuan, [], (source) => source, { zeros: false, unit: yuan }).map((row) => (row.key === 'aid.' ? { ...row, label: t('figures.noSource') } : row)),
    one('activities', count(figures.activities.length)),
    one('attended', count(figures.activities.reduce((sum, a) => sum + a.attended, 0))),
    ...rulesMetRows(figures, { t, language }, rate),
  ]
}

/** The care rules' tasks met, by record type, for the types some rule asks for (SPEC Z9). */
function rulesMetRows(figures: Figures, { t, language }: FigureWords, rate: (r: Ratio) => FigureValue): FigureRow[] {
  const met = figures.rulesMet
  if (!met) return []
  const asked = RULED_TYPES.filter((type) => met[type].tasks > 0)
  if (asked.length === 0) return []
  return [
    { key: 'rulesMet', label: t('figures.labels.rulesMet'), level: 0, definition: t('figures.definitions.rulesMet') },
    ...asked.map((type): FigureRow => {
      const m = met[type]
      const value = rate(m.rate)
      const open = m.open > 0 ? ` · ${t('figures.rules.open', { open: formatCount(m.open, language) })}` : ''
      return { key: `rulesMet.${type}`, label: t(`records.types.${type}`), level: 1, value: { ...value, detail: `${t('figures.rules.met', { met: formatCount(m.met, language), tasks: formatCount(m.tasks, language) })}${open}` } }
    }),
  ]
}

/** An activity's title as the plan shows it: its own, or its template item's in the reader's language. */
export function activityTitle(t: TFunction, activity: Pick<ActivityHeld, 'title' | 'templateKey'>): string {
  if (activity.title) return activity.title
  return activity.templateKey ? t(`plan.template.${activity.templateKey}`) : ''
}

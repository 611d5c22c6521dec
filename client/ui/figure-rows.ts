/**
 * A published report's figures as rows to show or write out (docs/SPEC.md J4, J5): each figure
 * with its label and definition (client/i18n/locales/figures/), each value of a count under it,
 * one value per column (one report, or two terms side by side). The page's table and the
 * supervisor's .xlsx are both made from these rows, so they always say the same numbers.
 */
import type { TFunction } from 'i18next'
import { COUNT_KEYS, type CountKey, type PublishedFigures } from '../../shared/docs/report/edition'
import { formatDate } from './format'

export type FigureValue =
  | { shape: 'number'; n: number }
  | { shape: 'yuan'; n: number }
  | { shape: 'ratio'; count: number; of: number; rate: number | null }
  /** The column has no such row (an activity of another term). */
  | { shape: 'none' }

export interface FigureRow {
  /** Stable within a table: `gender.female`, `activities.3`. */
  key: string
  label: string
  /** How the figure is counted (a figure's own row only). */
  definition?: string
  /** 0 a figure, 1 one value of a count or a part of a figure. */
  level: 0 | 1
  /** One per column; none for a heading whose values are below it. */
  values: FigureValue[] | null
}

const num = (n: number): FigureValue => ({ shape: 'number', n })
const NONE: FigureValue = { shape: 'none' }

/** How each count's values are named: the form's options, the record types, the pairing kinds. */
const VALUE_LABEL: Record<CountKey, (t: TFunction, key: string) => string> = {
  missingFields: (t, k) => t(`field.labels.${k}`),
  gender: (t, k) => t(`field.options.gender.${k}`),
  parentsAway: (t, k) => t(`field.options.parentsAway.${k}`),
  careArrangement: (t, k) => t(`field.options.careArrangement.${k}`),
  ageBands: (t, k) => t(`figures.ageBands.${k}`),
  risk: (t, k) => t(`field.options.risk.${k}`),
  priority: (t, k) => t(`field.options.priority.${k}`),
  pairingsByKind: (t, k) => t(`pairings.kinds.${k}`),
  records: (t, k) => t(`records.types.${k}`),
  childrenReached: (t, k) => t(`records.types.${k}`),
  parentContactsByMethod: (t, k) => t(`records.options.parentContact.method.${k}`),
}

/** The rows of these columns' figures, in the order the figures page shows them. */
export function figureRows(t: TFunction, language: string, columns: readonly PublishedFigures[]): FigureRow[] {
  const rows: FigureRow[] = []
  const figure = (key: string, values: FigureValue[] | null, labelKey = key) =>
    rows.push({ key, label: t(`figures.labels.${labelKey}`), definition: t(`figures.definitions.${key}`), level: 0, values })
  const part = (key: string, label: string, values: FigureValue[]) => rows.push({ key, label, level: 1, values })
  const ratio = (key: 'share' | 'filing' | 'retention' | 'pairingCoverage' | 'enrolment') => figure(key, columns.map((f) => ({ shape: 'ratio', ...pick(f[key]) })))
  const count = (key: CountKey) => {
    figure(key, null)
    const present = new Set(columns.flatMap((f) => Object.keys(f[key])))
    const keys = [...COUNT_KEYS[key], ...(present.has('') ? [''] : [])]
    for (const k of keys) part(`${key}.${k}`, k === '' ? t('figures.notGiven') : VALUE_LABEL[key](t, k), columns.map((f) => num(valueOf(f[key], k))))
  }

  figure('leftBehind', columns.map((f) => num(f.leftBehind)))
  figure('pupils', columns.map((f) => num(f.pupils.total)))
  part('pupils.classes', t('report.classesCounted'), columns.map((f) => ({ shape: 'ratio', count: f.pupils.classesCounted, of: f.pupils.classes, rate: null })))
  ratio('share')
  ratio('filing')
  count('missingFields')
  ratio('enrolment')
  part('enrolment.unknown', t('report.noSchoolingStatus'), columns.map((f) => num(f.enrolment.unknown)))
  ratio('retention')
  for (const key of ['gender', 'parentsAway', 'careArrangement', 'ageBands', 'risk', 'priority'] as const) count(key)
  ratio('pairingCoverage')
  count('pairingsByKind')
  count('records')
  count('childrenReached')
  count('parentContactsByMethod')

  figure('aid', null)
  part('aid.total', t('figures.labels.aidTotalYuan'), columns.map((f) => ({ shape: 'yuan', n: f.aidTotalYuan })))
  part('aid.children', t('figures.labels.aidChildren'), columns.map((f) => num(f.aidChildren)))
  const sources = [...new Set(columns.flatMap((f) => Object.keys(f.aidYuan)))]
  for (const source of sources) {
    part(`aid.source.${source}`, t('report.aidFrom', { source: source === '' ? t('report.noSource') : source }), columns.map((f) => (source in f.aidYuan ? { shape: 'yuan', n: f.aidYuan[source] ?? 0 } : NONE)))
  }

  figure('activities', columns.map((f) => num(f.activities.length)))
  columns.forEach((f, column) =>
    f.activities.forEach((a, i) => {
      const title = a.title || (a.templateKey ? t(`plan.template.${a.templateKey}`) : t(`plan.kind.${a.activity}`))
      const label = a.date ? t('report.activity', { title, date: formatDate(a.date, language) }) : title
      part(`activities.${column}.${i}`, label, columns.map((_, c) => (c === column ? num(a.attended) : NONE)))
    }),
  )
  return rows
}

const pick = (r: { count: number; of: number; rate: number | null }) => ({ count: r.count, of: r.of, rate: r.rate })
const valueOf = (count: Partial<Record<string, number>>, key: string) => count[key] ?? 0

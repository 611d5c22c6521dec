/**
 * A published report's editions as the rows a person reads, one value column per term (docs/SPEC.md
 * J5): each edition's figures go through figure-rows.ts, the rows the figures page and the term
 * summary print (SPEC Z5, Z8), so a published number reads as it did on the coordinator's page.
 * Two terms side by side: a row one term has and the other lacks (a field missing from no file
 * that term, an aid source) keeps its place, with no value in the other column.
 */
import type { IsoDate } from '../../shared/dates'
import type { Edition } from '../../shared/docs/report/edition'
import type { Figures } from '../../shared/figures/figures'
import { figureRows, type FigureRow, type FigureValue, type FigureWords } from './figure-rows'

export interface ReportRow extends Omit<FigureRow, 'value'> {
  /** One per column (undefined: that term has no such row); null for a heading of values below it. */
  values: (FigureValue | undefined)[] | null
}

/** The ratios of Figures, whose parts the .xlsx writes as numbers too. */
export const RATIO_KEYS = ['share', 'filing', 'enrolment', 'retention', 'pairingCoverage'] as const
export type RatioKey = (typeof RATIO_KEYS)[number]

/** An edition's figures as computeFigures gave them: its period, its scope as the filter, its activities numbered. */
export function figuresOfEdition(edition: Edition): Figures {
  const { activities, ...counts } = edition.figures
  return {
    ...counts,
    period: { start: edition.period.start as IsoDate, end: edition.period.end as IsoDate, ...(edition.period.term !== undefined ? { term: edition.period.term } : {}) },
    filter: edition.scope.kind === 'school' ? { schoolId: edition.scope.schoolId } : {},
    activities: activities.map(({ templateKey, ...a }, i) => ({ id: String(i), ...a, ...(templateKey !== undefined ? { templateKey } : {}) })),
  }
}

export function reportRows(columns: readonly Edition[], words: FigureWords): ReportRow[] {
  const perColumn = columns.map((edition) => figureRows(figuresOfEdition(edition), words))
  // One order for every column: a row only one term has goes after the row before it in that term.
  const order: string[] = []
  const rows = new Map<string, FigureRow>()
  for (const list of perColumn) {
    let at = -1
    for (const row of list) {
      if (!rows.has(row.key)) rows.set(row.key, row)
      const found = order.indexOf(row.key)
      if (found >= 0) at = found
      else order.splice(++at, 0, row.key)
    }
  }
  return order.map((key) => {
    const { label, level, definition } = rows.get(key) as FigureRow
    const values = perColumn.map((list) => list.find((r) => r.key === key)?.value)
    return { key, label, level, ...(definition !== undefined ? { definition } : {}), values: values.every((v) => v === undefined) ? null : values }
  })
}

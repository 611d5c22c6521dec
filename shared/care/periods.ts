/**
 * The periods a care rule counts in (docs/SPEC.md U5): calendar weeks (Monday first), months,
 * quarters, half years (January–June, July–December) and years, and the workspace's terms as
 * the settings document gives them. A made file is asked for in a term's first month. Pure.
 */
import { addDays, type IsoDate } from '../dates'
import type { RulePeriod } from '../docs/settings/care-rule-shape'

export interface Period {
  /** First and last day, both included. */
  start: IsoDate
  end: IsoDate
}

/** A term as the due list needs it (shared/docs/settings/organisation-read.ts Term). */
export interface TermSpan {
  start: IsoDate
  end: IsoDate
}

/** What a rule counts over: a calendar period, a term, or a term's first month. */
export type PeriodKind = RulePeriod | 'termFirstMonth'

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) as IsoDate
const parts = (day: IsoDate) => day.split('-').map(Number) as [number, number, number]

/** The calendar period of a kind that `day` falls in (not for terms). */
export function calendarPeriod(every: Exclude<RulePeriod, 'term'>, day: IsoDate): Period {
  const [y, m] = parts(day)
  switch (every) {
    case 'week': {
      // getUTCDay: Sunday 0 … Saturday 6; the week starts on Monday.
      const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7
      const start = addDays(day, -weekday)
      return { start, end: addDays(start, 6) }
    }
    case 'month':
      return { start: iso(y, m, 1), end: iso(y, m + 1, 0) }
    case 'quarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1
      return { start: iso(y, first, 1), end: iso(y, first + 3, 0) }
    }
    case 'halfYear':
      return m <= 6 ? { start: iso(y, 1, 1), end: iso(y, 6, 30) } : { start: iso(y, 7, 1), end: iso(y, 12, 31) }
    case 'year':
      return { start: iso(y, 1, 1), end: iso(y, 12, 31) }
  }
}

/** A term's first month: from its first day to the day before the same date a month on (or the term's end). */
export function firstMonthOf(term: TermSpan): Period {
  const [y, m, d] = parts(term.start)
  const lastOfNext = Number(iso(y, m + 2, 0).slice(8))
  const end = addDays(iso(y, m + 1, Math.min(d, lastOfNext)), -1)
  return { start: term.start, end: end < term.end ? end : term.end }
}

/** The periods a rule's tasks are for today: the one running, and the last one that ended before today. */
export interface RecentPeriods {
  running?: Period
  last?: Period
}

/**
 * The backlog is bounded (SPEC U5): a task exists for the period running today and for the one
 * before it, never older ones. Terms come from the settings; with none, no term task exists.
 */
export function recentPeriods(kind: PeriodKind, today: IsoDate, terms: readonly TermSpan[]): RecentPeriods {
  if (kind === 'term' || kind === 'termFirstMonth') {
    const spans = terms.map((t) => (kind === 'term' ? { start: t.start, end: t.end } : firstMonthOf(t)))
    const running = spans.find((p) => p.start <= today && today <= p.end)
    let last: Period | undefined
    for (const p of spans) if (p.end < today && (!last || p.end > last.end)) last = p
    return { ...(running ? { running } : {}), ...(last ? { last } : {}) }
  }
  const running = calendarPeriod(kind, today)
  return { running, last: calendarPeriod(kind, addDays(running.start, -1)) }
}

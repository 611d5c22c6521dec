/**
 * A term's published report (`<workspace>/report/<term>`), the one document a supervisor
 * receives (docs/SPEC.md J1, J2). Shape, schema version 1:
 * - `editions`  Y.Array  one plain JSON edition per publishing (edition.ts), appended, never changed
 *
 * A coordinator publishes the figures of the term (computeFigures, shared/figures/) for the
 * whole workspace or one school; publishing again appends a new edition, so earlier ones stay
 * and a supervisor sees when the figures changed. The report of a scope is its latest edition
 * (by its signed time; two published offline at once, the one later in the array). Editions a
 * peer wrote badly are skipped, never thrown at a view.
 */
import type * as Y from 'yjs'
import { newId } from '../../doc-id'
import { Origin, type TransactionOrigin } from '../../origin'
import type { Figures } from '../../figures/figures'
import type { Count } from '../../figures/count'
import type { Author } from '../child/field-log'
import { signed } from '../plan/signature'
import { COUNT_KEYS, Edition, EDITION_SCHEMA_VERSION, MAX_ACTIVITIES, MAX_AID_SOURCE, MAX_AID_SOURCES, MAX_MONTHS, PublishedActivity, scopeKey, type CountKey, type PublishedFigures, type ReportScope } from './edition'
import { RECORD_TYPES, TITLE_MAX } from '../child/records'

export const EDITIONS_ROOT = 'editions'

/** Who publishes, and when (their corrected clock, shared/clock.ts). */
export interface ReportContext {
  author: Author
  now: number
  origin?: TransactionOrigin
}

export interface Report {
  /** Every readable edition, oldest first. */
  editions: Edition[]
  /** The latest edition of each scope: the workspace's first, then the schools' by name. */
  latest: Edition[]
}

const editions = (doc: Y.Doc) => doc.getArray<unknown>(EDITIONS_ROOT)

/**
 * Appends an edition of these figures for the scope, signed by the publisher; returns it.
 * The figures must be of the scope (no filter, or the school's), as computeFigures gave them.
 */
export function publishFigures(doc: Y.Doc, input: { figures: Figures; scope: ReportScope }, ctx: ReportContext): Edition {
  const edition = editionOf(input, ctx)
  doc.transact(() => editions(doc).push([edition]), ctx.origin ?? Origin.localEdit)
  return edition
}

/** The edition publishing these figures would append (the publish page previews it). */
export function editionOf({ figures, scope }: { figures: Figures; scope: ReportScope }, ctx: ReportContext): Edition {
  const { filter, period } = figures
  const schoolId = scope.kind === 'school' ? scope.schoolId : undefined
  if (filter.grade !== undefined || filter.classId !== undefined || filter.schoolId !== schoolId) {
    throw new Error('the figures are not of the scope they would be published for')
  }
  return Edition.parse({
    id: newId(),
    schema: EDITION_SCHEMA_VERSION,
    ...signed(ctx),
    period: { start: period.start, end: period.end, ...(period.term !== undefined ? { term: period.term } : {}) },
    scope,
    figures: toPublishedFigures(figures),
  })
}

/** The report as the document holds it: editions that do not read as one are skipped. */
export function readReport(doc: Y.Doc): Report {
  const seen = new Set<string>()
  const read: { edition: Edition; index: number }[] = []
  editions(doc)
    .toArray()
    .forEach((raw, index) => {
      const parsed = Edition.safeParse(raw)
      if (!parsed.success || seen.has(parsed.data.id)) return
      seen.add(parsed.data.id)
      read.push({ edition: parsed.data, index })
    })
  read.sort((a, b) => a.edition.at - b.edition.at || a.index - b.index)
  const all = read.map((r) => r.edition)
  const latest = new Map<string, Edition>()
  for (const edition of all) latest.set(scopeKey(edition.scope), edition)
  const order = (e: Edition) => (e.scope.kind === 'workspace' ? '' : `1${e.scope.schoolName}`)
  return { editions: all, latest: [...latest.values()].sort((a, b) => order(a).localeCompare(order(b), 'zh')) }
}

/** The latest edition of a scope, if any was published. */
export function latestOf(report: Report, scope: ReportScope): Edition | undefined {
  const key = scopeKey(scope)
  return report.latest.find((e) => scopeKey(e.scope) === key)
}

/**
 * The figures as they are published: the counts only, each keyed by a value of its list (a
 * value a peer wrote outside it counts as not given, as the figures read it); activities with
 * their title, date, kind and attendance (no item id); aid by source, the largest first.
 */
export function toPublishedFigures(figures: Figures): PublishedFigures {
  const counted = (key: CountKey) => closedCount(figures[key], COUNT_KEYS[key])
  const sources = Object.keys(figures.aidYuan).sort((a, b) => (figures.aidYuan[b] ?? 0) - (figures.aidYuan[a] ?? 0))
  const sourceKey = new Map(sources.map((s, i) => [s, i < MAX_AID_SOURCES - 1 ? s.slice(0, MAX_AID_SOURCE) : REST]))
  const bySource = (count: Count, round: (n: number) => number) => {
    const out: Record<string, number> = {}
    for (const [source, n] of Object.entries(count)) {
      const key = sourceKey.get(source) ?? source.slice(0, MAX_AID_SOURCE)
      out[key] = round((out[key] ?? 0) + n)
    }
    return out
  }
  const activities = figures.activities.slice(0, MAX_ACTIVITIES).map((a): PublishedActivity => {
    const date = /^\d{4}-\d{2}(-\d{2})?$/.test(a.date) ? a.date : ''
    const templateKey = a.templateKey !== undefined && /^[A-Za-z0-9_-]{1,64}$/.test(a.templateKey) ? { templateKey: a.templateKey } : {}
    return { ...templateKey, title: a.title.slice(0, TITLE_MAX), date, activity: a.activity as PublishedActivity['activity'], attended: a.attended }
  })
  return {
    leftBehind: figures.leftBehind,
    pupils: { ...figures.pupils },
    share: { ...figures.share },
    filing: { ...figures.filing },
    missingFields: counted('missingFields'),
    enrolment: { ...figures.enrolment },
    retention: { ...figures.retention },
    gender: counted('gender'),
    parentsAway: counted('parentsAway'),
    careArrangement: counted('careArrangement'),
    ageBands: counted('ageBands'),
    risk: counted('risk'),
    priority: counted('priority'),
    pairingCoverage: { ...figures.pairingCoverage },
    pairingsByKind: counted('pairingsByKind'),
    records: counted('records'),
    childrenReached: counted('childrenReached'),
    recordsByMonth: Object.fromEntries(
      Object.entries(figures.recordsByMonth)
        .filter(([month]) => /^\d{4}-(0[1-9]|1[0-2])$/.test(month))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .slice(0, MAX_MONTHS)
        .map(([month, count]) => [month, closedCount(count, RECORD_TYPES)]),
    ),
    parentContactsByMethod: counted('parentContactsByMethod'),
    aidYuan: bySource(figures.aidYuan, (n) => Math.round(n * 100) / 100),
    aidRecords: bySource(figures.aidRecords, (n) => n),
    aidChildren: figures.aidChildren,
    aidTotalYuan: figures.aidTotalYuan,
    activities: activities.filter((a) => PublishedActivity.safeParse(a).success),
  }
}

/** Where the smallest sources go past MAX_AID_SOURCES (a workspace with a hundred donors in a term). */
export const REST = '…'

/** A count keyed by the list's values only; what falls outside counts as not given (''). */
function closedCount(count: Count, values: readonly string[]): Record<string, number> {
  const known = new Set(values)
  const out: Record<string, number> = {}
  for (const [key, n] of Object.entries(count)) {
    const k = known.has(key) ? key : ''
    out[k] = (out[k] ?? 0) + n
  }
  return out
}

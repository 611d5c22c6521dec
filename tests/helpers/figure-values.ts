/**
 * Each figure row's number read straight off a Figures object, by the row's key, written out
 * here apart from client/ui/figure-rows.ts: the tests compare what the page and the files print
 * with this, so a row that took the wrong figure would show.
 */
import type { Figures } from '../../shared/figures/figures'

const SCALARS: Record<string, (f: Figures) => number | null> = {
  leftBehind: (f) => f.leftBehind,
  pupils: (f) => f.pupils.total,
  share: (f) => f.share.rate,
  filing: (f) => f.filing.rate,
  enrolment: (f) => f.enrolment.rate,
  retention: (f) => f.retention.rate,
  pairingCoverage: (f) => f.pairingCoverage.rate,
  aidTotalYuan: (f) => f.aidTotalYuan,
  aidChildren: (f) => f.aidChildren,
  activities: (f) => f.activities.length,
  attended: (f) => f.activities.reduce((n, a) => n + a.attended, 0),
}

const GROUPS: Record<string, (f: Figures) => Record<string, number>> = {
  missingFields: (f) => f.missingFields,
  careArrangement: (f) => f.careArrangement,
  parentsAway: (f) => f.parentsAway,
  gender: (f) => f.gender,
  ageBands: (f) => f.ageBands,
  risk: (f) => f.risk,
  priority: (f) => f.priority,
  pairingsByKind: (f) => f.pairingsByKind,
  records: (f) => f.records,
  childrenReached: (f) => f.childrenReached,
  parentContactsByMethod: (f) => f.parentContactsByMethod,
  aid: (f) => f.aidYuan,
}

/** The number a row of this key stands for; throws for a key no figure has. */
export function figureValue(figures: Figures, key: string): number | null {
  const scalar = SCALARS[key]
  if (scalar) return scalar(figures)
  const dot = key.indexOf('.')
  const group = GROUPS[key.slice(0, dot)]
  if (dot < 0 || !group) throw new Error(`no figure for the row ${key}`)
  return group(figures)[key.slice(dot + 1)] ?? 0
}

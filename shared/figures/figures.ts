/**
 * The figures of a period (../shared/DOMAIN.md, "Figures and the term summary"), computed once
 * from the index rows, the organisation and the term plan: the figures page, the term summary's
 * .docx and .xlsx and the report a coordinator publishes all read this one result, so they
 * always agree (docs/SPEC.md Z1). Pure and total: rows a peer wrote badly count as "not given",
 * never throw, and every count is of children or records in scope, never a number typed in.
 *
 * Who is counted (Z2): a child is in scope when their class is (school, grade, class filter; a
 * child with no class only when nothing is filtered), and left behind in the period when their
 * status on its last day (statusOn) is 'active'. Records count when dated within the period and
 * their child is in scope (whatever the child's status now: a visit made stays made).
 */
import { AGE_BANDS, ageBandOf, ageOn, type AgeBand, type IsoDate } from '../dates'
import type { Organisation } from '../docs/settings/organisation-read'
import { planItemRef } from '../docs/plan/attendance'
import type { PlanItem } from '../docs/plan/plan'
import { statusOn, type ChildRow, type PairingRow, type RecordRow } from '../indexes/rows'
import { countBy, ratio, type Count, type Ratio } from './count'
import { tasksWithin, type Task } from '../care/due'
import type { CareRule } from '../docs/settings/care-rule-shape'

export interface FigureFilter {
  schoolId?: string
  grade?: number
  classId?: string
}

export interface FigurePeriod {
  start: IsoDate
  end: IsoDate
  /** The term the period is, when it is one: its plan's activities are counted. */
  term?: string
}

export interface FiguresInput {
  org: Organisation
  children: readonly ChildRow[]
  records: readonly RecordRow[]
  pairings: readonly PairingRow[]
  /** The items of the period's term plan (readPlan), none when there is no plan. */
  planItems?: readonly PlanItem[]
  period: FigurePeriod
  filter?: FigureFilter
  /** The care rules in force and today: with them, what was done against the rules (`rulesMet`). */
  care?: { rules: readonly CareRule[]; today: IsoDate }
}

/** The record types whose cadence the care rules set, as the figures count them against the rules. */
export const RULED_TYPES = ['talk', 'homeVisit', 'parentContact'] as const
export type RuledType = (typeof RULED_TYPES)[number]

/** The tasks of the rules asking for one record type in the period (tasksWithin), and how they stand. */
export interface RulesMet {
  tasks: number
  /** Done: as many records as the rule asks, by the right helper, in the task's period. */
  met: number
  /** Not done, its period still running. */
  open: number
  /** Not done, its period over. */
  overdue: number
  /** Met ÷ tasks whose period is over or met (an open task is not yet missed). */
  rate: Ratio
}

/** Compulsory schooling (九年義務教育): the ages 入學率 is taken over. */
export const SCHOOL_AGE = { from: 6, to: 15 } as const

/** An activity of the plan held in the period, for the summary's dated list. */
export interface ActivityHeld {
  id: string
  templateKey?: string
  title: string
  date: string
  activity: string
  /** Children in scope whose file has this activity's record (attendance, SPEC G). */
  attended: number
}

export interface Figures {
  period: FigurePeriod
  filter: FigureFilter
  /** Left-behind children in scope on the period's last day. */
  leftBehind: number
  /** Pupils of the classes in scope, summed over the classes that gave a count; `classesCounted` of `classes`. */
  pupils: { total: number; classesCounted: number; classes: number }
  /** Left-behind children ÷ pupils, taken over the classes that gave a pupil count only. */
  share: Ratio
  /** 建檔率: left-behind children whose file holds every FILE_REQUIRED_FIELDS ÷ left-behind children. */
  filing: Ratio
  /** Fields the files lack, by field: what to fill in to raise 建檔率. */
  missingFields: Count
  /** 入學率: enrolled ÷ left-behind children of school age (SCHOOL_AGE) on the last day; `unknown` have no schooling status. */
  enrolment: Ratio & { unknown: number }
  /** 鞏固率: left behind on the first day and not dropped out or out of school now ÷ left behind on the first day (a move to another school counts as kept). */
  retention: Ratio
  gender: Count
  parentsAway: Count
  careArrangement: Count
  /** By AGE_BANDS on the last day; '' no valid birth date, 'over' older than the last band. */
  ageBands: Count
  risk: Count
  priority: Count
  /** Left-behind children with at least one pairing in force on the last day ÷ left-behind children. */
  pairingCoverage: Ratio
  /** Pairings in force at any time in the period, by kind (篇2's "197 pairs"). */
  pairingsByKind: Count
  /** Records dated in the period, by type, and the children they reached. */
  records: Count
  childrenReached: Count
  /** Records of the period by month ('YYYY-MM') and type: what the page charts month by month. */
  recordsByMonth: Record<string, Count>
  /** Parent contacts by how (call, video, letter). */
  parentContactsByMethod: Count
  /** Aid in the period: yuan and records by source ('' none given), and children aided. */
  aidYuan: Count
  aidRecords: Count
  aidChildren: number
  aidTotalYuan: number
  /** Plan activities done in the period, in date order, with attendance. */
  activities: ActivityHeld[]
  /** Talks, home visits and parent contacts against the care rules in the period; only given the rules (FiguresInput.care). */
  rulesMet?: Record<RuledType, RulesMet>
}

export const inPeriod = (date: string, period: FigurePeriod) => date !== '' && date >= period.start && date <= period.end

/** The children whose class falls in the filter (archived classes included: they name files). */
export function childrenInScope(org: Organisation, children: readonly ChildRow[], filter: FigureFilter = {}): ChildRow[] {
  const filtered = filter.schoolId !== undefined || filter.grade !== undefined || filter.classId !== undefined
  const classes = new Map(org.classes.map((c) => [c.id, c]))
  return children.filter((child) => {
    const cls = classes.get(child.classId)
    if (!cls) return !filtered
    if (filter.schoolId !== undefined && cls.schoolId !== filter.schoolId) return false
    if (filter.grade !== undefined && cls.grade !== filter.grade) return false
    if (filter.classId !== undefined && cls.id !== filter.classId) return false
    return true
  })
}

const inForce = (p: PairingRow, day: string) => (p.from === '' || p.from <= day) && (p.to === '' || p.to >= day)
const overlaps = (p: PairingRow, period: FigurePeriod) => (p.from === '' || p.from <= period.end) && (p.to === '' || p.to >= period.start)

export function computeFigures(input: FiguresInput): Figures {
  const { org, period } = input
  const filter = input.filter ?? {}
  const scope = childrenInScope(org, input.children, filter)
  const scopeIds = new Set(scope.map((c) => c.id))
  const left = scope.filter((c) => statusOn(c, period.end) === 'active')
  const leftIds = new Set(left.map((c) => c.id))

  const classes = org.classes.filter((c) => {
    if (filter.schoolId !== undefined && c.schoolId !== filter.schoolId) return false
    if (filter.grade !== undefined && c.grade !== filter.grade) return false
    if (filter.classId !== undefined && c.id !== filter.classId) return false
    return !c.archived
  })
  const counted = classes.filter((c) => c.pupils !== undefined)
  const countedIds = new Set(counted.map((c) => c.id))
  const pupils = counted.reduce((sum, c) => sum + (c.pupils ?? 0), 0)

  const schoolAge = left.filter((c) => {
    const age = ageOn(c.birthDate, period.end)
    return age !== undefined && age >= SCHOOL_AGE.from && age <= SCHOOL_AGE.to
  })
  const atStart = scope.filter((c) => statusOn(c, period.start) === 'active')
  const kept = atStart.filter((c) => c.schoolingStatus !== 'droppedOut' && c.schoolingStatus !== 'outOfSchool')

  const pairings = input.pairings.filter((p) => scopeIds.has(p.childId))
  const paired = new Set(pairings.filter((p) => leftIds.has(p.childId) && inForce(p, period.end)).map((p) => p.childId))

  const records = input.records.filter((r) => scopeIds.has(r.childId) && inPeriod(r.date, period))
  const reached = new Map<string, Set<string>>()
  for (const r of records) (reached.get(r.type) ?? reached.set(r.type, new Set()).get(r.type))?.add(r.childId)
  const aid = records.filter((r) => r.type === 'aid')
  const aidYuan: Record<string, number> = {}
  for (const r of aid) aidYuan[r.source] = roundYuan((aidYuan[r.source] ?? 0) + (r.amountYuan ?? 0))

  return {
    period,
    filter,
    leftBehind: left.length,
    pupils: { total: pupils, classesCounted: counted.length, classes: classes.length },
    share: ratio(left.filter((c) => countedIds.has(c.classId)).length, pupils),
    filing: ratio(left.filter((c) => c.missing.length === 0).length, left.length),
    missingFields: countBy(left.flatMap((c) => c.missing)),
    enrolment: { ...ratio(schoolAge.filter((c) => c.schoolingStatus === 'enrolled').length, schoolAge.length), unknown: schoolAge.filter((c) => c.schoolingStatus === '').length },
    retention: ratio(kept.length, atStart.length),
    gender: countBy(left.map((c) => c.gender)),
    parentsAway: countBy(left.map((c) => c.parentsAway)),
    careArrangement: countBy(left.map((c) => c.careArrangement)),
    ageBands: countBy(left.map((c) => ageBandKey(c.birthDate, period.end))),
    risk: countBy(left.map((c) => c.risk)),
    priority: countBy(left.map((c) => c.priority)),
    pairingCoverage: ratio(paired.size, left.length),
    pairingsByKind: countBy(pairings.filter((p) => overlaps(p, period)).map((p) => p.kind)),
    records: countBy(records.map((r) => r.type)),
    childrenReached: Object.fromEntries([...reached].map(([type, ids]) => [type, ids.size])),
    recordsByMonth: countByMonth(records),
    parentContactsByMethod: countBy(records.filter((r) => r.type === 'parentContact').map((r) => r.method)),
    aidYuan,
    aidRecords: countBy(aid.map((r) => r.source)),
    aidChildren: new Set(aid.map((r) => r.childId)).size,
    aidTotalYuan: roundYuan(aid.reduce((sum, r) => sum + (r.amountYuan ?? 0), 0)),
    activities: activitiesHeld(input.planItems ?? [], records, period, filter, org),
    ...(input.care ? { rulesMet: rulesMetOf(input, left) } : {}),
  }
}

/**
 * What was done against the care rules (SPEC Z9): every task of a rule asking for a talk, a
 * home visit or a parent contact whose period falls in the figures' period (tasksWithin), over the
 * left-behind children in scope, judged exactly as the due list judges it (shared/care/due.ts).
 */
function rulesMetOf(input: FiguresInput, left: readonly ChildRow[]): Record<RuledType, RulesMet> {
  const { care, period } = input
  const ids = new Set(left.map((c) => c.id))
  const tasks = care
    ? tasksWithin({
        rules: care.rules,
        children: left,
        records: input.records.filter((r) => ids.has(r.childId)),
        pairings: input.pairings.filter((p) => ids.has(p.childId)),
        terms: input.org.terms,
        today: care.today,
        window: { start: period.start, end: period.end },
        // A month's or a chosen span's figures hold the rules of that cadence or shorter; a term's, every rule's.
        noLonger: period.term === undefined,
      })
    : []
  const typeOf = new Map((care?.rules ?? []).map((r) => [r.id, 'record' in r.what ? r.what.record : undefined]))
  const of = (type: RuledType, list: readonly Task[]): RulesMet => {
    const mine = list.filter((t) => typeOf.get(t.ruleId) === type)
    const met = mine.filter((t) => t.state === 'done').length
    const overdue = mine.filter((t) => t.state === 'overdue').length
    return { tasks: mine.length, met, open: mine.length - met - overdue, overdue, rate: ratio(met, met + overdue) }
  }
  return Object.fromEntries(RULED_TYPES.map((type) => [type, of(type, tasks)])) as Record<RuledType, RulesMet>
}

/** The age band key of a birth date on a day: a band id, 'over' past the last band, '' unknown. */
export function ageBandKey(birthDate: string, day: IsoDate): AgeBand | 'over' | '' {
  const age = ageOn(birthDate, day)
  if (age === undefined) return ''
  return ageBandOf(age) ?? (age > (AGE_BANDS.at(-1)?.to ?? 0) ? 'over' : '')
}

function countByMonth(records: readonly RecordRow[]): Record<string, Count> {
  const out: Record<string, Count> = {}
  for (const r of records) {
    const month = (out[r.date.slice(0, 7)] ??= {})
    month[r.type] = (month[r.type] ?? 0) + 1
  }
  return out
}

/** The months a period touches, in order ('YYYY-MM'): the axis of a month-by-month chart. */
export function periodMonths(period: Pick<FigurePeriod, 'start' | 'end'>): string[] {
  const out: string[] = []
  let [y, m] = period.start.split('-').map(Number) as [number, number]
  const last = period.end.slice(0, 7)
  for (let i = 0; i < 240; i++) {
    const month = `${y}-${String(m).padStart(2, '0')}`
    if (month > last) break
    out.push(month)
    if (++m > 12) [y, m] = [y + 1, 1]
  }
  return out
}

/** Money is kept to the fen: sums of decimals must not print 0.30000000000000004. */
export const roundYuan = (yuan: number) => Math.round(yuan * 100) / 100

function activitiesHeld(items: readonly PlanItem[], records: readonly RecordRow[], period: FigurePeriod, filter: FigureFilter, org: Organisation): ActivityHeld[] {
  const school = filter.schoolId ?? (filter.classId !== undefined ? org.classes.find((c) => c.id === filter.classId)?.schoolId : undefined)
  const attended = new Map<string, Set<string>>()
  for (const r of records) if (r.type === 'activity' && r.planItem !== '') (attended.get(r.planItem) ?? attended.set(r.planItem, new Set()).get(r.planItem))?.add(r.childId)
  const held = (item: PlanItem) => {
    if (item.date) return inPeriod(item.date, period)
    // An item with only a month is held in the period when its month overlaps the period.
    if (item.month) return item.month >= period.start.slice(0, 7) && item.month <= period.end.slice(0, 7)
    return period.term !== undefined
  }
  return items
    .filter((item) => item.activity !== undefined && item.status === 'done' && held(item))
    .filter((item) => school === undefined || item.school === undefined || item.school === school)
    .map((item) => ({
      id: item.id,
      ...(item.templateKey !== undefined ? { templateKey: item.templateKey } : {}),
      title: item.title,
      date: item.date ?? item.month ?? '',
      activity: item.activity ?? 'other',
      attended: period.term !== undefined ? (attended.get(planItemRef(period.term, item.id))?.size ?? 0) : 0,
      order: item.order,
    }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
    .map(({ order: _order, ...activity }) => activity)
}

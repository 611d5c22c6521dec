/**
 * What is due (docs/SPEC.md U5–U9): the workspace's care rules over the device's index rows,
 * as tasks per rule, child, helper and period, each done, due or overdue. Pure and total: rows
 * a peer wrote badly count for nothing, and nothing here throws. It reads each child's records
 * and pairings from maps built once, so its cost grows with the rows, not with their product
 * (a workspace of 10,000 children and 200,000 records).
 */
import { addDays, workspaceToday, type IsoDate } from '../dates'
import type { CareRule, RuleBy, RuleChildren, RuleWhat } from '../docs/settings/care-rule-shape'
import type { ChildRow, PairingRow, RecordRow } from '../indexes/rows'
import { statusOn } from '../indexes/rows'
import { calendarPeriod, firstMonthOf, recentPeriods, type Period, type PeriodKind, type RecentPeriods, type TermSpan } from './periods'

export type TaskState = 'done' | 'due' | 'overdue'

/**
 * Whose task it is (`type`): a member's account; a helper paired by name only; the class teacher of a
 * class whose teacher the device does not know; or anyone who looks after the child.
 */
export type TaskHelper = { type: 'account'; userId: string } | { type: 'name'; name: string } | { type: 'class'; classId: string } | { type: 'anyone' }

export interface Task {
  /** Stable: the rule, the child, the helper and the period's first day. */
  id: string
  ruleId: string
  childId: string
  helper: TaskHelper
  period: Period
  /** The last day it can be done in time: the period's end. */
  due: IsoDate
  state: TaskState
  /** How many records it asks for, and how many there are. */
  times: number
  count: number
  /** The index ids (`<childId>/<recordId>`) of the records that count, by date. */
  doneBy: string[]
}

export interface DueInput {
  /** The rules in force (switched-off ones are ignored too). */
  rules: readonly CareRule[]
  children: readonly ChildRow[]
  records: readonly RecordRow[]
  pairings: readonly PairingRow[]
  terms: readonly TermSpan[]
  today: IsoDate
  /** The accounts teaching each class, where the device knows them (a teacher knows their own). */
  classTeachers?: ReadonlyMap<string, readonly string[]>
}

/** The day a child must be left behind on to have tasks: today, or a past window's last day. */
type StatusDay = IsoDate

/** The rule id of the education plan's review (個別教育管理方案): a task on its date, not a rule. */
export const IEP_REVIEW = 'iep-review'

export function helperKey(helper: TaskHelper): string {
  switch (helper.type) {
    case 'account':
      return `u:${helper.userId}`
    case 'name':
      return `n:${helper.name}`
    case 'class':
      return `c:${helper.classId}`
    case 'anyone':
      return '*'
  }
}

const taskId = (ruleId: string, childId: string, helper: TaskHelper, period: Period) => [ruleId, childId, helperKey(helper), period.start].join('|')

/** The rows by a key of theirs, each list in the order given. */
function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const row of rows) {
    const key = keyOf(row)
    const list = out.get(key)
    if (list) list.push(row)
    else out.set(key, [row])
  }
  return out
}

const byChild = (row: { childId: string }) => row.childId

function appliesTo(children: RuleChildren, child: ChildRow): boolean {
  if ('all' in children) return true
  if ('priority' in children) return child.priority !== ''
  if ('flag' in children) return child.flags.includes(children.flag)
  return (children.risk as readonly string[]).includes(child.risk)
}

const inForce = (p: PairingRow, day: IsoDate) => (p.from === '' || p.from <= day) && (p.to === '' || p.to >= day)
const unique = (values: readonly string[]) => [...new Set(values)].sort()

/**
 * The helpers of a rule for a child on `day` (SPEC U6): every member or named helper paired by
 * that kind then; for the class teacher, the accounts teaching the child's class too, named
 * helpers only when no account is known, and the class itself when no one is.
 */
function helpersOf(by: RuleBy, child: ChildRow, pairings: readonly PairingRow[], day: IsoDate, classTeachers: DueInput['classTeachers']): TaskHelper[] {
  if ('anyone' in by) return [{ type: 'anyone' }]
  const paired = pairings.filter((p) => p.kind === by.pairing && inForce(p, day))
  const accounts = paired.flatMap((p) => (p.userId ? [p.userId] : []))
  const names = unique(paired.flatMap((p) => (p.userId ? [] : [p.name])))
  const toHelpers = (ids: readonly string[]): TaskHelper[] => unique(ids).map((userId) => ({ type: 'account', userId }))
  if (by.pairing !== 'classTeacher') return [...toHelpers(accounts), ...names.map((name): TaskHelper => ({ type: 'name', name }))]
  const teachers = toHelpers([...(classTeachers?.get(child.classId) ?? []), ...accounts])
  if (teachers.length > 0) return teachers
  return names.length > 0 ? names.map((name) => ({ type: 'name', name })) : [{ type: 'class', classId: child.classId }]
}

/** Whether a record counts for a task: its type (and method), its date in the period, and for a member's task its author (SPEC U7). */
function counts(what: RuleWhat, period: Period, helper: TaskHelper, record: RecordRow): boolean {
  if ('filed' in what || record.type !== what.record) return false
  if (what.method !== undefined && record.method !== what.method) return false
  if (record.date === '' || record.date < period.start || record.date > period.end) return false
  return helper.type !== 'account' || record.authorId === helper.userId
}

const byDate = (a: RecordRow, b: RecordRow) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

function periodKind(rule: CareRule): PeriodKind {
  return 'filed' in rule.what ? 'termFirstMonth' : rule.every
}

/** The periods of one rule a task is judged for, each with whether it is running today. */
type PeriodsOf = (rule: CareRule) => readonly (readonly [Period, boolean])[]

/** The tasks of the rules, children and helpers, for the periods running today and just ended (SPEC U5). */
export function dueTasks(input: DueInput): Task[] {
  const windows = new Map<PeriodKind, RecentPeriods>()
  const periodsOf: PeriodsOf = (rule) => {
    const kind = periodKind(rule)
    let recent = windows.get(kind)
    if (!recent) windows.set(kind, (recent = recentPeriods(kind, input.today, input.terms)))
    return [recent.last, recent.running].flatMap((p, i) => (p ? [[p, i === 1] as const] : []))
  }
  return judge(input, periodsOf, true, input.today)
}

const dayNumber = (day: IsoDate) => Date.parse(`${day}T00:00:00Z`) / 86_400_000
const lengthOf = (p: Period) => dayNumber(p.end) - dayNumber(p.start) + 1

/**
 * Every task of the rules for the periods that fall in `window` and have begun by today (SPEC
 * U13): what the figures count as done against the rules in a month or a term. A period falls
 * in the window when its middle day does (a week across two months is the month's that holds
 * most of it; a half year is the term's that holds its middle); with `noLonger`, a period longer
 * than the window (a term's rule in a month) is left out. The same judgement as the due list,
 * over every period of the window rather than the last two; no education-plan reviews.
 */
export function tasksWithin(input: DueInput & { window: Period; noLonger?: boolean }): Task[] {
  const { window, today } = input
  const last = window.end < today ? window.end : today
  const from = dayNumber(window.start)
  const to = dayNumber(window.end)
  const falls = (p: Period) => {
    const middle = dayNumber(p.start) + Math.floor((lengthOf(p) - 1) / 2)
    return middle >= from && middle <= to && p.start <= today && (!input.noLonger || lengthOf(p) <= lengthOf(window))
  }
  const cache = new Map<PeriodKind, (readonly [Period, boolean])[]>()
  const periodsOf: PeriodsOf = (rule) => {
    const kind = periodKind(rule)
    const found = cache.get(kind)
    if (found) return found
    const spans: Period[] = []
    if (kind === 'term' || kind === 'termFirstMonth') {
      for (const t of input.terms) spans.push(kind === 'term' ? { start: t.start, end: t.end } : firstMonthOf(t))
    } else {
      // From the period holding the day half a year before the window: at most a few hundred steps.
      for (let p = calendarPeriod(kind, addDays(window.start, -190)); p.start <= window.end; p = calendarPeriod(kind, addDays(p.end, 1))) spans.push(p)
    }
    const out = spans.filter(falls).map((p) => [p, p.start <= today && today <= p.end] as const)
    cache.set(kind, out)
    return out
  }
  // A child counts as of the window's last day (or today): a past term's children are that term's.
  return judge(input, periodsOf, false, last)
}

function judge(input: DueInput, periodsOf: PeriodsOf, reviews: boolean, statusDay: StatusDay): Task[] {
  const { today, classTeachers } = input
  const rules = input.rules.filter((r) => r.on)
  const records = groupBy(input.records, byChild)
  const pairings = groupBy(input.pairings, byChild)
  const tasks: Task[] = []
  for (const child of input.children) {
    // A child no longer left behind (or moved, or finished) has no task at all (SPEC U8).
    if (statusOn(child, statusDay) !== 'active') continue
    const made = child.createdAt > 0 ? workspaceToday(child.createdAt) : undefined
    // By type, each by date: a rule looks at its own type's records only.
    const own = groupBy((records.get(child.id) ?? []).slice().sort(byDate), (r) => r.type)
    const helpers = pairings.get(child.id) ?? []
    const kinds = new Set(helpers.map((p) => p.kind))
    for (const rule of rules) {
      if (!appliesTo(rule.children, child)) continue
      // A pairing's rule with no pairing of its kind has no helper in any period (helpersOf): skip its periods.
      if ('pairing' in rule.by && rule.by.pairing !== 'classTeacher' && !kinds.has(rule.by.pairing)) continue
      const candidates = 'record' in rule.what ? (own.get(rule.what.record) ?? []) : []
      for (const [period, isRunning] of periodsOf(rule)) {
        // Nothing was owed for a period that ended before the file was made, or while the child was not left behind.
        if (made !== undefined && made > period.end) continue
        const day = isRunning ? today : period.end
        if (statusOn(child, day) !== 'active') continue
        for (const helper of helpersOf(rule.by, child, helpers, day, classTeachers)) {
          const done = 'filed' in rule.what ? [] : candidates.filter((r) => counts(rule.what, period, helper, r)).map((r) => r.id)
          const count = 'filed' in rule.what ? (child.missing.length === 0 ? 1 : 0) : done.length
          tasks.push({
            id: taskId(rule.id, child.id, helper, period),
            ruleId: rule.id,
            childId: child.id,
            helper,
            period,
            due: period.end,
            state: count >= rule.times ? 'done' : isRunning ? 'due' : 'overdue',
            times: rule.times,
            count,
            doneBy: done,
          })
        }
      }
    }
    if (reviews) for (const task of reviewTasks(child, helpers, today, classTeachers)) tasks.push(task)
  }
  return tasks.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

const ISO = /^\d{4}-\d{2}-\d{2}$/

/**
 * The education plan's review date is a task on that day (SPEC U9) of the child's class teacher
 * and of every member paired with the child then: due until the day, overdue after it, gone
 * once someone sets the next review date.
 */
function reviewTasks(child: ChildRow, pairings: readonly PairingRow[], today: IsoDate, classTeachers: DueInput['classTeachers']): Task[] {
  if (!ISO.test(child.iepReview)) return []
  const review = child.iepReview as IsoDate
  const day = review < today ? review : today
  const teachers = helpersOf({ pairing: 'classTeacher' }, child, pairings, day, classTeachers)
  const members = pairings.filter((p) => p.userId !== '' && inForce(p, day)).map((p): TaskHelper => ({ type: 'account', userId: p.userId }))
  const seen = new Set<string>()
  const period = { start: review, end: review }
  return [...teachers, ...members].flatMap((helper) => {
    const key = helperKey(helper)
    if (seen.has(key)) return []
    seen.add(key)
    const state: TaskState = review < today ? 'overdue' : 'due'
    return [{ id: taskId(IEP_REVIEW, child.id, helper, period), ruleId: IEP_REVIEW, childId: child.id, helper, period, due: review, state, times: 1, count: 0, doneBy: [] }]
  })
}

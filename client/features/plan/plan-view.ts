/**
 * What the plan's views show, worked out from the plan as read (shared/docs/plan/plan.ts): the
 * months with their items, the list's filters, the print view's stages, the terms to pick and
 * what an attendance form changes. Pure, so every view reads the plan the same way, offline too.
 */
import type { TFunction } from 'i18next'
import type { IsoDate } from '../../../shared/dates'
import type { AttendanceChange, Attendee, Came } from '../../../shared/docs/plan/attendance'
import { isOverdue, type ItemField, type ItemInput, type ItemStatus, type PlanItem } from '../../../shared/docs/plan/plan'
import { STAGES, type Month, type Stage } from '../../../shared/docs/plan/template'
import type { Term } from '../../../shared/docs/settings/organisation'

/** An item's title as the reader sees it: its own, or its template item's in their language. */
export function itemTitle(t: TFunction, item: Pick<PlanItem, 'title' | 'templateKey'>): string {
  if (item.title) return item.title
  return item.templateKey ? t(`plan.template.${item.templateKey}`) : ''
}

export interface MonthGroup {
  /** The month, or undefined for items that have none (a peer wrote a bad one). */
  month: Month | undefined
  items: PlanItem[]
}

/**
 * The term's months in order, each with its items (in plan order), an empty month too; items
 * of a month outside the term come after, in their own month, and items of no month last.
 */
export function groupByMonth(items: readonly PlanItem[], months: readonly Month[]): MonthGroup[] {
  const groups = new Map<string, MonthGroup>()
  for (const month of months) groups.set(month, { month, items: [] })
  const extra: PlanItem[] = []
  for (const item of items) {
    if (item.month === undefined) extra.push(item)
    else {
      let group = groups.get(item.month)
      if (!group) groups.set(item.month, (group = { month: item.month, items: [] }))
      group.items.push(item)
    }
  }
  const sorted = [...groups.values()].sort((a, b) => (a.month ?? '').localeCompare(b.month ?? ''))
  return extra.length > 0 ? [...sorted, { month: undefined, items: extra }] : sorted
}

export interface PlanFilter {
  mine?: boolean
  overdue?: boolean
  stage?: Stage
  /** A school id: items for that school (items for every school are not its own). */
  school?: string
  status?: ItemStatus
}

/** The items the list's filters keep, in plan order; every filter set must hold. */
export function filterItems(items: readonly PlanItem[], filter: PlanFilter, who: { me: string; today: IsoDate }): PlanItem[] {
  return items.filter(
    (item) =>
      (!filter.mine || item.owner === who.me) &&
      (!filter.overdue || isOverdue(item, who.today)) &&
      (filter.stage === undefined || item.stage === filter.stage) &&
      (filter.school === undefined || item.school === filter.school) &&
      (filter.status === undefined || item.status === filter.status),
  )
}

export interface StageGroup {
  /** Undefined: items of no stage. */
  stage: Stage | undefined
  months: MonthGroup[]
}

/** The print view's order: by stage, then month by month; a stage with no item is left out. */
export function groupByStage(items: readonly PlanItem[]): StageGroup[] {
  const stages: (Stage | undefined)[] = [...STAGES, undefined]
  return stages
    .map((stage) => ({ stage, months: groupByMonth(items.filter((i) => i.stage === stage), []) }))
    .filter((g) => g.months.length > 0)
}

/** The organisation's terms to pick from: the current one first, then the latest first. */
export function termsForPicker(terms: readonly Term[], current: string | undefined): Term[] {
  return [...terms].sort((a, b) => (a.code === current ? -1 : b.code === current ? 1 : b.start.localeCompare(a.start)))
}

/** The children chosen on the attendance form: child id -> who came for them (none: the child). */
export type Chosen = ReadonlyMap<string, Came | undefined>

/** What saving the form changes: children added or whose `came` changed, children taken off. */
export function attendanceChange(current: readonly Attendee[], chosen: Chosen): AttendanceChange {
  const now = new Map(current.map((a) => [a.childId, a.came]))
  const add = [...chosen]
    .filter(([childId, came]) => !now.has(childId) || now.get(childId) !== came)
    .map(([childId, came]) => (came ? { childId, came } : { childId }))
  const remove = [...now.keys()].filter((childId) => !chosen.has(childId))
  return { add, remove }
}

/** An activity's attendance as the form starts: who is on it now. */
export function chosenOf(current: readonly Attendee[]): Map<string, Came | undefined> {
  return new Map(current.map((a) => [a.childId, a.came]))
}

/** Moves an item one place up or down within its month: the index to give `moveItem`, or undefined at the edge. */
export function stepIndex(items: readonly PlanItem[], id: string, step: -1 | 1): number | undefined {
  const item = items.find((i) => i.id === id)
  if (!item) return undefined
  const month = items.filter((i) => i.month === item.month)
  const at = month.findIndex((i) => i.id === id)
  const to = at + step
  if (to < 0 || to >= month.length) return undefined
  // moveItem counts places among the month's other items: the item itself left out.
  return to
}

/** An item's fields as a form shows them (text, '' for none). */
export type ItemValues = Record<ItemField, string>

export function itemValues(item: PlanItem): ItemValues {
  return {
    title: item.title,
    month: item.month ?? '',
    date: item.date ?? '',
    owner: item.owner ?? '',
    status: item.status,
    stage: item.stage ? String(item.stage) : '',
    order: item.order,
    activity: item.activity ?? '',
    place: item.place,
    organiser: item.organiser,
    school: item.school ?? '',
  }
}

/**
 * What saving the item's form writes: only the fields its user typed that differ from the item
 * as it is now ('' clears one), so another person's change to any other field is never undone.
 */
export function itemPatch(live: ItemValues, edits: Partial<ItemValues>): ItemInput {
  const patch: ItemInput = {}
  for (const [field, value] of Object.entries(edits) as [ItemField, string][]) {
    if (field === 'order' || value === live[field]) continue
    patch[field] = value === '' ? null : value
  }
  return patch
}

/**
 * Who took part in an activity of the plan, and what it leaves on each child's file
 * (../shared/DOMAIN.md, "The shared term plan": an activity item has the children who took part).
 *
 * The plan holds the attendance (`attendance:<itemId>`: child id -> who recorded it, and for a
 * parents' school or a guardian training who came for the child). Each attending child's file
 * gets one activity record, and a guardian-contact record where a parent or guardian came, whose
 * ids are derived from the term and the item: two teachers who record the same activity offline
 * write one record per child, never two. A child taken off the list has that record moved to the
 * file's bin (bin.ts), from where it comes back if the child is put on again.
 */
import type * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { Origin } from '../../origin'
import { syncDerivedRecord } from '../child/derived-records'
import type { EditContext } from '../child/child'
import { PLAN_ITEM_REF_MAX, TITLE_MAX } from '../child/records'
import { ATTENDANCE_ROOT, type PlanContext, type PlanItem } from './plan'
import { GUARDIAN_KINDS } from './template'
import { readSignature, signed } from './signature'

export const CAME = ['parent', 'guardian'] as const
export type Came = (typeof CAME)[number]

export interface Attendee {
  childId: string
  /** For a parents' school or guardian training: who came for the child. */
  came?: Came
  byId: string
  by: string
  at: number
}

const CHILD_ID = /^[A-Za-z0-9_-]{1,64}$/

const attendanceMap = (doc: Y.Doc, itemId: string) => doc.getMap<unknown>(`${ATTENDANCE_ROOT}${itemId}`)

/** An activity's attendance, by child id order. Entries a peer wrote badly are left out. */
export function readAttendance(doc: Y.Doc, itemId: string): Attendee[] {
  if (!doc.share.has(`${ATTENDANCE_ROOT}${itemId}`)) return []
  const out: Attendee[] = []
  attendanceMap(doc, itemId).forEach((raw, childId) => {
    if (!CHILD_ID.test(childId) || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return
    const o = raw as Record<string, unknown>
    const signature = readSignature(o)
    out.push({
      childId,
      ...((CAME as readonly unknown[]).includes(o.came) ? { came: o.came as Came } : {}),
      byId: signature.id,
      by: signature.name,
      at: signature.at,
    })
  })
  return out.sort((a, b) => (a.childId < b.childId ? -1 : 1))
}

export interface AttendanceChange {
  /** Children who took part (and, for a guardian session, who came for them). */
  add?: readonly { childId: string; came?: Came }[]
  remove?: readonly string[]
}

/**
 * Records who took part, in one transaction; returns the children whose files must change (those
 * added or whose `came` changed, and those removed). An entry already as asked is not rewritten.
 */
export function setAttendance(doc: Y.Doc, itemId: string, change: AttendanceChange, ctx: PlanContext): { changed: string[] } {
  const current = new Map(readAttendance(doc, itemId).map((a) => [a.childId, a]))
  const changed: string[] = []
  doc.transact(() => {
    const map = attendanceMap(doc, itemId)
    for (const { childId, came } of change.add ?? []) {
      if (!CHILD_ID.test(childId)) continue
      const now = current.get(childId)
      if (now && now.came === came) continue
      map.set(childId, { ...signed(ctx), ...(came ? { came } : {}) })
      changed.push(childId)
    }
    for (const childId of change.remove ?? []) {
      if (!current.has(childId)) continue
      map.delete(childId)
      changed.push(childId)
    }
  }, ctx.origin ?? Origin.localEdit)
  return { changed }
}

/** The ids of the records an activity leaves on a child's file (the same on every device). */
export const activityRecordId = (term: string, itemId: string) => `act-${term}-${itemId}`
export const guardianRecordId = (term: string, itemId: string) => `grd-${term}-${itemId}`

/** What an activity's record on the file refers back to: `<term>/<item id>`. */
export const planItemRef = (term: string, itemId: string) => `${term}/${itemId}`.slice(0, PLAN_ITEM_REF_MAX)

/**
 * Brings one child's file in line with the activity's attendance: the activity record (and the
 * guardian-contact record) there when the child attended, in the bin when not. Returns whether
 * the file changed. `title` is the item's as the recorder reads it (a template item's, in their
 * language); `day` the activity's date, or the day it was recorded.
 */
export function syncActivityRecords(
  child: Y.Doc,
  term: string,
  item: Pick<PlanItem, 'id' | 'activity'> & { title: string },
  attendee: Attendee | undefined,
  day: IsoDate,
  ctx: EditContext,
): boolean {
  const ref = planItemRef(term, item.id)
  const guardianSession = item.activity !== undefined && GUARDIAN_KINDS.includes(item.activity)
  let changed = false
  child.transact(() => {
    changed = syncDerivedRecord(
      child,
      activityRecordId(term, item.id),
      attendee && { type: 'activity', made: { date: day, planItem: ref, ...(item.title ? { title: item.title.slice(0, TITLE_MAX) } : {}) } },
      ctx,
    )
    const guardian = guardianSession && attendee?.came !== undefined
    changed = syncDerivedRecord(child, guardianRecordId(term, item.id), guardian ? { type: 'guardianContact', made: { date: day, method: 'inPerson', planItem: ref } } : undefined, ctx) || changed
  }, ctx.origin ?? Origin.localEdit)
  return changed
}

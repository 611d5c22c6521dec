/**
 * Who helps whom, read from the device's index alone (so a coordinator sees it offline): the
 * pairings in force today grouped by helper with each one's load, and the children nobody helps.
 * And the share-out of a class across helpers, which a coordinator previews before applying.
 * Pure, so the table and the preview are the same on every device (docs/SPEC.md W1, W2).
 */
import type { IsoDate } from '../../../shared/dates'
import { isActivePairing, type PairingKind } from '../../../shared/docs/child/pairings'
import type { Organisation } from '../../../shared/docs/settings/organisation'
import type { ChildRow, PairingRow } from '../../../shared/indexes/rows'
import { classIdOrder } from '../../ui/class-sort'

const collator = new Intl.Collator('zh', { numeric: true })
const byName = (a: { name: string; id: string }, b: { name: string; id: string }) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export interface HelperLoad {
  /** The account's id, or `name:<name>` for a pairing by name only. */
  key: string
  userId: string
  name: string
  /** Active pairings, children in name order. */
  pairings: { pairing: PairingRow; child: ChildRow | undefined }[]
  /** How many children this helper helps today (two kinds for one child count once). */
  load: number
}

export interface WhoHelpsWhom {
  helpers: HelperLoad[]
  /** Children with no pairing in force today, by class in the organisation's order, then name. */
  unpaired: { classId: string; children: ChildRow[] }[]
}

const asDate = (s: string): IsoDate | undefined => (s === '' ? undefined : (s as IsoDate))

export function whoHelpsWhom(pairings: readonly PairingRow[], all: readonly ChildRow[], org: Organisation, today: IsoDate): WhoHelpsWhom {
  // Only children still on the path: one whose parent came home, or who left, needs no helper (SPEC H4).
  const children = all.filter(isActiveChild)
  const childById = new Map(children.map((c) => [c.id, c]))
  const helpers = new Map<string, HelperLoad>()
  const helped = new Set<string>()
  for (const pairing of pairings) {
    if (!isActivePairing({ from: asDate(pairing.from), to: asDate(pairing.to) }, today)) continue
    // A pairing of a file this device no longer holds helps nobody it can show.
    const child = childById.get(pairing.childId)
    if (!child) continue
    helped.add(pairing.childId)
    const key = pairing.userId !== '' ? pairing.userId : `name:${pairing.name}`
    const helper = helpers.get(key) ?? { key, userId: pairing.userId, name: pairing.name, pairings: [], load: 0 }
    helper.pairings.push({ pairing, child })
    helpers.set(key, helper)
  }
  for (const helper of helpers.values()) {
    helper.pairings.sort((a, b) => byName(a.child ?? { name: '', id: '' }, b.child ?? { name: '', id: '' }) || (a.pairing.id < b.pairing.id ? -1 : 1))
    helper.load = new Set(helper.pairings.map((p) => p.pairing.childId)).size
  }
  const order = classIdOrder(org)
  const byClass = new Map<string, ChildRow[]>()
  for (const child of children) if (!helped.has(child.id)) byClass.set(child.classId, [...(byClass.get(child.classId) ?? []), child])
  const unpaired = [...byClass].map(([classId, list]) => ({ classId, children: list.sort(byName) }))
    .sort((a, b) => order(a.classId, b.classId))
  return { helpers: [...helpers.values()].sort((a, b) => collator.compare(a.name, b.name) || (a.key < b.key ? -1 : 1)), unpaired }
}

/** Active on the child's path (a row from before statuses were kept reads as active). */
export const isActiveChild = (child: ChildRow): boolean => (child.status || 'active') === 'active'

export interface Helper {
  userId: string
  name: string
}

export interface ShareOut<C, H> {
  helper: H
  children: C[]
}

/**
 * A class's children shared out evenly across helpers: children in name order, in consecutive
 * runs, the first helpers (in the order chosen) taking one more when it does not divide, so 17
 * over 3 is 6/6/5. The same input always gives the same share-out.
 */
export function shareOut<C extends { id: string; name: string }, H>(children: readonly C[], helpers: readonly H[]): ShareOut<C, H>[] {
  if (helpers.length === 0) return []
  const sorted = [...children].sort(byName)
  const base = Math.floor(sorted.length / helpers.length)
  const extra = sorted.length % helpers.length
  let start = 0
  return helpers.map((helper, i) => {
    const size = base + (i < extra ? 1 : 0)
    const part = sorted.slice(start, start + size)
    start += size
    return { helper, children: part }
  })
}

export interface PairingPlan {
  kind: PairingKind
  from: IsoDate
}

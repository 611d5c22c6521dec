/**
 * The lists under a period's figures, for the term summary's .xlsx (SPEC Z7): the left-behind
 * children counted, the records of the period, its aid. They are chosen by the same scope and
 * period as computeFigures (childrenInScope, statusOn on the last day, inPeriod), so a list's
 * length is the figure it stands under: the children list is `leftBehind` long, the records
 * list sums to `records`, the aid list to `aidTotalYuan`. Names come from the index rows; no
 * phone number or other contact is listed (the work needs none of it here).
 */
import { statusOn, type RecordRow } from '../indexes/rows'
import { childrenInScope, inPeriod, type FiguresInput } from './figures'

export interface ListedChild {
  id: string
  name: string
  classId: string
}

export interface ListedRecord {
  id: string
  date: string
  type: string
  childId: string
  childName: string
  authorName: string
  /** How a contact was made, or an aid's kind; '' when none. */
  method: string
}

export interface ListedAid {
  id: string
  date: string
  childId: string
  childName: string
  /** The aid's kind (bursary, schoolSupplies, gift, other), '' when not given. */
  kind: string
  yuan: number
  source: string
}

export interface FigureLists {
  children: ListedChild[]
  records: ListedRecord[]
  aid: ListedAid[]
}

const byDate = <T extends { date: string; id: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

export function figureLists(input: FiguresInput): FigureLists {
  const scope = childrenInScope(input.org, input.children, input.filter ?? {})
  const names = new Map(scope.map((c) => [c.id, c.name]))
  const records = input.records.filter((r) => names.has(r.childId) && inPeriod(r.date, input.period))
  const listed = (r: RecordRow): ListedRecord => ({ id: `${r.childId}/${r.id}`, date: r.date, type: r.type, childId: r.childId, childName: names.get(r.childId) ?? '', authorName: r.authorName, method: r.method })
  return {
    children: scope
      .filter((c) => statusOn(c, input.period.end) === 'active')
      .map((c) => ({ id: c.id, name: c.name, classId: c.classId }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    records: records.map(listed).sort(byDate),
    aid: records
      .filter((r) => r.type === 'aid')
      .map((r) => ({ id: `${r.childId}/${r.id}`, date: r.date, childId: r.childId, childName: names.get(r.childId) ?? '', kind: r.method, yuan: r.amountYuan ?? 0, source: r.source }))
      .sort(byDate),
  }
}

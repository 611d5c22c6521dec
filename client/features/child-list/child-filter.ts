/**
 * Which children the list shows, in which order (SPEC I7): by status, by what was typed (the
 * row's search text, or its class's or school's name), classes in the organisation's order
 * (一年級 before 二年級), then by name. Pure, over index rows only.
 */
import { classById, schoolById, type Organisation } from '../../../shared/docs/settings/organisation'
import { foldSearch, matchesChild } from '../../../shared/indexes/child-search'
import type { ChildRow } from '../../../shared/indexes/rows'
import { classIdOrder } from '../../ui/class-sort'

export const statusOf = (c: Pick<ChildRow, 'status'>): string => c.status || 'active'

/** Whether a row is one the status filter shows ('all' shows every one). */
export const statusKeeps = (status: string) => (c: Pick<ChildRow, 'status'>) => status === 'all' || statusOf(c) === status

/** The classes whose label (as `labelOf` words it) or whose school's name contains the query. */
export function classesMatching(org: Organisation, query: string, labelOf: (classId: string) => string): Set<string> {
  const q = foldSearch(query)
  const out = new Set<string>()
  if (q === '') return out
  for (const cls of org.classes) {
    const school = schoolById(org, cls.schoolId)
    if (foldSearch(labelOf(cls.id)).includes(q) || (school && foldSearch(school.name).includes(q))) out.add(cls.id)
  }
  return out
}

/** The rows shown, sorted. `labelOf` also words classes the organisation does not know (their id). */
export function shownChildren(
  children: readonly ChildRow[],
  options: { status: string; query: string; org: Organisation; labelOf: (classId: string) => string; collator: Intl.Collator },
): ChildRow[] {
  const { status, query, org, labelOf, collator } = options
  const keep = statusKeeps(status)
  const classIds = classesMatching(org, query, labelOf)
  const q = foldSearch(query)
  const order = classIdOrder(org)
  return children
    .filter(keep)
    .filter((c) => q === '' || matchesChild(c, query, classIds) || (c.classId !== '' && !classById(org, c.classId) && foldSearch(c.classId).includes(q)))
    .sort((a, b) => order(a.classId, b.classId) || collator.compare(a.name, b.name))
}

/**
 * What is due (shared/care/due.ts) on this device, from its index tables only, so it shows
 * offline and follows every record saved or synced (the indexer reprojects after each store
 * write): the rules from the settings document, the terms from the organisation, today by the
 * clock corrected to the relay's.
 */
import { useMemo } from 'react'
import { dueTasks, type Task } from '../../shared/care/due'
import { todayIsoDate, type IsoDate } from '../../shared/dates'
import type { CareRuleView } from '../../shared/docs/settings/care-rules'
import type { ChildRow } from '../../shared/indexes/rows'
import { useAuthor } from './use-author'
import { useCareRules } from './use-care-rules'
import { useOwnClasses } from './use-filing-classes'
import { useLiveIndex } from './use-live'
import { useOrganisation } from './use-organisation'
import { useWorkspace } from './use-session'

export interface DueView {
  today: IsoDate
  tasks: Task[]
  children: ReadonlyMap<string, ChildRow>
  /** Every rule, on or off, by id (a task names its rule). */
  rules: ReadonlyMap<string, CareRuleView>
}

/** Today as the person writes it, by the device's clock corrected to the relay's. */
export function useToday(): IsoDate {
  const { clock } = useWorkspace()
  return todayIsoDate(new Date(clock.now()))
}

/**
 * The device's tasks, or one child's (`childId`). `classTeachers` names the accounts teaching
 * each class where the caller knows them (a coordinator's, from the relay); without it a
 * teacher's own classes are theirs.
 */
export function useDueTasks({ childId, classTeachers }: { childId?: string; classTeachers?: ReadonlyMap<string, readonly string[]> } = {}): DueView | undefined {
  const workspace = useWorkspace()
  const { id: me } = useAuthor()
  const own = useOwnClasses()
  const org = useOrganisation()
  const { rules } = useCareRules()
  const today = useToday()
  const rows = useLiveIndex(async () => {
    const { queries } = workspace
    // Every row in one read, so a batch the indexer writes meanwhile is seen whole or not at all.
    if (childId === undefined) return queries.indexRows()
    const [child, records, pairings] = await Promise.all([queries.child(childId), queries.recordsOf(childId), queries.pairingsOf(childId)])
    return { children: child ? [child] : [], records, pairings }
  }, [childId])
  const teachers = useMemo(
    () => classTeachers ?? new Map(Array.isArray(own) ? own.map((classId): [string, string[]] => [classId, [me]]) : []),
    [classTeachers, own, me],
  )
  return useMemo(() => {
    if (!rows) return undefined
    const tasks = dueTasks({ rules, children: rows.children, records: rows.records, pairings: rows.pairings, terms: org.terms, today, classTeachers: teachers })
    return { today, tasks, children: new Map(rows.children.map((c) => [c.id, c])), rules: new Map(rules.map((r) => [r.id, r])) }
  }, [rows, rules, org.terms, today, teachers])
}

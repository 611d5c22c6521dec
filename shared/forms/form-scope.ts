/**
 * Who the official forms count, and over which days (docs/SPEC.md V1). Both forms read the
 * device's index rows and the organisation only, never a child's document: a county's 10,000
 * children are counted without decoding 10,000 files.
 *
 * - The report day: the children left behind on it are the ones whose path says 'active' on
 *   that day (statusOn), and their age is their age on it.
 * - The period (from the term's first day to the report day) bounds what happened: aid
 *   received, home visits made.
 * - A chosen school keeps the children of its classes; without one, the whole workspace, and a
 *   child whose class the organisation does not know is counted apart (no school to put them in).
 */
import { ageOn, type IsoDate } from '../dates'
import { isActivePairing } from '../docs/child/pairings'
import { classById, compareClasses, schoolById, termOn, type ClassInfo, type Organisation, type School, type Term } from '../docs/settings/organisation'
import { statusOn, type ChildRow, type PairingRow } from '../indexes/rows'

export interface FormScope {
  /** The report day (统计截止日期). */
  day: IsoDate
  /** The period's first day; the period ends on `day`. */
  from: IsoDate
  /** One school's children only; undefined for the whole workspace. */
  schoolId?: string
}

/** A child the forms count, with the class and school the organisation gives them. */
export interface CountedChild {
  row: ChildRow
  cls: ClassInfo | undefined
  school: School | undefined
  /** Whole years on the report day; undefined without a birth date, or born after the day. */
  age: number | undefined
}

/**
 * The period a report day falls in: the term that holds it (from its first day), else the
 * calendar year up to the day (a workspace that has set up no terms still gets its figures).
 */
export function periodOf(terms: readonly Term[], day: IsoDate): { from: IsoDate; term?: Term } {
  const term = termOn(terms, day)
  return term ? { from: term.start, term } : { from: `${day.slice(0, 4)}-01-01` as IsoDate }
}

/** The day a term's forms are made for: its last day, or today while it is still running. */
export function reportDayOf(term: Term, today: IsoDate): IsoDate {
  return term.end < today ? term.end : today < term.start ? term.start : today
}

const collator = new Intl.Collator('zh', { numeric: true })

/**
 * The children left behind on the report day (in the chosen school), in the roster's order:
 * school as the organisation lists them, then class (grade, 班號), then name; a child of no
 * known class last. The id breaks ties, so every device prints the same order.
 */
export function countedChildren(children: readonly ChildRow[], org: Organisation, scope: FormScope): CountedChild[] {
  const schoolRank = new Map(org.schools.map((s, i) => [s.id, i]))
  const out: CountedChild[] = []
  for (const row of children) {
    if (statusOn(row, scope.day) !== 'active') continue
    const cls = row.classId === '' ? undefined : classById(org, row.classId)
    const school = cls ? schoolById(org, cls.schoolId) : undefined
    if (scope.schoolId !== undefined && school?.id !== scope.schoolId) continue
    out.push({ row, cls, school, age: ageOn(row.birthDate, scope.day) })
  }
  const rank = (c: CountedChild) => (c.school ? (schoolRank.get(c.school.id) ?? Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER)
  return out.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.cls && b.cls ? compareClasses(a.cls, b.cls) : a.cls ? -1 : b.cls ? 1 : 0) ||
      collator.compare(a.row.name, b.row.name) ||
      (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0),
  )
}

/** A pairing row in force on the day (its first and last days included; '' is open). */
export function inForce(p: Pick<PairingRow, 'from' | 'to'>, day: IsoDate): boolean {
  return isActivePairing({ from: p.from === '' ? undefined : (p.from as IsoDate), to: p.to === '' ? undefined : (p.to as IsoDate) }, day)
}

/** The helpers of each child on the day: the names of the pairings in force, each once, in name order. */
export function helpersOn(pairings: readonly PairingRow[], day: IsoDate): Map<string, string[]> {
  const names = new Map<string, Set<string>>()
  for (const p of pairings) {
    if (p.name.trim() === '' || !inForce(p, day)) continue
    const set = names.get(p.childId) ?? new Set<string>()
    set.add(p.name.trim())
    names.set(p.childId, set)
  }
  return new Map([...names].map(([id, set]) => [id, [...set].sort(collator.compare)]))
}

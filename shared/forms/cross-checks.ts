/**
 * The statistics table's cross-checks (docs/SPEC.md V4), as data: each names the columns whose
 * sums must be equal ("第1列 = 第2列 + 第5列 + 第8列") and the facts a child needs to be placed
 * on both sides. They are run on the table's own cells, every row, before it is exported.
 *
 * A cell is a sum over children, so a row adds up exactly when no child of it adds a different
 * amount to the two sides; a failure therefore names the children that make it, each with the
 * first fact it lacks (no birth date, aged 17, no care arrangement…), for a person to fix.
 */
import { CARE_ARRANGEMENTS, GENDERS, PARENTS_AWAY, SCHOOLING_STATUSES } from '../docs/child/child-fields'
import { STAT_COLUMNS, type ChildFacts, type StatColumn, type StatisticsTable, type StatRowKey } from './statistics-table'

/** A fact of the child's file the checks need. */
export type Need = 'age' | 'gender' | 'parentsAway' | 'care' | 'schooling' | 'boarding'

export interface CrossCheck {
  id: string
  /** Column ids; the check holds when the sum of `left` equals the sum of `right`. */
  left: readonly string[]
  right: readonly string[]
  /** What a child lacks when it is counted on one side and not the other, asked in this order. */
  needs: readonly Need[]
}

export const CROSS_CHECKS: readonly CrossCheck[] = [
  { id: 'ageBands', left: ['total'], right: ['age0to5', 'age6to13', 'age14to16'], needs: ['age'] },
  { id: 'young', left: ['age0to5'], right: ['age0to5Both', 'age0to5One'], needs: ['parentsAway'] },
  { id: 'schoolAge', left: ['age6to13'], right: ['age6to13Both', 'age6to13One'], needs: ['parentsAway'] },
  { id: 'older', left: ['age14to16'], right: ['age14to16Both', 'age14to16One'], needs: ['parentsAway'] },
  { id: 'gender', left: ['total'], right: ['male', 'female'], needs: ['gender'] },
  { id: 'away', left: ['total'], right: ['bothAway', 'fatherAway', 'motherAway'], needs: ['parentsAway'] },
  { id: 'bothByAge', left: ['age0to5Both', 'age6to13Both', 'age14to16Both'], right: ['bothAway'], needs: ['age'] },
  { id: 'oneByAge', left: ['age0to5One', 'age6to13One', 'age14to16One'], right: ['fatherAway', 'motherAway'], needs: ['age'] },
  { id: 'care', left: ['total'], right: ['careGrandparents', 'careRelatives', 'careTeacher', 'careOther'], needs: ['care'] },
  { id: 'schooling', left: ['age6to13', 'age14to16'], right: ['enrolled', 'droppedOut', 'outOfSchool', 'finishedJunior'], needs: ['schooling'] },
  { id: 'boarding', left: ['enrolled'], right: ['boarders', 'dayPupils'], needs: ['boarding'] },
]

/** Why a child is on one side of a check and not the other. */
export type Gap =
  | { reason: 'noBirthDate' }
  | { reason: 'bornAfterDay' }
  | { reason: 'outsideBands'; age: number }
  | { reason: 'noGender' | 'noParentsAway' | 'noCare' | 'noSchooling' | 'noBoarding' | 'unexplained' }

export interface CheckResult {
  check: CrossCheck
  /** The columns' numbers, for the words "第1列 = 第2列 + 第5列 + 第8列". */
  left: number[]
  right: number[]
  ok: boolean
  /** The rows that do not add up, with both sums. */
  rows: { key: StatRowKey; left: number; right: number }[]
  /** The children that make it fail, in the table's order. */
  children: { child: ChildFacts; gap: Gap }[]
}

const byId = new Map(STAT_COLUMNS.map((c) => [c.id, c]))

function column(id: string): StatColumn {
  const found = byId.get(id)
  if (!found) throw new Error(`a cross-check names no column ${id}`)
  return found
}

const among = (list: readonly string[], value: string) => list.includes(value)

/** The first fact of `needs` the child lacks. */
export function gapOf(f: ChildFacts, needs: readonly Need[]): Gap {
  for (const need of needs) {
    if (need === 'age' && f.band === undefined) {
      if (f.age !== undefined) return { reason: 'outsideBands', age: f.age }
      return f.row.birthDate === '' ? { reason: 'noBirthDate' } : { reason: 'bornAfterDay' }
    }
    if (need === 'gender' && !among(GENDERS, f.row.gender)) return { reason: 'noGender' }
    if (need === 'parentsAway' && !among(PARENTS_AWAY, f.row.parentsAway)) return { reason: 'noParentsAway' }
    if (need === 'care' && !among(CARE_ARRANGEMENTS, f.row.careArrangement)) return { reason: 'noCare' }
    if (need === 'schooling' && !among(SCHOOLING_STATUSES, f.row.schoolingStatus)) return { reason: 'noSchooling' }
    if (need === 'boarding' && f.row.boarding === null) return { reason: 'noBoarding' }
  }
  return { reason: 'unexplained' }
}

export function runCheck(check: CrossCheck, table: StatisticsTable): CheckResult {
  const left = check.left.map(column)
  const right = check.right.map(column)
  const sum = (cells: readonly number[], columns: readonly StatColumn[]) => columns.reduce((s, c) => s + (cells[c.n - 1] ?? 0), 0)
  const rows = table.rows
    .map((row) => ({ key: row.key, left: sum(row.cells, left), right: sum(row.cells, right) }))
    .filter((r) => r.left !== r.right)
  const leftAt = left.map((c) => c.n - 1)
  const rightAt = right.map((c) => c.n - 1)
  const children: CheckResult['children'] = []
  for (const f of table.total.children) {
    let difference = 0
    for (const i of leftAt) difference += f.adds[i] ?? 0
    for (const i of rightAt) difference -= f.adds[i] ?? 0
    if (difference !== 0) children.push({ child: f, gap: gapOf(f, check.needs) })
  }
  return { check, left: left.map((c) => c.n), right: right.map((c) => c.n), ok: rows.length === 0 && children.length === 0, rows, children }
}

/** Every check, in CROSS_CHECKS's order. */
export function runCrossChecks(table: StatisticsTable): CheckResult[] {
  return CROSS_CHECKS.map((check) => runCheck(check, table))
}

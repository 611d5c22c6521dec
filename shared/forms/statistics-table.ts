/**
 * The statistics table (統計表, the county's 附件3 shape): 32 numbered columns, one row per
 * school and a total row (docs/SPEC.md V3). The columns are data, written once: each says what
 * one child adds to it, so a cell is the sum over the row's children and the total row is the
 * sum of the school rows by construction. Their words (heading and definition, three
 * languages) are in the client's locale files under `forms.columns.<id>`.
 *
 * Age bands are AGE_BANDS (0–5, 6–13, 14–16) on the report day. Schooling (20–23) counts the
 * children of school age (6–16) only; boarding (24–25) the enrolled among them. Aid (28–29) and
 * home visits (32) are what the index's records hold within the period.
 */
import { AGE_BANDS, ageBandOf, type AgeBand } from '../dates'
import type { Organisation } from '../docs/settings/organisation'
import type { ChildRow, PairingRow, RecordRow } from '../indexes/rows'
import { countedChildren, inForce, type CountedChild, type FormScope } from './form-scope'

/** What the table knows of one counted child: the row, and what the period's records and the day's pairings add. */
export interface ChildFacts extends CountedChild {
  band: AgeBand | undefined
  /** Aid records dated in the period, and their amounts in fen (分), so sums are exact. */
  aidRecords: number
  aidFen: number
  /** Home visits dated in the period. */
  visits: number
  /** At least one pairing in force on the report day. */
  paired: boolean
  /** What the child adds to each column, in column order (fen for a 'yuan' column): a cell is the sum of these. */
  adds: number[]
}

export type ColumnGroup = 'total' | AgeBand | 'gender' | 'away' | 'care' | 'schooling' | 'boarding' | 'priority' | 'aid' | 'paired' | 'fileMade' | 'visited'

export interface StatColumn {
  /** 第N列, from 1. */
  n: number
  id: string
  group: ColumnGroup
  /** 'children': each child adds 0 or 1; 'yuan': the cell is an amount (one child adds its fen). */
  unit: 'children' | 'yuan'
  /** What one child adds to the cell (fen for a 'yuan' column). */
  value: (f: ChildFacts) => number
}

const is = (test: boolean): number => (test ? 1 : 0)
const schoolAge = (f: ChildFacts) => f.band === '6-13' || f.band === '14-16'
const oneAway = (f: ChildFacts) => f.row.parentsAway === 'father' || f.row.parentsAway === 'mother'

function bandColumns(band: AgeBand, id: string): Omit<StatColumn, 'n'>[] {
  return [
    { id, group: band, unit: 'children', value: (f) => is(f.band === band) },
    { id: `${id}Both`, group: band, unit: 'children', value: (f) => is(f.band === band && f.row.parentsAway === 'both') },
    { id: `${id}One`, group: band, unit: 'children', value: (f) => is(f.band === band && oneAway(f)) },
  ]
}

const [BAND_YOUNG, BAND_SCHOOL, BAND_OLDER] = AGE_BANDS.map((b) => b.id) as [AgeBand, AgeBand, AgeBand]

const COLUMNS_WITHOUT_NUMBERS: Omit<StatColumn, 'n'>[] = [
  { id: 'total', group: 'total', unit: 'children', value: () => 1 },
  ...bandColumns(BAND_YOUNG, 'age0to5'),
  ...bandColumns(BAND_SCHOOL, 'age6to13'),
  ...bandColumns(BAND_OLDER, 'age14to16'),
  { id: 'male', group: 'gender', unit: 'children', value: (f) => is(f.row.gender === 'male') },
  { id: 'female', group: 'gender', unit: 'children', value: (f) => is(f.row.gender === 'female') },
  { id: 'bothAway', group: 'away', unit: 'children', value: (f) => is(f.row.parentsAway === 'both') },
  { id: 'fatherAway', group: 'away', unit: 'children', value: (f) => is(f.row.parentsAway === 'father') },
  { id: 'motherAway', group: 'away', unit: 'children', value: (f) => is(f.row.parentsAway === 'mother') },
  { id: 'careGrandparents', group: 'care', unit: 'children', value: (f) => is(f.row.careArrangement === 'grandparents') },
  { id: 'careRelatives', group: 'care', unit: 'children', value: (f) => is(f.row.careArrangement === 'relatives') },
  { id: 'careTeacher', group: 'care', unit: 'children', value: (f) => is(f.row.careArrangement === 'teacher') },
  { id: 'careOther', group: 'care', unit: 'children', value: (f) => is(f.row.careArrangement === 'other') },
  { id: 'enrolled', group: 'schooling', unit: 'children', value: (f) => is(schoolAge(f) && f.row.schoolingStatus === 'enrolled') },
  { id: 'droppedOut', group: 'schooling', unit: 'children', value: (f) => is(schoolAge(f) && f.row.schoolingStatus === 'droppedOut') },
  { id: 'outOfSchool', group: 'schooling', unit: 'children', value: (f) => is(schoolAge(f) && f.row.schoolingStatus === 'outOfSchool') },
  { id: 'finishedJunior', group: 'schooling', unit: 'children', value: (f) => is(schoolAge(f) && f.row.schoolingStatus === 'finishedJunior') },
  { id: 'boarders', group: 'boarding', unit: 'children', value: (f) => is(schoolAge(f) && f.row.schoolingStatus === 'enrolled' && f.row.boarding === true) },
  { id: 'dayPupils', group: 'boarding', unit: 'children', value: (f) => is(schoolAge(f) && f.row.schoolingStatus === 'enrolled' && f.row.boarding === false) },
  { id: 'problem', group: 'priority', unit: 'children', value: (f) => is(f.row.priority === 'problem') },
  { id: 'hardship', group: 'priority', unit: 'children', value: (f) => is(f.row.priority === 'hardship') },
  { id: 'aidChildren', group: 'aid', unit: 'children', value: (f) => is(f.aidRecords > 0) },
  { id: 'aidYuan', group: 'aid', unit: 'yuan', value: (f) => f.aidFen },
  { id: 'paired', group: 'paired', unit: 'children', value: (f) => is(f.paired) },
  { id: 'fileMade', group: 'fileMade', unit: 'children', value: (f) => is(f.row.missing.length === 0) },
  { id: 'visited', group: 'visited', unit: 'children', value: (f) => is(f.visits > 0) },
]

/** The table's columns, numbered 1…32 in this order. */
export const STAT_COLUMNS: readonly StatColumn[] = COLUMNS_WITHOUT_NUMBERS.map((c, i) => ({ ...c, n: i + 1 }))

export function columnByNumber(n: number): StatColumn {
  const column = STAT_COLUMNS[n - 1]
  if (!column) throw new Error(`no column ${n}`)
  return column
}

/** A school's row, the row of children in no known class, or the total. */
export type StatRowKey = { kind: 'school'; schoolId: string; name: string } | { kind: 'noClass' } | { kind: 'total' }

export interface StatRow {
  key: StatRowKey
  /** One cell per column, in column order: a count, or yuan (two decimals) for a 'yuan' column. */
  cells: number[]
  children: ChildFacts[]
}

export interface StatisticsTable {
  scope: FormScope
  schoolName: string
  rows: StatRow[]
  /** The total row (also the last of `rows`). */
  total: StatRow
}

/** Yuan to fen, rounded: amounts are kept to the fen (shared/validation: two decimals). */
const toFen = (yuan: number | null) => (yuan === null || !Number.isFinite(yuan) ? 0 : Math.round(yuan * 100))

/** Every counted child's facts: one pass over the period's records and the pairings. */
export function childFacts(counted: readonly CountedChild[], records: readonly RecordRow[], pairings: readonly PairingRow[], scope: FormScope): ChildFacts[] {
  const aid = new Map<string, { n: number; fen: number }>()
  const visits = new Map<string, number>()
  for (const r of records) {
    if (r.date === '' || r.date < scope.from || r.date > scope.day) continue
    if (r.type === 'aid') {
      const a = aid.get(r.childId) ?? { n: 0, fen: 0 }
      aid.set(r.childId, { n: a.n + 1, fen: a.fen + toFen(r.amountYuan) })
    } else if (r.type === 'homeVisit') visits.set(r.childId, (visits.get(r.childId) ?? 0) + 1)
  }
  const paired = new Set<string>()
  for (const p of pairings) if (inForce(p, scope.day)) paired.add(p.childId)
  return counted.map((c) => {
    const f: ChildFacts = {
      ...c,
      band: ageBandOf(c.age),
      aidRecords: aid.get(c.row.id)?.n ?? 0,
      aidFen: aid.get(c.row.id)?.fen ?? 0,
      visits: visits.get(c.row.id) ?? 0,
      paired: paired.has(c.row.id),
      adds: [],
    }
    // Once per child: every row and every cross-check sums these, never the columns' functions again.
    f.adds = STAT_COLUMNS.map((column) => column.value(f))
    return f
  })
}

function rowOf(key: StatRowKey, children: ChildFacts[]): StatRow {
  const sums = STAT_COLUMNS.map(() => 0)
  for (const f of children) for (let i = 0; i < sums.length; i++) sums[i] = (sums[i] ?? 0) + (f.adds[i] ?? 0)
  const cells = STAT_COLUMNS.map((column, i) => (column.unit === 'yuan' ? (sums[i] ?? 0) / 100 : (sums[i] ?? 0)))
  return { key, cells, children }
}

/**
 * The table for a scope: a row for every school of the organisation (the chosen one only, if
 * any), in the organisation's order, even a school with no child counted (the county form lists
 * them all); a row of the children in no known class when there are any; the total.
 */
export function statisticsTable(
  children: readonly ChildRow[],
  records: readonly RecordRow[],
  pairings: readonly PairingRow[],
  org: Organisation,
  scope: FormScope,
): StatisticsTable {
  const facts = childFacts(countedChildren(children, org, scope), records, pairings, scope)
  const schools = org.schools.filter((s) => scope.schoolId === undefined || s.id === scope.schoolId)
  const bySchool = new Map<string, ChildFacts[]>()
  const unplaced: ChildFacts[] = []
  for (const f of facts) {
    if (!f.school) unplaced.push(f)
    else {
      const list = bySchool.get(f.school.id)
      if (list) list.push(f)
      else bySchool.set(f.school.id, [f])
    }
  }
  const rows = schools.map((s) => rowOf({ kind: 'school', schoolId: s.id, name: s.name }, bySchool.get(s.id) ?? []))
  if (unplaced.length > 0) rows.push(rowOf({ kind: 'noClass' }, unplaced))
  const total = rowOf({ kind: 'total' }, facts)
  rows.push(total)
  const schoolName = scope.schoolId === undefined ? '' : (schools[0]?.name ?? '')
  return { scope, schoolName, rows, total }
}

import { describe, expect, it } from 'vitest'
import type { ChildRow } from '../indexes/rows'
import { BROKEN, CHILDREN, DAY, ORG, PAIRINGS, RECORDS, SCOPE, TERM_START } from '../../tests/fixtures/forms-workspace'
import { runCrossChecks } from './cross-checks'
import { STAT_COLUMNS, statisticsTable, type StatRow } from './statistics-table'

/**
 * Every column counted again here, with straight loops over the fixture's rows and none of the
 * module's helpers: the age from the birth date by hand, the status on the day from the path by
 * hand, the school from the class list, aid and visits from the records by date.
 */
function ageByHand(birth: string): number | undefined {
  if (birth === '' || birth > DAY) return undefined
  const years = Number(DAY.slice(0, 4)) - Number(birth.slice(0, 4))
  return birth.slice(5) > DAY.slice(5) ? years - 1 : years
}

function leftBehindOnDay(c: ChildRow): boolean {
  let status = 'active'
  for (const entry of c.path) if (entry.since <= DAY) status = entry.status
  return status === 'active'
}

function schoolByHand(c: ChildRow): string {
  for (const cls of ORG.classes) if (cls.id === c.classId) return cls.schoolId
  return ''
}

function countByHand(children: readonly ChildRow[]): Record<string, number> {
  const n: Record<string, number> = {}
  for (const column of STAT_COLUMNS) n[column.id] = 0
  const add = (id: string, amount = 1) => (n[id] = (n[id] ?? 0) + amount)
  for (const c of children) {
    add('total')
    const age = ageByHand(c.birthDate)
    const one = c.parentsAway === 'father' || c.parentsAway === 'mother'
    for (const [from, to, id] of [[0, 5, 'age0to5'], [6, 13, 'age6to13'], [14, 16, 'age14to16']] as const) {
      if (age === undefined || age < from || age > to) continue
      add(id)
      if (c.parentsAway === 'both') add(`${id}Both`)
      if (one) add(`${id}One`)
    }
    if (c.gender === 'male') add('male')
    if (c.gender === 'female') add('female')
    if (c.parentsAway === 'both') add('bothAway')
    if (c.parentsAway === 'father') add('fatherAway')
    if (c.parentsAway === 'mother') add('motherAway')
    if (c.careArrangement === 'grandparents') add('careGrandparents')
    if (c.careArrangement === 'relatives') add('careRelatives')
    if (c.careArrangement === 'teacher') add('careTeacher')
    if (c.careArrangement === 'other') add('careOther')
    if (age !== undefined && age >= 6 && age <= 16) {
      if (c.schoolingStatus === 'enrolled') {
        add('enrolled')
        if (c.boarding === true) add('boarders')
        if (c.boarding === false) add('dayPupils')
      }
      if (c.schoolingStatus === 'droppedOut') add('droppedOut')
      if (c.schoolingStatus === 'outOfSchool') add('outOfSchool')
      if (c.schoolingStatus === 'finishedJunior') add('finishedJunior')
    }
    if (c.priority === 'problem') add('problem')
    if (c.priority === 'hardship') add('hardship')
    let fen = 0
    let aided = false
    let visited = false
    for (const r of RECORDS) {
      if (r.childId !== c.id || r.date === '' || r.date < TERM_START || r.date > DAY) continue
      if (r.type === 'aid') {
        aided = true
        fen += Math.round((r.amountYuan ?? 0) * 100)
      }
      if (r.type === 'homeVisit') visited = true
    }
    if (aided) add('aidChildren')
    add('aidYuan', fen)
    if (PAIRINGS.some((p) => p.childId === c.id && (p.from === '' || p.from <= DAY) && (p.to === '' || p.to >= DAY))) add('paired')
    if (c.missing.length === 0) add('fileMade')
    if (visited) add('visited')
  }
  n.aidYuan = (n.aidYuan ?? 0) / 100
  return n
}

const cellsById = (row: StatRow | undefined) => Object.fromEntries(STAT_COLUMNS.map((c) => [c.id, row?.cells[c.n - 1]]))
const rowKey = (row: StatRow) => (row.key.kind === 'school' ? row.key.schoolId : row.key.kind)

describe('the statistics table (附件3)', () => {
  const counted = CHILDREN.filter(leftBehindOnDay)
  const table = statisticsTable(CHILDREN, RECORDS, PAIRINGS, ORG, SCOPE)

  it('SPEC V3: has 32 numbered columns, and the rows every school, the children of no known class, the total', () => {
    expect(STAT_COLUMNS.map((c) => c.n)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1))
    expect(new Set(STAT_COLUMNS.map((c) => c.id)).size).toBe(32)
    expect(table.rows.map(rowKey)).toEqual(['east', 'west', 'south', 'noClass', 'total'])
  })

  it('SPEC V1: counts the children left behind on the day: not the ones gone home or moved before it, yes the one whose parent comes home after', () => {
    const ids = table.total.children.map((f) => f.row.id)
    expect(ids).toHaveLength(39)
    expect(ids).toEqual(expect.arrayContaining(['later', 'again', 'lost']))
    expect(ids).not.toContain('home')
    expect(ids).not.toContain('moved')
  })

  it('SPEC V3: every cell of every row equals the column counted by hand', () => {
    for (const row of table.rows) {
      const key = rowKey(row)
      const children = counted.filter((c) => (key === 'total' ? true : key === 'noClass' ? schoolByHand(c) === '' : schoolByHand(c) === key))
      expect({ row: key, cells: cellsById(row) }).toEqual({ row: key, cells: countByHand(children) })
    }
  })

  it('SPEC V3: the figures a person would check: 39 children, 0 in the school with none left, aid to the fen, pairings in force on the day', () => {
    const total = cellsById(table.total)
    expect(total.total).toBe(39)
    expect(cellsById(table.rows[2]).total).toBe(0)
    // 600 + 200.50 (c00) + 600 (c05, on the first day) + 0 (c09, no amount) + 150.25 + 0.10 + 0.20: not the aid outside the period.
    expect(total.aidYuan).toBe(1551.05)
    expect(total.aidChildren).toBe(5)
    // c00 (two helpers, once), c01 (open), c04 (one day, the day), lost: not c02 (ended) nor c03 (not begun).
    expect(total.paired).toBe(4)
    expect(total.visited).toBe(3)
  })

  it('SPEC V3: the total row is the sum of the school rows, every column', () => {
    for (const column of STAT_COLUMNS) {
      const sum = table.rows.slice(0, -1).reduce((s, row) => s + (row.cells[column.n - 1] ?? 0), 0)
      expect(Math.round(sum * 100) / 100).toBe(table.total.cells[column.n - 1])
    }
  })

  it('SPEC V1: one school chosen: its row and the total, equal, and no other school’s child', () => {
    const west = statisticsTable(CHILDREN, RECORDS, PAIRINGS, ORG, { ...SCOPE, schoolId: 'west' })
    expect(west.rows.map(rowKey)).toEqual(['west', 'total'])
    expect(west.total.cells).toEqual(west.rows[0]?.cells)
    expect(west.schoolName).toBe('西山村小')
    expect(cellsById(west.total)).toEqual(countByHand(counted.filter((c) => schoolByHand(c) === 'west')))
  })

  it('SPEC V4: a workspace whose facts are all given passes every cross-check', () => {
    expect(runCrossChecks(table).filter((r) => !r.ok).map((r) => r.check.id)).toEqual([])
  })

  it('SPEC V4: no birth date, aged 17, no care arrangement: the checks that name them fail, with the rows and the children', () => {
    const broken = statisticsTable([...CHILDREN, ...BROKEN], RECORDS, PAIRINGS, ORG, SCOPE)
    const results = runCrossChecks(broken)
    const failed = results.filter((r) => !r.ok)
    expect(failed.map((r) => r.check.id)).toEqual(['ageBands', 'bothByAge', 'oneByAge', 'care'])
    const ages = failed[0]
    expect(ages?.left).toEqual([1])
    expect(ages?.right).toEqual([2, 5, 8])
    expect(ages?.children.map((c) => [c.child.row.id, c.gap])).toEqual([
      ['nobirth', { reason: 'noBirthDate' }],
      ['old', { reason: 'outsideBands', age: 17 }],
    ])
    expect(ages?.rows.map((r) => [r.key.kind === 'school' ? r.key.schoolId : r.key.kind, r.left, r.right])).toEqual([
      ['east', 28, 27],
      ['west', 13, 12],
      ['total', 42, 40],
    ])
    expect(failed[1]?.children.map((c) => [c.child.row.id, c.gap.reason])).toEqual([['nobirth', 'noBirthDate']])
    expect(failed[2]?.children.map((c) => [c.child.row.id, c.gap])).toEqual([['old', { reason: 'outsideBands', age: 17 }]])
    expect(failed[3]?.left).toEqual([1])
    expect(failed[3]?.right).toEqual([16, 17, 18, 19])
    expect(failed[3]?.children.map((c) => [c.child.row.id, c.gap.reason])).toEqual([['nocare', 'noCare']])
  })

  it('SPEC V4: a child born after the report day is named as such, not as one with no birth date', () => {
    const unborn = { ...CHILDREN[0], id: 'unborn', docId: 'ws/child/unborn', birthDate: '2027-07-02' } as ChildRow
    const result = runCrossChecks(statisticsTable([unborn], [], [], ORG, SCOPE))[0]
    expect(result?.children.map((c) => c.gap)).toEqual([{ reason: 'bornAfterDay' }])
  })
})

import { describe, expect, it } from 'vitest'
import type { IsoDate } from '../dates'
import { guessMapping } from './headers'
import { fieldChanges, matchRosterRows, studentNumberKey, type KnownChild } from './match'
import { tableFromGrid } from './table'
import type { RosterCell } from './values'
import { validateRoster } from './validate'

const TODAY = '2025-06-01' as IsoDate
const HEADERS = ['學籍號', '姓名', '出生日期', '監護人電話', '村', '組', '家庭住址']

const rowsOf = (rows: RosterCell[][]) => {
  const table = tableFromGrid([HEADERS, ...rows].map((cells, i) => ({ row: i + 1, cells })))
  if (!table) throw new Error('empty table')
  return validateRoster(table, guessMapping(table.columns.map((c) => c.header)), TODAY).rows
}

const known = (id: string, name: string, birthDate: string, studentNumber = ''): KnownChild => ({ id, name, birthDate, studentNumber })
const plan = (rows: RosterCell[][], children: KnownChild[]) =>
  matchRosterRows(rowsOf(rows), children).map((p) =>
    p.kind === 'update' ? [p.row.row, 'update', p.childId, p.on] : p.kind === 'ambiguous' ? [p.row.row, 'ambiguous', p.childIds, p.why] : [p.row.row, 'new'],
  )

describe('matching a re-imported roster to the children held (SPEC H5)', () => {
  it('H5: maps the student number and the home address columns', () => {
    expect(guessMapping(HEADERS)).toEqual(['studentNumber', 'name', 'birthDate', 'guardian.phone', 'home.village', 'home.group', 'home.address'])
    expect(guessMapping(['学生学籍号', '村民小組', '詳細地址'])).toEqual(['studentNumber', 'home.group', 'home.address'])
  })

  it('H5: matches on the student number first, however it was typed, even when the name changed', () => {
    const children = [known('c1', '李小紅', '2015-09-01', 'G440301201509011234'), known('c2', '李小紅', '2015-09-01', 'G440301201509015678')]
    expect(plan([['g4403 0120 1509 0112 34', '李晓红', '2015-09-01', '', '', '', '']], children)).toEqual([[2, 'update', 'c1', 'studentNumber']])
    expect(studentNumberKey('ｇ４４０３ 01')).toBe('G440301')
  })

  it('H5: without a number, on name and date of birth; a name alone matches nobody', () => {
    const children = [known('c1', '王小明', '2014-03-05'), known('c2', '張偉', '')]
    expect(plan([['', '王小明', '2014/3/5', '', '', '', ''], ['', '張偉', '', '', '', '', ''], ['', '趙麗', '2016-01-01', '', '', '', '']], children)).toEqual([
      [2, 'update', 'c1', 'nameAndBirth'],
      [3, 'new'],
      [4, 'new'],
    ])
  })

  it('H5: a number nobody has falls back to name and birth among children with no number, never one with another number', () => {
    const children = [known('c1', '王小明', '2014-03-05'), known('c2', '李小紅', '2015-09-01', 'G1')]
    expect(plan([['G9', '王小明', '2014-03-05', '', '', '', ''], ['G8', '李小紅', '2015-09-01', '', '', '', '']], children)).toEqual([
      [2, 'update', 'c1', 'nameAndBirth'],
      [3, 'new'],
    ])
  })

  it('H5: two children with the same name and birthday, or a child matched by an earlier row, are shown and skipped', () => {
    const children = [known('a', '陳靜', '2015-06-01'), known('b', '陳靜', '2015-06-01'), known('c', '吳磊', '2016-07-07')]
    expect(plan([['', '陳靜', '2015-06-01', '', '', '', ''], ['', '吳磊', '2016-07-07', '', '', '', ''], ['', '吳磊', '2016-07-07', '', '', '', '']], children)).toEqual([
      [2, 'ambiguous', ['a', 'b'], 'severalChildren'],
      [3, 'update', 'c', 'nameAndBirth'],
      [4, 'ambiguous', ['c'], 'matchedByEarlierRow'],
    ])
  })

  it('H5: rows with errors are not planned at all', () => {
    expect(plan([['', '王小明', '2014-02-30', '', '', '', '']], [known('c1', '王小明', '2014-02-28')])).toEqual([])
  })

  it('H6: an update changes only the values that differ; a blank cell erases nothing', () => {
    const [row] = rowsOf([['', '王小明', '2014-03-05', '139 0013 9000', '石門村', '', '']])
    const current = { name: { value: '王小明' }, birthDate: { value: '2014-03-05' }, 'guardian.phone': { value: '13800138000' }, 'home.group': { value: '三組' } }
    expect(fieldChanges(current, row?.values ?? {})).toEqual([
      { field: 'guardian.phone', old: '13800138000', new: '13900139000' },
      { field: 'home.village', old: undefined, new: '石門村' },
    ])
  })
})

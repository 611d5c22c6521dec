import { describe, expect, it } from 'vitest'
import type { IsoDate } from '../../../shared/dates'
import { childRow, type ChildRow } from '../../../shared/indexes/rows'
import { tableFromGrid, type RosterTable } from '../../../shared/roster/table'
import type { RosterCell } from '../../../shared/roster/values'
import { kindFromLabel, matchSheetPairings, sheetColumns } from './sheet-pairings'

const child = (id: string, name: string, classId: string, studentNumber = '', status = 'active'): ChildRow => childRow({ id, docId: `ws/child/${id}`, name, classId, gender: '', birthDate: '', priority: '', status, studentNumber })
const children = [
  child('k1', '張小明', 'c1', 'G001'),
  child('k2', '王小紅', 'c1'),
  child('k3', '王小紅', 'c2'),
  child('k4', '李小華', 'c2', '', 'returned'),
]
const members = [
  { id: 'u1', username: 'lan', displayName: '陳蘭' },
  { id: 'u2', username: 'mei', displayName: '劉梅' },
  { id: 'u3', username: 'mei2', displayName: '劉梅' },
]
const classLabels = new Map([
  ['c1', ['三年級一班', '三年级一班', 'Grade 3, class 1']],
  ['c2', ['三年級二班', '三年级二班', 'Grade 3, class 2']],
])
const table = (rows: RosterCell[][]): RosterTable => {
  const t = tableFromGrid(rows.map((cells, i) => ({ row: i + 1, cells })))
  if (!t) throw new Error('no table')
  return t
}
const match = (rows: RosterCell[][]) => {
  const t = table(rows)
  return matchSheetPairings({ table: t, columns: sheetColumns(t), children, members, classLabels, kind: 'caringMother', from: '2026-09-01' as IsoDate })
}

describe('pairing from a spreadsheet', () => {
  it('W3: finds the columns by their headers in any language', () => {
    const t = table([['學籍號', '姓名', '班级', '帮扶人', '类型', '开始日期'], ['G001', '張小明', '', 'lan', '', '']])
    expect(sheetColumns(t)).toEqual({ studentNumber: 0, child: 1, className: 2, helper: 3, kind: 4, from: 5 })
    expect(sheetColumns(table([['Child', 'Helper', 'Kind', 'From'], ['a', 'b', '', '']]))).toEqual({ child: 0, helper: 1, kind: 2, from: 3 })
  })

  it('W3: matches a child by 學籍號, else by name and class, and a helper by username or display name', () => {
    const result = match([
      ['學籍號', '姓名', '班級', '幫扶人'],
      ['G001', '', '', 'lan'],
      ['', '王小紅', '三年级二班', '陳蘭'],
      ['', '王小紅', 'Grade 3, class 1', 'MEI'],
    ])
    expect(result.skipped).toEqual([])
    expect(result.pairs.map((p) => [p.row, p.child.id, p.helper.id, p.kind, p.from])).toEqual([
      [2, 'k1', 'u1', 'caringMother', '2026-09-01'],
      [3, 'k3', 'u1', 'caringMother', '2026-09-01'],
      [4, 'k2', 'u2', 'caringMother', '2026-09-01'],
    ])
  })

  it('W3: skips, with the reason, a row that names several children, no child, no member or several members', () => {
    const result = match([
      ['學籍號', '姓名', '班級', '幫扶人'],
      ['', '王小紅', '', 'lan'],
      ['', '趙無名', '', 'lan'],
      ['G999', '張小明', '', 'lan'],
      ['', '李小華', '', 'lan'],
      ['', '張小明', '', 'nobody'],
      ['', '張小明', '', '劉梅'],
      ['', '張小明', '', ''],
      ['', '', '三年級一班', 'lan'],
    ])
    expect(result.pairs).toEqual([])
    expect(result.skipped.map((s) => [s.row, s.reason])).toEqual([
      [2, 'severalChildren'],
      [3, 'noChild'],
      // A 學籍號 that matches nobody is not made up for by the name.
      [4, 'noChild'],
      // A child no longer on the path is not paired.
      [5, 'noChild'],
      [6, 'noHelper'],
      [7, 'severalHelpers'],
      [8, 'noHelperName'],
      [9, 'noChildName'],
    ])
  })

  it('W3: reads the kind by its label in zh-Hans, zh-Hant or en, and refuses an unknown one; dates as sheets write them', () => {
    expect(kindFromLabel('爱心妈妈')).toBe('caringMother')
    expect(kindFromLabel('愛心媽媽')).toBe('caringMother')
    expect(kindFromLabel(' caring mother ')).toBe('caringMother')
    expect(kindFromLabel('代理家长')).toBe('proxyParent')
    expect(kindFromLabel('代理家長')).toBe('proxyParent')
    expect(kindFromLabel('班主任')).toBe('classTeacher')
    expect(kindFromLabel('Class teacher')).toBe('classTeacher')
    expect(kindFromLabel('鄰居')).toBeUndefined()
    const result = match([
      ['姓名', '幫扶人', '類型', '開始'],
      ['張小明', 'lan', '代理家长', '2026/3/5'],
      ['張小明', 'mei', '鄰居', ''],
      ['張小明', 'mei', 'Class teacher', '2026-02-30'],
    ])
    expect(result.pairs.map((p) => [p.row, p.kind, p.from])).toEqual([[2, 'proxyParent', '2026-03-05']])
    expect(result.skipped.map((s) => [s.row, s.child, s.helper, s.reason])).toEqual([
      [3, '張小明', 'mei', 'unknownKind'],
      [4, '張小明', 'mei', 'badDate'],
    ])
  })
})

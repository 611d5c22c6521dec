import { describe, expect, it } from 'vitest'
import type { IsoDate } from '../dates'
import { guessMapping } from './headers'
import { tableFromGrid, type RosterTable } from './table'
import type { RosterCell } from './values'
import { rowsToImport, validateRoster, type RosterIssue } from './validate'

const TODAY = '2025-06-01' as IsoDate

const HEADERS = ['姓名', '性别', '出生日期', '班级', '是否寄宿', '父亲电话', '监护人年龄', '看护方式']

/** A sheet with the header in row 1 and the given data rows below it. */
function buildTable(rows: RosterCell[][], headers = HEADERS): RosterTable {
  const table = tableFromGrid([headers, ...rows].map((cells, i) => ({ row: i + 1, cells })))
  if (!table) throw new Error('empty table')
  return table
}

const check = (rows: RosterCell[][], options = {}) => {
  const table = buildTable(rows)
  return validateRoster(table, guessMapping(table.columns.map((c) => c.header)), TODAY, options)
}

const GOOD: RosterCell[] = ['李小红', '女', '2015/9/1', 'class-3-2', '是', '138 0013 8000', '66岁', '祖輩看護']

/** What the user reads in the report, without the cell text. */
const brief = (i: RosterIssue) => [i.row, i.columnLetter, i.column, i.field, i.code, i.severity]

describe('validateRoster', () => {
  it('normalises and checks a good row, ready to write', () => {
    const report = check([GOOD])
    expect(report.issues).toEqual([])
    expect(report.rows).toEqual([
      {
        row: 2,
        ok: true,
        issues: [],
        values: {
          name: '李小红',
          gender: 'female',
          birthDate: '2015-09-01',
          classId: 'class-3-2',
          boarding: true,
          'father.phone': '13800138000',
          'guardian.age': 66,
          careArrangement: 'grandparents',
        },
      },
    ])
    expect([report.validRows, report.errorRows, report.warningRows]).toEqual([1, 0, 0])
  })

  it('leaves empty cells out of the values', () => {
    const report = check([['王小明', '', null, '', '', '', '', '']])
    expect(report.rows[0]?.values).toEqual({ name: '王小明' })
  })

  it('names the row, column, field and code of every kind of error', () => {
    let n = 0
    // Each row a different child, so no row repeats another.
    const row = (patch: Record<number, RosterCell>) =>
      [`学生${++n}`, ...GOOD.slice(1)].map((cell, i) => (i in patch ? (patch[i] as RosterCell) : cell))
    const report = check([
      row({ 0: '' }), // 2: no name
      row({ 0: '欧'.repeat(41) }), // 3: name too long
      row({ 1: '未知' }), // 4: unknown gender
      row({ 2: '2015-02-30' }), // 5: no such day
      row({ 2: '2030-01-01' }), // 6: born in the future
      row({ 2: '2015年9月' }), // 7: no day
      row({ 3: '班'.repeat(41) }), // 8: a typed class name, not a class id
      row({ 4: '也许' }), // 9: not yes or no
      row({ 5: '1380013' }), // 10: bad phone
      row({ 6: '六十' }), // 11: not a number
      row({ 6: '150' }), // 12: out of range
      row({ 6: '65.5' }), // 13: decimals
    ])
    expect(report.issues.map(brief)).toEqual([
      [2, 'A', '姓名', 'name', 'required', 'error'],
      [3, 'A', '姓名', 'name', 'tooLong', 'error'],
      [4, 'B', '性别', 'gender', 'invalidChoice', 'error'],
      [5, 'C', '出生日期', 'birthDate', 'invalidDate', 'error'],
      [6, 'C', '出生日期', 'birthDate', 'futureDate', 'error'],
      [7, 'C', '出生日期', 'birthDate', 'dateWithoutDay', 'error'],
      [8, 'D', '班级', 'classId', 'invalidChoice', 'error'],
      [9, 'E', '是否寄宿', 'boarding', 'invalidBool', 'error'],
      [10, 'F', '父亲电话', 'father.phone', 'invalidPhone', 'error'],
      [11, 'G', '监护人年龄', 'guardian.age', 'notNumber', 'error'],
      [12, 'G', '监护人年龄', 'guardian.age', 'outOfRange', 'error'],
      [13, 'G', '监护人年龄', 'guardian.age', 'tooManyDecimals', 'error'],
    ])
    expect(report.issues[1]?.params).toEqual({ max: 40 })
    expect(report.issues[10]?.params).toEqual({ min: 10, max: 110 })
    expect(report.issues[8]?.value).toBe('1380013')
    expect(report.validRows).toBe(0)
    expect(report.errorRows).toBe(12)
  })

  it('gives every error of a row, and marks it not importable', () => {
    const report = check([['', '?', '明天', '', '', '12', '', '']])
    expect(report.rows[0]?.ok).toBe(false)
    expect(report.rows[0]?.issues.map((i) => i.code)).toEqual(['invalidChoice', 'invalidDate', 'invalidPhone', 'required'])
    // The report lists them in column order.
    expect(report.issues.map((i) => i.columnLetter)).toEqual(['A', 'B', 'C', 'F'])
  })

  it('shortens a long cell in the report', () => {
    const report = check([['欧'.repeat(100), '', '', '', '', '', '', '']])
    expect(report.issues[0]?.value).toBe(`${'欧'.repeat(40)}…`)
  })

  it('warns of the same child twice in the file, naming the first row', () => {
    const report = check([GOOD, ['王小明', '男', '', 'class-1', '', '', '', ''], GOOD, ['王小明', '男', '', 'class-2', '', '', '', '']])
    expect(report.issues.map(brief)).toEqual([[4, 'A', '姓名', 'name', 'duplicateInFile', 'warning']])
    expect(report.issues[0]?.params).toEqual({ row: 2 })
    // A warning does not stop a row.
    expect([report.validRows, report.errorRows, report.warningRows]).toEqual([4, 0, 1])
  })

  it('warns of a child already in the list', () => {
    const report = check([GOOD, ['王小明', '', '', 'class-1', '', '', '', '']], {
      existing: [
        { name: '李小红', birthDate: '2015-09-01', classId: '' },
        { name: '王小明', birthDate: '', classId: 'class-1' },
        { name: '张三', birthDate: '', classId: '' },
      ],
    })
    expect(report.issues.map((i) => [i.row, i.code])).toEqual([
      [2, 'alreadyInList'],
      [3, 'alreadyInList'],
    ])
  })

  it('refuses a mapping without a name column', () => {
    const table = buildTable([GOOD])
    expect(() => validateRoster(table, table.columns.map(() => null), TODAY)).toThrow(/nameNotMapped/)
  })

  it('reads only mapped columns', () => {
    const table = buildTable([GOOD])
    const mapping = table.columns.map((c) => (c.header === '姓名' ? 'name' : null))
    expect(validateRoster(table, mapping, TODAY).rows[0]?.values).toEqual({ name: '李小红' })
  })
})

describe('rowsToImport', () => {
  const existing = [{ name: '王小明', birthDate: '', classId: 'class-1' }]
  // Row 3 has no name: an error.
  const report = check([GOOD, ['', '男', '', '', '', '', '', ''], ['王小明', '', '', 'class-1', '', '', '', '']], { existing })

  it('imports nothing from a file with errors unless the valid rows are chosen', () => {
    expect(rowsToImport(report, { validRowsOnly: false, skipDuplicates: false })).toEqual([])
    expect(rowsToImport(report, { validRowsOnly: true, skipDuplicates: false }).map((r) => r.row)).toEqual([2, 4])
  })

  it('imports every row of a file without errors', () => {
    const clean = check([GOOD, ['王小明', '', '', 'class-1', '', '', '', '']])
    expect(rowsToImport(clean, { validRowsOnly: false, skipDuplicates: true }).map((r) => r.row)).toEqual([2, 3])
  })

  it('leaves out children already in the list when asked', () => {
    expect(rowsToImport(report, { validRowsOnly: true, skipDuplicates: true }).map((r) => r.row)).toEqual([2])
  })

  it('leaves out a row that repeats an earlier one when asked, keeping the first', () => {
    const twice = check([GOOD, GOOD])
    expect(rowsToImport(twice, { validRowsOnly: false, skipDuplicates: true }).map((r) => r.row)).toEqual([2])
    expect(rowsToImport(twice, { validRowsOnly: false, skipDuplicates: false }).map((r) => r.row)).toEqual([2, 3])
  })
})

describe('validateRoster for someone who may file only into some classes', () => {
  // SPEC X3
  it("X3: a row in a class not the importer's own, or in none, is an error naming the classes; theirs pass", () => {
    const report = check(
      [
        GOOD,
        ['王小明', '男', '2015/3/1', 'class-4-1', '', '', '', ''],
        ['张伟', '男', '2015/4/1', '', '', '', '', ''],
      ],
      { classes: ['class-3-2', 'class-3-1'] },
    )
    expect(report.issues.map(brief)).toEqual([
      [3, 'D', '班级', 'classId', 'notYourClass', 'error'],
      [4, 'D', '班级', 'classId', 'notYourClass', 'error'],
    ])
    expect(report.issues[0]?.params).toEqual({ classes: 'class-3-2、class-3-1' })
    expect(report.rows.map((r) => r.ok)).toEqual([true, false, false])
    expect(rowsToImport(report, { validRowsOnly: true, skipDuplicates: true }).map((r) => r.row)).toEqual([2])
  })

  it('X3: without the class column every row is refused, on the name column; without a limit any class passes', () => {
    const table = buildTable([['李小红']], ['姓名'])
    const limited = validateRoster(table, guessMapping(['姓名']), TODAY, { classes: ['class-1'] })
    expect(limited.issues.map(brief)).toEqual([[2, 'A', '姓名', 'classId', 'notYourClass', 'error']])
    expect(check([GOOD]).issues).toEqual([])
  })
})

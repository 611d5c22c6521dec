import { describe, expect, it } from 'vitest'
import { columnLetter, tableFromGrid, type GridRow } from './table'

const grid = (...rows: (string | number | null)[][]): GridRow[] => rows.map((cells, i) => ({ row: i + 1, cells }))

describe('columnLetter', () => {
  it('names columns as spreadsheets do', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA'])
  })
})

describe('tableFromGrid', () => {
  it('takes row 1 as the header of a plain sheet', () => {
    const table = tableFromGrid(grid(['姓名', '性别'], ['李小红', '女'], ['王小明', '男']))
    expect(table?.headerRow).toBe(1)
    expect(table?.columns).toEqual([
      { index: 0, letter: 'A', header: '姓名' },
      { index: 1, letter: 'B', header: '性别' },
    ])
    expect(table?.rows.map((r) => r.row)).toEqual([2, 3])
  })

  it('finds the header below a title row, and keeps the sheet row numbers', () => {
    const table = tableFromGrid(grid(['红星小学留守儿童花名册', null, null], [], ['序号', '姓名', '班级'], [1, '李小红', '三班']))
    expect(table?.headerRow).toBe(3)
    expect(table?.columns.map((c) => c.header)).toEqual(['序号', '姓名', '班级'])
    expect(table?.rows).toEqual([{ row: 4, cells: [1, '李小红', '三班'] }])
  })

  it('leaves out empty rows and columns that hold nothing', () => {
    const table = tableFromGrid(grid([null, '姓名', null, '性别'], [null, '李小红', '', '女'], ['', ' ', null], [null, '王小明', null, '男']))
    expect(table?.columns.map((c) => c.letter)).toEqual(['B', 'D'])
    expect(table?.rows.map((r) => r.row)).toEqual([2, 4])
  })

  it('offers a column with values but no header', () => {
    const table = tableFromGrid(grid(['姓名', '性别', null], ['李小红', '女', '备注']))
    expect(table?.columns.map((c) => [c.letter, c.header])).toEqual([
      ['A', '姓名'],
      ['B', '性别'],
      ['C', ''],
    ])
  })

  it('takes the first row when no row names two known fields', () => {
    expect(tableFromGrid(grid(['a', 'b'], ['1', '2']))?.headerRow).toBe(1)
  })

  it('gives nothing for a sheet with nothing in it', () => {
    expect(tableFromGrid([])).toBeUndefined()
    expect(tableFromGrid(grid([null, ''], ['  ']))).toBeUndefined()
  })
})

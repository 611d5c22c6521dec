import { describe, expect, it } from 'vitest'
import type { IsoDate } from '../../../shared/dates'
import { readWorkbookBack } from '../../../tests/helpers/xlsx'
import { sheetLayout, sheetName, writeWorkbook, type SheetModel } from './write-workbook'

const model: SheetModel = {
  name: 'A/B: 统计表?',
  title: '标题',
  subtitle: '副标题',
  header: [['组', null, '单列'], ['甲', '乙', null]],
  headerMerges: [{ row: 0, col: 0, colSpan: 2 }, { row: 0, col: 2, rowSpan: 2 }],
  rows: [
    ['13800138000', 1234.5, { date: '2015-03-04' as IsoDate }],
    [null, true, 0],
  ],
  columns: [{ width: 14 }, { width: 10, numFmt: '#,##0.00' }, { width: 12 }],
  notes: ['备注一', '备注二'],
}

describe('an .xlsx from a plain model', () => {
  it('SPEC V6: lays out title, subtitle, header, rows and notes in that order, and says where', () => {
    expect(sheetLayout(model)).toEqual({ titleRow: 1, subtitleRow: 2, firstHeaderRow: 3, firstDataRow: 5, firstNoteRow: 7, width: 3 })
    expect(sheetLayout({ name: 'x', header: [['a']], rows: [] })).toMatchObject({ titleRow: undefined, firstHeaderRow: 1, firstDataRow: 2 })
  })

  it('SPEC V6: writes exactly the model: text stays text, numbers and days typed, merges, frozen header, formats', async () => {
    const [sheet, second] = await readWorkbookBack(await writeWorkbook({ sheets: [model, { ...model, name: 'A/B: 统计表?' }] }))
    expect(sheet?.name).toBe('A_B_ 统计表_')
    expect(second?.name).toBe('A_B_ 统计表_ 2')
    expect(sheet?.rows).toEqual([
      ['标题'],
      ['副标题'],
      ['组', null, '单列'],
      ['甲', '乙'],
      ['13800138000', 1234.5, '2015-03-04'],
      [null, true, 0],
      ['备注一'],
      ['备注二'],
    ])
    expect(sheet?.frozenRows).toBe(4)
    expect(sheet?.merges.sort()).toEqual(['A1:C1', 'A2:C2', 'A3:B3', 'A7:C7', 'A8:C8', 'C3:C4'].sort())
    expect(sheet?.numFmt(5, 2)).toBe('#,##0.00')
    expect(sheet?.numFmt(5, 3)).toBe('yyyy-mm-dd')
  })

  it('keeps a tab name within Excel’s rules', () => {
    expect(sheetName('x'.repeat(40))).toHaveLength(31)
    expect(sheetName('[]')).toBe('__')
    expect(sheetName('   ')).toBe('Sheet')
  })
})

describe('styled cells', () => {
  it('SPEC V6, Z8: a row’s own number format, a bold heading and an indented line, the value as it is', async () => {
    const ExcelJS = (await import('exceljs')).default
    const bytes = await writeWorkbook({
      sheets: [{ name: 's', header: [['项目', '数值']], rows: [[{ value: '建档率', bold: true }, { value: 0.6, numFmt: '0.0%' }], [{ value: '谈心', indent: 1 }, { value: 1000.5, numFmt: '"¥"#,##0.00' }]], columns: [{ width: 20 }, { numFmt: '0' }] }],
    })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    expect(sheet?.getRow(2).getCell(1).value).toBe('建档率')
    expect(sheet?.getRow(2).getCell(1).font?.bold).toBe(true)
    expect(sheet?.getRow(2).getCell(2).value).toBe(0.6)
    expect(sheet?.getRow(2).getCell(2).numFmt).toBe('0.0%')
    expect(sheet?.getRow(3).getCell(1).alignment?.indent).toBe(1)
    expect(sheet?.getRow(3).getCell(2).numFmt).toBe('"¥"#,##0.00')
  })
})

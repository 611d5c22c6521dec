import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { decodeText } from './decode-text'
import { readCsvSheet, readXlsxSheet, toRosterCell } from './read-sheet'

describe('decodeText', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s)

  it('reads UTF-8, with or without a byte-order mark, and drops the mark', () => {
    expect(decodeText(utf8('姓名,性别'))).toEqual({ text: '姓名,性别', encoding: 'utf-8' })
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('姓名')]))).toEqual({ text: '姓名', encoding: 'utf-8' })
  })

  it('reads GB18030 (GBK) when the bytes are not UTF-8', () => {
    // 姓名,张三 as Chinese Windows saves it.
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd])
    expect(decodeText(gbk)).toEqual({ text: '姓名,张三', encoding: 'gb18030' })
  })

  it('reads UTF-16 with its byte-order mark (Excel\'s "Unicode text")', () => {
    const le = new Uint8Array([0xff, 0xfe, 0xd3, 0x59, 0x0d, 0x54])
    expect(decodeText(le)).toEqual({ text: '姓名', encoding: 'utf-16le' })
  })

  it('refuses bytes that are no text', () => {
    expect(decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBeUndefined()
    expect(decodeText(new Uint8Array([0x41, 0x00, 0x42]))).toBeUndefined()
  })
})

describe('readCsvSheet', () => {
  it('numbers the records as the spreadsheet shows them, a quoted line break inside one', async () => {
    const sheet = await readCsvSheet('姓名,住址\r\n李小红,"北京\r\n朝阳区"\r\n王小明,"a,b"\r\n')
    expect(sheet.rows.slice(0, 3)).toEqual([
      { row: 1, cells: ['姓名', '住址'] },
      { row: 2, cells: ['李小红', '北京\r\n朝阳区'] },
      { row: 3, cells: ['王小明', 'a,b'] },
    ])
  })

  it('tells tabs and semicolons from commas', async () => {
    expect((await readCsvSheet('姓名\t班级\n李小红\t三班\n')).rows[1]?.cells).toEqual(['李小红', '三班'])
    expect((await readCsvSheet('姓名;班级\n李小红;三班\n')).rows[1]?.cells).toEqual(['李小红', '三班'])
  })
})

describe('toRosterCell', () => {
  it('gives every kind of exceljs value as text, a number, a boolean or nothing', () => {
    expect(toRosterCell(null)).toBeNull()
    expect(toRosterCell(undefined)).toBeNull()
    expect(toRosterCell('李小红')).toBe('李小红')
    expect(toRosterCell(42248)).toBe(42248)
    expect(toRosterCell(true)).toBe(true)
    expect(toRosterCell(new Date(Date.UTC(2015, 8, 1)))).toBe('2015-09-01')
    expect(toRosterCell({ richText: [{ text: '李' }, { text: '小红' }] })).toBe('李小红')
    expect(toRosterCell({ formula: 'A1&B1', result: '三年级二班' })).toBe('三年级二班')
    expect(toRosterCell({ formula: 'A1' })).toBeNull()
    expect(toRosterCell({ sharedFormula: 'A1', result: 7 })).toBe(7)
    expect(toRosterCell({ text: '13800138000', hyperlink: 'tel:13800138000' })).toBe('13800138000')
    expect(toRosterCell({ error: '#N/A' })).toBe('#N/A')
  })
})

describe('readXlsxSheet', () => {
  it('reads the first visible sheet with data, with merged cells giving their value to each row', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('说明', { state: 'hidden' }).addRow(['不要读这一页'])
    workbook.addWorksheet('空白')
    const sheet = workbook.addWorksheet('名单')
    sheet.addRow(['姓名', '班级'])
    sheet.addRow(['李小红', '三年级二班'])
    sheet.addRow(['王小明', null])
    sheet.mergeCells('B2:B3')
    const read = await readXlsxSheet(new Uint8Array(await workbook.xlsx.writeBuffer()))
    expect(read).toEqual({
      name: '名单',
      rows: [
        { row: 1, cells: ['姓名', '班级'] },
        { row: 2, cells: ['李小红', '三年级二班'] },
        { row: 3, cells: ['王小明', '三年级二班'] },
      ],
    })
  })
})

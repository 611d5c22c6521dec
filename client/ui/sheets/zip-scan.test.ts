import ExcelJS from 'exceljs'
import { zipSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { buildZip, deflatedEntry, deflatedZeros } from '../../../tests/helpers/zips'
import { MarkupCount } from './markup-count'
import { readSheetBytes, SheetReadError, type SheetReadErrorCode } from './read-sheet-file'
import { scanXlsx, XLSX_LIMITS, type XlsxScan } from './zip-scan'

const MiB = 1024 * 1024
const FIVE_MB = 5 * MiB
const fresh = (): XlsxScan => ({ inflatedBytes: 0, rows: 0, cells: 0, elements: 0 })

async function refusal(run: Promise<unknown>): Promise<SheetReadErrorCode> {
  const error = await run.then(() => undefined, (e: unknown) => e)
  if (!(error instanceof SheetReadError)) throw new Error(`expected a SheetReadError, got ${String(error)}`)
  return error.code
}

const sheetXml = (rows: number, cellsPerRow: number) =>
  `<?xml version="1.0"?><worksheet><sheetData>${`<row>${'<c r="A1"><v>1</v></c>'.repeat(cellsPerRow)}</row>`.repeat(rows)}</sheetData></worksheet>`

describe('N5: an .xlsx is inflated and counted before exceljs sees it, whatever its headers claim', () => {
  it('stops a 1 GiB entry that says it holds 1 KB after a few MiB, as damaged', async () => {
    const packed = deflatedZeros(1024)
    const bytes = buildZip([{ name: 'xl/worksheets/sheet1.xml', packed, declaredSize: 1000 }])
    expect(bytes.length).toBeLessThan(FIVE_MB)
    const scan = fresh()
    expect(await refusal(scanXlsx(bytes, XLSX_LIMITS, scan))).toBe('unreadable')
    expect(scan.inflatedBytes).toBeLessThan(8 * MiB)
    // Through the page's own path, the same refusal before exceljs is asked.
    expect(await refusal(readSheetBytes(bytes, FIVE_MB))).toBe('unreadable')
  })

  it('refuses an entry that admits to 1 GiB without inflating a byte', async () => {
    const bytes = buildZip([{ name: 'xl/styles.xml', packed: deflatedZeros(1024), declaredSize: 1024 * MiB }])
    const scan = fresh()
    const error = await scanXlsx(bytes, XLSX_LIMITS, scan).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'unpackedTooLarge', params: { maxMb: 32 } })
    expect(scan.inflatedBytes).toBe(0)
  })

  it('refuses entries that together pass the total, each under its own cap', async () => {
    const entry = { packed: deflatedZeros(2), declaredSize: 30 * MiB }
    const bytes = buildZip([1, 2, 3].map((n) => ({ ...entry, name: `xl/media/image${n}.png` })))
    await expect(scanXlsx(bytes)).rejects.toMatchObject({ code: 'unpackedTooLarge', params: { maxMb: 64 } })
  })

  it('refuses more rows than XLSX_LIMITS.maxRows, in the sheets together', async () => {
    const bytes = zipSync({ 'xl/worksheets/sheet1.xml': strToU8(sheetXml(15_000, 1)), 'xl/worksheets/sheet2.xml': strToU8(sheetXml(5_001, 1)) })
    const error = await scanXlsx(bytes).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'tooManySheetRows', params: { max: 20_000 } })
  })

  it('refuses more cells than XLSX_LIMITS.maxCells', async () => {
    const bytes = zipSync({ 'xl/worksheets/sheet1.xml': strToU8(sheetXml(1_000, 501)) })
    const error = await scanXlsx(bytes).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'tooManyCells', params: { max: 500_000 } })
  })

  it('refuses markup past XLSX_LIMITS.maxElements, in any part', async () => {
    const bytes = zipSync({ 'xl/styles.xml': strToU8(`<styleSheet>${'<xf/>'.repeat(2_000)}</styleSheet>`) })
    expect(await refusal(scanXlsx(bytes, { ...XLSX_LIMITS, maxElements: 1_000 }))).toBe('tooComplex')
  })

  it('still reads a 2,000-pupil roster, and counts it', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('名单')
    sheet.addRow(['姓名', '性别', '出生日期', '班级', '父亲电话', '母亲电话', '看护方式', '住址'])
    for (let i = 0; i < 2000; i++) sheet.addRow([`学生${i}`, i % 2 ? '男' : '女', '2015-09-01', 'class-3-2', `1380013${String(i).padStart(4, '0')}`, '', '祖辈看护', `朝阳区${i}号`])
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
    const scan = await scanXlsx(bytes)
    expect(scan.rows).toBe(2001)
    expect(scan.cells).toBeGreaterThan(14_000)
    const { sheet: read } = await readSheetBytes(bytes, FIVE_MB)
    expect(read.rows).toHaveLength(2001)
    expect(read.rows[2000]).toMatchObject({ row: 2001, cells: ['学生1999', '男', '2015-09-01', 'class-3-2', '13800131999', '', '祖辈看护', '朝阳区1999号'] })
  })
})

describe('N6: a zip packed any way exceljs could read differently is refused', () => {
  const sheet = deflatedEntry('xl/worksheets/sheet1.xml', sheetXml(2, 2))

  it('reads an honest hand-built zip', async () => {
    expect(await scanXlsx(buildZip([sheet]))).toMatchObject({ rows: 2, cells: 4 })
  })

  it('refuses a method other than deflate or stored, an encrypted entry, and zip64 sizes', async () => {
    expect(await refusal(scanXlsx(buildZip([{ ...sheet, method: 12 }])))).toBe('unsupportedZip')
    expect(await refusal(scanXlsx(buildZip([{ ...sheet, flags: 1 }])))).toBe('unsupportedZip')
    expect(await refusal(scanXlsx(buildZip([{ ...sheet, declaredSize: 0xffffffff }])))).toBe('unsupportedZip')
  })

  it('refuses two entries that share their bytes (how a few KB unpack many times over)', async () => {
    expect(await refusal(scanXlsx(buildZip([sheet, { ...sheet, name: 'xl/worksheets/sheet2.xml', sameDataAs: 0 }])))).toBe('unreadable')
  })

  it('refuses bytes before the zip, a cut directory, and a zip that is nothing but its header', async () => {
    const honest = buildZip([sheet])
    expect(await refusal(scanXlsx(new Uint8Array([...honest.subarray(0, 4), ...honest])))).toBe('unreadable')
    expect(await refusal(scanXlsx(honest.subarray(0, honest.length - 30)))).toBe('unreadable')
    expect(await refusal(readSheetBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), FIVE_MB))).toBe('unreadable')
  })

  it('refuses an entry shorter than it says, or whose bytes are not deflate', async () => {
    expect(await refusal(scanXlsx(buildZip([{ ...sheet, declaredSize: sheet.declaredSize + 1 }])))).toBe('unreadable')
    expect(await refusal(scanXlsx(buildZip([{ ...sheet, packed: new Uint8Array([0xff, 0xff, 0xff, 0xff]) }])))).toBe('unreadable')
  })
})

describe('MarkupCount', () => {
  it('counts a tag split anywhere between chunks once, with or without a prefix, and not closing tags or comments', () => {
    const xml = new TextEncoder().encode('<?xml?><!-- x --><sheetData><row r="1"><c r="A1"/><x:c>1</x:c><col/><cols></cols></row><x:row/></sheetData>')
    for (const size of [1, 2, 3, 7, xml.length]) {
      const count = new MarkupCount()
      for (let at = 0; at < xml.length; at += size) count.push(xml.subarray(at, at + size))
      expect({ rows: count.rows, cells: count.cells, elements: count.elements }).toEqual({ rows: 2, cells: 2, elements: 7 })
    }
  })
})

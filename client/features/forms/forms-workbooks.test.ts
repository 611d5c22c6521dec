/**
 * Both official forms written with write-workbook.ts, read back with exceljs, and compared
 * cell by cell with the models they were written from (SPEC V2, V3, V5, V6).
 */
import i18next, { type TFunction } from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCrossChecks } from '../../../shared/forms/cross-checks'
import { rosterForm } from '../../../shared/forms/roster-form'
import { STAT_COLUMNS, statisticsTable } from '../../../shared/forms/statistics-table'
import { BROKEN, CHILDREN, ORG, PAIRINGS, RECORDS, SCOPE } from '../../../tests/fixtures/forms-workspace'
import { readWorkbookBack, rowsByLabel, type ReadCell, type ReadSheet } from '../../../tests/helpers/xlsx'
import { TRANSLATIONS } from '../../i18n/resources'
import { sheetLayout, writeWorkbook, type SheetCell, type SheetModel, type WorkbookModel } from '../../ui/sheets/write-workbook'
import { rosterWorkbook } from './roster-sheet'
import { statisticsWorkbook } from './statistics-sheet'

const ts: Record<string, TFunction> = {}

beforeAll(async () => {
  for (const lng of ['zh-Hans', 'zh-Hant', 'en']) {
    const instance = i18next.createInstance()
    await instance.init({ lng, resources: { [lng]: { translation: TRANSLATIONS[lng] ?? {} } }, interpolation: { escapeValue: false } })
    ts[lng] = instance.t
  }
})

const read = (cell: SheetCell | undefined): ReadCell => (cell === undefined ? null : cell !== null && typeof cell === 'object' ? ('date' in cell ? cell.date : cell.value) : cell)

/** The grid a sheet model should read back as: title, subtitle, header, rows, notes; a merge's covered cells empty. */
function expectedGrid(model: SheetModel): ReadCell[][] {
  const grid: ReadCell[][] = []
  if (model.title !== undefined) grid.push([model.title])
  if (model.subtitle !== undefined) grid.push([model.subtitle])
  for (const row of [...model.header, ...model.rows]) grid.push(row.map(read))
  for (const note of model.notes ?? []) grid.push([note])
  return grid.map((cells) => {
    const out = [...cells]
    while (out.length > 0 && out[out.length - 1] === null) out.pop()
    return out
  })
}

async function roundTrip(model: WorkbookModel): Promise<ReadSheet[]> {
  return readWorkbookBack(await writeWorkbook(model))
}

describe('the official forms as .xlsx, read back', () => {
  it('SPEC V6: the roster reads back cell for cell as its model: title, unit, two header rows, one row per child, frozen header', async () => {
    const t = ts['zh-Hans'] as TFunction
    const form = rosterForm(CHILDREN, PAIRINGS, ORG, SCOPE)
    const model = rosterWorkbook(t, 'zh-Hans', form)
    const [sheet] = await roundTrip(model)
    const written = model.sheets[0] as SheetModel
    const layout = sheetLayout(written)
    expect(sheet?.name).toBe('花名册')
    expect(sheet?.rows).toEqual(expectedGrid(written))
    expect(sheet?.frozenRows).toBe(layout.firstDataRow - 1)
    expect(sheet?.merges).toContain('J3:L3')
    // What a person reads on the first child's line, and the phone kept as text.
    const n = (form.rows.find((r) => r.childId === 'c00')?.n ?? 0)
    const first = sheet?.rows[layout.firstDataRow - 2 + n]
    expect(first?.slice(0, 12)).toEqual([n, '王小明', '女', '2024-01-10', 3, '东山镇中心小学', '一年级1班', '父母均外出', '祖辈看护', '监护人0', '祖母/外祖母', '13800000000'])
    expect(sheet?.numFmt(layout.firstDataRow - 1 + n, 4)).toBe('yyyy-mm-dd')
    expect(sheet?.rows[1]?.[0]).toBe('单位：全部学校　　统计日期：2027年6月30日　　共 39 名')
    expect(sheet?.rows.length).toBe(layout.firstDataRow - 1 + form.rows.length)
  })

  it('SPEC V6: the statistics table reads back as its model, every school row and the total, with the definitions and the checks', async () => {
    const t = ts['zh-Hans'] as TFunction
    const table = statisticsTable(CHILDREN, RECORDS, PAIRINGS, ORG, SCOPE)
    const results = runCrossChecks(table)
    const model = statisticsWorkbook(t, 'zh-Hans', table, results)
    const sheets = await roundTrip(model)
    expect(sheets.map((s) => s.name)).toEqual(['统计表', '栏目说明', '核对结果'])
    model.sheets.forEach((written, i) => expect(sheets[i]?.rows).toEqual(expectedGrid(written)))
    const main = model.sheets[0] as SheetModel
    const layout = sheetLayout(main)
    const back = sheets[0] as ReadSheet
    expect(back.frozenRows).toBe(layout.firstDataRow - 1)
    // The figures as the page shows them (the model's cells), by row name.
    const byLabel = rowsByLabel(back, layout.firstDataRow)
    expect(byLabel.get('合计')).toEqual(table.total.cells)
    expect(byLabel.get('东山镇中心小学')).toEqual(table.rows[0]?.cells)
    expect(byLabel.get('未编入班级')?.[0]).toBe(1)
    expect(back.rows[layout.firstHeaderRow + 1]).toEqual(['列号', ...STAT_COLUMNS.map((c) => c.n)])
    expect(back.numFmt(layout.firstDataRow, 1 + 29)).toBe('#,##0.00')
    expect(back.rows[layout.firstNoteRow - 1]).toEqual(['已核对 11 项，全部一致（见“核对结果”工作表）。'])
    expect(sheets[1]?.rows[1]).toEqual([1, '留守儿童总数', '统计日期当天仍为留守状态的儿童人数。'])
  })

  it('SPEC V5: a table exported anyway carries, under it, every check that does not agree, in words', async () => {
    const t = ts['zh-Hans'] as TFunction
    const table = statisticsTable([...CHILDREN, ...BROKEN], RECORDS, PAIRINGS, ORG, SCOPE)
    const results = runCrossChecks(table)
    const model = statisticsWorkbook(t, 'zh-Hans', table, results)
    const sheets = await roundTrip(model)
    const main = model.sheets[0] as SheetModel
    expect(sheets[0]?.rows).toEqual(expectedGrid(main))
    const notes = sheets[0]?.rows.slice(sheetLayout(main).firstNoteRow - 1).map((r) => r[0]) ?? []
    expect(notes[0]).toBe('备注：导出时以下核对不一致，数字未经修正。')
    expect(notes).toHaveLength(5)
    expect(notes[1]).toBe(
      '第1列 = 第2列 + 第5列 + 第8列（总数等于三个年龄段之和）不成立：东山镇中心小学 28 ≠ 27；西山村小 13 ≠ 12；合计 42 ≠ 40。' +
        ' 1 名儿童没有出生日期，无法计入年龄段：没生日（东山镇中心小学 · 三年级1班）' +
        ' 1 名儿童 17 岁，超出 0–16 岁：十七岁（西山村小 · 四年级1班）',
    )
    expect(notes[4]).toContain('1 名儿童没有填写看护方式，无法计入监护类型：无看护（东山镇中心小学 · 六年级1班）')
    expect(sheets[2]?.rows.slice(1).map((r) => r[2])).toEqual(results.map((r) => (r.ok ? '一致' : '不一致')))
  })

  it('SPEC V6: the same forms in Traditional Chinese and English', async () => {
    const table = statisticsTable(CHILDREN, RECORDS, PAIRINGS, ORG, { ...SCOPE, schoolId: 'west' })
    const hant = await roundTrip(statisticsWorkbook(ts['zh-Hant'] as TFunction, 'zh-Hant', table, runCrossChecks(table)))
    expect(hant.map((s) => s.name)).toEqual(['統計表', '欄目說明', '核對結果'])
    expect(hant[0]?.rows[0]).toEqual(['留守兒童情況統計表'])
    const en = rosterWorkbook(ts.en as TFunction, 'en', rosterForm(CHILDREN, PAIRINGS, ORG, { ...SCOPE, schoolId: 'west' }))
    const [roster] = await roundTrip(en)
    expect(roster?.rows).toEqual(expectedGrid(en.sheets[0] as SheetModel))
    expect(roster?.rows[2]?.slice(0, 3)).toEqual(['No.', 'Name', 'Gender'])
  })
})

/**
 * The term summary's files built in Node from the figures fixture, then read back as Word and
 * Excel would (SPEC Z6, Z8): the .docx unzipped and its document.xml read for the figures table,
 * the activities and the placeholders; the .xlsx with exceljs, every figure cell compared with
 * computeFigures' own result.
 */
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { computeFigures } from '../../../shared/figures/figures'
import { fixtureInput } from '../../../tests/fixtures/figures-workspace'
import { figureValue } from '../../../tests/helpers/figure-values'
import { readDocx, type DocxText } from '../../../tests/helpers/office-read'
import { fixtureModel } from '../../../tests/helpers/summary-fixture'
import type { SummaryModel } from './summary-model'
import { writeSummaryDocx } from './write-docx'
import { writeSummaryXlsx } from './write-xlsx'

const figures = computeFigures(fixtureInput())

describe('the term summary as .docx, read back (SPEC Z6, Z8)', () => {
  let model: SummaryModel
  let docx: DocxText
  beforeAll(async () => {
    model = await fixtureModel()
    docx = readDocx(await writeSummaryDocx(model))
  })

  it('opens with the title, then the seed’s sections in order', () => {
    expect(docx.paragraphs[0]).toBe(model.title)
    expect(model.title).toBe('东山镇中心小学、西岭村教学点2026年秋季学期留守儿童关爱工作总结')
    const headings = model.sections.map((s) => docx.paragraphs.indexOf(s.heading))
    expect(headings.every((i) => i > 0)).toBe(true)
    expect([...headings].sort((a, b) => a - b)).toEqual(headings)
  })

  it('SPEC Z8: the figures table gives every figure as the page writes it, with its definition', () => {
    const table = docx.tables[0] ?? []
    expect(table[0]).toEqual(['项目', '数值', '说明'])
    expect(table.slice(1)).toHaveLength(model.rows.length)
    model.rows.forEach((row, i) => {
      const [label, value, definition] = table[i + 1] ?? []
      expect(label?.trim()).toBe(row.label)
      expect(value).toBe(row.value ? [row.value.text, row.value.detail].filter(Boolean).join('\n') : '')
      expect(definition).toBe(row.definition ?? '')
    })
    // 建檔率's definition is printed beside it: no national formula exists.
    expect(table.find((r) => r[0] === '建档率')).toEqual(['建档率', '60%\n3 / 5', expect.stringContaining('建档率没有全国统一公式')])
  })

  it('SPEC Z6: the results as sentences, the activities held in date order with attendance, and a placeholder for each narrative part', () => {
    expect(docx.paragraphs).toContain('本期共有留守儿童 5 人，在校学生 90 人，留守儿童占在校学生的 4.4%。')
    expect(docx.tables[1]).toEqual([
      ['日期', '活动', '参加人数'],
      ['2026年10月15日', '法制安全讲座', '2'],
      ['2026年11月', '才艺展示', '0'],
    ])
    const placeholders = docx.paragraphs.filter((p) => /^（请在此填写.+……）$/.test(p))
    expect(placeholders).toEqual(model.sections.flatMap((s) => (s.placeholder ? [s.placeholder] : [])))
    expect(placeholders).toHaveLength(5)
  })

  it('carries two of the page’s charts as Word charts holding the same numbers', () => {
    const charts = docx.parts.filter((p) => /^word\/charts\/chart\d+\.xml$/.test(p)).sort()
    expect(charts).toHaveLength(2)
    const values = (xml: string) => [...(/<c:val>[\s\S]*?<\/c:val>/.exec(xml)?.[0] ?? '').matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1]))
    const care = charts.map((c) => docx.part(c)).find((xml) => xml.includes('祖辈看护')) ?? ''
    expect(values(care)).toEqual([figures.careArrangement.grandparents, figures.careArrangement.relatives ?? 0, 0, figures.careArrangement.other])
  })
})

describe('the term summary as .xlsx, read back with exceljs (SPEC Z8)', () => {
  let model: SummaryModel
  let workbook: ExcelJS.Workbook
  beforeAll(async () => {
    model = await fixtureModel()
    workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await writeSummaryXlsx(model)) as unknown as Parameters<typeof workbook.xlsx.load>[0])
  })

  it('has a sheet of every figure whose value cell is computeFigures’ number', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['统计', '留守儿童名单', '工作记录', '资助', '活动'])
    const sheet = workbook.getWorksheet('统计')
    expect(sheet?.getRow(1).values).toEqual([undefined, '项目', '数值', '显示为', '说明'])
    let checked = 0
    model.rows.forEach((row, i) => {
      const cells = sheet?.getRow(i + 2)
      expect(String(cells?.getCell(1).value).trim()).toBe(row.label)
      if (!row.value) return
      const expected = figureValue(figures, row.key)
      expect([row.key, cells?.getCell(2).value]).toEqual([row.key, expected === null ? '—' : expected])
      expect(cells?.getCell(3).value).toBe([row.value.text, row.value.detail].filter(Boolean).join(' · '))
      checked++
    })
    expect(checked).toBe(model.rows.filter((r) => r.value).length)
    const filing = model.rows.findIndex((r) => r.key === 'filing')
    expect(sheet?.getRow(filing + 2).getCell(2).numFmt).toBe('0.0%')
  })

  it('lists the children counted, the records and aid of the period, and the activities held', () => {
    const rows = (name: string) => (workbook.getWorksheet(name)?.getSheetValues() ?? []).slice(2).filter(Boolean) as unknown[][]
    expect(rows('留守儿童名单')).toHaveLength(figures.leftBehind)
    expect(rows('工作记录')).toHaveLength(Object.values(figures.records).reduce((a, b) => a + b, 0))
    const aid = rows('资助')
    expect(Math.round(aid.reduce((sum, r) => sum + Number(r[4]) * 100, 0))).toBe(Math.round(figures.aidTotalYuan * 100))
    expect(aid[0]?.slice(1)).toEqual([new Date(Date.UTC(2026, 11, 1)), '王小一', '助学金', 600, '春蕾计划'])
    expect(rows('活动').map((r) => [r[2], r[3]])).toEqual([
      ['法制安全讲座', 2],
      ['才艺展示', 0],
    ])
    // No phone numbers in any sheet.
    for (const sheet of workbook.worksheets) sheet.eachRow((row) => expect(JSON.stringify(row.values)).not.toMatch(/1[3-9]\d{9}/))
  })
})

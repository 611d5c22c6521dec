import { beforeAll, describe, expect, it } from 'vitest'
import { computeFigures } from '../../../shared/figures/figures'
import { figureLists } from '../../../shared/figures/lists'
import { fixtureInput, ORG, PERIOD, TERM } from '../../../tests/fixtures/figures-workspace'
import { figureValue } from '../../../tests/helpers/figure-values'
import { fixtureModel, translator } from '../../../tests/helpers/summary-fixture'
import { summaryModel, type SummaryModel } from './summary-model'

describe('the term summary model (SPEC Z6, Z8)', () => {
  const figures = computeFigures(fixtureInput())
  let model: SummaryModel
  beforeAll(async () => {
    model = await fixtureModel()
  })

  it('SPEC Z8: every figure row holds computeFigures’ number', () => {
    const valued = model.rows.filter((r) => r.value)
    expect(valued.length).toBeGreaterThan(40)
    for (const row of valued) expect([row.key, row.value?.raw]).toEqual([row.key, figureValue(figures, row.key)])
    // A few by hand, as the page writes them.
    const text = (key: string) => model.rows.find((r) => r.key === key)?.value?.text
    expect([text('leftBehind'), text('pupils'), text('filing'), text('retention'), text('aidTotalYuan')]).toEqual(['5', '90', '60%', '83.3%', '¥1,000.30'])
    expect(model.rows.find((r) => r.key === 'filing')?.value?.detail).toBe('3 / 5')
  })

  it('SPEC Z6: has the seed’s sections in order, the narrative ones each with a placeholder for staff', () => {
    expect(model.sections.map((s) => s.heading)).toEqual(['一、工作目标', '二、组织领导', '三、主要措施', '四、工作成效', '活动一览', '五、存在问题', '六、下一步打算'])
    expect(model.sections.filter((s) => s.placeholder).map((s) => s.key)).toEqual(['aims', 'organisation', 'measures', 'problems', 'nextSteps'])
    for (const s of model.sections) if (s.placeholder) expect(s.placeholder).toMatch(/^（请在此填写.+……）$/)
  })

  it('SPEC Z6: writes the results as sentences from the rows’ own words', () => {
    const results = model.sections.find((s) => s.key === 'results')?.facts.join('\n') ?? ''
    expect(results).toContain('本期共有留守儿童 5 人，在校学生 90 人，留守儿童占在校学生的 4.4%。')
    expect(results).toContain('建档率 60%（3 / 5），入学率 100%，巩固率 83.3%。')
    expect(results).toContain('监护方式：祖辈看护 3，亲戚看护 1，其他 1。')
    expect(results).toContain('共发放资助 ¥1,000.30，受资助儿童 3 人；按来源：春蕾计划 ¥600.00，未注明来源 ¥400.30。')
    // What the files lack is named under problems, from the same counts.
    expect(model.sections.find((s) => s.key === 'problems')?.facts).toEqual(['还有 2 份留守儿童档案未填齐：出生日期 1，同意日期 1。'])
  })

  it('lists the activities held in date order, and the lists under the figures', () => {
    expect(model.activities.map((a) => [a.date, a.title, a.attended])).toEqual([
      ['2026-10-15', '法制安全讲座', 2],
      ['2026-11', '才艺展示', 0],
    ])
    expect(model.lists.children.map((c) => c.className)).toEqual(['东山镇中心小学 · 三年级1班', '东山镇中心小学 · 三年级1班', '东山镇中心小学 · 三年级2班', '东山镇中心小学 · 五年级1班', '西岭村教学点 · 一年级1班'])
    expect(model.lists.records).toHaveLength(9)
    expect(model.lists.aid.map((a) => [a.child, a.kind, a.yuan])).toEqual([
      ['王小一', '助学金', 600],
      ['李小二', '学习用品', 200.1],
      ['杨小六', '', 200.2],
    ])
    expect(model.charts.map((c) => c.id)).toEqual(['careArrangement', 'recordsByMonth'])
  })

  it('names the files in the reader’s language, with the term', async () => {
    expect(model.files).toEqual({ docx: '工作总结（2026年秋季学期）.docx', xlsx: '统计表（2026年秋季学期）.xlsx' })
    expect((await fixtureModel('en')).files.docx).toBe('Term summary (Autumn term 2026).docx')
    expect((await fixtureModel('zh-Hant')).files.xlsx).toBe('統計表（2026年秋季學期）.xlsx')
  })

  it('SPEC Z4: a school with no left-behind child prints — for its rates, never 0% or 100%', async () => {
    const input = { ...fixtureInput(), children: [] }
    const empty = summaryModel({ figures: computeFigures(input), lists: figureLists(input), org: ORG, term: TERM, words: { t: await translator('zh-Hans'), language: 'zh-Hans' }, today: PERIOD.end })
    expect(['filing', 'enrolment', 'retention', 'pairingCoverage'].map((k) => empty.rows.find((r) => r.key === k)?.value?.text)).toEqual(['—', '—', '—', '—'])
  })
})

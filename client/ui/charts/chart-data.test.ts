import { describe, expect, it } from 'vitest'
import { computeFigures } from '../../../shared/figures/figures'
import { fixtureInput } from '../../../tests/fixtures/figures-workspace'
import { translator } from '../../../tests/helpers/summary-fixture'
import { figureCharts } from './chart-data'
import { echartsOption } from './echarts-option'

describe('the charts of the figures (SPEC Z5)', () => {
  const figures = computeFigures(fixtureInput())

  it('chart the same counts the page lists, month by month for the records', async () => {
    const charts = figureCharts(figures, { t: await translator('zh-Hans'), language: 'zh-Hans' })
    const care = charts.find((c) => c.id === 'careArrangement')
    expect([care?.categories, care?.series[0]?.values]).toEqual([['祖辈看护', '亲戚看护', '老师看护', '其他'], [3, 1, 0, 1]])
    const risk = charts.find((c) => c.id === 'risk')
    expect(risk?.colors?.[0]).toBe('D9363E')
    const months = charts.find((c) => c.id === 'recordsByMonth')
    expect(months?.categories).toEqual(['2026年9月', '2026年10月', '2026年11月', '2026年12月', '2027年1月'])
    expect(months?.series.map((s) => [s.name, s.values])).toEqual([
      ['谈心', [1, 1, 0, 0, 0]],
      ['家访', [0, 0, 1, 0, 0]],
      ['亲情联系', [1, 0, 0, 0, 0]],
      ['资助慰问', [0, 0, 0, 3, 0]],
      ['活动参与', [0, 2, 0, 0, 0]],
    ])
  })

  it('give ECharts options with no animation, empty slices left out and every bar’s value', async () => {
    const charts = figureCharts(figures, { t: await translator('en'), language: 'en' })
    const byId = (id: string) => {
      const chart = charts.find((c) => c.id === id)
      if (!chart) throw new Error(`no chart ${id}`)
      return chart
    }
    const pie = echartsOption(byId('careArrangement'))
    expect(pie.animation).toBe(false)
    expect((pie.series[0]?.data as { name: string; value: number }[]).map((d) => [d.name, d.value])).toEqual([
      ['Grandparents', 3],
      ['Relatives', 1],
      ['Other', 1],
    ])
    const stacked = echartsOption(byId('recordsByMonth'))
    expect(stacked.series.map((s) => s.stack)).toEqual(['all', 'all', 'all', 'all', 'all'])
    expect(stacked.aria.label.description).toContain('Records by month')
  })
})

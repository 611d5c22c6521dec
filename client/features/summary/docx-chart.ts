/** A chart's data (client/ui/charts/chart-data.ts) as Word's own chart: the .docx carries the numbers, not a picture of them. */
import type { ChartRunOptions } from 'docx/charts'
import { PALETTE, type ChartData } from '../../ui/charts/chart-data'

const SIZE = { width: 560, height: 300 }
const FONT = { name: '宋体' }

export function docxChart(chart: ChartData): ChartRunOptions {
  const title = { text: chart.title, font: { ...FONT, size: 12 } }
  if (chart.kind === 'pie') {
    const series = chart.series[0] ?? { name: chart.title, values: [] }
    return {
      type: 'pie',
      title,
      font: FONT,
      categories: chart.categories,
      series: [{ name: series.name, values: series.values, colors: chart.colors ?? chart.categories.map((_, i) => PALETTE[i % PALETTE.length]) }],
      dataLabels: { value: true },
      legend: { position: 'right' },
      transformation: SIZE,
      altText: { name: chart.title, description: chart.title, title: chart.title },
    }
  }
  const stacked = chart.series.length > 1
  // Counts are whole: with small ones Word would label the axis 0.5, 1.5…
  const highest = Math.max(0, ...chart.categories.map((_, i) => chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)))
  return {
    type: chart.kind === 'bar' ? 'bar' : 'column',
    title,
    font: FONT,
    categories: chart.categories,
    series: chart.series.map((s, i) => ({ name: s.name, values: s.values, color: PALETTE[i % PALETTE.length] ?? '3370C4', ...(chart.colors ? { colors: chart.colors } : {}) })),
    stacking: stacked ? 'stacked' : 'none',
    ...(stacked ? { legend: { position: 'bottom' } } : { legend: false, dataLabels: { value: true } }),
    ...(highest <= 10 ? { valueAxis: { interval: 1, minimum: 0 } } : {}),
    transformation: SIZE,
    altText: { name: chart.title, description: chart.title, title: chart.title },
  }
}

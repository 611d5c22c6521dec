/**
 * A chart's data (chart-data.ts) as an ECharts option: pure, so it is tested in Node and
 * rendered the same way in the browser (EChart.tsx, SVG) and in ECharts' server-side mode.
 * No animation: a chart drawn once, the same each time (and on a slow phone, at once).
 */
import { PALETTE, type ChartData } from './chart-data'

/** The ECharts option this module builds: plain data, as `setOption` takes it. */
export interface ChartOption {
  animation: false
  color?: string[]
  textStyle: { fontFamily: string }
  grid?: Record<string, unknown>
  legend?: Record<string, unknown>
  xAxis?: Record<string, unknown>
  yAxis?: Record<string, unknown>
  series: Record<string, unknown>[]
  aria: { enabled: true; label: { description: string } }
}

const FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'
const hex = (colour: string) => `#${colour}`

/** What a screen reader hears for the chart: its title and each value. */
export function chartDescription(chart: ChartData): string {
  return `${chart.title}: ${chart.series.map((s) => chart.categories.map((c, i) => `${chart.series.length > 1 ? `${s.name} ` : ''}${c} ${s.values[i] ?? 0}`).join(', ')).join('; ')}`
}

export function echartsOption(chart: ChartData): ChartOption {
  const base = { animation: false as const, textStyle: { fontFamily: FONT }, aria: { enabled: true as const, label: { description: chartDescription(chart) } } }
  if (chart.kind === 'pie') {
    const values = chart.series[0]?.values ?? []
    return {
      ...base,
      color: PALETTE.map(hex),
      legend: { bottom: 0, left: 'center', itemWidth: 12, itemHeight: 12 },
      series: [
        {
          type: 'pie',
          radius: ['30%', '62%'],
          center: ['50%', '42%'],
          label: { formatter: '{c}', fontSize: 12 },
          // Each slice keeps its category's colour (as in the .docx), whichever slices are empty.
          data: chart.categories.map((name, i) => ({ name, value: values[i] ?? 0, itemStyle: { color: hex(chart.colors?.[i] ?? PALETTE[i % PALETTE.length] ?? '3370C4') } })).filter((d) => d.value > 0),
        },
      ],
    }
  }
  const horizontal = chart.kind === 'bar'
  const categoryAxis = { type: 'category', data: chart.categories, axisLabel: { fontSize: 11, interval: 0, ...(horizontal ? { width: 96, overflow: 'truncate' } : { hideOverlap: true }) } }
  const valueAxis = { type: 'value', minInterval: 1 }
  const stacked = chart.series.length > 1
  return {
    ...base,
    color: PALETTE.map(hex),
    grid: { left: 8, right: 16, top: 16, bottom: stacked ? 56 : 8, containLabel: true },
    ...(stacked ? { legend: { bottom: 0, left: 'center', itemWidth: 12, itemHeight: 12 } } : {}),
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: chart.series.map((s) => ({
      type: 'bar',
      name: s.name,
      ...(stacked ? { stack: 'all' } : {}),
      label: { show: !stacked, position: horizontal ? 'right' : 'top', fontSize: 11 },
      data: s.values.map((value, i) => (chart.colors?.[i] ? { value, itemStyle: { color: hex(chart.colors[i]) } } : value)),
    })),
  }
}

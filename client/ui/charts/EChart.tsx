/**
 * One chart, drawn by Apache ECharts as SVG (crisp on any phone, and found by tests as an
 * <svg>). Only the parts used are imported (core, bar and pie, the grid and legend, the SVG
 * renderer), so the bundle stays small; it is bundled, so it draws offline.
 */
import { useEffect, useRef } from 'react'
import { BarChart, PieChart } from 'echarts/charts'
import { AriaComponent, GridComponent, LegendComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { chartDescription, echartsOption } from './echarts-option'
import type { ChartData } from './chart-data'

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, AriaComponent, SVGRenderer])

export function EChart({ chart, height = 240 }: { chart: ChartData; height?: number }) {
  const ref = useRef<HTMLDivElement>(null)
  const option = echartsOption(chart)
  const key = JSON.stringify(option)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const instance = echarts.init(element, null, { renderer: 'svg' })
    const resize = new ResizeObserver(() => instance.resize())
    resize.observe(element)
    return () => {
      resize.disconnect()
      instance.dispose()
    }
  }, [])
  useEffect(() => {
    const element = ref.current
    if (element) echarts.getInstanceByDom(element)?.setOption(JSON.parse(key) as echarts.EChartsCoreOption, true)
  }, [key])
  return (
    <figure className="chart" data-testid={`chart-${chart.id}`}>
      <figcaption>{chart.title}</figcaption>
      <div ref={ref} className="chart-canvas" style={{ height }} role="img" aria-label={chartDescription(chart)} />
    </figure>
  )
}

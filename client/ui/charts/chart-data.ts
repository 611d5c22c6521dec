/**
 * The charts of a period's figures as plain data (categories, series, colours), made from the
 * same rows the page lists (figure-rows.ts), so a bar and the number beside it cannot differ.
 * The page draws them with ECharts (echarts-option.ts); the term summary's .docx writes them
 * as Word's own charts from this same data. Pure.
 */
import { RECORD_TYPES } from '../../../shared/docs/child/records'
import { periodMonths, type Figures } from '../../../shared/figures/figures'
import { figureRows, monthLabel, type FigureRow, type FigureWords } from '../figure-rows'

export type ChartId = 'careArrangement' | 'risk' | 'ageBands' | 'recordsByMonth'

export interface ChartData {
  id: ChartId
  /** pie: slices; bar: horizontal bars; column: vertical bars, series stacked. */
  kind: 'pie' | 'bar' | 'column'
  title: string
  categories: string[]
  series: { name: string; values: number[] }[]
  /** One colour for each category (the risk colours), as 6-digit hex. */
  colors?: string[]
}

/** The colours of the series and slices, in order, the page's and the .docx's alike. */
export const PALETTE = ['3370C4', 'E8B10C', '3A9A4A', 'D9363E', '7E57C2', '00897B', 'F57C00'] as const

/** 四色檔案's colours, with grey for "not assessed". */
const RISK_COLOURS: Readonly<Record<string, string>> = { red: 'D9363E', yellow: 'E8B10C', blue: '3370C4', green: '3A9A4A', '': '9AA0A6' }

function groupChart(id: ChartId, kind: ChartData['kind'], rows: readonly FigureRow[], words: FigureWords): ChartData {
  const heading = rows.find((r) => r.key === id)
  const values = rows.filter((r) => r.key.startsWith(`${id}.`))
  return {
    id,
    kind,
    title: heading?.label ?? id,
    categories: values.map((r) => r.label),
    series: [{ name: words.t('figures.chart.children'), values: values.map((r) => r.value?.raw ?? 0) }],
  }
}

export function recordsByMonthChart(figures: Figures, words: FigureWords): ChartData {
  const months = periodMonths(figures.period)
  const types = RECORD_TYPES.filter((type) => months.some((m) => (figures.recordsByMonth[m]?.[type] ?? 0) > 0))
  return {
    id: 'recordsByMonth',
    kind: 'column',
    title: words.t('figures.chart.recordsByMonth'),
    categories: months.map((m) => monthLabel(m, words.language)),
    series: (types.length > 0 ? types : (['talk'] as const)).map((type) => ({ name: words.t(`records.types.${type}`), values: months.map((m) => figures.recordsByMonth[m]?.[type] ?? 0) })),
  }
}

/** The page's charts, in the order it shows them. */
export function figureCharts(figures: Figures, words: FigureWords): ChartData[] {
  const rows = figureRows(figures, words)
  const risk = groupChart('risk', 'bar', rows, words)
  const riskKeys = rows.filter((r) => r.key.startsWith('risk.')).map((r) => r.key.slice('risk.'.length))
  return [
    groupChart('careArrangement', 'pie', rows, words),
    { ...risk, colors: riskKeys.map((k) => RISK_COLOURS[k] ?? '9AA0A6') },
    groupChart('ageBands', 'column', rows, words),
    recordsByMonthChart(figures, words),
  ]
}

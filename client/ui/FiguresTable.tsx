/**
 * A published report's figures as a table (docs/SPEC.md J4, J5): one value column, or two terms
 * side by side, each figure with its label and, folded under it, its definition. Made from
 * figure-rows.ts, as the .xlsx is. Narrow enough for a 360 px phone: labels wrap, numbers do not.
 */
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { PublishedFigures } from '../../shared/docs/report/edition'
import { figureRows, type FigureValue } from './figure-rows'
import './figures-table.css'

export function FiguresTable({ columns, headings, testId }: { columns: readonly PublishedFigures[]; headings: readonly string[]; testId?: string }) {
  const { t, i18n } = useTranslation()
  const rows = figureRows(t, i18n.language, columns)
  const format = formatter(i18n.language, t)
  return (
    <table className={`figures-table columns-${columns.length}`} data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('report.figure')}</th>
          {headings.map((heading, i) => (
            <th scope="col" key={i} className="figure-value">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className={row.level === 0 ? 'figure' : 'figure-part'} data-figure={row.key}>
            <th scope="row" colSpan={row.values ? 1 : columns.length + 1}>
              {row.label}
              {row.definition && (
                <details className="figure-definition">
                  <summary>{t('report.definition')}</summary>
                  <p>{row.definition}</p>
                </details>
              )}
            </th>
            {row.values?.map((value, i) => {
              const { main, parts } = format(value)
              return (
                <td key={i} className="figure-value">
                  {main}
                  {parts && <span className="figure-parts"> {parts}</span>}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function formatter(language: string, t: TFunction) {
  const number = new Intl.NumberFormat(language)
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 })
  const yuan = new Intl.NumberFormat(language, { style: 'currency', currency: 'CNY' })
  /** The value, and for a rate its parts: 7.5% (3 / 40). */
  return (value: FigureValue): { main: string; parts?: string } => {
    switch (value.shape) {
      case 'number':
        return { main: number.format(value.n) }
      case 'yuan':
        return { main: yuan.format(value.n) }
      case 'none':
        return { main: '' }
      case 'ratio': {
        const parts = t('report.ratio', { n: number.format(value.count), of: number.format(value.of) })
        if (value.rate !== null) return { main: percent.format(value.rate), parts: `(${parts})` }
        // A rate with nothing to divide by is no rate (SPEC Z4); a plain ratio (classes counted) is its parts.
        return value.of === 0 ? { main: t('figures.none'), parts: `(${parts})` } : { main: parts }
      }
    }
  }
}

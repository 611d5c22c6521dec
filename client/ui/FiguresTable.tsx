/**
 * A published report's figures as a table (docs/SPEC.md J4, J5): one value column, or two terms
 * side by side, each figure with its label and, folded under it, its definition. Made from
 * report-rows.ts (figure-rows.ts underneath), as the supervisor's .xlsx is. Narrow enough for a
 * 360 px phone: labels wrap, numbers do not, a rate's parts go under it.
 */
import { useTranslation } from 'react-i18next'
import type { Edition } from '../../shared/docs/report/edition'
import { reportRows } from './report-rows'
import './figures-table.css'

export function FiguresTable({ columns, headings, testId }: { columns: readonly Edition[]; headings: readonly string[]; testId?: string }) {
  const { t, i18n } = useTranslation()
  const rows = reportRows(columns, { t, language: i18n.language })
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
              {row.definition && row.level === 0 && (
                <details className="figure-definition">
                  <summary>{t('report.definition')}</summary>
                  <p>{row.definition}</p>
                </details>
              )}
            </th>
            {row.values?.map((value, i) => (
              <td key={i} className="figure-value">
                {value?.text}
                {value?.detail && <span className="figure-parts"> ({value.detail})</span>}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

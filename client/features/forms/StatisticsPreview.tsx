/**
 * The statistics table's figures on the page, as the file holds them: one line per column
 * (number, heading), one column per row of the table: the total first, so it is on screen
 * however many schools follow. Turned on its side so that 32 columns read on a 360 px phone; a
 * table wider than the screen scrolls inside its own box, never the page.
 */
import { useTranslation } from 'react-i18next'
import { STAT_COLUMNS, type StatisticsTable } from '../../../shared/forms/statistics-table'
import { rowName } from './check-words'
import { columnTitle } from './statistics-sheet'

const rowId = (key: StatisticsTable['rows'][number]['key']) => (key.kind === 'school' ? key.schoolId : key.kind)

export function StatisticsPreview({ table }: { table: StatisticsTable }) {
  const { t, i18n } = useTranslation()
  const count = new Intl.NumberFormat(i18n.language)
  const yuan = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const rows = [table.total, ...table.rows.filter((row) => row !== table.total)]
  return (
    <section className="forms-preview" aria-labelledby="forms-preview-title">
      <h2 id="forms-preview-title">{t('forms.preview.title')}</h2>
      <div className="forms-preview-scroll">
        <table className="forms-table" data-testid="stat-preview">
          <thead>
            <tr>
              <th scope="col">{t('forms.preview.column')}</th>
              {rows.map((row) => (
                <th key={rowId(row.key)} scope="col">
                  {rowName(t, row.key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {STAT_COLUMNS.map((column) => (
              <tr key={column.n} data-column={column.n}>
                <th scope="row">
                  <span className="forms-n">{column.n}</span> {columnTitle(t, column)}
                </th>
                {rows.map((row) => (
                  <td key={rowId(row.key)} data-row={rowId(row.key)}>
                    {column.unit === 'yuan' ? yuan.format(row.cells[column.n - 1] ?? 0) : count.format(row.cells[column.n - 1] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

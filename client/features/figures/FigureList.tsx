/**
 * Every figure with its label, its value and its definition, visible under it (a phone has no
 * hover), grouped as figure-rows.ts gives them; a count's chart after its table; another term's
 * value and the change beside each when comparing.
 */
import { Fragment, Suspense, lazy } from 'react'
import { useTranslation } from 'react-i18next'
import type { ActivityHeld } from '../../../shared/figures/figures'
import type { ChartData } from '../../ui/charts/chart-data'
import { formatDay, type FigureRow } from '../../ui/figure-rows'
import type { ComparedRow } from './figures-view'

// ECharts loads with the first chart, not with the app (the service worker keeps it for offline use).
const EChart = lazy(() => import('../../ui/charts/EChart').then((m) => ({ default: m.EChart })))

interface Block {
  head: ComparedRow
  rows: ComparedRow[]
}

function blocks(rows: readonly ComparedRow[]): Block[] {
  const out: Block[] = []
  for (const row of rows) {
    const last = out.at(-1)
    if (row.row.level === 1 && last) last.rows.push(row)
    else out.push({ head: row, rows: [] })
  }
  return out
}

export function FigureList({ rows, charts, activities, otherLabel, activityTitle }: { rows: readonly ComparedRow[]; charts: readonly ChartData[]; activities: readonly ActivityHeld[]; otherLabel?: string; activityTitle: (a: ActivityHeld) => string }) {
  const { t, i18n } = useTranslation()
  const comparing = otherLabel !== undefined
  return (
    <div className="fig-list" data-testid="figures-list">
      {blocks(rows).map(({ head, rows: values }) => {
        const chart = charts.find((c) => c.id === head.row.key || (c.id === 'recordsByMonth' && head.row.key === 'records'))
        return (
          <section key={head.row.key} className={values.length > 0 ? 'fig fig-group' : 'fig'} data-figure={head.row.key}>
            <div className="fig-head">
              <h3 className="fig-label">{head.row.label}</h3>
              {head.row.value && <Value row={head.row} />}
            </div>
            {head.row.value && comparing && <Compared row={head} otherLabel={otherLabel} />}
            {head.row.definition && <p className="fig-def">{head.row.definition}</p>}
            {values.length > 0 && (
              <table className="fig-table">
                {comparing && (
                  <thead>
                    <tr>
                      <th scope="col" />
                      <th scope="col">{t('figures.thisPeriod')}</th>
                      <th scope="col">{otherLabel}</th>
                      <th scope="col">{t('figures.change')}</th>
                    </tr>
                  </thead>
                )}
                <tbody>
                  {values.map((v) => (
                    <tr key={v.row.key}>
                      <th scope="row">{v.row.label}</th>
                      <td data-testid={`figure-${v.row.key}`}>{v.row.value?.text}</td>
                      {comparing && (
                        <Fragment>
                          <td>{v.other}</td>
                          <td>{v.change}</td>
                        </Fragment>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {chart && (
              <Suspense fallback={<div className="chart-canvas" style={{ height: chart.kind === 'bar' ? 200 : 240 }} />}>
                <EChart chart={chart} height={chart.kind === 'bar' ? 200 : 240} />
              </Suspense>
            )}
            {head.row.key === 'activities' && activities.length > 0 && (
              <ol className="fig-activities" data-testid="activities-held">
                {activities.map((a) => (
                  <li key={a.id}>
                    <span className="fig-date">{formatDay(a.date, i18n.language)}</span> {activityTitle(a)} · {t('figures.attendedCount', { attended: a.attended })}
                  </li>
                ))}
              </ol>
            )}
          </section>
        )
      })}
    </div>
  )
}

function Value({ row }: { row: FigureRow }) {
  return (
    <span className="fig-value">
      <strong data-testid={`figure-${row.key}`}>{row.value?.text}</strong>
      {row.value?.detail && <span className="fig-detail">{row.value.detail}</span>}
    </span>
  )
}

function Compared({ row, otherLabel }: { row: ComparedRow; otherLabel: string }) {
  const { t } = useTranslation()
  return (
    <p className="fig-compare" data-testid={`compare-${row.row.key}`}>
      {t('figures.compareLine', { term: otherLabel, value: row.other ?? t('figures.none') })}
      {row.change ? ` · ${t('figures.changeBy', { change: row.change })}` : ''}
    </p>
  )
}

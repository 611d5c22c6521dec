/**
 * A supervisor's first page (docs/SPEC.md J2, J5): the terms with a published report, newest
 * first; one term's report, for a scope it was published for, with each figure's label and
 * definition; another term beside it to compare; the report as an .xlsx; and the editions
 * published, when and by whom. It reads only the report documents this device holds: a
 * supervisor's device is given no child's file, so no child's name or detail can appear here.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { scopeKey, type Edition } from '../../../shared/docs/report/edition'
import { termLabel } from '../../ui/class-label'
import { FiguresTable } from '../../ui/FiguresTable'
import { formatMoment } from '../../ui/format'
import { downloadFile } from '../../ui/download'
import { reportWorkbook, type ReportColumn } from './report-xlsx'
import { useReports, type TermReport } from './use-reports'
import './supervisor.css'

export function SupervisorHome() {
  const { t } = useTranslation()
  const reports = useReports()
  return (
    <main className="page supervisor-page" data-testid="supervisor-home">
      <h1>{t('supervisor.title')}</h1>
      <p className="hint">{t('supervisor.what')}</p>
      {reports === undefined ? (
        <p role="status">{t('supervisor.loading')}</p>
      ) : reports.length === 0 ? (
        <p className="empty">{t('supervisor.none')}</p>
      ) : (
        <Reports reports={reports} />
      )}
    </main>
  )
}

function Reports({ reports }: { reports: TermReport[] }) {
  const { t, i18n } = useTranslation()
  // None chosen: the newest term, even when a newer one arrives while the page is open.
  const [term, setTerm] = useState('')
  const [scope, setScope] = useState('workspace')
  const [compare, setCompare] = useState('')
  const [exporting, setExporting] = useState(false)
  const shown = reports.find((r) => r.term === term) ?? reports[0]
  if (!shown) return null
  const edition = shown.report.latest.find((e) => scopeKey(e.scope) === scope) ?? shown.report.latest[0]
  if (!edition) return null
  const key = scopeKey(edition.scope)
  const other = reports.find((r) => r.term === compare && r.term !== shown.term)
  const otherEdition = other?.report.latest.find((e) => scopeKey(e.scope) === key)
  const columns: ReportColumn[] = [{ term: shown.term, edition }, ...(other && otherEdition ? [{ term: other.term, edition: otherEdition }] : [])]

  const exportXlsx = async () => {
    setExporting(true)
    try {
      const bytes = await reportWorkbook(t, i18n.language, columns)
      const name = [t('supervisor.fileName'), ...columns.map((c) => c.term), scopeName(t, edition)].join('-')
      downloadFile(`${name}.xlsx`, new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }))
    } finally {
      setExporting(false)
    }
  }

  return (
    <>
      <section aria-labelledby="supervisor-terms">
        <h2 id="supervisor-terms">{t('supervisor.terms')}</h2>
        <ul className="supervisor-terms" data-testid="report-terms">
          {reports.map((r) => (
            <li key={r.term}>
              <button type="button" aria-pressed={r.term === shown.term} onClick={() => setTerm(r.term)} data-term={r.term}>
                {termLabel(t, r.term)}
              </button>
              <span className="supervisor-meta">{lastLine(t, i18n.language, r.report.latest)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="supervisor-report" data-testid="report">
        <h2 id="supervisor-report">{t('supervisor.reportOf', { term: termLabel(t, shown.term), scope: scopeName(t, edition) })}</h2>
        <div className="supervisor-choices">
          {shown.report.latest.length > 1 && (
            <div className="field">
              <label htmlFor="report-scope">{t('supervisor.scope')}</label>
              <select id="report-scope" value={key} onChange={(e) => setScope(e.target.value)}>
                {shown.report.latest.map((e) => (
                  <option key={scopeKey(e.scope)} value={scopeKey(e.scope)}>
                    {scopeName(t, e)}
                  </option>
                ))}
              </select>
            </div>
          )}
          {reports.length > 1 && (
            <div className="field">
              <label htmlFor="report-compare">{t('supervisor.compareWith')}</label>
              <select id="report-compare" value={other ? other.term : ''} onChange={(e) => setCompare(e.target.value)}>
                <option value="">{t('supervisor.noCompare')}</option>
                {reports
                  .filter((r) => r.term !== shown.term)
                  .map((r) => (
                    <option key={r.term} value={r.term}>
                      {termLabel(t, r.term)}
                    </option>
                  ))}
              </select>
            </div>
          )}
        </div>
        <p className="supervisor-meta" data-testid="report-published">
          {t('supervisor.publishedBy', { when: formatMoment(edition.at, i18n.language), who: edition.by })}
        </p>
        {other && !otherEdition && <p className="notice">{t('supervisor.notInOther', { term: termLabel(t, other.term) })}</p>}
        <div className="actions">
          <button type="button" onClick={() => void exportXlsx()} disabled={exporting} data-testid="report-export">
            {t('supervisor.export')}
          </button>
        </div>
        <FiguresTable columns={columns.map((c) => c.edition)} headings={columns.map((c) => termLabel(t, c.term))} testId="report-figures" />
      </section>
      <section aria-labelledby="supervisor-editions">
        <h2 id="supervisor-editions">{t('supervisor.editions')}</h2>
        <ol className="supervisor-editions" data-testid="report-editions">
          {[...shown.report.editions].reverse().map((e) => (
            <li key={e.id}>
              {t('supervisor.edition', { when: formatMoment(e.at, i18n.language), who: e.by, scope: scopeName(t, e), count: e.figures.leftBehind })}
            </li>
          ))}
        </ol>
      </section>
    </>
  )
}

type T = ReturnType<typeof useTranslation>['t']

const scopeName = (t: T, edition: Edition) => (edition.scope.kind === 'school' ? edition.scope.schoolName : t('supervisor.wholeWorkspace'))

function lastLine(t: T, language: string, latest: readonly Edition[]): string {
  const at = Math.max(...latest.map((e) => e.at))
  return t('supervisor.lastPublished', { when: formatMoment(at, language) })
}

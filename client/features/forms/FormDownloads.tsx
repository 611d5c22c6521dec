/**
 * The two downloads (SPEC V5). The roster always: it is a list, and a missing fact shows as an
 * empty cell. The statistics table only when every cross-check agrees, or when the coordinator
 * ticks "export anyway": a county's deadline does not wait for a family visit that finds a birth
 * date, and a table made by hand instead is how figures go wrong (篇25); exported anyway, the
 * file says under the table which checks fail and why, so nobody takes it for checked.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CheckResult } from '../../../shared/forms/cross-checks'
import type { FormScope } from '../../../shared/forms/form-scope'
import { rosterForm } from '../../../shared/forms/roster-form'
import type { StatisticsTable } from '../../../shared/forms/statistics-table'
import { downloadFile } from '../../ui/download'
import { useOrganisation } from '../../ui/use-organisation'
import { writeWorkbook, xlsxBlob, type WorkbookModel } from '../../ui/sheets/write-workbook'
import { rosterFileName, rosterWorkbook } from './roster-sheet'
import { statisticsFileName, statisticsWorkbook } from './statistics-sheet'
import type { FormRows } from './use-form-rows'

type Making = { state: 'idle' } | { state: 'working' | 'done' | 'failed'; file: 'rosterFile' | 'statisticsFile' }

export function FormDownloads({ rows, scope, table, results }: { rows: FormRows; scope: FormScope; table: StatisticsTable; results: readonly CheckResult[] }) {
  const { t, i18n } = useTranslation()
  const org = useOrganisation()
  const [anyway, setAnyway] = useState(false)
  const [making, setMaking] = useState<Making>({ state: 'idle' })
  const failing = results.some((r) => !r.ok)
  const empty = table.total.children.length === 0
  const busy = making.state === 'working'

  const make = async (file: 'rosterFile' | 'statisticsFile', build: () => { model: WorkbookModel; name: string }) => {
    setMaking({ state: 'working', file })
    try {
      // Let the page say "making…" before the work holds the thread (a county's roster is thousands of rows).
      await new Promise((resolve) => setTimeout(resolve, 0))
      const { model, name } = build()
      downloadFile(name, xlsxBlob(await writeWorkbook(model)))
      setMaking({ state: 'done', file })
    } catch (error) {
      console.error('forms: writing the workbook failed', error instanceof Error ? error.name : 'unknown')
      setMaking({ state: 'failed', file })
    }
  }
  const roster = () =>
    void make('rosterFile', () => {
      const form = rosterForm(rows.children, rows.pairings, org, scope)
      return { model: rosterWorkbook(t, i18n.language, form), name: rosterFileName(t, form) }
    })
  const statistics = () =>
    void make('statisticsFile', () => ({ model: statisticsWorkbook(t, i18n.language, table, results), name: statisticsFileName(t, table) }))

  return (
    <section className="forms-downloads" aria-labelledby="forms-downloads-title">
      <h2 id="forms-downloads-title">{t('forms.export.title')}</h2>
      {empty && <p className="empty">{t('forms.export.noChildren')}</p>}
      {failing && !empty && (
        <>
          <p className="hint" data-testid="export-blocked">
            {t('forms.export.blocked')}
          </p>
          <label className="forms-anyway">
            <input type="checkbox" checked={anyway} onChange={(e) => setAnyway(e.target.checked)} />
            <span>{t('forms.export.anyway')}</span>
          </label>
        </>
      )}
      <div className="forms-buttons">
        <button type="button" className="primary" disabled={empty || busy} onClick={roster}>
          {t('forms.export.roster')}
        </button>
        <button type="button" className="primary" disabled={empty || busy || (failing && !anyway)} onClick={statistics}>
          {t('forms.export.statistics')}
        </button>
      </div>
      <p className="forms-making" role="status" data-testid="forms-making">
        {making.state === 'idle' ? '' : t(`forms.export.${making.state}`, { file: t(`forms.export.${making.file}`) })}
      </p>
    </section>
  )
}

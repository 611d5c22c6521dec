/**
 * 上報表格 (SPEC V1–V5), for coordinators: choose the term (or none), the report day and the
 * school; the cross-checks come first, in words, each child a link to their file; then the two
 * downloads and the statistics table's figures as the file will hold them. Everything is made
 * on the device from the index, offline too.
 */
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { parseIsoDate, type IsoDate } from '../../../shared/dates'
import { termByCode } from '../../../shared/docs/settings/organisation'
import { runCrossChecks } from '../../../shared/forms/cross-checks'
import { periodOf, reportDayOf, type FormScope } from '../../../shared/forms/form-scope'
import { statisticsTable } from '../../../shared/forms/statistics-table'
import { termLabel } from '../../ui/class-label'
import { useEditContext } from '../../ui/fields/edit-context'
import { formatDate } from '../../ui/format'
import { useIndexState } from '../../ui/use-index-state'
import { useOrganisation } from '../../ui/use-organisation'
import { routeHref } from '../../ui/use-route'
import { useSignedIn } from '../../ui/use-session'
import { CheckReport } from './CheckReport'
import { FormDownloads } from './FormDownloads'
import { StatisticsPreview } from './StatisticsPreview'
import { useFormRows } from './use-form-rows'
import './forms.css'
import { SchoolPicker } from '../../ui/SchoolPicker'

export function FormsPage() {
  const { t } = useTranslation()
  const { account } = useSignedIn()
  return (
    <main className="page forms-page">
      <a className="back" href={routeHref({ name: 'list' })}>
        {t('child.back')}
      </a>
      <h1>{t('forms.title')}</h1>
      {account.role !== 'coordinator' ? <p className="auth-note">{t('forms.coordinatorsOnly')}</p> : <Forms />}
    </main>
  )
}

/** What the person chose; undefined is "the default" (the current term, its report day, every school). */
interface Choice {
  term?: string
  day?: string
  schoolId: string
}

function Forms() {
  const { t, i18n } = useTranslation()
  const org = useOrganisation()
  const context = useEditContext()
  const today = context().today
  const [choice, setChoice] = useState<Choice>({ schoolId: '' })
  const termCode = choice.term ?? org.currentTerm ?? ''
  const term = termCode === '' ? undefined : termByCode(org, termCode)
  const day: IsoDate = parseIsoDate(choice.day) ?? (term ? reportDayOf(term, today) : today)
  // The period starts with the chosen term when the day is in it, else with the term (or year) the day is in.
  const from = term && term.start <= day && day <= term.end ? term.start : periodOf(org.terms, day).from
  const schoolId = org.schools.some((s) => s.id === choice.schoolId) ? choice.schoolId : ''
  const scope: FormScope = useMemo(() => ({ day, from, ...(schoolId ? { schoolId } : {}) }), [day, from, schoolId])
  const rows = useFormRows(from, day)
  const index = useIndexState()
  const table = useMemo(() => (rows ? statisticsTable(rows.children, rows.records, rows.pairings, org, scope) : undefined), [rows, org, scope])
  const results = useMemo(() => (table ? runCrossChecks(table) : []), [table])

  return (
    <>
      <p className="hint">{t('forms.intro')}</p>
      <div className="forms-scope">
        <div className="field">
          <label htmlFor="forms-term">{t('forms.term')}</label>
          <select id="forms-term" value={termCode} onChange={(e) => setChoice((c) => ({ schoolId: c.schoolId, term: e.target.value }))}>
            <option value="">{t('forms.noTerm')}</option>
            {[...org.terms].reverse().map((tm) => (
              <option key={tm.code} value={tm.code}>
                {termLabel(t, tm.code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="forms-day">{t('forms.day')}</label>
          <input
            id="forms-day"
            type="date"
            value={day}
            {...(term ? { min: term.start, max: term.end } : {})}
            onChange={(e) => e.target.value && setChoice((c) => ({ ...c, day: e.target.value }))}
          />
        </div>
        <div className="field">
          <label htmlFor="forms-school">{t('forms.school')}</label>
          <SchoolPicker id="forms-school" org={org} value={schoolId} onChange={(id) => setChoice((c) => ({ ...c, schoolId: id }))} all={t('forms.allSchools')} />
        </div>
      </div>
      <p className="forms-period" data-testid="forms-period">
        {t('forms.period', { day: formatDate(day, i18n.language), from: formatDate(from, i18n.language) })}
      </p>
      {!index.complete && index.waiting > 0 && (
        <p className="notice" role="status">
          {t('forms.indexing', { count: index.waiting })}
        </p>
      )}
      {!table || !rows ? (
        <p role="status">{t('forms.loading')}</p>
      ) : (
        <>
          <p className="forms-count" data-testid="forms-count">
            {t('forms.counted', { count: table.total.children.length })}
          </p>
          <CheckReport table={table} results={results} />
          <FormDownloads rows={rows} scope={scope} table={table} results={results} />
          <StatisticsPreview table={table} />
        </>
      )}
    </>
  )
}

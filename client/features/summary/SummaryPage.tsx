/**
 * 工作總結: a coordinator chooses the term and school, reads the outline, and downloads the
 * summary as .docx and the figures with their lists as .xlsx (SPEC Z6–Z8). Both files are made
 * here, on the device, offline, from one summary model over the one Figures object the
 * figures page computes (use-figures.ts), so the page and both files say the same.
 */
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { todayIsoDate } from '../../../shared/dates'
import type { FigureFilter, FigurePeriod } from '../../../shared/figures/figures'
import { figureLists } from '../../../shared/figures/lists'
import { TermPicker, useShownTerm } from '../../ui/TermPicker'
import { figuresInput, useFigures, useFiguresSource } from '../../ui/use-figures'
import { useOrganisation } from '../../ui/use-organisation'
import { routeHref } from '../../ui/use-route'
import { useSignedIn } from '../../ui/use-session'
import { summaryModel, type SummaryModel } from './summary-model'
import './summary.css'
import { SchoolPicker } from '../../ui/SchoolPicker'
import { downloadFile } from '../../ui/download'

export function SummaryPage() {
  const { t } = useTranslation()
  const { account } = useSignedIn()
  const shown = useShownTerm(undefined)
  const [term, setTerm] = useState('')
  const chosen = term || shown
  return (
    <main className="page summary-page">
      <a className="back" href={routeHref({ name: 'figures' })}>
        {t('summary.back')}
      </a>
      <h1>{t('summary.title')}</h1>
      {account.role !== 'coordinator' ? (
        <p className="empty">{t('summary.coordinatorsOnly')}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="summary-term">{t('summary.term')}</label>
            <TermPicker id="summary-term" value={chosen} placeholder={t('summary.chooseTerm')} onChange={setTerm} />
          </div>
          {chosen === '' ? <p className="empty">{t('figures.noTerm')}</p> : <TermSummary key={chosen} term={chosen} />}
        </>
      )}
    </main>
  )
}

function TermSummary({ term }: { term: string }) {
  const { t, i18n } = useTranslation()
  const org = useOrganisation()
  const [schoolId, setSchoolId] = useState('')
  const known = org.terms.find((x) => x.code === term)
  const period = useMemo<FigurePeriod | undefined>(() => (known ? { start: known.start, end: known.end, term: known.code } : undefined), [known])
  const filter = useMemo<FigureFilter>(() => (schoolId ? { schoolId } : {}), [schoolId])
  const source = useFiguresSource(term)
  // The one computation: these figures are the page's, and both files are drawn from them.
  const figures = useFigures(source, period, filter)
  const model = useMemo(() => {
    if (!figures || !source || !period) return undefined
    const lists = figureLists(figuresInput(source, period, filter))
    return summaryModel({ figures, lists, org, term, ...(schoolId ? { schoolId } : {}), words: { t, language: i18n.language }, today: todayIsoDate() })
  }, [figures, source, period, filter, org, term, schoolId, t, i18n.language])
  if (!known) return <p className="empty">{t('figures.noTerm')}</p>
  return (
    <>
      {org.schools.length > 1 && (
        <div className="field">
          <label htmlFor="summary-school">{t('summary.school')}</label>
          <SchoolPicker id="summary-school" org={org} value={schoolId} onChange={setSchoolId} all={t('summary.allSchoolsOption')} />
        </div>
      )}
      {!model ? <p role="status">{t('figures.loading')}</p> : <Outline model={model} />}
    </>
  )
}

type Making = { file: 'docx' | 'xlsx'; state: 'making' } | { file: 'docx' | 'xlsx'; state: 'done' } | { file: 'docx' | 'xlsx'; state: 'failed' }

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

function save(bytes: Uint8Array, name: string, type: string) {
  downloadFile(name, new Blob([bytes as BlobPart], { type }))
}

function Outline({ model }: { model: SummaryModel }) {
  const { t } = useTranslation()
  const [making, setMaking] = useState<Making | undefined>(undefined)
  const make = async (file: 'docx' | 'xlsx') => {
    setMaking({ file, state: 'making' })
    try {
      // The writers (docx, exceljs) load when a file is made, not with the page; the service worker keeps them offline.
      const bytes = file === 'docx' ? await (await import('./write-docx')).writeSummaryDocx(model) : await (await import('./write-xlsx')).writeSummaryXlsx(model)
      save(bytes, model.files[file], MIME[file])
      setMaking({ file, state: 'done' })
    } catch (error) {
      console.warn('summary', file, error instanceof Error ? error.message : 'failed')
      setMaking({ file, state: 'failed' })
    }
  }
  const busy = making?.state === 'making'
  return (
    <>
      <div className="summary-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void make('docx')} data-testid="download-docx">
          {t('summary.downloadDocx', { name: model.files.docx })}
        </button>
        <button type="button" disabled={busy} onClick={() => void make('xlsx')} data-testid="download-xlsx">
          {t('summary.downloadXlsx', { name: model.files.xlsx })}
        </button>
      </div>
      {making && (
        <p role="status" className={making.state === 'failed' ? 'field-error' : 'hint'} data-testid="summary-progress">
          {making.state === 'making' && <progress aria-label={t('summary.making')} />} {t(`summary.${making.state}`, { name: model.files[making.file] })}
        </p>
      )}
      <article className="summary-outline" data-testid="summary-outline">
        <h2>{model.title}</h2>
        <p className="hint">{model.subtitle}</p>
        {model.sections.map((section) => (
          <section key={section.key} data-section={section.key}>
            <h3>{section.heading}</h3>
            {section.facts.map((fact) => (
              <p key={fact}>{fact}</p>
            ))}
            {section.key === 'activities' && model.activities.length > 0 && (
              <ol className="summary-activities">
                {model.activities.map((a) => (
                  <li key={`${a.date}/${a.title}`}>
                    {a.day} {a.title} · {t('figures.attendedCount', { attended: a.attended })}
                  </li>
                ))}
              </ol>
            )}
            {section.key === 'results' && <p className="hint">{t('summary.tableAndCharts', { rows: model.rows.filter((r) => r.value).length, charts: model.charts.length })}</p>}
            {section.placeholder && <p className="summary-placeholder">{section.placeholder}</p>}
          </section>
        ))}
      </article>
    </>
  )
}

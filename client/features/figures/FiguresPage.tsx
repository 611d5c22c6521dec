/**
 * 統計: the figures of a period (SPEC Z5), for coordinators and teachers. The period is a term
 * (the current one by default), a month of it, or from/to; the filter a school, grade, class.
 * Every figure comes from one computeFigures call (use-figures.ts) over the device's index
 * rows, the organisation and the term's plan, and is listed with its definition; another term
 * can be shown beside it. A teacher's figures are of their own classes, as their device holds
 * them. While the index is still being built the page says its numbers are not final.
 */
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FigureFilter } from '../../../shared/figures/figures'
import { figureCharts } from '../../ui/charts/chart-data'
import { termLabel } from '../../ui/class-label'
import { activityTitle, figureRows } from '../../ui/figure-rows'
import { TermPicker, useShownTerm } from '../../ui/TermPicker'
import { useOwnClasses } from '../../ui/use-filing-classes'
import { useFigures, useFiguresSource, type FiguresSource } from '../../ui/use-figures'
import { useIndexState } from '../../ui/use-index-state'
import { useOrganisation } from '../../ui/use-organisation'
import { routeHref } from '../../ui/use-route'
import { useSignedIn } from '../../ui/use-session'
import { AgainstRules } from './AgainstRules'
import { FigureFilters } from './FigureFilters'
import { FigureList } from './FigureList'
import { compareRows, periodOf, scopeOrganisation, type PeriodChoice } from './figures-view'
import { PeriodPicker } from './PeriodPicker'
import './figures.css'

export function FiguresPage() {
  const { t } = useTranslation()
  const { account } = useSignedIn()
  const term = useShownTerm(undefined)
  return (
    <main className="page figures-page">
      <a className="back" href={routeHref({ name: 'list' })}>
        {t('child.back')}
      </a>
      <h1>{t('figures.title')}</h1>
      {account.role === 'coordinator' && (
        <p>
          <a href={routeHref({ name: 'summary' })} data-testid="summary-link">
            {t('figures.summaryLink')}
          </a>
        </p>
      )}
      {account.role === 'teacher' && <p className="hint">{t('figures.teacherScope')}</p>}
      <IndexNotice />
      {term === '' ? <p className="empty">{t('figures.noTerm')}</p> : <Figures defaultTerm={term} />}
    </main>
  )
}

function IndexNotice() {
  const { t } = useTranslation()
  const state = useIndexState()
  if (state.complete) return null
  return (
    <p className="notice" role="status" data-testid="index-incomplete">
      {t('figures.indexing', { waiting: state.rebuilding ? Math.max(0, state.total - state.done) : state.waiting })}
    </p>
  )
}

/** The organisation this member's figures are taken over: a teacher's own classes. */
function useScopedSource(term: string): FiguresSource | undefined {
  const org = useOrganisation()
  const own = useOwnClasses()
  const source = useFiguresSource(term)
  return useMemo(() => (source ? { ...source, org: scopeOrganisation(org, own) } : undefined), [source, org, own])
}

function Figures({ defaultTerm }: { defaultTerm: string }) {
  const { t, i18n } = useTranslation()
  const fullOrg = useOrganisation()
  const [choice, setChoice] = useState<PeriodChoice>({ kind: 'term', term: defaultTerm })
  const [filter, setFilter] = useState<FigureFilter>({})
  const [compareTerm, setCompareTerm] = useState('')
  const periodKey = JSON.stringify(choice)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the choice by value, not identity
  const period = useMemo(() => periodOf(choice, fullOrg), [periodKey, fullOrg])
  const source = useScopedSource(period?.term ?? defaultTerm)
  const figures = useFigures(source, period, filter)
  const words = useMemo(() => ({ t, language: i18n.language }), [t, i18n.language])
  const rows = useMemo(() => (figures ? figureRows(figures, words) : []), [figures, words])
  const charts = useMemo(() => (figures ? figureCharts(figures, words) : []), [figures, words])
  const termOfPeriod = period?.term
  return (
    <>
      <PeriodPicker org={fullOrg} choice={choice} onChange={setChoice} />
      {source && <FigureFilters org={source.org} filter={filter} onChange={setFilter} />}
      <div className="field fig-compare-pick">
        <label htmlFor="fig-compare">{t('figures.compare')}</label>
        <TermPicker id="fig-compare" value={compareTerm} placeholder={t('figures.compareNone')} onChange={setCompareTerm} />
        {compareTerm !== '' && (
          <button type="button" className="link" onClick={() => setCompareTerm('')}>
            {t('figures.compareNone')}
          </button>
        )}
      </div>
      {!period ? (
        <p className="field-error" role="alert">
          {t('figures.badPeriod')}
        </p>
      ) : !figures ? (
        <p role="status">{t('figures.loading')}</p>
      ) : (
        <>
          {termOfPeriod !== undefined && source && <AgainstRules source={source} term={termOfPeriod} filter={filter} shown={figures} />}
          {compareTerm !== '' ? (
            <Compared term={compareTerm} filter={filter} rows={rows} charts={charts} activities={figures.activities} />
          ) : (
            <FigureList rows={compareRows(rows, undefined, words)} charts={charts} activities={figures.activities} activityTitle={(a) => activityTitle(t, a)} />
          )}
        </>
      )}
    </>
  )
}

function Compared({ term, filter, rows, charts, activities }: { term: string; filter: FigureFilter; rows: ReturnType<typeof figureRows>; charts: ReturnType<typeof figureCharts>; activities: Parameters<typeof FigureList>[0]['activities'] }) {
  const { t, i18n } = useTranslation()
  const fullOrg = useOrganisation()
  const period = useMemo(() => periodOf({ kind: 'term', term }, fullOrg), [term, fullOrg])
  const source = useScopedSource(term)
  const other = useFigures(source, period, filter)
  const words = { t, language: i18n.language }
  const compared = compareRows(rows, other ? figureRows(other, words) : undefined, words)
  return <FigureList rows={compared} charts={charts} activities={activities} otherLabel={termLabel(t, term)} activityTitle={(a) => activityTitle(t, a)} />
}

/** The period of the figures: a whole term (the current one by default), one month of it, or from/to. */
import { useTranslation } from 'react-i18next'
import type { Organisation } from '../../../shared/docs/settings/organisation'
import { monthLabel } from '../../ui/figure-rows'
import { TermPicker } from '../../ui/TermPicker'
import { termMonths, type PeriodChoice } from './figures-view'

export function PeriodPicker({ org, choice, onChange }: { org: Organisation; choice: PeriodChoice; onChange: (choice: PeriodChoice) => void }) {
  const { t, i18n } = useTranslation()
  const term = choice.kind === 'range' ? (org.currentTerm ?? org.terms[0]?.code ?? '') : choice.term
  const months = termMonths(org, term)
  const setKind = (kind: PeriodChoice['kind']) => {
    if (kind === 'term') onChange({ kind, term })
    else if (kind === 'month') onChange({ kind, term, month: months[0] ?? '' })
    else {
      const known = org.terms.find((x) => x.code === term)
      onChange({ kind, from: known?.start ?? '', to: known?.end ?? '' })
    }
  }
  return (
    <fieldset className="fig-period">
      <legend>{t('figures.period')}</legend>
      <div className="field">
        <label htmlFor="fig-kind">{t('figures.periodKind.label')}</label>
        <select id="fig-kind" value={choice.kind} onChange={(e) => setKind(e.target.value as PeriodChoice['kind'])}>
          <option value="term">{t('figures.periodKind.term')}</option>
          <option value="month">{t('figures.periodKind.month')}</option>
          <option value="range">{t('figures.periodKind.range')}</option>
        </select>
      </div>
      {choice.kind !== 'range' && (
        <div className="field">
          <label htmlFor="fig-term">{t('figures.term')}</label>
          <TermPicker id="fig-term" value={term} placeholder={t('figures.chooseTerm')} onChange={(code) => onChange(choice.kind === 'month' ? { kind: 'month', term: code, month: termMonths(org, code)[0] ?? '' } : { kind: 'term', term: code })} />
        </div>
      )}
      {choice.kind === 'month' && (
        <div className="field">
          <label htmlFor="fig-month">{t('figures.month')}</label>
          <select id="fig-month" value={choice.month} onChange={(e) => onChange({ ...choice, month: e.target.value })}>
            {months.map((m) => (
              <option key={m} value={m}>
                {monthLabel(m, i18n.language)}
              </option>
            ))}
          </select>
        </div>
      )}
      {choice.kind === 'range' && (
        <div className="fig-range">
          <div className="field">
            <label htmlFor="fig-from">{t('figures.from')}</label>
            <input id="fig-from" type="date" value={choice.from} onChange={(e) => onChange({ ...choice, from: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="fig-to">{t('figures.to')}</label>
            <input id="fig-to" type="date" value={choice.to} onChange={(e) => onChange({ ...choice, to: e.target.value })} />
          </div>
        </div>
      )}
    </fieldset>
  )
}

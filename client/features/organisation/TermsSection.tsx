import { useState } from 'react'
import { useOrgErrors } from './use-org-errors'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import {
  TERM_SEASONS, addTerm, setCurrentTerm, termCode, updateTerm, type OrgErrors, type Organisation, type Term, type TermField, type TermSeason,
} from '../../../shared/docs/settings/organisation'
import { todayIsoDate } from '../../../shared/dates'
import { termLabel } from '../../ui/class-label'
import { formatDate } from '../../ui/format'

/** The terms by date, the current one marked; `doc` only for a member who may change them. */
export function TermsSection({ doc, org }: { doc: Y.Doc | undefined; org: Organisation }) {
  const { t } = useTranslation()
  const [adding, setAdding] = useState(false)
  return (
    <section aria-labelledby="org-terms">
      <h2 id="org-terms">{t('org.terms.title')}</h2>
      {org.terms.length === 0 && <p className="empty">{t('org.terms.empty')}</p>}
      <ul className="org-terms">
        {org.terms.map((term) => (
          <TermRow key={term.code} doc={doc} term={term} current={term.code === org.currentTerm} />
        ))}
      </ul>
      {doc &&
        (adding ? (
          <TermForm
            submit={t('org.terms.add')}
            testId="add-term"
            onSave={(code, start, end) => {
              const result = addTerm(doc, { code: code ?? '', start, end })
              if ('errors' in result) return result.errors
              setAdding(false)
              return {}
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <button type="button" onClick={() => setAdding(true)} data-testid="open-add-term">
            {t('org.terms.add')}
          </button>
        ))}
    </section>
  )
}

function TermRow({ doc, term, current }: { doc: Y.Doc | undefined; term: Term; current: boolean }) {
  const { t, i18n } = useTranslation()
  const [editing, setEditing] = useState(false)
  if (editing && doc) {
    return (
      <li>
        <TermForm
          initial={term}
          submit={t('org.terms.save')}
          testId="edit-term"
          onSave={(_code, start, end) => {
            const errors = updateTerm(doc, term.code, { start, end })
            if (Object.keys(errors).length === 0) setEditing(false)
            return errors
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    )
  }
  return (
    <li className={current ? 'org-term current' : 'org-term'} data-testid="org-term" data-current={current}>
      <span className="org-term-name">
        {termLabel(t, term.code)}
        {current && <span className="badge org-current">{t('org.terms.current')}</span>}
      </span>
      <span className="org-term-dates">
        {formatDate(term.start, i18n.language)} – {formatDate(term.end, i18n.language)}
      </span>
      {doc && (
        <span className="org-row-actions">
          {!current && (
            <button type="button" className="link-button" onClick={() => setCurrentTerm(doc, term.code)}>
              {t('org.terms.setCurrent')}
            </button>
          )}
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t('org.terms.edit')}
          </button>
        </span>
      )}
    </li>
  )
}

/** A new term's year, season and dates, or an existing term's dates (its code never changes). */
function TermForm({ initial, submit, testId, onSave, onCancel }: {
  initial?: Term
  submit: string
  testId: string
  onSave: (code: string | undefined, start: string, end: string) => OrgErrors<TermField>
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const { id, setErrors, error, invalid } = useOrgErrors<TermField>(t)
  const thisYear = Number(todayIsoDate().slice(0, 4))
  const [year, setYear] = useState(String(thisYear))
  const [season, setSeason] = useState<TermSeason>(Number(todayIsoDate().slice(5, 7)) >= 7 ? 'autumn' : 'spring')
  const [start, setStart] = useState<string>(initial?.start ?? '')
  const [end, setEnd] = useState<string>(initial?.end ?? '')
  return (
    <form
      className="org-form org-term-form"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault()
        setErrors(onSave(initial ? undefined : termCode(Number(year), season), start, end))
      }}
    >
      {initial ? (
        <p className="org-term-name">{termLabel(t, initial.code)}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-year`}>{t('org.terms.year')}</label>
            <select id={`${id}-year`} value={year} onChange={(e) => setYear(e.target.value)} {...invalid('code')}>
              {[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-season`}>{t('org.terms.season')}</label>
            <select id={`${id}-season`} value={season} onChange={(e) => setSeason(e.target.value as TermSeason)}>
              {TERM_SEASONS.map((s) => (
                <option key={s} value={s}>
                  {t(`org.terms.seasons.${s}`)}
                </option>
              ))}
            </select>
            {error('code')}
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor={`${id}-start`}>{t('org.terms.start')}</label>
        <input id={`${id}-start`} type="date" value={start} onChange={(e) => setStart(e.target.value)} {...invalid('start')} />
        {error('start')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-end`}>{t('org.terms.end')}</label>
        <input id={`${id}-end`} type="date" value={end} onChange={(e) => setEnd(e.target.value)} {...invalid('end')} />
        {error('end')}
      </div>
      <div className="org-actions">
        <button type="submit" className="primary">
          {submit}
        </button>
        <button type="button" onClick={onCancel}>
          {t('org.terms.cancel')}
        </button>
      </div>
    </form>
  )
}

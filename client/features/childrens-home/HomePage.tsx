/**
 * The children's home (留守兒童之家) of a term, on a phone (SPEC G4–G6): its opening times and
 * who is on duty, and the log of its sessions (SessionCard.tsx). Kept in the term's plan
 * document (shared/docs/plan/home.ts); the term comes from the address or the current term.
 */
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type * as Y from 'yjs'
import { planDocumentId } from '../../../shared/doc-id'
import { addOpening, dutyAt, readHome, recordSession, removeOpening, type Home, type OpeningErrors } from '../../../shared/docs/plan/home'
import type { FieldError } from '../../../shared/validation/fields'
import { useEditContext } from '../../ui/fields/edit-context'
import { TermPicker, useShownTerm } from '../../ui/TermPicker'
import { useDirectory } from '../../ui/use-directory'
import { useDocState } from '../../ui/use-doc-state'
import { useOpenDoc } from '../../ui/use-open-doc'
import { navigate, routeHref } from '../../ui/use-route'
import { useSignedIn } from '../../ui/use-session'
import { SessionCard } from './SessionCard'
import './home.css'

export function HomePage({ term }: { term?: string | undefined }) {
  const { t } = useTranslation()
  const shown = useShownTerm(term)
  return (
    <main className="page home-page">
      <a className="back" href={routeHref({ name: 'list' })}>
        {t('child.back')}
      </a>
      <h1>{t('home.pageTitle')}</h1>
      <div className="field home-term">
        <label htmlFor="home-term">{t('home.term')}</label>
        <TermPicker id="home-term" value={shown} placeholder={t('home.chooseTerm')} onChange={(code) => navigate({ name: 'home', term: code })} />
      </div>
      {shown === '' ? <p className="empty">{t('home.noTerm')}</p> : <TermHome key={shown} term={shown} />}
    </main>
  )
}

/** A weekday's name (1 Monday … 7 Sunday) in the reader's language: 1 January 2024 was a Monday. */
export const weekdayName = (weekday: number, language: string) =>
  new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)))

function TermHome({ term }: { term: string }) {
  const { t } = useTranslation()
  const { workspace, account } = useSignedIn()
  const open = useOpenDoc(planDocumentId(workspace.workspaceId, term))
  if (!open) return <p role="status">{t('home.loading')}</p>
  return <HomeView doc={open.doc} term={term} readOnly={account.role === 'helper'} />
}

function HomeView({ doc, term, readOnly }: { doc: Y.Doc; term: string; readOnly: boolean }) {
  const { t, i18n } = useTranslation()
  const context = useEditContext()
  const home = useDocState(doc, readHome, (h) => JSON.stringify(h))
  const ctx = () => {
    const { author, now } = context()
    return { author, now }
  }
  return (
    <>
      <section aria-labelledby="home-openings">
        <h2 id="home-openings">{t('home.openings')}</h2>
        {home.openings.length === 0 && <p className="empty">{t('home.noOpenings')}</p>}
        <ul className="home-openings" data-testid="home-openings">
          {home.openings.map((o) => (
            <li key={o.id}>
              <span>
                {t('home.opening', { day: weekdayName(o.weekday, i18n.language), from: o.from, to: o.to })}
                {' · '}
                {dutyAt(home, o) ? t('home.onDuty', { name: dutyAt(home, o)?.name }) : t('home.noDuty')}
              </span>
              {!readOnly && (
                <button type="button" onClick={() => removeOpening(doc, o.id, ctx())} aria-label={t('home.removeOpening', { day: weekdayName(o.weekday, i18n.language) })}>
                  {t('home.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
        {!readOnly && <NewOpening doc={doc} />}
      </section>
      <section aria-labelledby="home-sessions">
        <h2 id="home-sessions">{t('home.sessions')}</h2>
        {!readOnly && <NewSession doc={doc} home={home} />}
        {home.sessions.length === 0 && <p className="empty">{t('home.noSessions')}</p>}
        {home.sessions.map((s) => (
          <SessionCard key={s.id} doc={doc} term={term} session={s} home={home} readOnly={readOnly} />
        ))}
      </section>
    </>
  )
}

const message = (t: TFunction, error: FieldError | undefined) =>
  error && (
    <p className="field-error" role="alert">
      {t(`field.errors.${error.code}`, error.params ?? {})}
    </p>
  )

function NewOpening({ doc }: { doc: Y.Doc }) {
  const { t, i18n } = useTranslation()
  const context = useEditContext()
  const directory = useDirectory()
  const members = [...directory.values()].filter((m) => !m.removed)
  const [values, setValues] = useState({ weekday: '3', from: '15:30', to: '17:30', duty: '' })
  const [errors, setErrors] = useState<OpeningErrors>({})
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const member = directory.get(values.duty)
    const { author, now } = context()
    const result = addOpening(doc, { weekday: values.weekday, from: values.from, to: values.to, duty: member ? { id: member.id, name: member.displayName } : null }, { author, now })
    setErrors('errors' in result ? result.errors : {})
  }
  return (
    <form className="home-form" onSubmit={submit} noValidate aria-label={t('home.addOpening')}>
      <div className="field">
        <label htmlFor="home-weekday">{t('home.weekday')}</label>
        <select id="home-weekday" value={values.weekday} onChange={(e) => set('weekday')(e.target.value)}>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <option key={d} value={String(d)}>
              {weekdayName(d, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      <div className="home-times">
        <div className="field">
          <label htmlFor="home-from">{t('home.from')}</label>
          <input id="home-from" type="time" value={values.from} onChange={(e) => set('from')(e.target.value)} aria-invalid={errors.from ? true : undefined} />
          {message(t, errors.from)}
        </div>
        <div className="field">
          <label htmlFor="home-to">{t('home.to')}</label>
          <input id="home-to" type="time" value={values.to} onChange={(e) => set('to')(e.target.value)} aria-invalid={errors.to ? true : undefined} />
          {message(t, errors.to)}
        </div>
      </div>
      <div className="field">
        <label htmlFor="home-duty">{t('home.duty')}</label>
        <select id="home-duty" value={values.duty} onChange={(e) => set('duty')(e.target.value)}>
          <option value="">{t('home.dutyNone')}</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.displayName}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit">{t('home.addOpening')}</button>
      </div>
    </form>
  )
}

function NewSession({ doc, home }: { doc: Y.Doc; home: Home }) {
  const { t, i18n } = useTranslation()
  const context = useEditContext()
  const [values, setValues] = useState({ date: context().today as string, opening: '', did: '' })
  const [errors, setErrors] = useState<Partial<Record<'date' | 'did', FieldError>>>({})
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const { author, now, today } = context()
    const result = recordSession(doc, { date: values.date, did: values.did, ...(values.opening ? { openingId: values.opening } : {}) }, { author, now, today })
    if ('errors' in result) return setErrors(result.errors)
    setErrors({})
    setValues((v) => ({ ...v, did: '' }))
  }
  return (
    <form className="home-form" onSubmit={submit} noValidate aria-label={t('home.logSession')}>
      <div className="field">
        <label htmlFor="home-date">{t('home.date')}</label>
        <input id="home-date" type="date" value={values.date} onChange={(e) => setValues((v) => ({ ...v, date: e.target.value }))} aria-invalid={errors.date ? true : undefined} />
        {message(t, errors.date)}
      </div>
      {home.openings.length > 1 && (
        <div className="field">
          <label htmlFor="home-session-opening">{t('home.whichOpening')}</label>
          <select id="home-session-opening" value={values.opening} onChange={(e) => setValues((v) => ({ ...v, opening: e.target.value }))}>
            <option value="">{t('home.anyOpening')}</option>
            {home.openings.map((o) => (
              <option key={o.id} value={o.id}>
                {t('home.opening', { day: weekdayName(o.weekday, i18n.language), from: o.from, to: o.to })}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="home-did">{t('home.did')}</label>
        <input id="home-did" value={values.did} onChange={(e) => setValues((v) => ({ ...v, did: e.target.value }))} aria-invalid={errors.did ? true : undefined} />
        {message(t, errors.did)}
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('home.logSession')}
        </button>
      </div>
    </form>
  )
}

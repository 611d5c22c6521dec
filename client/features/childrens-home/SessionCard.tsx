/**
 * One session of the children's home (SPEC G5, G6): the children who came, chosen by class or
 * by name, and the calls to parents made from the home's phone, each saved to the plan and
 * then as a parent-contact record on that child's file (save-calls.ts).
 */
import { useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { setSessionChildren, type Home, type HomeSession } from '../../../shared/docs/plan/home'
import { ClassPicker } from '../../ui/ClassPicker'
import { useEditContext } from '../../ui/fields/edit-context'
import { formatDate } from '../../ui/format'
import { useLive } from '../../ui/use-live'
import { useSignedIn } from '../../ui/use-session'
import { saveCalls, type CallsOutcome } from './save-calls'

export function SessionCard({ doc, term, session, home, readOnly }: { doc: Y.Doc; term: string; session: HomeSession; home: Home; readOnly: boolean }) {
  const { t, i18n } = useTranslation()
  const { workspace } = useSignedIn()
  const context = useEditContext()
  const all = useLive(() => workspace.queries.childrenByName(), [], [])
  const active = useMemo(() => all.filter((c) => (c.status || 'active') === 'active'), [all])
  const nameOf = useMemo(() => new Map(all.map((c) => [c.id, c.name])), [all])
  const [classId, setClassId] = useState('')
  const [query, setQuery] = useState('')
  const [calling, setCalling] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<CallsOutcome | null>(null)
  const name = (id: string) => nameOf.get(id) || t('home.unknownChild')
  const came = new Set(session.children)
  const inClass = active.filter((c) => c.classId === classId && !came.has(c.id))
  const q = query.trim()
  const matches = q === '' ? [] : active.filter((c) => c.name.includes(q) && !came.has(c.id)).slice(0, 8)
  const opening = home.openings.find((o) => o.id === session.openingId)
  const ctx = () => {
    const { author, now } = context()
    return { author, now }
  }
  const add = (ids: string[]) => {
    setSessionChildren(doc, session.id, { add: ids }, ctx())
    setQuery('')
  }
  const removeCall = async (childId: string) => setOutcome(await saveCalls(workspace, doc, term, session.id, { remove: [childId] }, context))

  return (
    <article className="home-session" aria-labelledby={`session-${session.id}`} data-testid="home-session">
      <h3 id={`session-${session.id}`}>
        {formatDate(session.date, i18n.language)}
        {opening ? ` · ${opening.from}–${opening.to}` : ''}
      </h3>
      {session.did && <p className="home-did">{session.did}</p>}
      <h4>{t('home.came', { count: session.children.length })}</h4>
      <ul className="home-came">
        {session.children.map((id) => {
          const call = session.calls.find((c) => c.childId === id)
          return (
            <li key={id}>
              <span className="home-child">{name(id)}</span>
              {call ? (
                <span className="home-call" data-testid="home-call">
                  {t('home.called', { who: call.who })}
                  {call.minutes !== undefined ? ` · ${t('home.minutes', { count: call.minutes })}` : ''}
                  {call.note ? ` · ${call.note}` : ''}
                  {!readOnly && (
                    <button type="button" onClick={() => void removeCall(id)} aria-label={t('home.removeCall', { name: name(id) })}>
                      {t('home.remove')}
                    </button>
                  )}
                </span>
              ) : (
                !readOnly && (
                  <span className="home-child-actions">
                    <button type="button" onClick={() => setCalling(id)}>
                      {t('home.callParent')}
                    </button>
                    <button type="button" onClick={() => setSessionChildren(doc, session.id, { remove: [id] }, ctx())} aria-label={t('home.removeChild', { name: name(id) })}>
                      {t('home.remove')}
                    </button>
                  </span>
                )
              )}
              {calling === id && (
                <CallForm
                  childName={name(id)}
                  onCancel={() => setCalling(null)}
                  onSave={async (call) => {
                    const result = await saveCalls(workspace, doc, term, session.id, { set: [{ childId: id, ...call }] }, context)
                    setOutcome(result)
                    if (!('refused' in result)) setCalling(null)
                    return result
                  }}
                />
              )}
            </li>
          )
        })}
      </ul>
      {!readOnly && (
        <div className="home-add">
          <div className="field">
            <label htmlFor={`home-class-${session.id}`}>{t('home.byClass')}</label>
            <ClassPicker id={`home-class-${session.id}`} value={classId} onChange={setClassId} />
          </div>
          <button type="button" disabled={inClass.length === 0} onClick={() => add(inClass.map((c) => c.id))}>
            {t('home.addClass', { count: inClass.length })}
          </button>
          <div className="field">
            <label htmlFor={`home-name-${session.id}`}>{t('home.byName')}</label>
            <input id={`home-name-${session.id}`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
          </div>
          {matches.map((c) => (
            <button key={c.id} type="button" onClick={() => add([c.id])}>
              {t('home.addChild', { name: c.name })}
            </button>
          ))}
        </div>
      )}
      {outcome && 'refused' in outcome && outcome.refused === 'notOnDevice' && (
        <p className="field-error" role="alert">
          {t('home.notOnDevice', { names: outcome.childIds.map(name).join('、') })}
        </p>
      )}
      {outcome && 'failed' in outcome && outcome.failed.length > 0 && (
        <p className="field-error" role="alert">
          {t('home.failed', { names: outcome.failed.map(name).join('、') })}
        </p>
      )}
    </article>
  )
}

function CallForm({ childName, onSave, onCancel }: { childName: string; onSave: (call: { who: string; minutes: string; note: string }) => Promise<CallsOutcome>; onCancel: () => void }) {
  const { t } = useTranslation()
  const [values, setValues] = useState({ who: '', minutes: '', note: '' })
  const [errors, setErrors] = useState<Record<string, { code: string; params?: Record<string, string | number> }>>({})
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const result = await onSave(values)
    if ('refused' in result && result.refused === 'values') setErrors(Object.values(result.errors)[0] ?? {})
  }
  const field = (key: keyof typeof values, inputMode?: 'numeric') => (
    <div className="field">
      <label htmlFor={`call-${key}`}>{t(`home.callField.${key}`)}</label>
      <input id={`call-${key}`} value={values[key]} inputMode={inputMode} onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))} aria-invalid={errors[key] ? true : undefined} />
      {errors[key] && (
        <p className="field-error" role="alert">
          {t(`field.errors.${errors[key].code}`, errors[key].params ?? {})}
        </p>
      )}
    </div>
  )
  return (
    <form className="home-call-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('home.callFor', { name: childName })}>
      {field('who')}
      {field('minutes', 'numeric')}
      {field('note')}
      <div className="actions">
        <button type="submit" className="primary">
          {t('home.saveCall')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('home.cancel')}
        </button>
      </div>
    </form>
  )
}

/**
 * A term's gift and aid rounds (SPEC T6, G1): the list with each round's children and total,
 * a form for a new round, and a round's own page (RoundPage.tsx). The term comes from the
 * address or the workspace's current term, and can be changed here.
 */
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { planDocumentId } from '../../../shared/doc-id'
import { AID_KINDS } from '../../../shared/docs/child/records'
import { addDistribution, readDistributions, readRecipients, totalYuan, type DistributionErrors } from '../../../shared/docs/plan/distribution'
import { useEditContext } from '../../ui/fields/edit-context'
import { formatDate } from '../../ui/format'
import { TermPicker, useShownTerm } from '../../ui/TermPicker'
import { useDocState } from '../../ui/use-doc-state'
import { useOpenDoc } from '../../ui/use-open-doc'
import { navigate, routeHref } from '../../ui/use-route'
import { useSignedIn } from '../../ui/use-session'
import { formatYuan } from './round-draft'
import { RoundPage } from './RoundPage'
import './aid.css'

export function AidPage({ term, distId }: { term?: string | undefined; distId?: string | undefined }) {
  const { t } = useTranslation()
  const shown = useShownTerm(term)
  return (
    <main className="page aid-page">
      <a className="back" href={routeHref({ name: 'list' })}>
        {t('child.back')}
      </a>
      <h1>{t('aid.title')}</h1>
      <div className="field aid-term">
        <label htmlFor="aid-term">{t('aid.term')}</label>
        <TermPicker id="aid-term" value={shown} placeholder={t('aid.chooseTerm')} onChange={(code) => navigate({ name: 'aid', term: code })} />
      </div>
      {shown === '' ? <p className="empty">{t('aid.noTerm')}</p> : <TermRounds key={shown} term={shown} distId={distId} />}
    </main>
  )
}

function TermRounds({ term, distId }: { term: string; distId: string | undefined }) {
  const { t } = useTranslation()
  const { workspace } = useSignedIn()
  const open = useOpenDoc(planDocumentId(workspace.workspaceId, term))
  if (!open) return <p role="status">{t('aid.loading')}</p>
  return distId ? <RoundPage key={distId} doc={open.doc} term={term} distId={distId} /> : <RoundList doc={open.doc} term={term} />
}

interface RoundRow {
  id: string
  title: string
  date?: string
  kind: string
  source: string
  children: number
  total: number
}

function readRows(doc: Y.Doc): RoundRow[] {
  return readDistributions(doc).map((d) => {
    const recipients = readRecipients(doc, d.id)
    return { id: d.id, title: d.title, ...(d.date ? { date: d.date } : {}), kind: d.kind, source: d.source, children: recipients.length, total: totalYuan(recipients) }
  })
}

function RoundList({ doc, term }: { doc: Y.Doc; term: string }) {
  const { t, i18n } = useTranslation()
  const { account } = useSignedIn()
  const rows = useDocState(doc, readRows, (r) => JSON.stringify(r))
  return (
    <>
      <section aria-labelledby="aid-rounds">
        <h2 id="aid-rounds">{t('aid.rounds')}</h2>
        {rows.length === 0 ? (
          <p className="empty">{t('aid.none')}</p>
        ) : (
          <ul className="aid-rounds" data-testid="aid-rounds">
            {rows.map((r) => (
              <li key={r.id}>
                <a href={routeHref({ name: 'aid', term, distId: r.id })}>{r.title}</a>
                <span className="aid-meta">
                  {[r.date ? formatDate(r.date, i18n.language) : '', t(`records.options.aid.kind.${r.kind}`), r.source].filter(Boolean).join(' · ')}
                </span>
                <span className="aid-sum">
                  {t('aid.childrenCount', { count: r.children })} · {t('aid.total', { total: formatYuan(r.total, i18n.language) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {account.role === 'helper' ? <p className="hint">{t('aid.readOnly')}</p> : <NewRound doc={doc} term={term} />}
    </>
  )
}

function NewRound({ doc, term }: { doc: Y.Doc; term: string }) {
  const { t } = useTranslation()
  const context = useEditContext()
  const [values, setValues] = useState({ title: '', date: context().today as string, kind: 'gift', source: '' })
  const [errors, setErrors] = useState<DistributionErrors>({})
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const { author, now } = context()
    const result = addDistribution(doc, values, { author, now })
    if ('errors' in result) return setErrors(result.errors)
    navigate({ name: 'aid', term, distId: result.id })
  }
  const error = (field: keyof DistributionErrors) =>
    errors[field] && (
      <p className="field-error" id={`aid-new-${field}-error`} role="alert">
        {t(`field.errors.${errors[field].code}`, errors[field].params ?? {})}
      </p>
    )
  const input = (field: 'title' | 'date' | 'source', type = 'text') => (
    <div className="field">
      <label htmlFor={`aid-new-${field}`}>{t(`aid.fields.${field}`)}</label>
      <input id={`aid-new-${field}`} type={type} value={values[field]} onChange={(e) => set(field)(e.target.value)} aria-invalid={errors[field] ? true : undefined} />
      {error(field)}
    </div>
  )
  return (
    <form className="aid-new" onSubmit={submit} aria-labelledby="aid-new-title-h" noValidate>
      <h2 id="aid-new-title-h">{t('aid.newRound')}</h2>
      {input('title')}
      {input('date', 'date')}
      <div className="field">
        <label htmlFor="aid-new-kind">{t('aid.fields.kind')}</label>
        <select id="aid-new-kind" value={values.kind} onChange={(e) => set('kind')(e.target.value)}>
          {AID_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`records.options.aid.kind.${k}`)}
            </option>
          ))}
        </select>
        {error('kind')}
      </div>
      {input('source')}
      <div className="actions">
        <button type="submit" className="primary">
          {t('aid.add')}
        </button>
      </div>
    </form>
  )
}

/**
 * One gift or aid round (SPEC G1, G2): children chosen by class (all at once) or by name, one
 * amount for all with changes per child, a source per child; saving checks it all, writes the
 * plan and then each child's file behind a progress bar, and names any child it could not save.
 */
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { readDistributions, readRecipients, totalYuan } from '../../../shared/docs/plan/distribution'
import type { FieldError } from '../../../shared/validation/fields'
import { ClassPicker } from '../../ui/ClassPicker'
import { useEditContext } from '../../ui/fields/edit-context'
import { formatDate } from '../../ui/format'
import { useDocState } from '../../ui/use-doc-state'
import { useLive } from '../../ui/use-live'
import { routeHref } from '../../ui/use-route'
import { useSignedIn } from '../../ui/use-session'
import { amountOf, changeOf, draftOf, formatYuan, type RoundDraft } from './round-draft'
import { saveRound, syncFiles, type SaveOutcome } from './save-round'

type Shown = SaveOutcome | { errors: Record<string, FieldError> } | null

export function RoundPage({ doc, term, distId }: { doc: Y.Doc; term: string; distId: string }) {
  const { t, i18n } = useTranslation()
  const { workspace, account } = useSignedIn()
  const context = useEditContext()
  const dist = useDocState(doc, (d) => readDistributions(d).find((x) => x.id === distId), (v) => JSON.stringify(v ?? null))
  const saved = useDocState(doc, (d) => readRecipients(d, distId), (v) => JSON.stringify(v))
  const all = useLive(() => workspace.queries.childrenByName(), [], [])
  const children = useMemo(() => all.filter((c) => (c.status || 'active') === 'active'), [all])
  const nameOf = useMemo(() => new Map(all.map((c) => [c.id, c.name])), [all])
  const [draft, setDraft] = useState<RoundDraft>(() => draftOf(saved))
  const [classId, setClassId] = useState('')
  const [query, setQuery] = useState('')
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [shown, setShown] = useState<Shown>(null)
  const back = <a className="back" href={routeHref({ name: 'aid', term })}>{t('aid.back')}</a>
  if (!dist) return <>{back}<p className="empty">{t('aid.notFound')}</p></>
  const readOnly = account.role === 'helper'
  const name = (id: string) => nameOf.get(id) || t('aid.unknownChild')
  const names = (ids: readonly string[]) => new Intl.ListFormat(i18n.language).format(ids.map(name))
  const money = (n: number) => formatYuan(n, i18n.language)

  const choose = (ids: readonly string[]) => {
    setDraft((d) => ({ ...d, chosen: [...d.chosen, ...ids.filter((id) => !d.chosen.includes(id))] }))
    setQuery('')
  }
  const drop = (id: string) => setDraft((d) => ({ ...d, chosen: d.chosen.filter((x) => x !== id) }))
  const edit = (key: 'amounts' | 'sources', id: string, value: string) => setDraft((d) => ({ ...d, [key]: { ...d[key], [id]: value } }))
  const inClass = children.filter((c) => c.classId === classId && !draft.chosen.includes(c.id))
  const q = query.trim()
  const matches = q === '' ? [] : children.filter((c) => c.name.includes(q) && !draft.chosen.includes(c.id)).slice(0, 8)
  const change = changeOf(draft, saved)
  const errors = shown && 'errors' in shown ? shown.errors : {}

  const save = async () => {
    if ('errors' in change) return setShown({ errors: change.errors })
    setShown(null)
    const outcome = await saveRound(workspace, doc, term, distId, change, context, (done, total) => setProgress({ done, total }))
    setProgress(null)
    setShown(outcome)
  }
  const retry = async (failed: readonly string[]) => {
    const outcome = await syncFiles(workspace, doc, term, distId, failed, context, (done, total) => setProgress({ done, total }))
    setProgress(null)
    setShown(outcome)
  }

  return (
    <section className="aid-round" aria-labelledby="aid-round-title">
      {back}
      <h2 id="aid-round-title">{dist.title}</h2>
      <p className="aid-meta">
        {[dist.date ? formatDate(dist.date, i18n.language) : '', t(`records.options.aid.kind.${dist.kind}`), dist.source].filter(Boolean).join(' · ')}
      </p>
      <p className="aid-saved" data-testid="aid-saved-total">
        {t('aid.childrenCount', { count: saved.length })} · {t('aid.total', { total: money(totalYuan(saved)) })}
      </p>
      {readOnly ? (
        <ul className="aid-recipients">
          {saved.map((r) => (
            <li key={r.childId}>
              {name(r.childId)} · {money(r.amountYuan)}
              {r.source ? ` · ${r.source}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <>
          <div className="aid-choose">
            <div className="field">
              <label htmlFor="aid-class">{t('aid.byClass')}</label>
              <ClassPicker id="aid-class" value={classId} onChange={setClassId} />
            </div>
            <button type="button" disabled={inClass.length === 0} onClick={() => choose(inClass.map((c) => c.id))}>
              {t('aid.addClass', { count: inClass.length })}
            </button>
            <div className="field">
              <label htmlFor="aid-name">{t('aid.byName')}</label>
              <input id="aid-name" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
            </div>
            {matches.length > 0 && (
              <ul className="aid-matches">
                {matches.map((c) => (
                  <li key={c.id}>
                    <button type="button" onClick={() => choose([c.id])}>
                      {t('aid.addChild', { name: c.name })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="field">
            <label htmlFor="aid-amount">{t('aid.amountAll')}</label>
            <input id="aid-amount" inputMode="decimal" value={draft.amount} onChange={(e) => setDraft((d) => ({ ...d, amount: e.target.value }))} />
          </div>
          <h3>{t('aid.chosen', { count: draft.chosen.length })}</h3>
          {draft.chosen.length === 0 && <p className="empty">{t('aid.noneChosen')}</p>}
          <ul className="aid-recipients" data-testid="aid-recipients">
            {draft.chosen.map((id) => (
              <li key={id} className="aid-recipient">
                <span className="aid-child">{name(id)}</span>
                <label className="aid-inline">
                  <span>{t('aid.amount')}</span>
                  <input
                    inputMode="decimal"
                    value={draft.amounts[id] ?? ''}
                    placeholder={draft.amount}
                    aria-label={t('aid.amountOf', { name: name(id) })}
                    aria-invalid={errors[id] ? true : undefined}
                    onChange={(e) => edit('amounts', id, e.target.value)}
                  />
                </label>
                <label className="aid-inline">
                  <span>{t('aid.source')}</span>
                  <input value={draft.sources[id] ?? ''} placeholder={dist.source} aria-label={t('aid.sourceOf', { name: name(id) })} onChange={(e) => edit('sources', id, e.target.value)} />
                </label>
                <button type="button" className="aid-remove" onClick={() => drop(id)} aria-label={t('aid.removeChild', { name: name(id) })}>
                  {t('aid.remove')}
                </button>
                {errors[id] && (
                  <p className="field-error" role="alert">
                    {t('aid.amountError', { name: name(id), amount: amountOf(draft, id) || '—', error: t(`field.errors.${errors[id].code}`, errors[id].params ?? {}) })}
                  </p>
                )}
              </li>
            ))}
          </ul>
          {!('errors' in change) && <p className="aid-draft-total">{t('aid.draftTotal', { count: change.set.length, total: money(totalYuan(change.set)) })}</p>}
          {progress && <progress className="aid-progress" value={progress.done} max={progress.total} aria-label={t('aid.saving')} />}
          <div className="actions">
            <button type="button" className="primary" disabled={progress !== null} onClick={() => void save()}>
              {t('aid.save')}
            </button>
          </div>
          <Outcome shown={shown} names={names} retry={(ids) => void retry(ids)} />
        </>
      )}
    </section>
  )
}

function Outcome({ shown, names, retry }: { shown: Shown; names: (ids: readonly string[]) => string; retry: (ids: readonly string[]) => void }) {
  const { t } = useTranslation()
  if (!shown) return null
  if ('errors' in shown) return <p className="field-error" role="alert">{t('aid.refusedAmounts', { names: names(Object.keys(shown.errors)) })}</p>
  if ('refused' in shown) {
    if (shown.refused === 'notOnDevice') return <p className="field-error" role="alert">{t('aid.notOnDevice', { names: names(shown.childIds) })}</p>
    return <p className="field-error" role="alert">{t('aid.notFound')}</p>
  }
  return (
    <div role="status" className="aid-outcome">
      <p>{t('aid.saved', { count: shown.written.length })}</p>
      {shown.failed.length > 0 && (
        <p className="field-error">
          {t('aid.failed', { names: names(shown.failed) })}{' '}
          <button type="button" onClick={() => retry(shown.failed)}>
            {t('aid.retry')}
          </button>
        </p>
      )}
    </div>
  )
}

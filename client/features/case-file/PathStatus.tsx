import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { changePath, mayChangePath, PATH_STATUSES, readPath, type PathEntry, type PathErrors, type PathStatus as Status } from '../../../shared/docs/child/child-path'
import { useEditContext } from '../../ui/fields/edit-context'
import { formatDate } from '../../ui/format'
import { useWriter } from '../../ui/use-author'
import { useDocState } from '../../ui/use-doc-state'

const pathKey = (entries: PathEntry[]) => JSON.stringify(entries)

/**
 * The child's path on their page (SPEC H1, H2): the status now with the day it began, every
 * earlier change, and for coordinators and the class teacher a form to change it. A change
 * only adds to the path; nothing of the file goes.
 */
export function PathStatus({ doc }: { doc: Y.Doc }) {
  const { t, i18n } = useTranslation()
  const writer = useWriter()
  const entries = useDocState(doc, readPath, pathKey)
  const [editing, setEditing] = useState(false)
  const current = entries[0]
  const status: Status = current?.status ?? 'active'
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <section className="path-status" aria-label={t('path.title')} data-testid="path-status">
      <p className="path-now">
        <span className={`status-badge status-${status}`} data-testid="path-current">
          {t(`path.statuses.${status}`)}
        </span>
        {current && <span data-testid="path-since">{t('path.since', { date: formatDate(current.since, i18n.language) })}</span>}
        {mayChangePath(writer) && !editing && (
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t('path.change')}
          </button>
        )}
      </p>
      {current?.note && <p className="hint">{current.note}</p>}
      {editing && <PathForm doc={doc} current={status} onDone={() => setEditing(false)} />}
      {entries.length > 0 && (
        <details className="path-history">
          <summary>{t('path.history', { count: entries.length })}</summary>
          <ul data-testid="path-history">
            {entries.map((e) => (
              <li key={e.id}>
                <strong>{t(`path.statuses.${e.status}`)}</strong> {t('path.since', { date: formatDate(e.since, i18n.language) })}
                {e.note && ` · ${e.note}`}
                <span className="path-who">{t('path.recorded', { who: e.by || t('path.someone'), when: when.format(new Date(e.at)) })}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}

function PathForm({ doc, current, onDone }: { doc: Y.Doc; current: Status; onDone: () => void }) {
  const { t } = useTranslation()
  const context = useEditContext()
  const id = useId()
  const [status, setStatus] = useState<Status>(current === 'active' ? 'noLongerLeftBehind' : 'active')
  const [since, setSince] = useState(() => context().today as string)
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<PathErrors>({})
  const error = (key: keyof PathErrors) => {
    const e = errors[key]
    return e ? <span className="field-error" role="alert">{t(`field.errors.${e.code}`, e.params ?? {})}</span> : null
  }
  const save = () => {
    const done = changePath(doc, { status, since, note }, context())
    if ('errors' in done) setErrors(done.errors)
    else onDone()
  }
  return (
    <form
      className="path-form"
      onSubmit={(e) => {
        e.preventDefault()
        save()
      }}
    >
      <label htmlFor={`${id}-status`}>{t('path.newStatus')}</label>
      <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as Status)}>
        {PATH_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`path.statuses.${s}`)}
          </option>
        ))}
      </select>
      {error('status')}
      <label htmlFor={`${id}-since`}>{t('path.sinceLabel')}</label>
      <input id={`${id}-since`} type="date" value={since} max={context().today} onChange={(e) => setSince(e.target.value)} />
      {error('since')}
      <label htmlFor={`${id}-note`}>{t('path.note')}</label>
      <input id={`${id}-note`} type="text" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
      {error('note')}
      <p className="hint">{t('path.keeps')}</p>
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('path.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('path.cancel')}
        </button>
      </div>
    </form>
  )
}

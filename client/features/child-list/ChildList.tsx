import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PATH_STATUSES } from '../../../shared/docs/child/child-path'
import { ClassCardLinks } from './ClassCardLinks'
import { formatDate } from '../../ui/format'
import { routeHref } from '../../ui/use-route'
import { useLive } from '../../ui/use-live'
import { useSignedIn } from '../../ui/use-session'
import { classLabelIn } from '../../ui/class-label'
import { classIdOrder } from '../../ui/class-sort'
import { useOrganisation } from '../../ui/use-organisation'

export function ChildList() {
  const { t, i18n } = useTranslation()
  const [query, setQuery] = useState('')
  // Active children by default; the others are found by their status, never gone (SPEC H4).
  const [status, setStatus] = useState<string>('active')
  // Files are opened by coordinators and class teachers; helpers work on the children paired with them.
  const { account, workspace } = useSignedIn()
  const mayCreate = account.role === 'coordinator' || account.role === 'teacher'
  const children = useLive(() => workspace.queries.children(), [])
  const org = useOrganisation()
  if (!children) return null
  const classOrder = classIdOrder(org)
  const label = (classId: string) => classLabelIn(t, org, classId) ?? classId
  const collator = new Intl.Collator(i18n.language)
  const q = query.trim()
  const statusOf = (c: { status: string }) => c.status || 'active'
  const others = children.filter((c) => statusOf(c) !== 'active').length
  const shown = children
    .filter((c) => status === 'all' || statusOf(c) === status)
    .filter((c) => q === '' || c.name.includes(q) || label(c.classId).includes(q))
    // Classes by grade as the organisation orders them, never as text (一, 二 … 六年級).
    .sort((a, b) => classOrder(a.classId, b.classId) || collator.compare(a.name, b.name))
  return (
    <main className="page">
      <div className="page-title">
        <h1>{t('children.title')}</h1>
        {mayCreate && (
          <span className="page-actions">
            <a className="button" href={routeHref({ name: 'import' })}>
              {t('import.link')}
            </a>
            <a className="button primary" href={routeHref({ name: 'new' })}>
              {t('children.new')}
            </a>
          </span>
        )}
      </div>
      {children.length === 0 ? (
        <p className="empty">{mayCreate ? t('children.empty') : t('children.emptyHelper')}</p>
      ) : (
        <>
          <input
            className="search"
            type="search"
            value={query}
            placeholder={t('children.search')}
            aria-label={t('children.search')}
            onChange={(e) => setQuery(e.target.value)}
          />
          <label className="status-filter">
            {t('path.filter')}
            <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="status-filter">
              {PATH_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`path.filters.${s}`)}
                </option>
              ))}
              <option value="all">{t('path.filters.all')}</option>
            </select>
          </label>
          <p className="count">{t('children.count', { count: shown.length })}</p>
          {status === 'active' && others > 0 && <p className="hint">{t('path.othersHidden', { count: others })}</p>}
          <ClassCardLinks classNames={shown.map((c) => c.classId)} />
          <ul className="child-list" data-testid="child-list">
            {shown.map((c) => (
              <li key={c.id}>
                <a href={routeHref({ name: 'child', childId: c.id })}>
                  <span className="child-name">
                    {c.name || t('children.unnamed')}
                    {c.priority && <span className={`badge badge-${c.priority}`}>{t(`field.options.priority.${c.priority}`)}</span>}
                    {statusOf(c) !== 'active' && <span className={`badge status-badge status-${statusOf(c)}`}>{t(`path.statuses.${statusOf(c)}`)}</span>}
                  </span>
                  <span className="child-class">{label(c.classId)}</span>
                  <span className="child-meta">
                    {c.gender ? t(`field.options.gender.${c.gender}`) : t('field.options.unset')}
                    {c.birthDate && ` · ${formatDate(c.birthDate, i18n.language)}`}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  )
}

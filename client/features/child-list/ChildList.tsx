import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PATH_STATUSES } from '../../../shared/docs/child/child-path'
import { ClassCardLinks } from './ClassCardLinks'
import { ChildRows } from './ChildRows'
import { shownChildren, statusKeeps, statusOf } from './child-filter'
import { routeHref } from '../../ui/use-route'
import { useLiveIndex } from '../../ui/use-live'
import { useSignedIn } from '../../ui/use-session'
import { classLabelIn } from '../../ui/class-label'
import { useOrganisation } from '../../ui/use-organisation'

/** Rows a cold start paints before every row is read (SPEC I11): more than a tall phone shows. */
const FIRST_SCREEN = 40

export function ChildList() {
  const { t, i18n } = useTranslation()
  const [query, setQuery] = useState('')
  // Active children by default; the others are found by their status, never gone (SPEC H4).
  const [status, setStatus] = useState<string>('active')
  // Files are opened by coordinators and class teachers; helpers work on the children paired with them.
  const { account, workspace } = useSignedIn()
  const mayCreate = account.role === 'coordinator' || account.role === 'teacher'
  const org = useOrganisation()
  const children = useLiveIndex(() => workspace.queries.childList(), [])
  const classIds = useMemo(() => org.classes.map((c) => c.id), [org])
  // Until every row is read, the first screen of the list in its order, read class by class.
  const waiting = children === undefined
  const first = useLiveIndex(
    () => (waiting && classIds.length > 0 ? workspace.queries.childrenFirst(classIds, statusKeeps(status), FIRST_SCREEN) : Promise.resolve(undefined)),
    [waiting, classIds, status],
  )
  const labelOf = useMemo(() => (classId: string) => classLabelIn(t, org, classId) ?? classId, [t, org])
  const shown = useMemo(
    () => (children ? shownChildren(children, { status, query, org, labelOf, collator: new Intl.Collator(i18n.language) }) : undefined),
    [children, status, query, org, labelOf, i18n.language],
  )
  const others = useMemo(() => children?.filter((c) => statusOf(c) !== 'active').length ?? 0, [children])
  const classNames = useMemo(() => shown?.map((c) => c.classId) ?? [], [shown])
  if (!children && !(first && first.length > 0)) return null
  const rows = shown ?? first ?? []
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
      {children?.length === 0 ? (
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
          {shown && <p className="count">{t('children.count', { count: shown.length })}</p>}
          {status === 'active' && others > 0 && <p className="hint">{t('path.othersHidden', { count: others })}</p>}
          <ClassCardLinks classNames={classNames} />
          <ChildRows rows={rows} labelOf={labelOf} />
        </>
      )}
    </main>
  )
}

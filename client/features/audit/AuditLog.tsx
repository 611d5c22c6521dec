import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEntry } from '../../../shared/auth-api'
import type { AuditQuery } from '../../../shared/members-api'
import { documentName } from '../../ui/document-name'
import { classLabelIn } from '../../ui/class-label'
import { useOrganisation } from '../../ui/use-organisation'
import { useDirectory } from '../../ui/use-directory'
import { useLive } from '../../ui/use-live'
import { useMembersApi } from '../../ui/use-members-api'
import { routeHref } from '../../ui/use-route'
import { useWorkspace } from '../../ui/use-session'
import { AuditFilters, dayBound, type Filters } from './AuditFilters'
import { auditCsv, toViews, type Names } from './audit-rows'
import { downloadFile } from '../../ui/download'

const PAGE = 50

/** What was read for which query: another query's answer reads as loading. */
type Trail = { query: AuditQuery } & ({ state: 'failed' } | { state: 'ready'; entries: AuditEntry[]; next?: number; more: boolean })

/**
 * The audit trail for coordinators (docs/SPEC.md M6–M8): of one child's file, of one member, or
 * the whole workspace's; filtered, newest first, a page at a time, with names instead of ids.
 */
export function AuditLog({ childId, userId }: { childId?: string | undefined; userId?: string | undefined }) {
  const { t, i18n } = useTranslation()
  const api = useMembersApi()
  const workspace = useWorkspace()
  const directory = useDirectory()
  const organisation = useOrganisation()
  const children = useLive(() => workspace.queries.childrenByName(), [], [])
  const [filters, setFilters] = useState<Filters>(() => ({ ...(childId ? { child: childId } : {}), ...(userId ? { user: userId } : {}) }))
  const [read, setTrail] = useState<Trail | undefined>(undefined)
  const entries = read?.state === 'ready' ? read.entries : []
  const docIds = [...new Set(entries.flatMap((e) => (e.docId ? [e.docId] : [])))]
  const labels = useLive(() => workspace.queries.labels(docIds), [docIds.join('\n')], [])

  const query = useMemo((): AuditQuery => {
    const from = dayBound(filters.from, false)
    const to = dayBound(filters.to, true)
    const { child, user, action } = filters
    return { child, user, action, from, to, limit: PAGE }
  }, [filters])
  const trail = useMemo(() => (read && read.query === query ? read : { state: 'loading' as const }), [read, query])

  useEffect(() => {
    let current = true
    api.audit(query).then(
      (page) => current && setTrail({ query, state: 'ready', entries: page.entries, ...(page.next !== undefined ? { next: page.next } : {}), more: false }),
      () => current && setTrail({ query, state: 'failed' }),
    )
    return () => void (current = false)
  }, [api, query])

  const more = useCallback(async () => {
    if (trail.state !== 'ready' || trail.next === undefined) return
    setTrail({ ...trail, more: true })
    try {
      const page = await api.audit({ ...query, before: trail.next })
      setTrail({ query, state: 'ready', entries: [...trail.entries, ...page.entries], ...(page.next !== undefined ? { next: page.next } : {}), more: false })
    } catch {
      setTrail({ query, state: 'failed' })
    }
  }, [api, query, trail])

  const names: Names = {
    person: (id) => {
      if (id === null) return t('trail.system')
      const entry = directory.get(id)
      if (!entry) return t('trail.unknownPerson')
      return entry.removed ? t('trail.removed', { name: entry.displayName }) : entry.displayName
    },
    document: (docId) => documentName(t, labels[docIds.indexOf(docId)]),
    className: (classId) => classLabelIn(t, organisation, classId) ?? classId,
  }
  const views = trail.state === 'ready' ? toViews(trail.entries, names, t) : []
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })

  const exportCsv = () => {
    downloadFile(`audit-${filters.child ?? filters.user ?? workspace.workspaceId}.csv`, new Blob([auditCsv(views, t)], { type: 'text/csv' }))
  }
  const whole = !childId && !userId

  return (
    <main className="page">
      <a className="back" href={childId ? routeHref({ name: 'child', childId }) : routeHref({ name: 'members' })}>
        ← {t('audit.back')}
      </a>
      <div className="page-title">
        <h1>{whole ? t('trail.workspaceTitle') : t('audit.title')}</h1>
        {views.length > 0 && (
          <button type="button" onClick={exportCsv}>
            {t('audit.export')}
          </button>
        )}
      </div>
      <AuditFilters filters={filters} onChange={setFilters} children={children} people={[...directory.values()]} />
      {trail.state === 'loading' && <p role="status">{t('trail.loading')}</p>}
      {trail.state === 'failed' && <p className="field-error">{t('audit.failed')}</p>}
      {trail.state === 'ready' && views.length === 0 && <p className="empty">{t('audit.empty')}</p>}
      {views.length > 0 && (
        <ol className="timeline" data-testid="audit">
          {views.map((v) => (
            <li key={v.seq} className="record" data-testid="audit-row">
              <div className="record-head">
                <span className="record-type">{v.action}</span>
                <time className="record-date" dateTime={new Date(v.when).toISOString()}>
                  {when.format(new Date(v.when))}
                </time>
                <span className="record-author">{v.child ? `${v.person} · ${v.child}` : v.person}</span>
              </div>
              {v.received - v.when > 60 * 60 * 1000 && <p className="auth-hint">{t('trail.received', { time: when.format(new Date(v.received)) })}</p>}
            </li>
          ))}
        </ol>
      )}
      {trail.state === 'ready' && trail.next !== undefined && (
        <button type="button" onClick={() => void more()} disabled={trail.more} data-testid="audit-more">
          {t('trail.more')}
        </button>
      )}
    </main>
  )
}

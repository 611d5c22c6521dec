import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { AuditEntrySchema, type AuditEntry } from '../../../shared/auth-api'
import { routeHref } from '../../ui/use-route'
import { useRuntime } from '../../ui/runtime-context'

const Entries = z.array(AuditEntrySchema)

/** Who opened, changed, viewed and exported a child's file, or what one member did: for coordinators. */
export function AuditLog({ childId, userId }: { childId?: string | undefined; userId?: string | undefined }) {
  const { t, i18n } = useTranslation()
  const [entries, setEntries] = useState<AuditEntry[] | null>(null)
  const [failed, setFailed] = useState(false)
  const { http } = useRuntime()
  useEffect(() => {
    const query = childId ? `child=${encodeURIComponent(childId)}` : `user=${encodeURIComponent(userId ?? '')}`
    http
      .request(Entries, `/api/admin/audit?${query}`)
      .then(setEntries)
      .catch(() => setFailed(true))
  }, [childId, userId, http])
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' })
  const exportCsv = () => {
    if (!entries) return
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`
    const rows = [['time', 'received', 'user', 'document', 'action'], ...entries.map((e) => [new Date(e.reportedAt ?? e.at).toISOString(), new Date(e.at).toISOString(), e.userId ?? '', e.docId ?? '', e.action])]
    const url = URL.createObjectURL(new Blob(['\ufeff' + rows.map((r) => r.map(quote).join(',')).join('\r\n')], { type: 'text/csv' }))
    const a = document.createElement('a')
    a.href = url
    a.download = `audit-${childId ?? userId ?? ''}.csv`
    a.click()
    URL.revokeObjectURL(url)
  }
  return (
    <main className="page">
      <a className="back" href={childId ? routeHref({ name: 'child', childId }) : routeHref({ name: 'members' })}>
        ← {t('audit.back')}
      </a>
      <div className="page-title">
        <h1>{t('audit.title')}</h1>
        {entries && entries.length > 0 && (
          <button type="button" onClick={exportCsv}>
            {t('audit.export')}
          </button>
        )}
      </div>
      {failed && <p className="field-error">{t('audit.failed')}</p>}
      {entries?.length === 0 && <p className="empty">{t('audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <ol className="timeline" data-testid="audit">
          {entries.map((e) => (
            <li key={e.seq} className="record">
              <div className="record-head">
                <span className="record-type">{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</span>
                <span className="record-date">{when.format(new Date(e.reportedAt ?? e.at))}</span>
                <span className="record-author">{childId ? e.userId : e.docId}</span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </main>
  )
}

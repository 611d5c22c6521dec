import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { useDraftCount } from '../ui/use-drafts'
import { useLive } from '../ui/use-live'
import { useWorkspace } from '../ui/use-session'

export type SyncState = 'offline' | 'syncing' | 'drafts' | 'saved'

/**
 * The header's promise to the user: is what I wrote safe on the server yet? "All saved" only
 * when nothing typed is outside a document (no draft) and the relay has confirmed the rest
 * (SPEC S3).
 */
export function SyncStatus() {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const { connection, unsynced } = useSyncExternalStore(workspace.status.subscribe, workspace.status.getSnapshot)
  const pending = useLive(() => workspace.queries.pendingCount(), [], 0)
  const drafts = useDraftCount()
  const state: SyncState =
    connection !== 'connected' ? 'offline' : pending > 0 || unsynced > 0 ? 'syncing' : drafts > 0 ? 'drafts' : 'saved'
  const label =
    state === 'offline' ? t('sync.offline') : state === 'syncing' ? t('sync.syncing') : state === 'drafts' ? t('sync.drafts', { count: drafts }) : t('sync.saved')
  return (
    <div className={`sync-status sync-${state}`} data-testid="sync-status" data-state={state} data-pending={pending} role="status">
      <span className="sync-dot" aria-hidden="true" />
      <span>{label}</span>
      {pending > 0 && <span className="sync-waiting">{t('sync.waiting', { count: pending })}</span>}
    </div>
  )
}

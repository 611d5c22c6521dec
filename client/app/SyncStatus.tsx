import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { useDraftCount } from '../ui/use-drafts'
import { useUnsentWork } from '../ui/use-unsent'
import { useWorkspace } from '../ui/use-session'

export type SyncState = 'offline' | 'syncing' | 'drafts' | 'saved'

/**
 * The header's promise to the user: is what I wrote safe on the server yet? "All saved" only
 * when nothing typed is outside a document (no draft) and the relay has confirmed the rest
 * (SPEC S3). What waits is counted in files, as a person would (SPEC S8): a stored update is
 * one per keystroke.
 */
export function SyncStatus() {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const { connection, unsynced } = useSyncExternalStore(workspace.status.subscribe, workspace.status.getSnapshot)
  const { pendingFiles } = useUnsentWork()
  const drafts = useDraftCount()
  const state: SyncState =
    connection !== 'connected' ? 'offline' : pendingFiles > 0 || unsynced > 0 ? 'syncing' : drafts > 0 ? 'drafts' : 'saved'
  const label =
    state === 'offline' ? t('sync.offline') : state === 'syncing' ? t('sync.syncing') : state === 'drafts' ? t('sync.drafts', { count: drafts }) : t('sync.saved')
  return (
    <div className={`sync-status sync-${state}`} data-testid="sync-status" data-state={state} data-pending={pendingFiles} role="status">
      <span className="sync-dot" aria-hidden="true" />
      <span>{label}</span>
      {pendingFiles > 0 && <span className="sync-waiting">{t('sync.waiting', { count: pendingFiles })}</span>}
    </div>
  )
}

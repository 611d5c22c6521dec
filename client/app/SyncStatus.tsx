import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { useDraftCount } from '../ui/use-drafts'
import { useUnsentWork } from '../ui/use-unsent'
import { useWorkspace } from '../ui/use-session'
import { formatCount } from '../ui/figure-rows'

/** A round that pulls this many files or more shows how far it is (SPEC S16); a few files come too fast to follow. */
const PROGRESS_FROM = 20

export type SyncState = 'offline' | 'syncing' | 'drafts' | 'saved'

/**
 * The header's promise to the user: is what I wrote safe on the server yet? "All saved" only
 * when nothing typed is outside a document (no draft) and the relay has confirmed the rest
 * (SPEC S3). What waits is counted in files, as a person would (SPEC S8): a stored update is
 * one per keystroke.
 */
export function SyncStatus() {
  const { t, i18n } = useTranslation()
  const workspace = useWorkspace()
  const { connection, unsynced } = useSyncExternalStore(workspace.status.subscribe, workspace.status.getSnapshot)
  const { pendingFiles } = useUnsentWork()
  const drafts = useDraftCount()
  const progress = useSyncExternalStore(workspace.syncProgress.subscribe, workspace.syncProgress.getSnapshot)
  const state: SyncState =
    connection !== 'connected' ? 'offline' : pendingFiles > 0 || unsynced > 0 ? 'syncing' : drafts > 0 ? 'drafts' : 'saved'
  const label =
    state === 'offline' ? t('sync.offline') : state === 'syncing' ? t('sync.syncing') : state === 'drafts' ? t('sync.drafts', { count: drafts }) : t('sync.saved')
  const pulling = progress && progress.total >= PROGRESS_FROM ? t('sync.progress', { received: formatCount(progress.received, i18n.language), total: formatCount(progress.total, i18n.language) }) : undefined
  return (
    <>
      <div className={`sync-status sync-${state}`} data-testid="sync-status" data-state={state} data-pending={pendingFiles} role="status">
        <span className="sync-dot" aria-hidden="true" />
        <span>{label}</span>
        {pendingFiles > 0 && <span className="sync-waiting">{t('sync.waiting', { count: pendingFiles })}</span>}
      </div>
      {progress && pulling !== undefined && (
        <div className="sync-progress" data-testid="sync-progress">
          <progress max={progress.total} value={progress.received} aria-label={pulling} />
          <span aria-hidden="true">{pulling}</span>
        </div>
      )}
    </>
  )
}

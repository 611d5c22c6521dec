import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { useLive } from '../ui/use-live'
import { useWorkspace } from '../ui/use-session'

export type SyncState = 'offline' | 'syncing' | 'saved'

/** The header's promise to the user: is what I wrote safe on the server yet? */
export function SyncStatus() {
  const { t } = useTranslation()
  const workspace = useWorkspace()
  const { connection, unsynced } = useSyncExternalStore(workspace.status.subscribe, workspace.status.getSnapshot)
  const pending = useLive(() => workspace.queries.pendingCount(), [], 0)
  const state: SyncState =
    connection !== 'connected' ? 'offline' : pending > 0 || unsynced > 0 ? 'syncing' : 'saved'
  const label = state === 'offline' ? t('sync.offline') : state === 'syncing' ? t('sync.syncing') : t('sync.saved')
  return (
    <div className={`sync-status sync-${state}`} data-testid="sync-status" data-state={state} data-pending={pending} role="status">
      <span className="sync-dot" aria-hidden="true" />
      <span>{label}</span>
      {pending > 0 && <span className="sync-waiting">{t('sync.waiting', { count: pending })}</span>}
    </div>
  )
}

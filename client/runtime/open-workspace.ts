/**
 * The signed-in member's workspace at work: the Workspace (open documents and their sockets)
 * and background catch-up of the closed ones. It exists only between sign-in and sign-out.
 */
import { toWorkspaceId } from '../../shared/doc-id'
import { setSignedInUser } from '../ui/use-user'
import type { ShouwangDb } from './store/db'
import { BackgroundSync } from './sync/background-sync'
import { Workspace } from './sync/workspace'
import type { Account } from './session/account-store'

const BACKGROUND_SYNC_INTERVAL_MS = 30_000

export interface WorkspaceRuntime {
  readonly workspace: Workspace
  /** False while the relay's session needs the password again: sockets would only be refused. */
  setNetworkAllowed(allowed: boolean): void
  /** The relay's newer display name (presence and authorship follow it). */
  setAccount(account: Account): void
  close(): void
}

export interface RuntimeHooks {
  /** After each background round, so the session can look at the relay when rounds fail. */
  onRound(ok: boolean): void
  /** The relay closed a file for good: access ended, or the session did. */
  onAccessEnded(): void
}

export function openWorkspace(db: ShouwangDb, account: Account, hooks: RuntimeHooks): WorkspaceRuntime {
  let allowed = true
  const online = () => navigator.onLine && allowed
  const workspace = new Workspace({
    db,
    workspaceId: toWorkspaceId(account.workspace),
    relayUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`,
    user: setSignedInUser(account.user),
    online,
  })
  void workspace.start()
  const stopAccessEnded = workspace.onAccessEnded(() => hooks.onAccessEnded())

  // Files that are not open catch up in the background: at start, when the network returns,
  // and every half minute while online. A failed round is retried by the next one.
  const background = new BackgroundSync(workspace, location.origin)
  const catchUp = () => {
    if (!online()) return
    background.run().then(
      () => hooks.onRound(true),
      (error: unknown) => {
        console.warn('background sync', error)
        hooks.onRound(false)
      },
    )
  }
  const onOnline = () => {
    workspace.setOnline(online())
    catchUp()
  }
  const onOffline = () => workspace.setOnline(false)
  window.addEventListener('online', onOnline)
  window.addEventListener('offline', onOffline)
  const timer = setInterval(catchUp, BACKGROUND_SYNC_INTERVAL_MS)
  catchUp()
  // A new child reaches the relay (and its class's teacher) within a second, not at the next
  // half-minute round; an import's thousands of creations make one round.
  let soon: ReturnType<typeof setTimeout> | undefined
  const stopCreated = workspace.onSyncWanted(() => {
    clearTimeout(soon)
    soon = setTimeout(catchUp, 1000)
  })

  return {
    workspace,
    setNetworkAllowed(next) {
      if (next === allowed) return
      allowed = next
      workspace.setOnline(online())
      catchUp()
    },
    setAccount(next) {
      workspace.setUser(setSignedInUser(next.user))
    },
    close() {
      clearInterval(timer)
      clearTimeout(soon)
      stopCreated()
      stopAccessEnded()
      window.removeEventListener('online', onOnline)
      window.removeEventListener('offline', onOffline)
      workspace.destroy()
      setSignedInUser(undefined)
    },
  }
}

/**
 * The client's runtime, created once by the composition root (client/main.tsx): the one HTTP
 * client, the account API, the session state machine and, while someone is signed in, their
 * Workspace (runtime/workspace.ts: store, live and background sync, indexes, author). It
 * knows nothing of React or of any page; views reach it through the hooks in client/ui/.
 */
import { preloadIndexWorker } from './indexes/projector'
import { toWorkspaceId } from '../../shared/doc-id'
import { createAuthApi, type AuthApi } from './session/auth-client'
import type { AccountStorage } from './session/account-store'
import { AuthSession } from './session/session'
import { openDb, type ShouwangDb } from './store/db'
import type { KeyedStorage } from './store/local-data'
import type { ProviderOptions } from './sync/live-docs'
import { RelayClock } from './sync/relay-clock'
import { createRelayHttp, type RelayHttp } from './sync/relay-http'
import { Workspace } from './workspace'

export interface RuntimeEnv {
  /** Where the account and the unload journal are kept (the browser's localStorage). */
  storage: AccountStorage & KeyedStorage
  isOnline(): boolean
  /** Fires 'online', 'offline' and 'beforeunload' (the browser's window). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
  /** The relay's HTTP origin ('' for the page's own) and websocket base (`ws://host:port`). */
  httpBase: string
  wsBase: string
  fetchImpl?: typeof fetch
  /** The device's database; a new instance after the old one was deleted. */
  openDb?: () => ShouwangDb
  /** Options passed to every provider (tests give Node's WebSocket). */
  providerOptions?: ProviderOptions
}

export interface Runtime {
  readonly session: AuthSession<Workspace>
  readonly api: AuthApi
  readonly http: RelayHttp
  readonly clock: RelayClock
  /** Signs in from the relay's cookie if it can; listens for the network coming back. */
  start(): Promise<void>
  destroy(): void
}

export function createRuntime(env: RuntimeEnv): Runtime {
  // The index worker loads while the person signs in, ready for the workspace (SPEC I13).
  preloadIndexWorker()
  // The relay's clock, as its answers tell it: every write is stamped with it (shared/clock.ts).
  const clock = new RelayClock(env.storage)
  const http = createRelayHttp({ baseUrl: env.httpBase, clock, ...(env.fetchImpl ? { fetchImpl: env.fetchImpl } : {}) })
  const api = createAuthApi(http)
  const session = new AuthSession<Workspace>({
    api,
    storage: env.storage,
    isOnline: env.isOnline,
    openDb: env.openDb ?? (() => openDb()),
    // The workspace opens only for a signed-in member, in their own workspace (session.ts A1).
    openWorkspace: (db, account, hooks) => {
      const workspace = new Workspace(
        {
          db,
          workspaceId: toWorkspaceId(account.workspace),
          user: account.user,
          relayUrl: env.wsBase,
          http,
          clock,
          deviceStorage: env.storage,
          online: env.isOnline,
          ...(env.providerOptions ? { providerOptions: env.providerOptions } : {}),
        },
        hooks,
      )
      workspace.start().catch((error: unknown) => console.error('opening the workspace', error))
      workspace.startSync(env.events)
      if (env.events) workspace.guardLeaving(env.events)
      return workspace
    },
  })
  // The offset is kept across restarts only while someone is signed in (sign-out leaves nothing).
  const stopClock = session.subscribe(() => clock.setPersistent(session.getSnapshot().name === 'signed-in'))
  // The network is back: the relay may have forgotten this browser while it was away.
  const onOnline = () => void session.checkSession()
  return {
    session,
    api,
    http,
    clock,
    async start() {
      env.events?.addEventListener('online', onOnline)
      await session.start()
    },
    destroy() {
      stopClock()
      env.events?.removeEventListener('online', onOnline)
      const phase = session.getSnapshot()
      if (phase.name === 'signed-in') phase.workspace.close()
    },
  }
}

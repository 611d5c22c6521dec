import { WebSocket } from 'ws'
import { toWorkspaceId } from '../../shared/doc-id'
import { openDb } from '../../client/runtime/store/db'
import { createRelayHttp } from '../../client/runtime/sync/relay-http'
import type { DraftStorage } from '../../client/runtime/store/drafts'
import { Workspace } from '../../client/runtime/workspace'
import { withBearer } from './clients'

let n = 0

/** A signed-in account, as the relay's sign-in answers it (tests/helpers/accounts.ts). */
export interface SignedIn {
  token: string
  user: { id: string; displayName: string }
}

/**
 * The browser client's Workspace (client/runtime/workspace.ts), in Node: Dexie on
 * fake-indexeddb, Node's WebSocket, no BroadcastChannel. With a session token, its sockets
 * and its HTTP requests (background sync, the outbox) carry it as a bearer header; with the
 * whole session, it also signs its changes as that account, as the relay expects (docs/SPEC.md R1).
 */
export function makeWorkspace(
  relayUrl: string,
  name = `device-${++n}`,
  session?: string | SignedIn,
  {
    dbName,
    deviceStorage,
    wiped,
    backgroundIntervalMs,
    wrapFetch = (f) => f,
  }: { dbName?: string; deviceStorage?: DraftStorage; wiped?: boolean; backgroundIntervalMs?: number; wrapFetch?: (f: typeof fetch) => typeof fetch } = {},
): Workspace {
  const token = typeof session === 'string' ? session : session?.token
  const user = typeof session === 'object' ? { id: session.user.id, displayName: session.user.displayName } : { id: `user-${name}`, displayName: name }
  return new Workspace(
    {
    db: openDb(dbName ?? `test-${name}-${Date.now()}-${Math.random().toString(36).slice(2)}`),
    ...(deviceStorage ? { deviceStorage } : {}),
    ...(backgroundIntervalMs !== undefined ? { backgroundIntervalMs } : {}),
    workspaceId: toWorkspaceId('school-1'),
    user,
    relayUrl: relayUrl.replace(/^http/, 'ws'),
    http: createRelayHttp({ baseUrl: relayUrl.replace(/^ws/, 'http'), fetchImpl: wrapFetch(token ? fetchWithBearer(token) : (...args) => fetch(...args)) }),
    providerOptions: {
      WebSocketPolyfill: (token ? withBearer(token) : WebSocket) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
    },
    },
    { wiped: wiped ?? false },
  )
}

/** `fetch` as a signed-in non-browser client makes it, for the device's HTTP client in Node. */
export function fetchWithBearer(token: string): typeof fetch {
  return (input, init = {}) => fetch(input, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` } })
}

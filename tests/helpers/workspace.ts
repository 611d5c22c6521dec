import { WebSocket } from 'ws'
import { toWorkspaceId } from '../../shared/doc-id'
import { openDb } from '../../client/runtime/store/db'
import { Workspace } from '../../client/runtime/sync/workspace'
import { withBearer } from './clients'

let n = 0

/**
 * The browser client's Workspace, in Node: Dexie on fake-indexeddb, Node's WebSocket, no
 * BroadcastChannel. With a session token, its sockets carry it as a bearer header.
 */
export function makeWorkspace(relayUrl: string, name = `device-${++n}`, token?: string): Workspace {
  return new Workspace({
    db: openDb(`test-${name}-${Date.now()}`),
    workspaceId: toWorkspaceId('school-1'),
    relayUrl: relayUrl.replace(/^http/, 'ws'),
    user: { name, color: '#123456' },
    providerOptions: {
      WebSocketPolyfill: (token ? withBearer(token) : WebSocket) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
    },
  })
}

/** `fetch` as a signed-in non-browser client makes it, for BackgroundSync in Node. */
export function fetchWithBearer(token: string): typeof fetch {
  return (input, init = {}) => fetch(input, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` } })
}

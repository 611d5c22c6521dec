import { WebSocket } from 'ws'
import { toWorkspaceId } from '../../shared/doc-id'
import { openDb } from '../../client/runtime/store/db'
import { createRelayHttp } from '../../client/runtime/sync/relay-http'
import type { DraftStorage } from '../../client/runtime/store/drafts'
import { Workspace } from '../../client/runtime/workspace'
import { withBearer } from './clients'

let n = 0

/**
 * The browser client's Workspace (client/runtime/workspace.ts), in Node: Dexie on
 * fake-indexeddb, Node's WebSocket, no BroadcastChannel. With a session token, its sockets
 * and its HTTP requests (background sync, the outbox) carry it as a bearer header.
 */
export function makeWorkspace(
  relayUrl: string,
  name = `device-${++n}`,
  token?: string,
  { dbName, deviceStorage, wiped, backgroundIntervalMs }: { dbName?: string; deviceStorage?: DraftStorage; wiped?: boolean; backgroundIntervalMs?: number } = {},
): Workspace {
  return new Workspace(
    {
    db: openDb(dbName ?? `test-${name}-${Date.now()}-${Math.random().toString(36).slice(2)}`),
    ...(deviceStorage ? { deviceStorage } : {}),
    ...(backgroundIntervalMs !== undefined ? { backgroundIntervalMs } : {}),
    workspaceId: toWorkspaceId('school-1'),
    user: { id: `user-${name}`, displayName: name },
    relayUrl: relayUrl.replace(/^http/, 'ws'),
    http: createRelayHttp({ baseUrl: relayUrl.replace(/^ws/, 'http'), ...(token ? { fetchImpl: fetchWithBearer(token) } : {}) }),
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

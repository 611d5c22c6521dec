import { WebSocket } from 'ws'
import { toWorkspaceId } from '../../shared/doc-id'
import { openDb } from '../../client/store/db'
import { Workspace } from '../../client/sync/workspace'

let n = 0

/** The browser client's Workspace, in Node: Dexie on fake-indexeddb, Node's WebSocket, no BroadcastChannel. */
export function makeWorkspace(relayUrl: string, name = `device-${++n}`): Workspace {
  return new Workspace({
    db: openDb(`test-${name}-${Date.now()}`),
    workspaceId: toWorkspaceId('school-1'),
    relayUrl: relayUrl.replace(/^http/, 'ws'),
    user: { name, color: '#123456' },
    providerOptions: {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 200,
    },
  })
}

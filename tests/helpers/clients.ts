import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MessageType, readPermissionDenied } from '../../shared/protocol'

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  destroy(): void
}

/**
 * A stock y-websocket client, as any third party would use it. BroadcastChannel is off,
 * so every byte goes through the relay under test.
 */
export function connectClient(relayUrl: string, docId: string, doc: Y.Doc = new Y.Doc(), token?: string): TestClient {
  const wsUrl = `${relayUrl.replace(/^http/, 'ws')}/sync`
  const provider = new WebsocketProvider(wsUrl, docId, doc, {
    WebSocketPolyfill: (token ? withBearer(token) : WebSocket) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  })
  return {
    doc,
    provider,
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Resolves when `check` holds (or resolves true), polling; rejects with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

export function waitSynced(client: TestClient): Promise<void> {
  return waitFor(() => client.provider.synced, 'the client to sync with the relay')
}

/** Node's WebSocket sending a session as `Authorization: Bearer`, as a non-browser client does. */
export function withBearer(token: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { authorization: `Bearer ${token}` } })
    }
  } as typeof WebSocket
}

/** The reasons the relay gives this client for refusing its changes (y-protocols' "permission denied"), as they come. */
export function hearDenied(client: TestClient): string[] {
  const denied: string[] = []
  client.provider.messageHandlers[MessageType.auth] = (_encoder, decoder) => void denied.push(readPermissionDenied(decoder))
  return denied
}

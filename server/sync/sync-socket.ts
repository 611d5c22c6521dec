import type { Context } from 'hono'
import type { UpgradeWebSocket, WSContext } from 'hono/ws'
import type { WebSocket } from 'ws'
import { parseDocumentId } from '../../shared/doc-id'
import { CloseCode } from '../../shared/protocol'
import type { Logger } from '../log'
import { MalformedMessage, parseClientMessage } from './client-message'
import type { Principal } from '../auth/authorize'
import type { LiveConnections } from './live-connections'
import type { Peer, Room } from './room'
import type { Rooms } from './rooms'

let nextPeer = 1

/** The websocket route: one connection is one peer in one document's room. */
export interface SocketAccess {
  /** Set by the route's auth middleware before the upgrade; absent on a relay without accounts. */
  principal: Principal
  access: 'read' | 'write'
}

export function syncSocket({
  upgradeWebSocket,
  rooms,
  log,
  live,
  audit,
}: {
  upgradeWebSocket: UpgradeWebSocket<WebSocket>
  rooms: Rooms
  log: Logger
  live?: LiveConnections
  audit?: (principal: Principal, docId: string, action: 'opened' | 'changed') => void
}) {
  return upgradeWebSocket((c: Context) => {
    const granted = c.get('socketAccess') as SocketAccess | undefined
    // Bad percent-encoding is one more invalid id (closed with 4404), not a server error.
    const docId = syncDocumentId(c.req.path) ?? ''
    const valid = parseDocumentId(docId) !== undefined
    let room: Room | undefined
    let peer: (Peer & { closed: boolean }) | undefined

    const closeWith = (ws: WSContext, code: number, reason: string) => {
      if (peer) peer.closed = true
      ws.close(code, reason)
    }

    return {
      onOpen(_event, ws) {
        if (!valid) {
          log.warn('sync.bad-document-id', { length: docId.length })
          closeWith(ws, CloseCode.badDocumentId, 'unknown document')
          return
        }
        const label = `p${nextPeer++}`
        const p: Peer & { closed: boolean } = {
          label,
          closed: false,
          send: (data) => {
            if (!p.closed && ws.readyState === 1) ws.send(data as Uint8Array<ArrayBuffer>)
          },
          close: (code, reason) => closeWith(ws, code, reason),
          canWrite: granted ? granted.access === 'write' : true,
        }
        if (granted) {
          const { principal } = granted
          p.identity = { id: principal.user.id, name: principal.user.displayName }
          live?.add(p, principal, docId)
          audit?.(principal, docId, 'opened')
          // One "changed" entry per connection and ten minutes, not one per keystroke.
          let lastChanged = 0
          p.onCommitted = () => {
            if (Date.now() - lastChanged < 10 * 60 * 1000) return
            lastChanged = Date.now()
            audit?.(principal, docId, 'changed')
          }
        }
        peer = p
        // @hono/node-ws builds a global ErrorEvent for its onError, which Node does not have,
        // so that handler would never run: hear socket errors (an oversize frame) from ws itself.
        ws.raw?.on('error', (error: Error & { code?: string }) => {
          log.warn('sync.socket-error', { doc: docId, peer: label, reason: error.code ?? error.message.slice(0, 200) })
        })
        room = rooms.get(docId)
        room.join(p)
      },
      onMessage(event, ws) {
        if (!room || !peer || peer.closed) return
        try {
          if (!(event.data instanceof ArrayBuffer)) throw new MalformedMessage('a text frame; the protocol is binary')
          room.handle(peer, parseClientMessage(new Uint8Array(event.data)))
        } catch (error) {
          const reason = error instanceof MalformedMessage ? error.message : 'message could not be handled'
          log.warn('sync.malformed-message', { doc: docId, peer: peer.label, reason: reason.slice(0, 200) })
          closeWith(ws, CloseCode.malformed, 'malformed message')
        }
      },
      onClose() {
        if (room && peer) {
          peer.closed = true
          live?.remove(peer)
          room.leave(peer)
        }
      },
    }
  })
}

/** The document id of a `/sync/<id>` path; undefined for bad percent-encoding (an invalid id, not a server error). */
export function syncDocumentId(path: string): string | undefined {
  try {
    return decodeURIComponent(path.slice('/sync/'.length))
  } catch {
    return undefined
  }
}

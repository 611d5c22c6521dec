/**
 * The websocket route: one connection is one peer in one document's room. The room is
 * loaded before the peer joins, so the first thing a connection hears is the stored
 * document's state vector; what it sent meanwhile is kept and handled in order once the
 * room is there, even if the connection has closed since (as it would have been, had the
 * room been live). Once the relay closes a connection (a bad message, access ended),
 * nothing more it sent is read.
 */
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
import { RoomsClosed, type Rooms } from './rooms'

let nextPeer = 1

/** What the route's auth middleware decided before the upgrade. */
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
    /** Messages that arrived while the room was loading, handled in order once it has. */
    let early: unknown[] | undefined = []
    /** The relay closed this connection: nothing more it sent is read. */
    let refused = false
    let gone = false

    const closeWith = (ws: WSContext, code: number, reason: string) => {
      refused = true
      if (peer) peer.closed = true
      ws.close(code, reason)
    }

    const handle = (data: unknown, ws: WSContext) => {
      if (!room || !peer || refused) return
      try {
        if (!(data instanceof ArrayBuffer)) throw new MalformedMessage('a text frame; the protocol is binary')
        room.handle(peer, parseClientMessage(new Uint8Array(data)))
      } catch (error) {
        const reason = error instanceof MalformedMessage ? error.message : 'message could not be handled'
        log.warn('sync.malformed-message', { doc: docId, peer: peer.label, reason: reason.slice(0, 200) })
        closeWith(ws, CloseCode.malformed, 'malformed message')
      }
    }

    const leave = () => {
      if (!room || !peer) return
      room.leave(peer)
      rooms.release(docId)
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
        // Joined only once the document is loaded: the first sync step 1 it hears is the whole document.
        rooms.acquire(docId).then(
          (loaded) => {
            room = loaded
            loaded.join(p)
            const waiting = early ?? []
            early = undefined
            // Sent while the socket was open, so handled even if it has closed since, as they would
            // have been had the room been live; none after one the relay refused.
            for (const data of waiting) handle(data, ws)
            if (gone) leave()
          },
          (error: unknown) => {
            const shuttingDown = error instanceof RoomsClosed
            closeWith(ws, shuttingDown ? CloseCode.goingAway : CloseCode.storageFailed, shuttingDown ? 'relay shutting down' : 'storage failed')
          },
        )
      },
      onMessage(event, ws) {
        if (refused) return
        if (early) early.push(event.data)
        else handle(event.data, ws)
      },
      onClose() {
        gone = true
        if (peer) {
          peer.closed = true
          live?.remove(peer)
        }
        if (room) leave()
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

/**
 * The websocket route: one connection is one peer in one document's room. Who may open it
 * is decided before the upgrade (`syncAccess`): a refusal is an HTTP status and not one
 * document byte. The room is loaded before the peer joins, so the first thing a connection hears is the stored
 * document's state vector; what it sent meanwhile is kept and handled in order once the
 * room is there, even if the connection has closed since (as it would have been, had the
 * room been live). Once the relay closes a connection (a bad message, access ended),
 * nothing more it sent is read. What one account may take is the AccountGate's to say
 * (socket-limits.ts, SPEC Q4, Q5, Q7, Q9): a socket past its pace, or whose refused writes cost
 * more than its account's or the relay's budget, is not read until it is back within them, and a
 * malformed message is a strike against its account.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { UpgradeWebSocket, WSContext } from 'hono/ws'
import type { WebSocket } from 'ws'
import { parseDocumentId } from '../../shared/doc-id'
import { CloseCode } from '../../shared/protocol'
import type { Authorizer, Caller } from '../auth/authorizer'
import type { Logger } from '../log'
import { MalformedMessage, parseClientMessage } from './client-message'
import type { LiveConnections } from './live-connections'
import type { Peer, Room } from './room'
import { RoomErased, RoomsClosed, type Rooms } from './rooms'
import { socketPace, type AccountGate } from './socket-limits'

let nextPeer = 1

/** What the access middleware decided before the upgrade, for the socket it let through. */
export interface SocketAccess {
  caller: Caller
  docId: string
  access: 'read' | 'write'
}

/** One "changed" entry in the audit trail per connection and ten minutes, not one per keystroke. */
const CHANGED_EVERY_MS = 10 * 60 * 1000

/**
 * Before the upgrade: 401 if no one is signed in, 429 for an account past its sockets or its
 * strikes (SPEC Q5, Q7), 403 for a document id the relay does not
 * store (bad percent-encoding included: an invalid id, not a server error), one the caller
 * may not open, or one that was erased (docs/SPEC.md E6). Only then is the upgrade answered.
 */
export function syncAccess(
  authorizer: Authorizer,
  log: Logger,
  isErased: (docId: string) => Promise<boolean>,
  gate: AccountGate,
): MiddlewareHandler<{ Variables: { socketAccess: SocketAccess } }> {
  return async (c, next) => {
    const caller = authorizer.callerOf(c)
    if (!caller) return c.body(null, 401)
    const limited = gate.refusal(caller.identity.id)
    if (limited) {
      log.warn('sync.upgrade-limited', { reason: limited.reason })
      // @hono/node-ws writes only the status of a refused upgrade; an HTTP client sees the wait.
      if (limited.reason === 'strikes') c.header('Retry-After', String(Math.ceil(limited.retryAfterMs / 1000)))
      return c.body(null, 429)
    }
    const docId = syncDocumentId(c.req.path)
    if (docId === undefined || parseDocumentId(docId) === undefined) {
      log.warn('sync.bad-document-id', { length: docId?.length ?? 0 })
      return c.body(null, 403)
    }
    const access = caller.access(docId)
    if (access === 'none' || (await isErased(docId))) return c.body(null, 403)
    c.set('socketAccess', { caller, docId, access })
    await next()
  }
}

export function syncSocket({
  upgradeWebSocket,
  rooms,
  log,
  live,
  gate,
}: {
  upgradeWebSocket: UpgradeWebSocket<WebSocket>
  rooms: Rooms
  log: Logger
  live: LiveConnections
  gate: AccountGate
}) {
  return upgradeWebSocket((c: Context) => {
    // Mounted behind syncAccess; without its decision, a socket is closed before it hears anything.
    const granted = c.get('socketAccess') as SocketAccess | undefined
    const docId = granted?.docId ?? ''
    let room: Room | undefined
    let peer: (Peer & { closed: boolean }) | undefined
    /** Messages that arrived while the room was loading, handled in order once it has. */
    let early: unknown[] | undefined = []
    /** The relay closed this connection: nothing more it sent is read. */
    let refused = false
    let gone = false
    /** Counted among its account's sockets (SPEC Q5), until it closes. */
    let counted = false
    const pace = socketPace(gate.limits, Date.now())
    /** Reading is paused until then, for a socket past its pace (SPEC Q4). */
    let slowed: ReturnType<typeof setTimeout> | undefined
    let slowedUntil = 0
    /** Messages already read when reading was paused: handled once the pause ends, not before. */
    let backlog: unknown[] = []
    let slowedLogged = false
    let pacedLogged = false
    const userId = granted?.caller.identity.id ?? ''

    /**
     * Not read again for `ms` (or until an earlier pause ends, if longer): the sender's own socket
     * holds what it sends next (SPEC Q4, Q9). False if it cannot be paused or already was.
     */
    const pauseReading = (ws: WSContext<WebSocket>, ms: number): boolean => {
      const raw = ws.raw
      if (!raw || refused) return false
      if (slowed) {
        if (ms <= slowedUntil - Date.now()) return false
        clearTimeout(slowed)
      }
      raw.pause()
      slowedUntil = Date.now() + ms
      slowed = setTimeout(() => {
        slowed = undefined
        // What was read before the pause took hold is handled first, in order, each able to pause again.
        while (!slowed && !refused && backlog.length > 0) handle(backlog.shift(), ws)
        if (!slowed) raw.resume()
      }, ms)
      return true
    }

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
        gate.strike(userId)
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
        if (!granted) {
          closeWith(ws, CloseCode.badDocumentId, 'unknown document')
          return
        }
        const { caller } = granted
        counted = true
        if (!gate.opened(userId)) {
          // Opened alongside others past the account's limit: the device reconnects later (SPEC Q5).
          closeWith(ws, CloseCode.tooManyConnections, 'too many connections')
          return
        }
        const label = `p${nextPeer++}`
        let lastChanged = 0
        const p: Peer & { closed: boolean } = {
          label,
          closed: false,
          send: (data) => {
            if (!p.closed && ws.readyState === 1) ws.send(data as Uint8Array<ArrayBuffer>)
          },
          close: (code, reason) => closeWith(ws, code, reason),
          canWrite: granted.access === 'write',
          identity: caller.identity,
          writer: () => caller.writer(docId),
          onRefused: (bytes) => {
            // What refused writes cost is paid by waiting, this account's and the relay's (SPEC Q9).
            const wait = gate.refused(userId, bytes)
            if (wait > 0 && pauseReading(ws, wait) && !pacedLogged) {
              log.info('sync.refusals-paced', { doc: docId, peer: label })
              pacedLogged = true
            }
          },
          onCommitted: (audit) => {
            // What was deleted or restored is recorded every time (docs/SPEC.md D3).
            for (const action of audit) caller.audit(docId, action)
            if (Date.now() - lastChanged < CHANGED_EVERY_MS) return
            lastChanged = Date.now()
            caller.audit(docId, 'changed')
          },
        }
        live.add(p, caller, docId)
        caller.audit(docId, 'opened')
        peer = p
        // @hono/node-ws builds a global ErrorEvent for its onError, which Node does not have,
        // so that handler would never run: hear socket errors (an oversize frame) from ws itself.
        ws.raw?.on('error', (error: Error & { code?: string }) => {
          log.warn('sync.socket-error', { doc: docId, peer: label, reason: error.code ?? error.message.slice(0, 200) })
          // An oversize or invalid frame is a strike, as a malformed message is (SPEC Q7).
          gate.strike(userId)
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
            if (error instanceof RoomErased) closeWith(ws, CloseCode.erased, 'erased')
            else if (error instanceof RoomsClosed) closeWith(ws, CloseCode.goingAway, 'relay shutting down')
            else closeWith(ws, CloseCode.storageFailed, 'storage failed')
          },
        )
      },
      onMessage(event, ws) {
        if (refused) return
        const data: unknown = event.data
        const wait = pace(data instanceof ArrayBuffer ? data.byteLength : String(data).length, Date.now())
        if (wait > 0 && pauseReading(ws, wait) && !slowedLogged) {
          log.info('sync.slowed', { doc: docId, peer: peer?.label ?? '' })
          slowedLogged = true
        }
        if (early) early.push(data)
        else if (slowed || backlog.length > 0) backlog.push(data)
        else handle(data, ws)
      },
      onClose() {
        gone = true
        if (slowed) clearTimeout(slowed)
        // Never answered saved, so the device still has them and sends them again (SPEC S7).
        backlog = []
        if (counted) gate.closed(userId)
        if (peer) {
          peer.closed = true
          live.remove(peer)
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

/**
 * The live websocket connections and who is behind each, so that a change of access takes
 * effect at once: a pairing ended, a role changed, a session ended or expired. Each change
 * re-checks the affected connections; a sweep every two seconds catches expiries. Who may
 * still do what is the Authorizer's to say (`Caller.again`, `Caller.access`), never this module's.
 */
import { CloseCode, writeAccessChanged } from '../../shared/protocol'
import type { Caller } from '../auth/authorizer'
import type { Logger } from '../log'
import type { Peer } from './room'

export const SWEEP_INTERVAL_MS = 2000

export class LiveConnections {
  private readonly live = new Map<Peer, { caller: Caller; docId: string }>()
  private readonly timer: ReturnType<typeof setInterval>

  constructor(private readonly log: Logger) {
    this.timer = setInterval(() => this.recheck(), SWEEP_INTERVAL_MS)
    this.timer.unref()
  }

  add(peer: Peer, caller: Caller, docId: string): void {
    this.live.set(peer, { caller, docId })
  }

  remove(peer: Peer): void {
    this.live.delete(peer)
  }

  /** Re-checks every connection (or one user's): closes those that lost access, narrows those now read-only. */
  recheck(userId?: string): void {
    for (const [peer, { caller, docId }] of this.live) {
      if (userId !== undefined && caller.identity.id !== userId) continue
      const current = caller.again()
      if (!current) {
        // Not a loss of access to this file: the device keeps it and asks for the password.
        this.live.delete(peer)
        this.log.info('sync.session-ended', { doc: docId, peer: peer.label })
        peer.close(CloseCode.sessionEnded, 'session ended')
        continue
      }
      const access = current.access(docId)
      if (access === 'none') {
        this.live.delete(peer)
        this.log.info('sync.access-ended', { doc: docId, peer: peer.label })
        peer.close(CloseCode.accessEnded, 'access ended')
      } else {
        this.live.set(peer, { caller: current, docId })
        peer.canWrite = access === 'write'
      }
    }
  }

  /**
   * Tells every live connection of these members that their access changed (docs/SPEC.md P4):
   * each device keeps the settings document's socket open, so it hears within a second and
   * catches up at once. Run after `recheck`, so a socket that lost its file is closed first.
   */
  tellAccessChanged(userIds: readonly string[]): void {
    if (userIds.length === 0) return
    const users = new Set(userIds)
    const message = writeAccessChanged()
    for (const [peer, { caller }] of this.live) if (users.has(caller.identity.id)) peer.send(message)
  }

  /** Closes every connection to the document with this code (an erased file: 4410), at once. */
  closeDocument(docId: string, code: number, reason: string): void {
    for (const [peer, entry] of this.live) {
      if (entry.docId !== docId) continue
      this.live.delete(peer)
      this.log.info('sync.document-closed', { doc: docId, peer: peer.label, code })
      peer.close(code, reason)
    }
  }

  get size(): number {
    return this.live.size
  }

  destroy(): void {
    clearInterval(this.timer)
  }
}

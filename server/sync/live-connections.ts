/**
 * The live websocket connections and who is behind each, so that a change of access takes
 * effect at once: a pairing ended, a role changed, a session ended or expired. Each change
 * re-checks the affected connections; a sweep every two seconds catches expiries.
 */
import type { Access } from '../../shared/access'
import { CloseCode } from '../../shared/protocol'
import type { AccessStore } from '../auth/access-store'
import { accessToDocument, principalOf, type Principal } from '../auth/authorize'
import type { Logger } from '../log'
import type { Peer } from './room'

export const SWEEP_INTERVAL_MS = 2000

export class LiveConnections {
  private readonly live = new Map<Peer, { principal: Principal; docId: string }>()
  private readonly timer: ReturnType<typeof setInterval>

  constructor(
    private readonly access: AccessStore,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => this.recheck(), SWEEP_INTERVAL_MS)
    this.timer.unref()
  }

  add(peer: Peer, principal: Principal, docId: string): void {
    this.live.set(peer, { principal, docId })
  }

  remove(peer: Peer): void {
    this.live.delete(peer)
  }

  /** Re-checks every connection (or one user's): closes those that lost access, narrows those now read-only. */
  recheck(userId?: string): void {
    for (const [peer, { principal, docId }] of this.live) {
      if (userId !== undefined && principal.user.id !== userId) continue
      const current = principalOf(this.access, principal.token)
      if (!current || current.user.id !== principal.user.id) {
        // Not a loss of access to this file: the device keeps it and asks for the password.
        this.live.delete(peer)
        this.log.info('sync.session-ended', { doc: docId, peer: peer.label })
        peer.close(CloseCode.sessionEnded, 'session ended')
        continue
      }
      const access: Access = accessToDocument(this.access, current, docId)
      if (access === 'none') {
        this.live.delete(peer)
        this.log.info('sync.access-ended', { doc: docId, peer: peer.label })
        peer.close(CloseCode.accessEnded, 'access ended')
      } else {
        peer.canWrite = access === 'write'
      }
    }
  }

  get size(): number {
    return this.live.size
  }

  destroy(): void {
    clearInterval(this.timer)
  }
}

/**
 * Updates of a connection that build on something the relay does not have yet (docs/SPEC.md Q8):
 * a device that types while it reconnects sends its edit before the sync step that carries what
 * the edit builds on. Held, bounded, for that connection alone, and admitted once what they build
 * on has come; past a bound they are dropped and refused. Never stored or served while held.
 */
import type { WriteLimits } from './write-limits'

interface Held {
  update: Uint8Array
  at: number
}

/** What trying a held update again came to: still waiting, taken (admitted and committed), or refused. */
export type HeldOutcome = 'waiting' | 'taken' | 'refused'

export class HeldUpdates<P> {
  private readonly held = new Map<P, Held[]>()

  constructor(private readonly limits: () => WriteLimits) {}

  has(peer: P): boolean {
    return this.held.has(peer)
  }

  drop(peer: P): void {
    this.held.delete(peer)
  }

  /** Holds the update; false (it is to be refused, and all it held is dropped) past the bounds. */
  hold(peer: P, update: Uint8Array): boolean {
    const list = this.held.get(peer) ?? []
    const bytes = list.reduce((sum, h) => sum + h.update.byteLength, update.byteLength)
    const { heldMaxUpdates, heldMaxBytes } = this.limits()
    if (list.length >= heldMaxUpdates || bytes > heldMaxBytes || this.tooLong(peer)) {
      // Dropped whole: what they build on is not coming on this connection.
      this.held.delete(peer)
      return false
    }
    list.push({ update, at: Date.now() })
    this.held.set(peer, list)
    return true
  }

  /** Whether the connection's oldest held update has waited past the bound. */
  tooLong(peer: P): boolean {
    const oldest = this.held.get(peer)?.[0]
    return oldest !== undefined && Date.now() - oldest.at > this.limits().heldMaxMs
  }

  /**
   * After one of the connection's updates was admitted: tries what it held again, in order, until
   * nothing more can be taken. A refusal drops everything it held.
   */
  retry(peer: P, attempt: (update: Uint8Array) => HeldOutcome): void {
    let list = this.held.get(peer)
    while (list && list.length > 0) {
      let progressed = false
      for (const held of [...list]) {
        const outcome = attempt(held.update)
        if (outcome === 'waiting') continue
        if (outcome === 'refused') {
          this.held.delete(peer)
          return
        }
        list = list.filter((h) => h !== held)
        progressed = true
      }
      if (list.length === 0) this.held.delete(peer)
      else this.held.set(peer, list)
      if (!progressed) return
    }
  }
}

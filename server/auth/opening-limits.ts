/**
 * The relay's own "opened" entries cannot blind the audit trail either (docs/SPEC.md N4): a
 * member who opens the same file again within SAME_OPENING_MS of the last opening stored adds
 * nothing the reader would not show as one opening (SPEC M7), so it is not stored again, however
 * many sockets they open. Kept in memory and bounded, like the report limits.
 */
import { SAME_OPENING_MS } from './access-store'

const MAX_ENTRIES = 50_000

export class OpeningLimits {
  private readonly lastOf = new Map<string, number>()

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Whether this opening is to be stored (and then it is counted as the last). */
  store(userId: string, docId: string): boolean {
    const key = `${userId}\u0000${docId}`
    const t = this.now()
    const last = this.lastOf.get(key)
    if (last !== undefined && t - last < SAME_OPENING_MS) return false
    this.lastOf.delete(key)
    this.lastOf.set(key, t)
    while (this.lastOf.size > MAX_ENTRIES) {
      const oldest = this.lastOf.keys().next().value
      if (oldest === undefined) break
      this.lastOf.delete(oldest)
    }
    return true
  }
}

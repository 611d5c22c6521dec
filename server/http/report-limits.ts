/**
 * Devices' audit reports cannot blind the trail (docs/SPEC.md N4). A report names when it
 * happened on the device; a time after now, or further back than REPORT_HORIZON_MS (a device is
 * offline for weeks, not for years: a 1970 date is a clock's, not a look's), is not one a device
 * could have, so the relay keeps its own time of receipt instead. The same person
 * reporting the same file the same way for a moment within REPORT_EVERY_MS of the last one adds
 * nothing the trail does not hold, so it is answered and not stored (a look a day ago, reported
 * now, is another look); and nobody stores more than REPORTS_PER_MINUTE,
 * the rest answered 429 with Retry-After (the device's outbox keeps them and tries later).
 * Kept in memory and bounded.
 *
 * A refusal is itself shown to the trail's reader, without becoming the flood: the first report
 * of a person refused in a window of REFUSED_WINDOW_MS, and the 10th, 100th, 1,000th…, each write
 * one row saying how many were refused so far (`refusedRow`).
 */
export const REPORT_EVERY_MS = 60_000
export const REPORTS_PER_MINUTE = 60
/** How far back a device's report may be dated. */
export const REPORT_HORIZON_MS = 400 * 24 * 3600 * 1000
const MAX_ENTRIES = 50_000
/** The window over which a person's refused reports are counted for the trail. */
export const REFUSED_WINDOW_MS = 10 * 60_000

export type ReportVerdict = { store: true } | { store: false; reason: 'repeat' } | { store: false; reason: 'tooMany'; retryAfterMs: number }

export class ReportLimits {
  private readonly lastOf = new Map<string, number>()
  private readonly recentOf = new Map<string, number[]>()
  private readonly refusedOf = new Map<string, { since: number; count: number }>()

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** `happened`: when the device says it happened (ms), the moment of receipt when it says none. */
  check(userId: string, docId: string, action: string, happened?: number): ReportVerdict {
    const t = this.now()
    const at = happened ?? t
    const key = `${userId}\u0000${docId}\u0000${action}`
    const last = this.lastOf.get(key)
    if (last !== undefined && Math.abs(at - last) < REPORT_EVERY_MS) return { store: false, reason: 'repeat' }
    const recent = (this.recentOf.get(userId) ?? []).filter((at) => t - at < 60_000)
    if (recent.length >= REPORTS_PER_MINUTE) {
      this.recentOf.set(userId, recent)
      return { store: false, reason: 'tooMany', retryAfterMs: 60_000 - (t - (recent[0] ?? t)) }
    }
    recent.push(t)
    this.recentOf.set(userId, recent)
    this.lastOf.delete(key)
    this.lastOf.set(key, at)
    for (const map of [this.lastOf, this.recentOf, this.refusedOf] as Map<string, unknown>[]) {
      while (map.size > MAX_ENTRIES) {
        const oldest = map.keys().next().value
        if (oldest === undefined) break
        map.delete(oldest)
      }
    }
    return { store: true }
  }

  /**
   * Counts one more refused report of this person; returns the count so far when the trail
   * should get a row for it (the 1st, 10th, 100th… in the window), else undefined.
   */
  refusedRow(userId: string): number | undefined {
    const t = this.now()
    const current = this.refusedOf.get(userId)
    const window = current && t - current.since < REFUSED_WINDOW_MS ? current : { since: t, count: 0 }
    window.count++
    this.refusedOf.set(userId, window)
    return Number.isInteger(Math.log10(window.count)) ? window.count : undefined
  }
}

/** The device's time of the event if it could be one, else none (the relay's receipt stands). */
export function reportedTime(at: number | undefined, now: number): number | null {
  if (at === undefined) return null
  if (at > now) return now
  if (at < now - REPORT_HORIZON_MS) return null
  return at
}

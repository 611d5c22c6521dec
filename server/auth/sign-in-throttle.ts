/**
 * Sign-in slowed, never locked (docs/SPEC.md N2). Wrong passwords are counted per address and
 * per account; after a few free ones each further attempt must wait twice as long as the last
 * (1 s, 2 s, 4 s … up to 15 minutes), so nobody guesses at speed. The account's own count is
 * not asked of an address that has signed in to that account before: a stranger elsewhere can
 * slow the account's strangers, not lock out the phone its owner uses. A right password clears
 * the account's counts; an address's lapse with time.
 *
 * Kept in memory (a restart forgets it, which costs a guesser nothing they could not get by
 * waiting) and bounded: the oldest entries go first past MAX_ENTRIES.
 */
export const FREE_FAILURES = 5
/** An address is a school's or a township office's shared line too: it gets more free tries. */
export const FREE_FAILURES_PER_ADDRESS = 20
export const FIRST_DELAY_MS = 1000
export const MAX_DELAY_MS = 15 * 60 * 1000
const MAX_ENTRIES = 20_000
/** How long an address is remembered as one the account signed in from. */
const KNOWN_FOR_MS = 90 * 24 * 3600 * 1000

interface Failures {
  count: number
  last: number
}

/** The wait after `count` failures in a row, `free` of them without any. */
export function delayAfter(count: number, free = FREE_FAILURES): number {
  if (count < free) return 0
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (count - free))
}

export class SignInThrottle {
  private readonly failures = new Map<string, Failures>()
  private readonly known = new Map<string, number>()

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** How long (ms) this attempt must still wait; 0: it may be tried now. */
  wait(account: string, address: string): number {
    const t = this.now()
    const keys = this.keysFor(account, address)
    return Math.max(0, ...keys.map((key) => {
      const f = this.failures.get(key)
      return f ? f.last + delayAfter(f.count, key.startsWith('address:') ? FREE_FAILURES_PER_ADDRESS : FREE_FAILURES) - t : 0
    }))
  }

  failed(account: string, address: string): void {
    const t = this.now()
    // Every count the attempt belongs to, even the account's when this address is known: a known
    // address that fails again and again is not its owner's phone any more.
    for (const key of [`address:${address}`, `account:${account}`, `pair:${account}:${address}`]) {
      const f = this.failures.get(key)
      this.failures.delete(key)
      this.failures.set(key, { count: (f && t - f.last < MAX_DELAY_MS * 2 ? f.count : 0) + 1, last: t })
    }
    this.bound(this.failures)
  }

  succeeded(account: string, address: string): void {
    // The address's count is left to lapse: a guesser's own account must not reset it.
    this.failures.delete(`pair:${account}:${address}`)
    this.failures.delete(`account:${account}`)
    this.known.delete(`${account}:${address}`)
    this.known.set(`${account}:${address}`, this.now())
    this.bound(this.known)
  }

  private keysFor(account: string, address: string): string[] {
    const seen = this.known.get(`${account}:${address}`)
    const knownAddress = seen !== undefined && this.now() - seen < KNOWN_FOR_MS
    return knownAddress ? [`address:${address}`, `pair:${account}:${address}`] : [`address:${address}`, `account:${account}`, `pair:${account}:${address}`]
  }

  private bound<V>(map: Map<string, V>): void {
    while (map.size > MAX_ENTRIES) {
      const oldest = map.keys().next().value
      if (oldest === undefined) break
      map.delete(oldest)
    }
  }
}

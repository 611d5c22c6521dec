/**
 * What one account's sockets may take (SPEC Q4, Q5, Q7, Q9): a token bucket of bytes and one of
 * messages per connection, whose debt is paid by waiting (the relay stops reading that socket:
 * an honest burst goes slower, nothing is lost); a count of live sockets per account; strikes
 * for malformed messages, after which the account's upgrades are refused for a growing while, so
 * reconnecting to send garbage again costs the relay nothing; and what refused writes cost, from
 * a bucket of the account's and one of the relay's, paid by waiting too. In memory: a restart
 * forgives, as it forgets everything else of a connection.
 */
import {
  ACCOUNT_REFUSED_BYTES_BURST,
  ACCOUNT_REFUSED_BYTES_PER_SECOND,
  FIRST_STRIKE_WAIT_MS,
  MAX_SOCKETS_PER_ACCOUNT,
  MAX_STRIKE_WAIT_MS,
  REFUSAL_BASE_BYTES,
  RELAY_REFUSED_BYTES_BURST,
  RELAY_REFUSED_BYTES_PER_SECOND,
  SOCKET_BYTES_BURST,
  SOCKET_BYTES_PER_SECOND,
  SOCKET_MESSAGES_BURST,
  SOCKET_MESSAGES_PER_SECOND,
  STRIKES_PER_WINDOW,
  STRIKE_WINDOW_MS,
} from '../../shared/limits'

export interface SocketLimits {
  bytesPerSecond: number
  bytesBurst: number
  messagesPerSecond: number
  messagesBurst: number
  socketsPerAccount: number
  strikesPerWindow: number
  strikeWindowMs: number
  firstStrikeWaitMs: number
  maxStrikeWaitMs: number
  /** What a refused write costs at least, in bytes (SPEC Q9). */
  refusalBaseBytes: number
  accountRefusedBytesPerSecond: number
  accountRefusedBytesBurst: number
  relayRefusedBytesPerSecond: number
  relayRefusedBytesBurst: number
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  bytesPerSecond: SOCKET_BYTES_PER_SECOND,
  bytesBurst: SOCKET_BYTES_BURST,
  messagesPerSecond: SOCKET_MESSAGES_PER_SECOND,
  messagesBurst: SOCKET_MESSAGES_BURST,
  socketsPerAccount: MAX_SOCKETS_PER_ACCOUNT,
  strikesPerWindow: STRIKES_PER_WINDOW,
  strikeWindowMs: STRIKE_WINDOW_MS,
  firstStrikeWaitMs: FIRST_STRIKE_WAIT_MS,
  maxStrikeWaitMs: MAX_STRIKE_WAIT_MS,
  refusalBaseBytes: REFUSAL_BASE_BYTES,
  accountRefusedBytesPerSecond: ACCOUNT_REFUSED_BYTES_PER_SECOND,
  accountRefusedBytesBurst: ACCOUNT_REFUSED_BYTES_BURST,
  relayRefusedBytesPerSecond: RELAY_REFUSED_BYTES_PER_SECOND,
  relayRefusedBytesBurst: RELAY_REFUSED_BYTES_BURST,
}

/** Tokens refill at `rate` a second up to `burst`; taking more than there are leaves a debt. */
export class TokenBucket {
  private tokens: number
  private at: number

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst
    this.at = now
  }

  /** Takes `n` tokens; returns how many milliseconds until the bucket is out of debt (0: none). */
  take(n: number, now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) * this.rate) / 1000)
    this.at = now
    this.tokens -= n
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.rate)
  }

  /** Whether it has refilled to its burst by `now` (nothing owed, nothing to remember). */
  full(now: number): boolean {
    return this.tokens + ((now - this.at) * this.rate) / 1000 >= this.burst
  }
}

/** One connection's two buckets: how long to stop reading after a message of `bytes`. */
export function socketPace(limits: SocketLimits, now: number): (bytes: number, now: number) => number {
  const bytes = new TokenBucket(limits.bytesPerSecond, limits.bytesBurst, now)
  const messages = new TokenBucket(limits.messagesPerSecond, limits.messagesBurst, now)
  return (size, at) => Math.max(bytes.take(size, at), messages.take(1, at))
}

interface Strikes {
  times: number[]
  /** Upgrades refused until then. */
  until: number
  /** The next wait, doubled each time it is used. */
  wait: number
}

/** Sockets and strikes per account. */
export class AccountGate {
  private readonly open = new Map<string, number>()
  private readonly strikes = new Map<string, Strikes>()
  private readonly refusedWork = new Map<string, TokenBucket>()
  private readonly relayRefusedWork: TokenBucket

  constructor(
    readonly limits: SocketLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.relayRefusedWork = new TokenBucket(limits.relayRefusedBytesPerSecond, limits.relayRefusedBytesBurst, now())
  }

  /**
   * One write of this account refused, which cost the relay `bytes` to read (SPEC Q9): how many
   * milliseconds the socket it came on is not read, until the account's bucket and the relay's
   * are both out of debt (0: none).
   */
  refused(userId: string, bytes: number): number {
    const now = this.now()
    const cost = this.limits.refusalBaseBytes + bytes
    const own = this.refusedWork.get(userId) ?? new TokenBucket(this.limits.accountRefusedBytesPerSecond, this.limits.accountRefusedBytesBurst, now)
    this.refusedWork.set(userId, own)
    const wait = Math.max(own.take(cost, now), this.relayRefusedWork.take(cost, now))
    if (this.refusedWork.size >= 1000) {
      for (const [id, bucket] of this.refusedWork) if (bucket.full(now)) this.refusedWork.delete(id)
    }
    return wait
  }

  /** Why this account may not open another socket now (and for how long, in ms), or undefined. */
  refusal(userId: string): { reason: 'strikes'; retryAfterMs: number } | { reason: 'sockets' } | undefined {
    const struck = this.strikes.get(userId)
    const now = this.now()
    if (struck && struck.until > now) return { reason: 'strikes', retryAfterMs: struck.until - now }
    if ((this.open.get(userId) ?? 0) >= this.limits.socketsPerAccount) return { reason: 'sockets' }
    return undefined
  }

  /** Counts a socket opened; false if it is past the account's limit (opened alongside others). */
  opened(userId: string): boolean {
    const count = (this.open.get(userId) ?? 0) + 1
    this.open.set(userId, count)
    return count <= this.limits.socketsPerAccount
  }

  closed(userId: string): void {
    const count = (this.open.get(userId) ?? 0) - 1
    if (count > 0) this.open.set(userId, count)
    else this.open.delete(userId)
  }

  /** One malformed message from this account; past the window's allowance its upgrades wait. */
  strike(userId: string): void {
    const now = this.now()
    const struck = this.strikes.get(userId) ?? { times: [], until: 0, wait: this.limits.firstStrikeWaitMs }
    struck.times = struck.times.filter((t) => now - t < this.limits.strikeWindowMs)
    struck.times.push(now)
    // A long quiet spell forgives the growth: the next wait starts small again.
    if (struck.times.length === 1 && struck.until + this.limits.maxStrikeWaitMs < now) struck.wait = this.limits.firstStrikeWaitMs
    if (struck.times.length >= this.limits.strikesPerWindow) {
      struck.until = now + struck.wait
      struck.wait = Math.min(struck.wait * 2, this.limits.maxStrikeWaitMs)
      struck.times = []
    }
    this.strikes.set(userId, struck)
    this.forget(now)
  }

  /** Strikes long past are dropped, so the table stays as small as the accounts misbehaving now. */
  private forget(now: number): void {
    if (this.strikes.size < 1000) return
    for (const [userId, struck] of this.strikes) {
      if (struck.until + this.limits.maxStrikeWaitMs < now && struck.times.every((t) => now - t >= this.limits.strikeWindowMs)) this.strikes.delete(userId)
    }
  }
}

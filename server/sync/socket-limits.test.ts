import { describe, expect, it } from 'vitest'
import { AccountGate, DEFAULT_SOCKET_LIMITS, TokenBucket } from './socket-limits'

describe('socket limits (SPEC Q4, Q5, Q7, Q9)', () => {
  it('Q4: a bucket lends its burst, then makes its debt a wait at its rate', () => {
    const bucket = new TokenBucket(100, 500, 0)
    expect(bucket.take(500, 0)).toBe(0)
    expect(bucket.take(100, 0)).toBe(1000)
    // A second later the debt is paid: the next 100 cost a second again, not two.
    expect(bucket.take(100, 1000)).toBe(1000)
    expect(bucket.take(0, 10_000)).toBe(0)
  })

  it('Q5: an account holds at most its sockets; one closed frees a place', () => {
    const gate = new AccountGate({ ...DEFAULT_SOCKET_LIMITS, socketsPerAccount: 2 })
    expect(gate.opened('a')).toBe(true)
    expect(gate.opened('a')).toBe(true)
    expect(gate.refusal('a')).toEqual({ reason: 'sockets' })
    expect(gate.refusal('b')).toBeUndefined()
    expect(gate.opened('a')).toBe(false)
    gate.closed('a')
    gate.closed('a')
    expect(gate.refusal('a')).toBeUndefined()
  })

  it('Q7: strikes within the window refuse upgrades for a wait that doubles, up to its ceiling', () => {
    let now = 0
    const gate = new AccountGate({ ...DEFAULT_SOCKET_LIMITS, strikesPerWindow: 2, strikeWindowMs: 1000, firstStrikeWaitMs: 10_000, maxStrikeWaitMs: 30_000 }, () => now)
    gate.strike('a')
    now = 2000
    // The first strike is outside the window: one is not enough.
    gate.strike('a')
    expect(gate.refusal('a')).toBeUndefined()
    gate.strike('a')
    expect(gate.refusal('a')).toEqual({ reason: 'strikes', retryAfterMs: 10_000 })
    expect(gate.refusal('b')).toBeUndefined()
    now = 12_000
    expect(gate.refusal('a')).toBeUndefined()
    gate.strike('a')
    gate.strike('a')
    expect(gate.refusal('a')).toEqual({ reason: 'strikes', retryAfterMs: 20_000 })
    now = 40_000
    gate.strike('a')
    gate.strike('a')
    expect(gate.refusal('a')).toEqual({ reason: 'strikes', retryAfterMs: 30_000 })
  })

  it('Q9: refused writes are paid from a budget of their account and one of the relay: a flooding account waits, another only once the relay budget is spent', () => {
    let now = 0
    const limits = {
      ...DEFAULT_SOCKET_LIMITS,
      refusalBaseBytes: 100,
      accountRefusedBytesPerSecond: 1000,
      accountRefusedBytesBurst: 1000,
      relayRefusedBytesPerSecond: 4000,
      relayRefusedBytesBurst: 4000,
    }
    const gate = new AccountGate(limits, () => now)
    // Ten refusals of 0 bytes (the base each) are within the account's burst; the eleventh is not.
    for (let i = 0; i < 10; i++) expect(gate.refused('a', 0)).toBe(0)
    expect(gate.refused('a', 0)).toBe(100)
    // A refusal that made the relay read a file of 900 bytes costs a second of the account's rate.
    now = 2000
    expect(gate.refused('a', 900)).toBe(0)
    expect(gate.refused('a', 900)).toBe(1000)
    // Other accounts have budgets of their own, until the relay's is spent too (4,000 bytes, a
    // second of its rate): the fourth refusal of that second waits a quarter of a second.
    expect(gate.refused('b', 900)).toBe(0)
    expect(gate.refused('c', 900)).toBe(0)
    expect(gate.refused('d', 900)).toBe(250)
  })
})

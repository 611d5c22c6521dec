import { describe, expect, it } from 'vitest'
import { FREE_FAILURES, FREE_FAILURES_PER_ADDRESS, MAX_DELAY_MS, SignInThrottle, delayAfter } from './sign-in-throttle'

function clock() {
  let t = 1_000_000
  return { now: () => t, advance: (ms: number) => void (t += ms) }
}

describe('sign-in slowed, never locked (SPEC N2)', () => {
  it('N2: a few wrong passwords are free; then each waits twice as long as the last, up to 15 minutes', () => {
    expect(Array.from({ length: FREE_FAILURES + 4 }, (_, i) => delayAfter(i + 1))).toEqual([0, 0, 0, 0, 1000, 2000, 4000, 8000, 16000])
    expect(delayAfter(80)).toBe(MAX_DELAY_MS)
    const c = clock()
    const throttle = new SignInThrottle(c.now)
    for (let i = 0; i < FREE_FAILURES - 1; i++) throttle.failed('wang', '10.0.0.9')
    expect(throttle.wait('wang', '10.0.0.9')).toBe(0)
    throttle.failed('wang', '10.0.0.9')
    expect(throttle.wait('wang', '10.0.0.9')).toBe(1000)
    c.advance(1000)
    expect(throttle.wait('wang', '10.0.0.9')).toBe(0)
  })

  it('N2: a stranger’s guesses elsewhere never hold up the address the owner signs in from', () => {
    const c = clock()
    const throttle = new SignInThrottle(c.now)
    throttle.succeeded('wang', '10.0.0.1')
    for (let i = 0; i < 60; i++) throttle.failed('wang', '203.0.113.7')
    // The stranger waits the longest wait; anyone new to the account waits too; the owner does not.
    expect(throttle.wait('wang', '203.0.113.7')).toBe(MAX_DELAY_MS)
    expect(throttle.wait('wang', '198.51.100.2')).toBe(MAX_DELAY_MS)
    expect(throttle.wait('wang', '10.0.0.1')).toBe(0)
    // The owner's right password clears the account's count for everyone.
    throttle.succeeded('wang', '10.0.0.1')
    expect(throttle.wait('wang', '198.51.100.2')).toBe(0)
  })

  it('N2: one address guessing at many accounts is slowed too, after more free tries (a school shares one line)', () => {
    const c = clock()
    const throttle = new SignInThrottle(c.now)
    for (let i = 0; i < FREE_FAILURES_PER_ADDRESS - 1; i++) throttle.failed(`user${i}`, '203.0.113.7')
    expect(throttle.wait('someone', '203.0.113.7')).toBe(0)
    throttle.failed('user-last', '203.0.113.7')
    expect(throttle.wait('someone', '203.0.113.7')).toBe(1000)
    // A guesser's own account signing in does not reset the address.
    throttle.succeeded('mine', '203.0.113.7')
    expect(throttle.wait('someone', '203.0.113.7')).toBe(1000)
  })
})

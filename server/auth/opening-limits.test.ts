import { describe, expect, it } from 'vitest'
import { SAME_OPENING_MS } from './access-store'
import { OpeningLimits } from './opening-limits'

describe('the relay’s own "opened" entries (SPEC N4)', () => {
  it('N4: stores one opening per member and file within SAME_OPENING_MS, and the next one after it', () => {
    let now = 1_000_000
    const limits = new OpeningLimits(() => now)
    expect(limits.store('u1', 'ws/child/a')).toBe(true)
    now += SAME_OPENING_MS - 1
    expect(limits.store('u1', 'ws/child/a')).toBe(false)
    // Another file, another member: their own openings.
    expect(limits.store('u1', 'ws/child/b')).toBe(true)
    expect(limits.store('u2', 'ws/child/a')).toBe(true)
    // Counted from the last opening stored, not the last one seen.
    now += 1
    expect(limits.store('u1', 'ws/child/a')).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { MAX_ROUND_TRIP_MS, RELAY_TIME_HEADER, offsetFrom } from '../../../shared/clock'
import { memoryStorage } from '../../../tests/helpers/memory-storage'
import { RelayClock } from './relay-clock'
import { createRelayHttp } from './relay-http'

describe('the device corrects its clock by the relay (SPEC C3)', () => {
  it('takes the relay time at the middle of the round trip, and ignores a trip too slow to say', () => {
    expect(offsetFrom(1_000, 1_200, 50_100)).toBe(49_000)
    expect(offsetFrom(1_000, 1_000 + MAX_ROUND_TRIP_MS + 1, 5_000)).toBeUndefined()
    expect(offsetFrom(1_000, 900, 5_000)).toBeUndefined()
    expect(offsetFrom(Number.NaN, 900, 5_000)).toBeUndefined()
  })

  it('a phone a year ahead writes with the relay time once it has heard it, and keeps the offset across a restart', async () => {
    const year = 365 * 24 * 3600 * 1000
    const storage = memoryStorage()
    const clock = new RelayClock(storage, () => Date.now() + year)
    expect(clock.now() - Date.now()).toBeGreaterThan(year - 1000)
    const relayTime = Date.now()
    const http = createRelayHttp({
      baseUrl: 'http://relay',
      clock,
      fetchImpl: (async () => new Response('{}', { headers: { [RELAY_TIME_HEADER]: String(relayTime) } })) as typeof fetch,
    })
    await http.send('/api/health')
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1000)
    // The next start, offline: the offset measured last time still holds.
    const restarted = new RelayClock(storage, () => Date.now() + year)
    expect(Math.abs(restarted.now() - Date.now())).toBeLessThan(1000)
  })

  it('an answer without the relay time changes nothing', async () => {
    const clock = new RelayClock(undefined, () => 5_000)
    const http = createRelayHttp({ clock, fetchImpl: (async () => new Response('{}')) as typeof fetch })
    await http.send('/api/health')
    expect(clock.now()).toBe(5_000)
  })

  it('keeps the offset across restarts only while someone is signed in', () => {
    const storage = memoryStorage()
    const clock = new RelayClock(storage, () => 1_000)
    clock.observe(1_000, 1_000, 5_000)
    expect(storage.getItem('shouwang.clockOffset')).toBe('4000')
    clock.setPersistent(false)
    expect(storage.getItem('shouwang.clockOffset')).toBeNull()
    clock.observe(1_000, 1_000, 9_000)
    expect(storage.getItem('shouwang.clockOffset')).toBeNull()
    expect(clock.now()).toBe(9_000)
    clock.setPersistent(true)
    expect(storage.getItem('shouwang.clockOffset')).toBe('8000')
  })
})

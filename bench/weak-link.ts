/**
 * A weak mobile link in front of a device's fetch: 256 kbit/s each way, 400 ms of round trip,
 * and now and then a drop part way through an answer (seeded, so runs compare). It shapes what
 * the device's HTTP client sees, as a township's 2G/3G link would: bytes arrive at the link's
 * rate, and a dropped answer breaks off after the bytes that got through.
 */
import * as prng from 'lib0/prng'
import { breakableResponse } from '../tests/helpers/breakable-body'

export interface WeakLinkOptions {
  bytesPerSecond?: number
  latencyMs?: number
  /** The chance that an answer breaks off somewhere in its body. */
  dropChance?: number
  seed?: number
}

export interface WeakLink {
  /** Off: requests pass as on a good link, uncounted (a device's first sync before the bench). */
  on: boolean
  wrap: (inner: typeof fetch) => typeof fetch
  /** Breaks the answer under way once this many bytes have come through in all (a cut at half way). */
  cutAt: number | undefined
  received: number
  sent: number
  requests: number
  drops: number
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))
const SLICE = 4096

export function weakLink({ bytesPerSecond = 32_000, latencyMs = 400, dropChance = 0, seed = 1 }: WeakLinkOptions = {}): WeakLink {
  const random = prng.create(seed)
  const link: WeakLink = {
    on: true,
    cutAt: undefined,
    received: 0,
    sent: 0,
    requests: 0,
    drops: 0,
    wrap: (inner) => async (input, init) => {
      if (!link.on) return inner(input, init)
      link.requests++
      const up = typeof init?.body === 'string' ? Buffer.byteLength(init.body) : 0
      link.sent += up
      await sleep(latencyMs / 2 + (up / bytesPerSecond) * 1000)
      const response = await inner(input, init)
      await sleep(latencyMs / 2)
      const dropAt = prng.real53(random) < dropChance ? prng.uint32(random, 1, 200_000) : Infinity
      let answer = 0
      // Bytes come at the link's rate, a slice at a time; a cut or a drop breaks the answer there.
      return breakableResponse(
        response,
        async (slice) => {
          const cut = link.cutAt !== undefined && link.received + slice.length >= link.cutAt
          const drop = answer + slice.length >= dropAt
          let pass = slice
          if (cut || drop) {
            pass = slice.subarray(0, cut ? Math.max(0, (link.cutAt as number) - link.received) : Math.max(0, dropAt - answer))
            if (cut) link.cutAt = undefined
            link.drops++
          }
          await sleep((pass.length / bytesPerSecond) * 1000)
          link.received += pass.length
          answer += pass.length
          return { pass, broken: cut || drop }
        },
        SLICE,
      )
    },
  }
  return link
}

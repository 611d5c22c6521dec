/**
 * A weak mobile link in front of a device's fetch: 256 kbit/s each way, 400 ms of round trip,
 * and now and then a drop part way through an answer (seeded, so runs compare). It shapes what
 * the device's HTTP client sees, as a township's 2G/3G link would: bytes arrive at the link's
 * rate, and a dropped answer breaks off after the bytes that got through.
 */
import * as prng from 'lib0/prng'

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
      if (!response.body) return response
      const reader = response.body.getReader()
      const dropAt = prng.real53(random) < dropChance ? prng.uint32(random, 1, 200_000) : Infinity
      let answer = 0
      let broken = false
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (broken) {
            controller.error(new TypeError('the link dropped'))
            await reader.cancel().catch(() => {})
            return
          }
          const { done, value } = await reader.read()
          if (done) {
            controller.close()
            return
          }
          for (let at = 0; at < value.length; at += SLICE) {
            let slice = value.subarray(at, Math.min(value.length, at + SLICE))
            const cut = link.cutAt !== undefined && link.received + slice.length >= link.cutAt
            const drop = answer + slice.length >= dropAt
            if (cut || drop) {
              const keep = cut ? Math.max(0, (link.cutAt as number) - link.received) : Math.max(0, dropAt - answer)
              slice = slice.subarray(0, keep)
              if (cut) link.cutAt = undefined
              link.drops++
              broken = true
            }
            await sleep((slice.length / bytesPerSecond) * 1000)
            link.received += slice.length
            answer += slice.length
            if (slice.length > 0) controller.enqueue(slice)
            if (broken) return
          }
        },
        cancel: () => reader.cancel(),
      })
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
    },
  }
  return link
}

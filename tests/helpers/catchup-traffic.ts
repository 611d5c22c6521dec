/**
 * What a device's HTTP client moves, counted at its fetch (tests/helpers/workspace.ts wrapFetch):
 * requests, bytes sent (bodies) and received (bodies, as they stream), the largest answer, and a
 * cut: once the device has received `cutAt` bytes, the answer being read breaks off as a dropped
 * link would, and so does every request after it until `heal()`.
 */
import { breakableResponse } from './breakable-body'

export interface Traffic {
  requests: number
  paths: string[]
  sent: number
  received: number
  largestAnswer: number
  /** Received bytes after which the link drops (undefined: never). */
  cutAt: number | undefined
  cut: boolean
  reset(): void
  heal(): void
}

export function makeTraffic(): Traffic {
  return {
    requests: 0,
    paths: [],
    sent: 0,
    received: 0,
    largestAnswer: 0,
    cutAt: undefined,
    cut: false,
    reset() {
      this.requests = 0
      this.paths = []
      this.sent = 0
      this.received = 0
      this.largestAnswer = 0
    },
    heal() {
      this.cut = false
      this.cutAt = undefined
    },
  }
}

export function countingFetch(traffic: Traffic): (inner: typeof fetch) => typeof fetch {
  return (inner) => async (input, init) => {
    if (traffic.cut) throw new TypeError('the link is down')
    traffic.requests++
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    traffic.paths.push(new URL(url).pathname)
    const body = init?.body
    traffic.sent += typeof body === 'string' ? Buffer.byteLength(body) : 0
    let answer = 0
    return breakableResponse(await inner(input, init), (chunk) => {
      if (traffic.cutAt !== undefined && traffic.received + chunk.length > traffic.cutAt) {
        const pass = chunk.subarray(0, Math.max(0, traffic.cutAt - traffic.received))
        traffic.received += pass.length
        traffic.cut = true
        return { pass, broken: true }
      }
      traffic.received += chunk.length
      answer += chunk.length
      traffic.largestAnswer = Math.max(traffic.largestAnswer, answer)
      return { pass: chunk, broken: false }
    })
  }
}

/**
 * One attacker of the malformed benchmark: a raw websocket signed in as a member, sending one
 * hostile frame at a time, each followed by a `checkpoint` whose number only it knows. The relay
 * reads a connection's messages in order, so the frame was read by the time either the
 * checkpoint is answered (the frame was taken, or ignored, and the socket stays open) or the
 * socket is closed (refused). No timing decides anything; the long timeout only ends a hang.
 * What the relay said it refused the frame for (permission denied) is counted by reason. Closed
 * sockets and refused upgrades (any status, 429 included) are counted, and the attacker connects
 * again, as the next of its accounts whose upgrades are not being refused (a hostile member with
 * several accounts); when all are, the Retry-After is waited, up to a cap.
 */
import { WebSocket } from 'ws'
import { readMessage, writeCheckpoint } from '../shared/protocol'
import type { FrameKind, HostileFrame } from './hostile-frames'

const ANSWER_TIMEOUT_MS = 15_000
const MAX_RETRY_AFTER_MS = 2_000

export interface KindTally {
  sent: number
  /** The relay answered the checkpoint after it: the frame did not close the socket. */
  taken: number
  /** Close codes (as strings) and how often. */
  closed: Record<string, number>
  /** Reasons the relay gave (permission denied) for frames it refused with the socket open. */
  refusedAs: Record<string, number>
}

export interface AttackTally {
  byKind: Map<FrameKind, KindTally>
  /** Upgrades refused, by HTTP status. */
  refusedUpgrades: Record<string, number>
  connections: number
  /** Neither answered nor closed in time: the relay hung on a frame. */
  unanswered: number
}

export function emptyTally(): AttackTally {
  return { byKind: new Map(), refusedUpgrades: {}, connections: 0, unanswered: 0 }
}

type Outcome = { closed: number } | { taken: true; reason: string | undefined } | { status: number; retryAfterMs: number } | { hung: true }

let nextProbe = 1_000_000_000

class HostileSocket {
  private ws: WebSocket | undefined
  private opened: Promise<Outcome | undefined> | undefined
  private waiting: { n: number; done: (o: Outcome) => void } | undefined
  private ended: Outcome | undefined
  /** What the relay refused since the last frame was sent, if it said. */
  private reason: string | undefined

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  /** Opens a socket if none is open: undefined once open, or how the upgrade was refused. */
  private open(): Promise<Outcome | undefined> {
    if (this.opened) return this.opened
    this.ended = undefined
    const ws = new WebSocket(this.url, { headers: { authorization: `Bearer ${this.token}` } })
    this.ws = ws
    this.opened = new Promise((resolve) => {
      ws.on('open', () => resolve(undefined))
      ws.on('unexpected-response', (_request, response) => {
        const seconds = Number(response.headers['retry-after'])
        const outcome = { status: response.statusCode ?? 0, retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : 0 }
        this.end(outcome)
        resolve(outcome)
        ws.terminate()
      })
      ws.on('close', (code) => {
        const outcome = { closed: code }
        this.end(outcome)
        resolve(outcome)
      })
      ws.on('error', () => {}) // reported by `close`
      ws.on('message', (data: Buffer, isBinary) => {
        if (isBinary) this.hear(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      })
    })
    return this.opened
  }

  private end(outcome: Outcome): void {
    this.ended ??= outcome
    this.opened = undefined
    this.ws = undefined
    this.waiting?.done(outcome)
    this.waiting = undefined
  }

  private hear(data: Uint8Array): void {
    if (!this.waiting) return
    try {
      const message = readMessage(data)
      if (message.type === 'permissionDenied') this.reason ??= message.reason
      if ((message.type !== 'saved' && message.type !== 'notSaved') || message.n !== this.waiting.n) return
      this.waiting.done({ taken: true, reason: this.reason })
      this.waiting = undefined
    } catch {
      // The relay's own messages are not what this measures.
    }
  }

  /** Opens a socket if none is open: undefined once open, or how the upgrade was refused. */
  ready(): Promise<Outcome | undefined> {
    return this.open()
  }

  /** Sends the frame and its probe; resolves with what the relay did with it. */
  async send(frame: HostileFrame, tally: AttackTally): Promise<Outcome> {
    const refused = await this.open()
    if (refused) return refused
    const ws = this.ws
    if (!ws || this.ended) return this.ended ?? { closed: 0 }
    if (!this.wasCounted) {
      tally.connections++
      this.wasCounted = true
    }
    const n = nextProbe++
    const answer = new Promise<Outcome>((done) => {
      const timer = setTimeout(() => done({ hung: true }), ANSWER_TIMEOUT_MS)
      this.waiting = {
        n,
        done: (o) => {
          clearTimeout(timer)
          done(o)
        },
      }
    })
    this.reason = undefined
    ws.send(frame.data)
    ws.send(writeCheckpoint(n))
    const outcome = await answer
    if ('closed' in outcome) this.wasCounted = false
    if ('hung' in outcome) {
      this.wasCounted = false
      ws.terminate()
    }
    return outcome
  }

  private wasCounted = false

  close(): void {
    this.ws?.terminate()
  }
}

/**
 * Sends frames from `next` until it has none or the run no longer `wants` them, one at a time,
 * each only once a socket is open, reconnecting whenever closed; an upgrade refused switches to
 * the next of `tokens` (the attacker's accounts), and only once each was refused in turn is the
 * wait asked for waited.
 */
export async function attack(
  url: string,
  tokens: readonly string[],
  next: () => HostileFrame | undefined,
  tally: AttackTally,
  wanted: () => boolean,
): Promise<void> {
  let account = 0
  let refusedInTurn = 0
  let socket = new HostileSocket(url, tokens[account] as string)
  try {
    while (wanted()) {
      const refused = await socket.ready()
      if (refused && 'status' in refused) {
        tally.refusedUpgrades[refused.status] = (tally.refusedUpgrades[refused.status] ?? 0) + 1
        account = (account + 1) % tokens.length
        socket = new HostileSocket(url, tokens[account] as string)
        if (++refusedInTurn >= tokens.length) {
          refusedInTurn = 0
          await new Promise((r) => setTimeout(r, Math.min(MAX_RETRY_AFTER_MS, Math.max(50, refused.retryAfterMs))))
        }
        continue
      }
      if (refused) continue // closed as it opened: connect again
      refusedInTurn = 0
      const frame = next()
      if (!frame) break
      const outcome = await socket.send(frame, tally)
      const kind = tally.byKind.get(frame.kind) ?? { sent: 0, taken: 0, closed: {}, refusedAs: {} }
      tally.byKind.set(frame.kind, kind)
      kind.sent++
      if ('taken' in outcome) {
        kind.taken++
        const reason = outcome.reason ?? 'nothing said'
        kind.refusedAs[reason] = (kind.refusedAs[reason] ?? 0) + 1
      } else if ('closed' in outcome) kind.closed[outcome.closed] = (kind.closed[outcome.closed] ?? 0) + 1
      else if ('status' in outcome) kind.closed[`upgrade ${outcome.status}`] = (kind.closed[`upgrade ${outcome.status}`] ?? 0) + 1
      else tally.unanswered++
    }
  } finally {
    socket.close()
  }
}

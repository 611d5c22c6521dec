/**
 * What a room forwards goes to each peer as one message per turn of the event loop (docs/SPEC.md
 * S20): the updates committed together (the commit queue writes a turn's updates as one batch),
 * merged (without the peer's own) and sent as soon as the batch is on disk, and the presence that
 * changed in the turn, the latest state of each awareness client, at its end. Only committed updates are ever handed
 * here (S1): the room calls `update` from the commit's callback, never before.
 *
 * One merge serves every peer that sent none of the turn's updates; a peer that sent some gets a
 * merge of the others'. A merged message stays under `maxBytes`: the turn's updates are cut into
 * runs whose sizes add up to less, each merged and sent on its own, in order.
 */
import * as Y from 'yjs'
import { writeUpdate } from '../../shared/protocol'

export interface FanoutPeer {
  send(data: Uint8Array): void
}

interface Forwarded<P> {
  update: Uint8Array
  from: P | null
}

/** Room left in a message for its framing (type, step and length prefixes). */
const FRAMING_BYTES = 16

export class Fanout<P extends FanoutPeer> {
  private updates: Forwarded<P>[] = []
  private readonly presence = new Set<number>()
  private armed = false
  private stopped = false

  constructor(
    /** The room's peers as they are when the turn's messages go out. */
    private readonly peers: () => Iterable<P>,
    /** One awareness message for these client ids, in their latest state. */
    private readonly encodePresence: (clients: number[]) => Uint8Array,
    private readonly maxBytes: number,
  ) {}

  /** A committed update, for every peer but `from`. */
  update(update: Uint8Array, from: P | null): void {
    if (this.stopped) return
    this.updates.push({ update, from })
    // The commit queue tells every update of its batch in one go: they all go out right after it.
    this.arm(queueMicrotask)
  }

  /** Awareness clients whose state changed (or went), for every peer. */
  presenceChanged(clients: readonly number[]): void {
    if (this.stopped || clients.length === 0) return
    for (const id of clients) this.presence.add(id)
    // Each socket's message is a callback of its own: presence waits for the end of the turn.
    this.arm(setImmediate)
  }

  /** Nothing more goes out (the room is erased or destroyed). */
  stop(): void {
    this.stopped = true
    this.updates = []
    this.presence.clear()
  }

  /** Sends what the turn gathered; called at the end of the turn, or at once by a test. */
  flush(): void {
    this.armed = false
    if (this.stopped) return
    const updates = this.updates
    this.updates = []
    const clients = [...this.presence]
    this.presence.clear()
    const peers = [...this.peers()]
    for (const run of runsUnder(updates, this.maxBytes - FRAMING_BYTES)) this.sendRun(run, peers)
    if (clients.length > 0) {
      for (const message of this.presenceMessages(clients)) for (const peer of peers) peer.send(message)
    }
  }

  private arm(later: (fn: () => void) => void): void {
    if (this.armed) return
    this.armed = true
    later(() => this.flush())
  }

  private sendRun(run: Forwarded<P>[], peers: P[]): void {
    const senders = new Set(run.map((f) => f.from))
    let shared: Uint8Array | undefined
    for (const peer of peers) {
      if (!senders.has(peer)) {
        shared ??= writeUpdate(mergeAll(run.map((f) => f.update)))
        peer.send(shared)
        continue
      }
      const others = run.filter((f) => f.from !== peer).map((f) => f.update)
      if (others.length > 0) peer.send(writeUpdate(mergeAll(others)))
    }
  }

  /** The presence of `clients` as few messages as fit under the limit (one, but for a crowd of big states). */
  private presenceMessages(clients: number[]): Uint8Array[] {
    const message = this.encodePresence(clients)
    if (message.byteLength <= this.maxBytes || clients.length === 1) return [message]
    const half = Math.ceil(clients.length / 2)
    return [...this.presenceMessages(clients.slice(0, half)), ...this.presenceMessages(clients.slice(half))]
  }
}

function mergeAll(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates)
}

/** The updates in order, cut into runs whose bytes add up to at most `limit` (an update alone always fits: MAX_UPDATE_BYTES is less). */
export function runsUnder<T extends { update: Uint8Array }>(updates: T[], limit: number): T[][] {
  const runs: T[][] = []
  let run: T[] = []
  let bytes = 0
  for (const f of updates) {
    if (run.length > 0 && bytes + f.update.byteLength > limit) {
      runs.push(run)
      run = []
      bytes = 0
    }
    run.push(f)
    bytes += f.update.byteLength
  }
  if (run.length > 0) runs.push(run)
  return runs
}

/**
 * The live rooms, one per open document, loaded from the store on first use.
 *
 * Loading is asynchronous, so a room is held by whoever asked for it (`acquire`) until they
 * `release` it: a socket for as long as it is open, an HTTP push for as long as it commits.
 * A room is dropped (compacted, then forgotten) only when no one holds it, no peer is in it
 * and nothing of it is in flight: never while it loads, never under a commit. Everyone who
 * asks for a document while it loads gets the same room; one asking while it is being
 * dropped waits for the drop, then loads it again.
 */
import * as Y from 'yjs'
import type { Logger } from '../log'
import type { DocStore } from '../store/doc-store'
import type { CommitQueue } from './commit-queue'
import { Room, type FactsListener } from './room'
import type { WriteLimits } from './write-limits'

interface Entry {
  loading: Promise<Room>
  room?: Room
  holds: number
}

/** Asked for the room of a document erased since the relay started (docs/SPEC.md E6). */
export class RoomErased extends Error {
  override readonly name = 'RoomErased'
}

/** Asked for a room after the relay began shutting down. */
export class RoomsClosed extends Error {
  override readonly name = 'RoomsClosed'
}

export class Rooms {
  private readonly rooms = new Map<string, Entry>()
  /** Rooms being dropped: their last compaction, which a new load of the document waits for. */
  private readonly dropping = new Map<string, Promise<void>>()
  /** Documents erased while the relay runs: no room is loaded for them again. */
  private readonly erased = new Set<string>()
  private closed = false

  constructor(
    private readonly store: DocStore,
    private readonly commits: CommitQueue,
    private readonly log: Logger,
    private readonly onFacts?: FactsListener,
    private readonly limits?: WriteLimits,
  ) {}

  /** The document's room, loaded if it is not live; held until `release(docId)`. Rejects if the load fails. */
  async acquire(docId: string): Promise<Room> {
    for (;;) {
      if (this.closed) throw new RoomsClosed('the relay is shutting down')
      if (this.erased.has(docId)) throw new RoomErased('the document was erased')
      const entry = this.rooms.get(docId)
      if (entry) {
        entry.holds++
        try {
          return await entry.loading
        } catch (error) {
          entry.holds--
          throw error
        }
      }
      const dropping = this.dropping.get(docId)
      if (!dropping) break
      await dropping
    }
    const entry: Entry = { holds: 1, loading: Room.load(docId, this.store, this.commits, this.log, this.onFacts, this.limits) }
    this.rooms.set(docId, entry)
    try {
      const room = await entry.loading
      entry.room = room
      room.onIdle = () => this.dropIfUnused(docId)
      return room
    } catch (error) {
      // Nothing to drop: the next one to ask loads it afresh.
      if (this.rooms.get(docId) === entry) this.rooms.delete(docId)
      this.log.error('sync.load-failed', { doc: docId })
      throw error
    }
  }

  /** Gives back a room from `acquire`; the last one out drops it if it is idle. */
  release(docId: string): void {
    const entry = this.rooms.get(docId)
    if (!entry) return
    entry.holds--
    this.dropIfUnused(docId)
  }

  /**
   * Runs `fn` with the rooms of these documents (one per entry, repeats included), held until
   * it settles. Rejects without running it if a room could not be loaded.
   */
  async holding<T>(docIds: readonly string[], fn: (rooms: Room[]) => Promise<T>): Promise<T> {
    const held = await Promise.allSettled(docIds.map((docId) => this.acquire(docId)))
    try {
      const failed = held.find((h) => h.status === 'rejected')
      if (failed) throw failed.reason
      return await fn(held.map((h) => (h as PromiseFulfilledResult<Room>).value))
    } finally {
      held.forEach((h, i) => {
        if (h.status === 'fulfilled') this.release(docIds[i] as string)
      })
    }
  }

  /** The whole stored document as one update, from the live room or straight from the store. */
  async merged(docId: string): Promise<Uint8Array> {
    const entry = this.rooms.get(docId)
    if (entry) return (await entry.loading).merged()
    const { updates } = await this.store.load(docId)
    return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates)
  }

  /**
   * Erases the document (docs/SPEC.md E5, E6). At once, no room for it is loaded again and its
   * live room commits nothing more; then what was already queued is committed and any
   * compaction finished, and only then does the store forget it, so nothing of it is written
   * after. Whoever still holds the room finds it inert.
   */
  async erase(docId: string): Promise<void> {
    this.erased.add(docId)
    const entry = this.rooms.get(docId)
    this.rooms.delete(docId)
    const room = entry && (entry.room ?? (await entry.loading.catch(() => undefined)))
    await room?.erase()
    await this.commits.flush()
    await this.dropping.get(docId)
    try {
      await this.store.erase(docId)
    } finally {
      room?.destroy()
    }
  }

  get count(): number {
    return this.rooms.size
  }

  /** Commits what is queued, waits for loads and drops under way, and destroys every room. */
  async closeAll(): Promise<void> {
    this.closed = true
    await this.commits.flush()
    const entries = [...this.rooms.values()]
    this.rooms.clear()
    for (const entry of entries) {
      const room = entry.room ?? (await entry.loading.catch(() => undefined))
      room?.destroy()
    }
    await Promise.all(this.dropping.values())
  }

  private dropIfUnused(docId: string): void {
    const entry = this.rooms.get(docId)
    const room = entry?.room
    if (!entry || !room || entry.holds > 0 || !room.idle || this.closed) return
    this.rooms.delete(docId)
    const drop = room.compact().catch(() => {}).finally(() => {
      room.destroy()
      this.dropping.delete(docId)
    })
    this.dropping.set(docId, drop)
  }
}

import * as Y from 'yjs'
import type { Logger } from '../log'
import type { DocStore } from '../store/doc-store'
import type { CommitQueue } from './commit-queue'
import { Room } from './room'

/** The live rooms, one per open document, loaded from the store on first use. */
export class Rooms {
  private readonly rooms = new Map<string, Room>()

  constructor(
    private readonly store: DocStore,
    private readonly commits: CommitQueue,
    private readonly log: Logger,
  ) {}

  get(docId: string): Room {
    let room = this.rooms.get(docId)
    if (!room) {
      const created = new Room(docId, this.store, this.commits, this.log)
      created.onIdle = () => {
        if (this.rooms.get(docId) !== created) return
        created.compact()
        created.destroy()
        this.rooms.delete(docId)
      }
      this.rooms.set(docId, created)
      room = created
    }
    return room
  }

  /** The room if the document is live, without loading it. */
  peek(docId: string): Room | undefined {
    return this.rooms.get(docId)
  }

  /** The whole stored document as one update, from the live room or straight from the store. */
  merged(docId: string): Uint8Array {
    const room = this.rooms.get(docId)
    if (room) return room.merged()
    const { updates } = this.store.load(docId)
    return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates)
  }

  /** Drops a room loaded only to commit (no peers), once it has nothing in flight. */
  releaseIfIdle(docId: string): void {
    const room = this.rooms.get(docId)
    if (room?.idle) room.onIdle()
  }

  get count(): number {
    return this.rooms.size
  }

  closeAll(): void {
    this.commits.flush()
    for (const room of this.rooms.values()) room.destroy()
    this.rooms.clear()
  }
}

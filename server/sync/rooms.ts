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

  get count(): number {
    return this.rooms.size
  }

  closeAll(): void {
    this.commits.flush()
    for (const room of this.rooms.values()) room.destroy()
    this.rooms.clear()
  }
}

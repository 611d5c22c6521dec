/**
 * Proves that an update can be applied before the relay stores or forwards it.
 *
 * `Y.decodeUpdate` accepts some updates that make `Y.applyUpdate` throw in every client
 * that loads them (a struct pointing at a parent that cannot exist, for one): stored, such
 * an update would make the file impossible to open for everyone. So each room keeps a
 * Y.Doc of everything committed or in flight, and applies each new update to it first.
 * When an update throws, that doc may be half-changed: it is rebuilt from its source.
 */
import * as Y from 'yjs'
import { MalformedMessage } from '../../shared/protocol'

export class RejectedUpdate extends MalformedMessage {
  override readonly name = 'RejectedUpdate'
}

export class UpdateGuard {
  private doc: Y.Doc

  /** `source` gives every update committed or in flight, in order. */
  constructor(private readonly source: () => readonly Uint8Array[]) {
    this.doc = build(source())
  }

  /** Applies the update to the guard's doc, or throws RejectedUpdate and changes nothing. */
  admit(update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update)
    } catch (error) {
      this.reset()
      throw new RejectedUpdate(`the update cannot be applied: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  /** Rebuilds from the source, after a rejected update or a commit that failed. */
  reset(): void {
    this.doc.destroy()
    this.doc = build(this.source())
  }

  destroy(): void {
    this.doc.destroy()
  }
}

function build(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const update of updates) {
    try {
      Y.applyUpdate(doc, update)
    } catch {
      // Stored before the guard existed: skipped here, so it cannot block new updates.
    }
  }
  return doc
}

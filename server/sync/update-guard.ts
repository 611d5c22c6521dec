/**
 * Proves that an update can be applied before the relay stores or forwards it.
 *
 * `Y.decodeUpdate` accepts some updates that make `Y.applyUpdate` throw in every client
 * that loads them (a struct pointing at a parent that cannot exist, for one): stored, such
 * an update would make the file impossible to open for everyone. So each room keeps a
 * Y.Doc of everything committed or in flight, and applies each new update to it first.
 * When an update throws, that doc may be half-changed: it is rebuilt from its source when next
 * needed. A rebuild costs as much as the file, so what can be refused from the bytes alone is
 * refused before the guard (write-limits.ts), and a throw here is a strike (SPEC Q7). What was stored
 * waiting for changes that never came (before SPEC Q8) is left out of the doc (`hadPending`).
 */
import * as Y from 'yjs'
import { LimitReason } from '../../shared/limits'
import { MalformedMessage } from '../../shared/protocol'

export class RejectedUpdate extends MalformedMessage {
  override readonly name = 'RejectedUpdate'
}

/** An update that applies, but that the document's rules refuse for this writer (not malformed: the socket stays open). */
export class RefusedWrite extends Error {
  override readonly name = 'RefusedWrite'
  constructor(readonly reason: string) {
    super(reason)
  }
}

export class UpdateGuard {
  private built: Y.Doc | undefined
  /** The stored updates left something waiting for changes the relay never had. */
  hadPending = false
  /** How often the doc was thrown away, to be built again from the whole file (what a refusal by the rules costs). */
  resets = 0
  /** Some stored update could not be applied when the doc was built (stored before the guard existed). */
  skipped = false

  /** `source` gives every update committed or in flight, in order. */
  constructor(private readonly source: () => readonly Uint8Array[]) {
    this.built = this.build()
  }

  private get doc(): Y.Doc {
    this.built ??= this.build()
    return this.built
  }

  /** What the guard's doc holds, client by client (SPEC Q8 checks an update against it). */
  stateVector(): Map<number, number> {
    // Kept across a refused update (which changes nothing committed), so a cheap refusal after
    // it does not build the doc again only to read it.
    this.vector ??= Y.decodeStateVector(Y.encodeStateVector(this.doc))
    return this.vector
  }

  private vector: Map<number, number> | undefined

  /** The whole doc as one update, without anything pending. */
  encode(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc)
  }

  /**
   * Applies the update to the guard's doc, or throws RejectedUpdate (it cannot be applied) or
   * RefusedWrite (`inspect` refused it) and changes nothing. `inspect` gets the doc and the
   * application to run, and returns what it found.
   */
  admit<T>(update: Uint8Array, inspect?: (doc: Y.Doc, apply: () => void) => T): T | undefined {
    let found: T | undefined
    const vector = this.vector
    this.vector = undefined
    try {
      const apply = () => {
        Y.applyUpdate(this.doc, update)
        // Checked before (write-limits.ts); should anything slip through, it is refused here too (SPEC Q8).
        if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) throw new RefusedWrite(LimitReason.missingDependencies)
      }
      if (inspect) found = inspect(this.doc, apply)
      else apply()
    } catch (error) {
      // Nothing committed changed: the doc is built again when next needed, its state vector is as it was.
      this.reset()
      this.vector = vector
      if (error instanceof RefusedWrite) throw error
      throw new RejectedUpdate(`the update cannot be applied: ${error instanceof Error ? error.message : String(error)}`)
    }
    return found
  }

  /** Reads the guard's doc: everything committed or in flight. */
  read<T>(fn: (doc: Y.Doc) => T): T {
    return fn(this.doc)
  }

  /** Rebuilds from the source when next needed, after a rejected update or a commit that failed. */
  reset(): void {
    if (this.built) this.resets++
    this.built?.destroy()
    this.built = undefined
    this.vector = undefined
  }

  destroy(): void {
    this.built?.destroy()
    this.built = undefined
    this.vector = undefined
  }

  private build(): Y.Doc {
    const doc = new Y.Doc()
    for (const update of this.source()) {
      try {
        Y.applyUpdate(doc, update)
      } catch {
        // Stored before the guard existed: skipped here, so it cannot block new updates.
        this.skipped = true
      }
    }
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
      // Never to be applied: left out, so nothing is built on it and it is never served (SPEC Q8).
      doc.store.pendingStructs = null
      doc.store.pendingDs = null
      this.hadPending = true
    }
    return doc
  }
}

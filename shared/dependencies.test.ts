import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { missingDependencies } from './dependencies'

const stateOf = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc))

/** What Yjs itself says: applied to a copy of `doc`, does the update leave anything pending? */
function pendingAfter(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  Y.applyUpdate(copy, update)
  const pending = copy.store.pendingStructs !== null || copy.store.pendingDs !== null
  copy.destroy()
  return pending
}

describe('missingDependencies (SPEC Q8)', () => {
  it('Q8: an update that continues the document needs nothing; one that skips a change needs it', () => {
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    doc.getText('notes').insert(0, 'a')
    doc.getText('notes').insert(1, 'b')
    doc.getText('notes').delete(0, 1)
    const [first, second, third] = updates as [Uint8Array, Uint8Array, Uint8Array]
    const empty = new Y.Doc()
    expect(missingDependencies(first, stateOf(empty))).toBe(false)
    expect(missingDependencies(second, stateOf(empty))).toBe(true)
    expect(missingDependencies(third, stateOf(empty))).toBe(true)
    Y.applyUpdate(empty, first)
    expect(missingDependencies(second, stateOf(empty))).toBe(false)
    // The deletion of 'a' builds only on 'a', which the document has now.
    expect(missingDependencies(third, stateOf(empty))).toBe(false)
    expect(missingDependencies(Y.mergeUpdates([second, third]), stateOf(empty))).toBe(false)
  })

  it('Q8: agrees with Yjs on random edits by three writers, each update checked against a partial copy', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const gen = prng.create(seed)
      const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
      const log: Uint8Array[] = []
      for (const w of writers) w.on('update', (u: Uint8Array, origin: unknown) => origin !== 'sync' && log.push(u))
      for (let step = 0; step < 30; step++) {
        const w = writers[prng.int32(gen, 0, 2)] as Y.Doc
        const text = w.getText('notes')
        const map = w.getMap('profile')
        const r = prng.int32(gen, 0, 3)
        if (r === 0) text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 4))
        else if (r === 1 && text.length > 0) text.delete(prng.int32(gen, 0, text.length - 1), 1)
        else if (r === 2) map.set(`k${prng.int32(gen, 0, 3)}`, prng.word(gen))
        else {
          // Sometimes a writer learns the others' changes, so later updates build on them.
          for (const other of writers) if (other !== w) Y.applyUpdate(w, Y.encodeStateAsUpdate(other), 'sync')
        }
      }
      // A relay holding a random subset of the log, in order, judging each update.
      const relay = new Y.Doc()
      for (const update of log) {
        const needs = missingDependencies(update, stateOf(relay))
        expect(needs).toBe(pendingAfter(relay, update))
        if (!needs && prng.bool(gen)) Y.applyUpdate(relay, update)
      }
    }
  })
})

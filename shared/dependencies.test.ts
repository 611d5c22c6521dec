import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addsNothing, missingDependencies } from './dependencies'

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

/** What Yjs itself says: does applying the update to a copy of `doc` change what it holds? */
function changes(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc({ gc: false })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = Y.snapshot(copy)
  Y.applyUpdate(copy, update)
  const changed = !Y.equalSnapshots(before, Y.snapshot(copy)) || copy.store.pendingStructs !== null || copy.store.pendingDs !== null
  copy.destroy()
  return changed
}

describe('addsNothing (SPEC A8)', () => {
  it('A8: a sync answer carrying only deletions the document has adds nothing; a new value or deletion does', () => {
    const writer = new Y.Doc()
    const reader = new Y.Doc()
    writer.getMap('careRules').set('r', { on: true })
    writer.getMap('careRules').set('r', { on: false })
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(writer))
    // What the reader answers the relay's sync step with: no struct, its whole delete set.
    const answer = Y.encodeStateAsUpdate(reader, Y.encodeStateVector(writer))
    expect(Y.decodeUpdate(answer).ds.clients.size).toBe(1)
    expect(addsNothing(answer, writer)).toBe(true)
    expect(addsNothing(Y.encodeStateAsUpdate(reader), writer)).toBe(true)
    reader.getMap('careRules').set('r', { on: true })
    expect(addsNothing(Y.encodeStateAsUpdate(reader, Y.encodeStateVector(writer)), writer)).toBe(false)
    const deleter = new Y.Doc()
    Y.applyUpdate(deleter, Y.encodeStateAsUpdate(writer))
    deleter.getMap('careRules').delete('r')
    expect(addsNothing(Y.encodeStateAsUpdate(deleter, Y.encodeStateVector(writer)), writer)).toBe(false)
  })

  it('A8: agrees with Yjs on random edits of two writers, each answer judged against the other', () => {
    const seen = { nothingButDeletions: 0, something: 0 }
    for (let seed = 1; seed <= 60; seed++) {
      const gen = prng.create(seed)
      const docs = [new Y.Doc(), new Y.Doc()]
      for (let step = 0; step < 40; step++) {
        const [w, other] = (prng.bool(gen) ? docs : [...docs].reverse()) as [Y.Doc, Y.Doc]
        const map = w.getMap('m')
        const text = w.getText('t')
        const r = prng.int32(gen, 0, 4)
        if (r === 0) map.set(`k${prng.int32(gen, 0, 3)}`, prng.word(gen))
        else if (r === 1) map.delete(`k${prng.int32(gen, 0, 3)}`)
        else if (r === 2) text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 3))
        else if (r === 3 && text.length > 0) text.delete(prng.int32(gen, 0, text.length - 1), 1)
        else Y.applyUpdate(other, Y.encodeStateAsUpdate(w))
        const answer = Y.encodeStateAsUpdate(w, Y.encodeStateVector(other))
        const nothing = addsNothing(answer, other)
        expect(nothing, `seed ${seed} step ${step}`).toBe(!changes(other, answer))
        if (!nothing) seen.something++
        else if (Y.decodeUpdate(answer).ds.clients.size > 0) seen.nothingButDeletions++
      }
    }
    // Both kinds of answer came up, many times.
    expect(seen.nothingButDeletions).toBeGreaterThan(100)
    expect(seen.something).toBeGreaterThan(100)
  })
})

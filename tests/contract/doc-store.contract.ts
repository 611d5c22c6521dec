/**
 * The one contract every DocStore passes (server/store/doc-store.ts says what it promises):
 * run by doc-store.test.ts against SQLite on a real file and against the memory store; a
 * PostgreSQL store would be one more line there. Each rule is a test named after it.
 */
import * as prng from 'lib0/prng'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocStore } from '../../server/store/doc-store'

export interface DocStoreHarness {
  /** A new, empty store. */
  store: DocStore
  /** Closes the store and opens the same data again; only stores that keep data have it. */
  reopen?: () => Promise<DocStore>
  /** Removes whatever the store left behind (its folder), after it is closed. */
  dispose?: () => Promise<void> | void
}

/** A real update: `text` typed into the notes by a peer with its own client id. */
export function textUpdate(text: string, clientID = 1): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientID
  doc.getText('notes').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

function docOf(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc
}

/** What a reader of the document sees, and its state vector: equal documents give equal values. */
function contentOf(updates: readonly Uint8Array[]) {
  const doc = docOf(updates)
  const content = {
    notes: doc.getText('notes').toString(),
    profile: doc.getMap('profile').toJSON(),
    stateVector: Y.decodeStateVector(Y.encodeStateVector(doc)),
  }
  doc.destroy()
  return content
}

const bytes = (updates: readonly Uint8Array[]) => updates.map((u) => [...u])

export function docStoreContract(name: string, factory: () => Promise<DocStoreHarness> | DocStoreHarness): void {
  describe(`DocStore contract: ${name}`, () => {
    let harness: DocStoreHarness
    let store: DocStore
    let closed = false

    beforeEach(async () => {
      harness = await factory()
      store = harness.store
      closed = false
    })
    afterEach(async () => {
      if (!closed) await store.close()
      await harness.dispose?.()
    })

    const append = (docId: string, update: Uint8Array) => store.append([{ docId, update }]).then(([seq]) => seq as number)

    describe('append', () => {
      it('gives every entry a larger seq than any before, across documents and calls, in entry order', async () => {
        const first = await store.append([
          { docId: 'w/child/a', update: textUpdate('a1') },
          { docId: 'w/child/b', update: textUpdate('b1') },
          { docId: 'w/child/a', update: textUpdate('a2', 2) },
        ])
        const second = await store.append([{ docId: 'w/child/b', update: textUpdate('b2', 2) }])
        const seqs = [...first, ...second]
        expect(seqs).toHaveLength(4)
        expect(seqs[0]).toBeGreaterThan(0)
        for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number)
        for (const seq of seqs) expect(Number.isInteger(seq)).toBe(true)
      })

      it('appends nothing for an empty batch', async () => {
        expect(await store.append([])).toEqual([])
        expect(await store.changesSince('', 0, 10)).toEqual([])
      })

      it('gives appends in flight together distinct seqs, each document loading in seq order', async () => {
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            store.append([
              { docId: `w/child/${i % 3}`, update: textUpdate(`x${i}`, 100 + i) },
              { docId: 'w/child/all', update: textUpdate(`y${i}`, 200 + i) },
            ]),
          ),
        )
        const seqs = results.flat()
        expect(new Set(seqs).size).toBe(seqs.length)
        // Within a batch, entry order; across batches, each document's load follows the seqs.
        for (const [a, b] of results) expect(b).toBeGreaterThan(a as number)
        const all = await store.load('w/child/all')
        const order = results.map((r) => r[1] as number)
        const expected = results.map((_, i) => textUpdate(`y${i}`, 200 + i))
        const bySeq = order.map((seq, i) => ({ seq, update: expected[i] as Uint8Array })).sort((x, y) => x.seq - y.seq)
        expect(bytes(all.updates)).toEqual(bytes(bySeq.map((e) => e.update)))
        expect(all.lastSeq).toBe(Math.max(...order))
      })

      it('stores the bytes it was given, whatever the caller does with its buffer afterwards', async () => {
        const update = textUpdate('kept')
        const original = [...update]
        await append('w/child/a', update)
        update.fill(0)
        const loaded = await store.load('w/child/a')
        expect(bytes(loaded.updates)).toEqual([original])
        loaded.updates[0]?.fill(0)
        expect(bytes((await store.load('w/child/a')).updates)).toEqual([original])
      })

      it.each([
        ['a missing document id', { docId: null as unknown as string, update: textUpdate('bad', 9) }],
        ['an update that is not bytes', { docId: 'w/child/a', update: undefined as unknown as Uint8Array }],
      ])('stores nothing of a batch containing %s, and keeps working', async (_name, bad) => {
        const kept = await append('w/child/a', textUpdate('before'))
        await expect(
          store.append([
            { docId: 'w/child/a', update: textUpdate('lost 1', 2) },
            { docId: 'w/child/b', update: textUpdate('lost 2', 3) },
            bad,
          ]),
        ).rejects.toThrow()
        expect(await store.load('w/child/a')).toMatchObject({ lastSeq: kept })
        expect(contentOf((await store.load('w/child/a')).updates).notes).toBe('before')
        expect(await store.load('w/child/b')).toEqual({ updates: [], lastSeq: 0 })
        expect(await store.updateCount('w/child/a')).toBe(1)
        expect(await store.changesSince('', 0, 10)).toEqual([{ docId: 'w/child/a', seq: kept }])
        const next = await append('w/child/b', textUpdate('after'))
        expect(next).toBeGreaterThan(kept)
      })
    })

    describe('load and updateCount', () => {
      it('loads a document’s updates byte for byte, in commit order, with its newest seq, and no other’s', async () => {
        const updates = [textUpdate('one', 1), textUpdate('two', 2), textUpdate('three', 3)]
        const s1 = await append('w/child/a', updates[0] as Uint8Array)
        await append('w/child/other', textUpdate('not mine', 9))
        const [, s3] = await store.append([
          { docId: 'w/child/a', update: updates[1] as Uint8Array },
          { docId: 'w/child/a', update: updates[2] as Uint8Array },
        ])
        const loaded = await store.load('w/child/a')
        expect(bytes(loaded.updates)).toEqual(bytes(updates))
        expect(loaded.lastSeq).toBe(s3)
        expect(s1).toBeLessThan(s3 as number)
        expect(await store.updateCount('w/child/a')).toBe(3)
        expect(await store.updateCount('w/child/other')).toBe(1)
      })

      it('loads an unknown document as empty, with seq 0, and counts none', async () => {
        await append('w/child/a', textUpdate('a'))
        expect(await store.load('w/child/none')).toEqual({ updates: [], lastSeq: 0 })
        expect(await store.updateCount('w/child/none')).toBe(0)
      })

      it('keeps ids apart that differ only by case or a prefix', async () => {
        await append('w/child/a', textUpdate('lower'))
        await append('w/child/A', textUpdate('upper', 2))
        await append('w/child/ab', textUpdate('longer', 3))
        expect(contentOf((await store.load('w/child/a')).updates).notes).toBe('lower')
        expect(contentOf((await store.load('w/child/A')).updates).notes).toBe('upper')
        expect(await store.updateCount('w/child/ab')).toBe(1)
      })
    })

    describe('compact', () => {
      it('keeps the content and the seq, keeps later updates and other documents, and is not a change', async () => {
        const seqs = await store.append([
          { docId: 'w/child/a', update: textUpdate('A', 1) },
          { docId: 'w/child/a', update: textUpdate('B', 2) },
          { docId: 'w/child/b', update: textUpdate('other', 3) },
          { docId: 'w/child/a', update: textUpdate('C', 4) },
        ])
        const before = await store.load('w/child/a')
        const throughSeq = seqs[1] as number
        await store.compact('w/child/a', Y.mergeUpdates(before.updates.slice(0, 2)), throughSeq)

        const after = await store.load('w/child/a')
        expect(after.updates).toHaveLength(2)
        expect(bytes(after.updates.slice(1))).toEqual(bytes(before.updates.slice(2)))
        expect(after.lastSeq).toBe(before.lastSeq)
        expect(contentOf(after.updates)).toEqual(contentOf(before.updates))
        expect(await store.updateCount('w/child/a')).toBe(2)
        expect(await store.load('w/child/b')).toMatchObject({ lastSeq: seqs[2] })
        expect(await store.changesSince('w/', seqs[3] as number, 10)).toEqual([])
        // New updates still come after everything compacted.
        const next = await append('w/child/a', textUpdate('D', 5))
        expect(next).toBeGreaterThan(seqs[3] as number)

        await store.compact('w/child/a', Y.mergeUpdates((await store.load('w/child/a')).updates), next)
        expect(await store.load('w/child/a')).toMatchObject({ lastSeq: next })
        expect(await store.updateCount('w/child/a')).toBe(1)
        expect(await store.changesSince('w/', next, 10)).toEqual([])
      })

      it.each([1, 2, 3])('gives a document equal to the one before, after random edits and compactions (seed %i)', async (seed) => {
        const gen = prng.create(seed)
        const docId = `w/child/random${seed}`
        const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
        writers.forEach((doc, i) => (doc.clientID = seed * 10 + i))
        const updates: Uint8Array[] = []
        for (const doc of writers) doc.on('update', (update: Uint8Array) => updates.push(update))
        let lastSeq = 0
        for (let step = 0; step < 60; step++) {
          const doc = prng.oneOf(gen, writers)
          const text = doc.getText('notes')
          if (text.length > 0 && prng.bool(gen)) text.delete(prng.uint32(gen, 0, text.length - 1), 1)
          else text.insert(prng.uint32(gen, 0, text.length), prng.word(gen, 1, 3))
          doc.getMap('profile').set(prng.oneOf(gen, ['classId', 'phone', 'name']), prng.word(gen))
          // Peers exchange now and then, so updates depend on each other.
          if (prng.uint32(gen, 0, 4) === 0) {
            const other = prng.oneOf(gen, writers)
            Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)))
          }
          const batch = updates.splice(0)
          if (batch.length > 0) lastSeq = Math.max(...(await store.append(batch.map((update) => ({ docId, update })))))
          if (prng.uint32(gen, 0, 9) === 0) {
            const before = await store.load(docId)
            await store.compact(docId, Y.mergeUpdates(before.updates), before.lastSeq)
            const after = await store.load(docId)
            expect(contentOf(after.updates)).toEqual(contentOf(before.updates))
            expect(after.lastSeq).toBe(before.lastSeq)
            expect(after.updates).toHaveLength(1)
          }
        }
        const merged = new Y.Doc()
        for (const doc of writers) Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc))
        const stored = await store.load(docId)
        expect(stored.lastSeq).toBe(lastSeq)
        expect(contentOf(stored.updates)).toEqual(contentOf([Y.encodeStateAsUpdate(merged)]))
      })
    })

    describe('changesSince', () => {
      it('lists documents under a prefix, once each at their newest seq, oldest change first', async () => {
        const [a1, b1, w10, a2, underscore, letter] = await store.append([
          { docId: 'w1/child/a', update: textUpdate('a1') },
          { docId: 'w1/child/b', update: textUpdate('b1') },
          { docId: 'w10/child/a', update: textUpdate('not under w1/') },
          { docId: 'w1/child/a', update: textUpdate('a2', 2) },
          { docId: 'w1/child/a_b', update: textUpdate('underscore') },
          { docId: 'w1/child/aXb', update: textUpdate('no LIKE wildcards') },
        ])
        expect(await store.changesSince('w1/', 0, 10)).toEqual([
          { docId: 'w1/child/b', seq: b1 },
          { docId: 'w1/child/a', seq: a2 },
          { docId: 'w1/child/a_b', seq: underscore },
          { docId: 'w1/child/aXb', seq: letter },
        ])
        expect(await store.changesSince('w10/', 0, 10)).toEqual([{ docId: 'w10/child/a', seq: w10 }])
        // Under the prefix means starting with it, not containing it.
        const inside = await append('xw1/child/a', textUpdate('contains w1/ but is not under it'))
        expect((await store.changesSince('w1/', 0, 10)).map((c) => c.docId)).not.toContain('xw1/child/a')
        expect(await store.changesSince('xw1/', 0, 10)).toEqual([{ docId: 'xw1/child/a', seq: inside }])
        expect(await store.changesSince('', 0, 10)).toHaveLength(6)
        expect(await store.changesSince('w2/', 0, 10)).toEqual([])
        expect(a1).toBeLessThan(b1 as number)
      })

      it('takes the prefix as plain text: no wildcards, case counts', async () => {
        await store.append([
          { docId: 'w/child/a_b', update: textUpdate('underscore') },
          { docId: 'w/child/aXb', update: textUpdate('letter') },
          { docId: 'w/child/a%c', update: textUpdate('percent') },
          { docId: 'w/child/abc', update: textUpdate('plain') },
          { docId: 'W/child/a_b', update: textUpdate('upper case') },
        ])
        const ids = async (prefix: string) => (await store.changesSince(prefix, 0, 10)).map((c) => c.docId)
        expect(await ids('w/child/a_')).toEqual(['w/child/a_b'])
        expect(await ids('w/child/a%')).toEqual(['w/child/a%c'])
        expect(await ids('w/child/a')).toEqual(['w/child/a_b', 'w/child/aXb', 'w/child/a%c', 'w/child/abc'])
        expect(await ids('W/')).toEqual(['W/child/a_b'])
        expect(await ids('w/child/abc')).toEqual(['w/child/abc'])
        expect(await ids('w/child/abcd')).toEqual([])
      })

      it('lists only documents changed after the seq given, and at most the limit', async () => {
        const [, b1, c1] = await store.append([
          { docId: 'w/child/a', update: textUpdate('a1') },
          { docId: 'w/child/b', update: textUpdate('b1') },
          { docId: 'w/child/c', update: textUpdate('c1') },
        ])
        expect((await store.changesSince('w/', b1 as number, 10)).map((c) => c.docId)).toEqual(['w/child/c'])
        expect((await store.changesSince('w/', 0, 2)).map((c) => c.docId)).toEqual(['w/child/a', 'w/child/b'])
        expect(await store.changesSince('w/', 0, 0)).toEqual([])
        const a2 = await append('w/child/a', textUpdate('a2', 2))
        // A document changed again moves to the end, past everything it had been before.
        expect((await store.changesSince('w/', 0, 10)).map((c) => c.docId)).toEqual(['w/child/b', 'w/child/c', 'w/child/a'])
        expect(await store.changesSince('w/', b1 as number, 10)).toEqual([
          { docId: 'w/child/c', seq: c1 },
          { docId: 'w/child/a', seq: a2 },
        ])
      })

      it('pages by limit and cursor through every document exactly once, then nothing', async () => {
        const gen = prng.create(7)
        for (let i = 0; i < 40; i++) {
          const docId = `w/child/d${prng.uint32(gen, 0, 14)}`
          await store.append([{ docId, update: textUpdate(`e${i}`, i + 1) }])
          if (i % 5 === 0) await append(`x/child/d${i}`, textUpdate('elsewhere', 500 + i))
        }
        const whole = await store.changesSince('w/', 0, 1000)
        expect(whole.length).toBeGreaterThan(5)
        const seen: { docId: string; seq: number }[] = []
        let cursor = 0
        for (let round = 0; round < 100; round++) {
          const page = await store.changesSince('w/', cursor, 3)
          if (page.length === 0) break
          expect(page.length).toBeLessThanOrEqual(3)
          for (const change of page) expect(change.seq).toBeGreaterThan(cursor)
          seen.push(...page)
          cursor = page.at(-1)?.seq ?? cursor
        }
        expect(seen).toEqual(whole)
        expect(new Set(seen.map((c) => c.docId)).size).toBe(seen.length)
        for (const { docId, seq } of seen) expect((await store.load(docId)).lastSeq).toBe(seq)
        expect(await store.changesSince('w/', cursor, 3)).toEqual([])
      })

      it('lists a compacted document at the same seq as before', async () => {
        const [a1, a2] = await store.append([
          { docId: 'w/child/a', update: textUpdate('a1') },
          { docId: 'w/child/a', update: textUpdate('a2', 2) },
          { docId: 'w/child/b', update: textUpdate('b1') },
        ])
        const listed = await store.changesSince('w/', 0, 10)
        await store.compact('w/child/a', Y.mergeUpdates((await store.load('w/child/a')).updates), a2 as number)
        expect(await store.changesSince('w/', 0, 10)).toEqual(listed)
        expect(await store.changesSince('w/', a1 as number, 10)).toEqual(listed)
      })
    })

    // SPEC E5, SPEC E6
    describe('erase', () => {
      it('deletes every update of the document, and only of it; it is no longer listed, and is known as erased', async () => {
        const [, , b1] = await store.append([
          { docId: 'w/child/a', update: textUpdate('a1') },
          { docId: 'w/child/a', update: textUpdate('a2', 2) },
          { docId: 'w/child/b', update: textUpdate('b1', 3) },
        ])
        await store.erase('w/child/a')
        expect(await store.load('w/child/a')).toEqual({ updates: [], lastSeq: 0 })
        expect(await store.updateCount('w/child/a')).toBe(0)
        expect(await store.changesSince('w/', 0, 10)).toEqual([{ docId: 'w/child/b', seq: b1 }])
        expect(contentOf((await store.load('w/child/b')).updates).notes).toBe('b1')
        expect(await store.erasedAmong(['w/child/a', 'w/child/b', 'w/child/never'])).toEqual(new Set(['w/child/a']))
        expect(await store.erasedAmong([])).toEqual(new Set())
        // Erasing again, or a document never stored, is no error.
        await store.erase('w/child/a')
        await store.erase('w/child/never')
        expect(await store.erasedAmong(['w/child/never'])).toEqual(new Set(['w/child/never']))
      })

      it('takes no update of an erased document again: its batch fails whole, a compaction fails, others go on', async () => {
        const kept = await append('w/child/b', textUpdate('b1'))
        await append('w/child/a', textUpdate('a1'))
        await store.erase('w/child/a')
        await expect(
          store.append([
            { docId: 'w/child/b', update: textUpdate('lost with its batch', 2) },
            { docId: 'w/child/a', update: textUpdate('back from a device', 3) },
          ]),
        ).rejects.toThrow()
        await expect(store.compact('w/child/a', textUpdate('merged', 4), kept)).rejects.toThrow()
        expect(await store.load('w/child/a')).toEqual({ updates: [], lastSeq: 0 })
        expect(await store.load('w/child/b')).toMatchObject({ lastSeq: kept })
        expect(await append('w/child/b', textUpdate('b2', 5))).toBeGreaterThan(kept)
      })

      it('remembers an erased document when closed and opened again', async (context) => {
        if (!harness.reopen) {
          context.skip()
          return
        }
        await append('w/child/a', textUpdate('a1'))
        await store.erase('w/child/a')
        store = await harness.reopen()
        expect(await store.erasedAmong(['w/child/a'])).toEqual(new Set(['w/child/a']))
        expect(await store.load('w/child/a')).toEqual({ updates: [], lastSeq: 0 })
        await expect(append('w/child/a', textUpdate('again'))).rejects.toThrow()
      })
    })

    it('refuses to work once closed', async () => {
      await append('w/child/a', textUpdate('a'))
      await store.close()
      closed = true
      await expect(store.load('w/child/a')).rejects.toThrow()
      await expect(store.append([{ docId: 'w/child/a', update: textUpdate('b', 2) }])).rejects.toThrow()
    })

    describe('durability', () => {
      it('keeps every update, compaction and seq when closed and opened again', async (context) => {
        if (!harness.reopen) {
          context.skip()
          return
        }
        const [a1, , b1] = await store.append([
          { docId: 'w/child/a', update: textUpdate('a1') },
          { docId: 'w/child/a', update: textUpdate('a2', 2) },
          { docId: 'w/child/b', update: textUpdate('b1', 3) },
        ])
        const a = await store.load('w/child/a')
        await store.compact('w/child/a', Y.mergeUpdates(a.updates), a.lastSeq)
        const compacted = await store.load('w/child/a')
        const listed = await store.changesSince('', 0, 10)

        store = await harness.reopen()
        expect(bytes((await store.load('w/child/a')).updates)).toEqual(bytes(compacted.updates))
        expect((await store.load('w/child/a')).lastSeq).toBe(a.lastSeq)
        expect(contentOf((await store.load('w/child/b')).updates).notes).toBe('b1')
        expect(await store.changesSince('', 0, 10)).toEqual(listed)
        expect(await store.updateCount('w/child/a')).toBe(1)
        // Seqs go on from where they were, never reused.
        const next = await append('w/child/c', textUpdate('c1', 4))
        expect(next).toBeGreaterThan(b1 as number)
        expect(next).toBeGreaterThan(a1 as number)
      })
    })
  })
}

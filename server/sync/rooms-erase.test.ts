/**
 * Erasing a document under way (docs/SPEC.md E5, E6): whatever of it is already on its way to
 * the store is written first, and only then does the store forget it, so nothing of it is
 * written after; whatever comes later is refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol'
import { createMemoryLogger } from '../log'
import type { DocStore } from '../store/doc-store'
import { openMemoryDocStore } from '../store/memory-doc-store'
import { createCommitQueue } from './commit-queue'
import type { Peer } from './room'
import { RoomErased, Rooms } from './rooms'

const DOC = 'w/child/a'
const WRITER = { id: 'u1', role: 'coordinator', classTeacher: false, name: 'u', memberSince: 0 } as const

function textUpdate(text: string, clientID: number): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientID
  doc.getText('text:profile.habits').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A store call that waits, while shut, until the test opens it. */
function gate() {
  let open: () => void = () => {}
  let opened = new Promise<void>((resolve) => (open = resolve))
  const g = {
    shut: false,
    held: 0,
    async pass() {
      if (!g.shut) return
      g.held++
      await opened
    },
    open() {
      g.shut = false
      open()
      opened = Promise.resolve()
    },
  }
  return g
}

function peer(): Peer & { closedWith?: number } {
  const p: Peer & { closedWith?: number } = {
    label: 'p1',
    canWrite: true,
    identity: { id: 'u1', name: '甲' },
    writer: () => WRITER,
    send: () => {},
    close: (code) => void (p.closedWith = code),
  }
  return p
}

// SPEC E5, SPEC E6
describe('Rooms: erasing a document under way', () => {
  let inner: DocStore
  let gates: { append: ReturnType<typeof gate>; compact: ReturnType<typeof gate> }
  let rooms: Rooms

  beforeEach(() => {
    inner = openMemoryDocStore()
    gates = { append: gate(), compact: gate() }
    const store: DocStore = {
      ...inner,
      append: async (entries) => {
        await gates.append.pass()
        return inner.append(entries)
      },
      compact: async (docId, merged, throughSeq) => {
        await gates.compact.pass()
        return inner.compact(docId, merged, throughSeq)
      },
    }
    rooms = new Rooms(store, createCommitQueue(store, () => {}), createMemoryLogger())
  })
  afterEach(async () => {
    gates.append.open()
    gates.compact.open()
    await rooms.closeAll()
    await inner.close()
  })

  it('commits what was queued before the erase, then forgets it; refuses what comes after, closing its sender with 4410', async () => {
    const room = await rooms.acquire(DOC)
    gates.append.shut = true
    const before = textUpdate('queued before', 1)
    room.admit(before, WRITER)
    const queued = room.commit(null, before)
    await nextTurn()
    expect(gates.append.held).toBe(1)

    const erased = rooms.erase(DOC)
    const sender = peer()
    const after = textUpdate('sent after', 2)
    await expect(room.commit(sender, after)).rejects.toThrow(/erased/)
    expect(sender.closedWith).toBe(CloseCode.erased)

    gates.append.open()
    await queued
    await erased
    expect(await inner.load(DOC)).toEqual({ updates: [], lastSeq: 0 })
    expect(await inner.erasedAmong([DOC])).toEqual(new Set([DOC]))
    await expect(rooms.acquire(DOC)).rejects.toBeInstanceOf(RoomErased)
    rooms.release(DOC)
  })

  it('lets a compaction under way finish before the store forgets, so it brings nothing back', async () => {
    const room = await rooms.acquire(DOC)
    for (const [i, text] of ['one ', 'two ', 'three'].entries()) {
      const update = textUpdate(text, i + 1)
      room.admit(update, WRITER)
      await room.commit(null, update)
    }
    gates.compact.shut = true
    const compacting = room.compact()
    await nextTurn()
    expect(gates.compact.held).toBe(1)
    const erased = rooms.erase(DOC)
    await nextTurn()
    // Not yet: the compaction would write the merged document after the store forgot it.
    expect(await inner.erasedAmong([DOC])).toEqual(new Set())
    gates.compact.open()
    await compacting
    await erased
    expect(await inner.load(DOC)).toEqual({ updates: [], lastSeq: 0 })
    // And the room compacts nothing more.
    await room.compact()
    expect(await inner.load(DOC)).toEqual({ updates: [], lastSeq: 0 })
  })

  it('waits for the compaction of a room being dropped', async () => {
    const room = await rooms.acquire(DOC)
    for (const [i, text] of ['one ', 'two '].entries()) {
      const update = textUpdate(text, i + 1)
      room.admit(update, WRITER)
      await room.commit(null, update)
    }
    gates.compact.shut = true
    rooms.release(DOC)
    await nextTurn()
    expect(gates.compact.held).toBe(1)
    const erased = rooms.erase(DOC)
    await nextTurn()
    expect(await inner.erasedAmong([DOC])).toEqual(new Set())
    gates.compact.open()
    await erased
    expect(await inner.load(DOC)).toEqual({ updates: [], lastSeq: 0 })
  })
})

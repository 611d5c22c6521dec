import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createMemoryLogger } from '../log'
import type { DocStore } from '../store/doc-store'
import { openMemoryDocStore } from '../store/memory-doc-store'
import { createCommitQueue } from './commit-queue'
import { Rooms, RoomsClosed } from './rooms'

function textUpdate(text: string, clientID: number): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientID
  doc.getText('text:profile.habits').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

function notesOf(update: Uint8Array): string {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc.getText('text:profile.habits').toString()
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let turn = 0; !check(); turn++) {
    if (turn > 10_000) throw new Error(`it never happened: ${what}`)
    await nextTurn()
  }
}

/** A gate a store call waits at until the test opens it. */
class Gate {
  private opened = false
  private readonly waiting: (() => void)[] = []
  calls = 0
  shut = false
  async pass(): Promise<void> {
    this.calls++
    if (!this.shut || this.opened) return
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }
  open(): void {
    this.opened = true
    for (const resolve of this.waiting.splice(0)) resolve()
  }
  get held(): number {
    return this.waiting.length
  }
}

describe('Rooms: loading, holding and dropping rooms', () => {
  let inner: DocStore
  let gates: { load: Gate; append: Gate; compact: Gate }
  let failLoads: number
  let rooms: Rooms

  beforeEach(() => {
    inner = openMemoryDocStore()
    gates = { load: new Gate(), append: new Gate(), compact: new Gate() }
    failLoads = 0
    const store: DocStore = {
      ...inner,
      load: async (docId) => {
        await gates.load.pass()
        if (failLoads > 0) {
          failLoads--
          throw new Error('injected: cannot read')
        }
        return inner.load(docId)
      },
      append: async (entries) => {
        await gates.append.pass()
        return inner.append(entries)
      },
      compact: async (docId, merged, throughSeq) => {
        await gates.compact.pass()
        return inner.compact(docId, merged, throughSeq)
      },
    }
    const log = createMemoryLogger()
    rooms = new Rooms(store, createCommitQueue(store, () => {}), log)
  })
  afterEach(async () => {
    for (const gate of Object.values(gates)) gate.open()
    await rooms.closeAll()
    await inner.close()
  })

  it('loads a document once for everyone who asks while it loads, and gives them the same room', async () => {
    gates.load.shut = true
    const first = rooms.acquire('w/child/a')
    const second = rooms.acquire('w/child/a')
    await waitFor(() => gates.load.held === 1, 'the load to start')
    expect(gates.load.calls).toBe(1)
    gates.load.open()
    expect(await first).toBe(await second)
    expect(rooms.count).toBe(1)
  })

  it('does not drop a room while it loads, nor while anyone holds it', async () => {
    gates.load.shut = true
    const asked = rooms.acquire('w/child/a')
    await waitFor(() => gates.load.held === 1, 'the load to start')
    // Nothing in it and no peer yet: it must stay, or the one who asked gets a dropped room.
    expect(rooms.count).toBe(1)
    gates.load.open()
    const room = await asked
    expect(rooms.count).toBe(1)
    const again = await rooms.acquire('w/child/a')
    expect(again).toBe(room)
    rooms.release('w/child/a')
    expect(rooms.count).toBe(1)
    rooms.release('w/child/a')
    expect(rooms.count).toBe(0)
  })

  it('does not drop a room while a commit is in flight, and drops it after', async () => {
    const room = await rooms.acquire('w/child/a')
    gates.append.shut = true
    const update = textUpdate('in flight', 1)
    room.admit(update, { id: 'u1', role: 'coordinator', classTeacher: false, name: 'u', memberSince: 0 })
    const committed = room.commit(null, update)
    rooms.release('w/child/a')
    await waitFor(() => gates.append.held === 1, 'the append to start')
    expect(rooms.count).toBe(1)
    gates.append.open()
    await committed
    await waitFor(() => rooms.count === 0, 'the idle room to be dropped')
    expect(notesOf(await rooms.merged('w/child/a'))).toBe('in flight')
  })

  it('loads a document being dropped only once its compaction is written, and sees it whole', async () => {
    const room = await rooms.acquire('w/child/a')
    for (const [i, text] of ['one ', 'two ', 'three'].entries()) {
      const update = textUpdate(text, i + 1)
      room.admit(update, { id: 'u1', role: 'coordinator', classTeacher: false, name: 'u', memberSince: 0 })
      await room.commit(null, update)
    }
    gates.compact.shut = true
    rooms.release('w/child/a')
    await waitFor(() => gates.compact.held === 1, 'the compaction on drop to start')
    const loads = gates.load.calls
    const reloaded = rooms.acquire('w/child/a')
    await nextTurn()
    expect(gates.load.calls).toBe(loads)
    gates.compact.open()
    const fresh = await reloaded
    expect(fresh).not.toBe(room)
    expect(gates.load.calls).toBe(loads + 1)
    expect(await inner.updateCount('w/child/a')).toBe(1)
    expect(notesOf(fresh.merged()).length).toBe('one two three'.length)
    rooms.release('w/child/a')
  })

  it('fails everyone waiting on a load that failed, and loads afresh for the next one to ask', async () => {
    failLoads = 1
    await expect(rooms.acquire('w/child/a')).rejects.toThrow('injected')
    expect(rooms.count).toBe(0)
    const room = await rooms.acquire('w/child/a')
    expect(room.docId).toBe('w/child/a')
    rooms.release('w/child/a')
  })

  it('holds every room of a request while it runs, and gives none if one cannot load', async () => {
    const seen = await rooms.holding(['w/child/a', 'w/child/b', 'w/child/a'], async (held) => {
      expect(held[0]).toBe(held[2])
      expect(rooms.count).toBe(2)
      return held.map((r) => r.docId)
    })
    expect(seen).toEqual(['w/child/a', 'w/child/b', 'w/child/a'])
    expect(rooms.count).toBe(0)

    failLoads = 1
    let ran = false
    await expect(
      rooms.holding(['w/child/c', 'w/child/d'], async () => {
        ran = true
      }),
    ).rejects.toThrow('injected')
    expect(ran).toBe(false)
    expect(rooms.count).toBe(0)
  })

  it('commits what is queued when closing, and lends no room after', async () => {
    const room = await rooms.acquire('w/child/a')
    const update = textUpdate('last words', 1)
    room.admit(update, { id: 'u1', role: 'coordinator', classTeacher: false, name: 'u', memberSince: 0 })
    const committed = room.commit(null, update)
    await rooms.closeAll()
    await committed
    expect(await inner.updateCount('w/child/a')).toBe(1)
    await expect(rooms.acquire('w/child/b')).rejects.toBeInstanceOf(RoomsClosed)
  })
})

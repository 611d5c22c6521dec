import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readMessage, type Message } from '../../shared/protocol'
import type { AuthenticatedWriter } from '../../shared/docs/write-rules'
import { waitFor } from '../../tests/helpers/clients'
import { createMemoryLogger } from '../log'
import type { DocStore } from '../store/doc-store'
import { openMemoryDocStore } from '../store/memory-doc-store'
import { createCommitQueue, type CommitQueue } from './commit-queue'
import { Fanout, runsUnder } from './fanout'
import { Room, type Peer } from './room'

const TEXT = 'text:profile.habits'
const DOC = 'w/child/a'
const WRITER: AuthenticatedWriter = { id: 'c', role: 'coordinator', classTeacher: false, name: '王校長', memberSince: 0 }

/** A typist's own copy: each call to `type` is one update, as one keystroke is. */
function typist(clientID: number): { type(text: string): Uint8Array } {
  const doc = new Y.Doc()
  doc.clientID = clientID
  return {
    type: (text) => {
      const before = Y.encodeStateVector(doc)
      doc.getText(TEXT).insert(doc.getText(TEXT).length, text)
      return Y.encodeStateAsUpdate(doc, before)
    },
  }
}

function fakePeer(label: string): Peer & { heard: Message[] } {
  const heard: Message[] = []
  return {
    label,
    heard,
    send: (data) => void heard.push(readMessage(data)),
    close: () => {},
    canWrite: true,
    identity: { id: WRITER.id, name: '測試' },
    writer: () => WRITER,
  }
}

const updatesHeard = (peer: { heard: Message[] }) => peer.heard.filter((m) => m.type === 'update')

/** What a peer's copy holds after applying every update and sync step 2 it heard. */
function copyOf(peer: { heard: Message[] }): string {
  const doc = new Y.Doc()
  for (const m of peer.heard) if (m.type === 'update' || m.type === 'syncStep2') Y.applyUpdate(doc, m.update)
  return doc.getText(TEXT).toString()
}

/** A store whose appends wait until `release` is called: what is "not yet committed" looks like. */
function gatedStore(inner: DocStore): DocStore & { release(): void } {
  let open: () => void = () => {}
  let gate = new Promise<void>((resolve) => (open = resolve))
  return {
    ...inner,
    load: (docId) => inner.load(docId),
    append: async (entries) => {
      await gate
      return inner.append(entries)
    },
    release: () => {
      open()
      gate = Promise.resolve()
    },
  }
}

describe('SPEC S20: what a room forwards goes to each peer as one message per turn', () => {
  let store: DocStore & { release(): void }
  let commits: CommitQueue
  let room: Room

  beforeEach(async () => {
    store = gatedStore(openMemoryDocStore())
    commits = createCommitQueue(store, () => {})
    room = await Room.load(DOC, store, commits, createMemoryLogger())
  })
  afterEach(() => room.destroy())

  it('SPEC S20, S1 a burst from two writers in one turn reaches each other peer as one update, the writers only the other\'s, and no one before it is committed', async () => {
    const a = fakePeer('a')
    const b = fakePeer('b')
    const readers = [fakePeer('r1'), fakePeer('r2'), fakePeer('r3')]
    for (const p of [a, b, ...readers]) room.join(p)
    const ta = typist(1)
    const tb = typist(2)
    for (const keys of ['家', '訪', '記']) room.handle(a, { type: 'update', update: ta.type(keys), empty: false })
    room.handle(b, { type: 'update', update: tb.type('錄'), empty: false })
    // Not yet on disk: nothing has gone anywhere (SPEC S1), however long the turn waits.
    await new Promise((resolve) => setImmediate(resolve))
    await new Promise((resolve) => setImmediate(resolve))
    for (const p of [a, b, ...readers]) expect(updatesHeard(p)).toHaveLength(0)
    store.release()
    await waitFor(() => readers.every((r) => updatesHeard(r).length > 0) && updatesHeard(a).length > 0 && updatesHeard(b).length > 0, 'the forwarded burst')
    for (const r of readers) {
      expect(updatesHeard(r)).toHaveLength(1)
      expect([...copyOf(r)].sort().join('')).toBe([...'家訪記錄'].sort().join(''))
    }
    expect(updatesHeard(a)).toHaveLength(1)
    expect(copyOf(a)).toBe('錄')
    expect(updatesHeard(b)).toHaveLength(1)
    expect(copyOf(b)).toBe('家訪記')
    expect((await store.load(DOC)).updates).toHaveLength(4)
  })

  it('SPEC S20 presence changed several times in a turn goes out once, in its latest state', async () => {
    store.release()
    const a = fakePeer('a')
    const reader = fakePeer('r')
    room.join(a)
    room.join(reader)
    const doc = new Y.Doc()
    const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness')
    const awareness = new Awareness(doc)
    for (const at of [1, 2, 3]) {
      awareness.setLocalState({ cursor: at })
      room.handle(a, { type: 'awareness', update: encodeAwarenessUpdate(awareness, [doc.clientID]) })
    }
    await waitFor(() => reader.heard.some((m) => m.type === 'awareness'), 'presence at the reader')
    const heard = reader.heard.filter((m) => m.type === 'awareness')
    expect(heard).toHaveLength(1)
    const seen = new Awareness(new Y.Doc())
    const { applyAwarenessUpdate } = await import('y-protocols/awareness')
    applyAwarenessUpdate(seen, (heard[0] as { update: Uint8Array }).update, null)
    expect(seen.getStates().get(doc.clientID)).toMatchObject({ cursor: 3, user: { id: WRITER.id } })
    awareness.destroy()
    seen.destroy()
  })

  it('SPEC S21 a joiner with nothing gets the whole committed document, and one after a commit gets that commit too', async () => {
    store.release()
    const t = typist(1)
    await room.commit(null, t.type('第一次家訪'))
    const first = fakePeer('j1')
    room.join(first)
    room.handle(first, { type: 'syncStep1', stateVector: new Uint8Array([0]) })
    expect(copyOf(first)).toBe('第一次家訪')
    await room.commit(null, t.type('，第二次'))
    const second = fakePeer('j2')
    room.join(second)
    room.handle(second, { type: 'syncStep1', stateVector: new Uint8Array([0]) })
    expect(copyOf(second)).toBe('第一次家訪，第二次')
    // Its state vector, too, says it has the second commit.
    const sv = second.heard.find((m) => m.type === 'syncStep1')
    expect(sv?.type === 'syncStep1' ? Y.decodeStateVector(sv.stateVector).get(1) : undefined).toBe(9)
  })
})

describe('SPEC S20: a merged message stays under the largest message', () => {
  it('cuts the turn into runs under the limit, in order', () => {
    const sizes = [40, 40, 40, 100, 10]
    const runs = runsUnder(sizes.map((n) => ({ update: new Uint8Array(n) })), 100)
    expect(runs.map((r) => r.map((f) => f.update.byteLength))).toEqual([[40, 40], [40], [100], [10]])
  })

  it('sends several messages, each under the limit, when a turn holds more, and the peer still converges', async () => {
    const heard: Uint8Array[] = []
    const peer = { send: (data: Uint8Array) => void heard.push(data) }
    const limit = 2048
    const fanout = new Fanout(() => [peer], () => new Uint8Array(), limit)
    const t = typist(7)
    const expected = '檔'.repeat(2000)
    for (let i = 0; i < 20; i++) fanout.update(t.type('檔'.repeat(100)), null)
    fanout.flush()
    expect(heard.length).toBeGreaterThan(1)
    expect(heard.length).toBeLessThan(20)
    const copy = new Y.Doc()
    for (const data of heard) {
      expect(data.byteLength).toBeLessThanOrEqual(limit)
      const m = readMessage(data)
      if (m.type === 'update') Y.applyUpdate(copy, m.update)
    }
    expect(copy.getText(TEXT).toString()).toBe(expected)
  })
})

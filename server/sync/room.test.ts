import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readMessage, type Message } from '../../shared/protocol'
import { createMemoryLogger } from '../log'
import { openMemoryDocStore } from '../store/memory-doc-store'
import type { DocStore } from '../store/doc-store'
import { createCommitQueue, type CommitQueue } from './commit-queue'
import { Room, type Peer } from './room'
import type { AuthenticatedWriter } from '../../shared/docs/write-rules'
import { moveToBin } from '../../shared/docs/child/bin'
import { createChildFile } from '../../shared/docs/child/child'
import { addRecord } from '../../shared/docs/child/records'

function textUpdate(text: string, clientID: number): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientID
  doc.getText('text:profile.habits').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

/** A connection as the room sees it, keeping every message it was sent. */
function fakePeer(canWrite: boolean, writer: AuthenticatedWriter = { id: 'c', role: 'coordinator', classTeacher: false, name: '王校長', memberSince: 0 }): Peer & { heard: Message[] } {
  const heard: Message[] = []
  return {
    label: 'test',
    heard,
    send: (data) => void heard.push(readMessage(data)),
    close: () => {},
    canWrite,
    identity: { id: writer.id, name: '測試' },
    writer: () => writer,
  }
}

const answers = (peer: { heard: Message[] }) => peer.heard.filter((m) => m.type === 'saved' || m.type === 'notSaved')

describe('Room: checkpoints are answered saved only when everything the connection sent was taken', () => {
  let store: DocStore
  let commits: CommitQueue
  let room: Room

  beforeEach(async () => {
    store = openMemoryDocStore()
    commits = createCommitQueue(store, () => {})
    room = await Room.load('w/child/a', store, commits, createMemoryLogger())
  })
  afterEach(async () => {
    room.destroy()
    await store.close()
  })

  it('answers a writer saved n once its update is committed', async () => {
    const writer = fakePeer(true)
    room.join(writer)
    room.handle(writer, { type: 'update', update: textUpdate('家訪', 1), empty: false })
    room.handle(writer, { type: 'checkpoint', n: 1 })
    await commits.flush()
    expect(answers(writer)).toEqual([{ type: 'saved', n: 1 }])
    expect((await store.load('w/child/a')).updates).toHaveLength(1)
  })

  // SPEC S7
  it('S7: after a refused update, every later checkpoint on that connection is answered not saved', async () => {
    const reader = fakePeer(false)
    room.join(reader)
    room.handle(reader, { type: 'checkpoint', n: 1 })
    await commits.flush()
    room.handle(reader, { type: 'update', update: textUpdate('只讀的人寫的', 2), empty: false })
    expect(reader.heard.some((m) => m.type === 'permissionDenied')).toBe(true)
    room.handle(reader, { type: 'checkpoint', n: 2 })
    await commits.flush()
    // Write access given back on the same connection: what it sent before is still not stored.
    reader.canWrite = true
    room.handle(reader, { type: 'update', update: textUpdate('後來寫的', 3), empty: false })
    room.handle(reader, { type: 'checkpoint', n: 3 })
    await commits.flush()
    expect(answers(reader)).toEqual([
      { type: 'saved', n: 1 },
      { type: 'notSaved', n: 2 },
      { type: 'notSaved', n: 3 },
    ])
    // A new connection of the same member starts clean.
    const again = fakePeer(true)
    room.join(again)
    room.handle(again, { type: 'checkpoint', n: 1 })
    await commits.flush()
    expect(answers(again)).toEqual([{ type: 'saved', n: 1 }])
  })

  it('a refused connection changes nothing for the others, and an empty update is no refusal', async () => {
    const reader = fakePeer(false)
    const writer = fakePeer(true)
    room.join(reader)
    room.join(writer)
    const nothing = Y.encodeStateAsUpdate(new Y.Doc())
    room.handle(reader, { type: 'update', update: nothing, empty: true })
    room.handle(reader, { type: 'checkpoint', n: 1 })
    room.handle(reader, { type: 'update', update: textUpdate('x', 4), empty: false })
    room.handle(writer, { type: 'checkpoint', n: 7 })
    await commits.flush()
    expect(answers(reader)).toEqual([{ type: 'saved', n: 1 }])
    expect(answers(writer)).toEqual([{ type: 'saved', n: 7 }])
    expect(reader.heard.filter((m) => m.type === 'permissionDenied')).toEqual([{ type: 'permissionDenied', reason: 'read-only' }])
  })

  // SPEC S7 SPEC D3
  it("S7: a write the file's rules refuse makes that connection's later checkpoints not saved too", async () => {
    const coordinator = fakePeer(true)
    const helper = fakePeer(true, { id: 'h', role: 'helper', classTeacher: false, name: '張媽媽', memberSince: 0 })
    room.join(coordinator)
    room.join(helper)
    const ctx = { author: { id: 'c', name: '王校長' }, today: '2026-11-29' as never, now: Date.now() }
    const file = new Y.Doc()
    createChildFile(file, { name: '李小紅' }, ctx)
    const added = addRecord(file, { type: 'activity', date: '2026-11-01', fields: { title: '六一联欢' } }, ctx)
    if (!('id' in added)) throw new Error('not added')
    room.handle(coordinator, { type: 'update', update: Y.encodeStateAsUpdate(file), empty: false })
    await commits.flush()
    const before = Y.encodeStateVector(file)
    moveToBin(file, 'records', added.id, { author: { id: 'h', name: '張媽媽' }, now: Date.now() })
    room.handle(helper, { type: 'update', update: Y.encodeStateAsUpdate(file, before), empty: false })
    room.handle(helper, { type: 'checkpoint', n: 1 })
    await commits.flush()
    expect(helper.heard.filter((m) => m.type === 'permissionDenied')).toEqual([{ type: 'permissionDenied', reason: 'notYoursToDelete' }])
    expect(answers(helper)).toEqual([{ type: 'notSaved', n: 1 }])
  })
})

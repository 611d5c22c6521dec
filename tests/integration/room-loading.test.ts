/**
 * A document loads asynchronously (a slow disk, a remote database): what a connection sends
 * before its room is loaded is handled once it is, in order, none of it dropped, and the
 * relay says nothing on that connection before it has the document.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { readMessage, writeCheckpoint, writeSyncStep1, writeUpdate, type Message } from '../../shared/protocol'
import { openSqliteDocStore } from '../../server/store/sqlite-doc-store'
import { waitFor } from '../helpers/clients'
import { dbFileIn, makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'

const DOC_ID = 'school-1/child/slow1'

function textUpdate(text: string, clientID: number, after?: Y.Doc): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientID
  if (after) Y.applyUpdate(doc, Y.encodeStateAsUpdate(after))
  const before = Y.encodeStateVector(doc)
  doc.getText('text:profile.habits').insert(doc.getText('text:profile.habits').length, text)
  return Y.encodeStateAsUpdate(doc, before)
}

interface RawPeer {
  ws: WebSocket
  received: Message[]
  opened: Promise<void>
}

/** A raw websocket, signed in, that sends `frames` the moment it is open and keeps what the relay sends. */
function rawPeer(relay: TestRelay, token: string, frames: Uint8Array[]): RawPeer {
  const ws = new WebSocket(`${relay.url.replace(/^http/, 'ws')}/sync/${DOC_ID}`, { headers: { authorization: `Bearer ${token}` } })
  const received: Message[] = []
  ws.on('message', (data: Buffer) => received.push(readMessage(new Uint8Array(data))))
  ws.on('error', () => {})
  const opened = new Promise<void>((resolve) =>
    ws.on('open', () => {
      for (const frame of frames) ws.send(frame)
      resolve()
    }),
  )
  return { ws, received, opened }
}

describe('a room that loads slowly', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let token: string
  let releaseLoads: () => void
  let loadsStarted: number
  const seed = new Y.Doc()
  seed.getText('text:profile.habits').insert(0, '已存：')

  beforeEach(async () => {
    data = makeDataDir()
    // The document is already on disk, as after a restart.
    const store = openSqliteDocStore({ file: dbFileIn(data.dir) })
    await store.append([{ docId: DOC_ID, update: Y.encodeStateAsUpdate(seed) }])
    await store.close()
    const gate = new Promise<void>((resolve) => (releaseLoads = resolve))
    loadsStarted = 0
    relay = await startTestRelay(data.dir, 0, {
      wrapStore: (store) => ({
        ...store,
        async load(docId) {
          loadsStarted++
          await gate
          return store.load(docId)
        },
      }),
    })
    token = await relay.setUpCoordinator()
  })
  afterEach(async () => {
    releaseLoads()
    await relay.stop()
    data.remove()
  })

  it('answers nothing before the load, then handles every early message in order', async () => {
    const u1 = textUpdate('一', 7, seed)
    const u2 = textUpdate('二', 8)
    const peer = rawPeer(relay, token, [writeSyncStep1(Y.encodeStateVector(new Y.Doc())), writeUpdate(u1), writeUpdate(u2), writeCheckpoint(1)])
    await peer.opened
    await waitFor(() => loadsStarted === 1, 'the room to start loading')
    // A second connection while it loads joins the same room: the document is loaded once.
    const watcher = rawPeer(relay, token, [])
    await watcher.opened
    expect(peer.received).toEqual([])
    expect(watcher.received).toEqual([])

    releaseLoads()
    await waitFor(() => peer.received.some((m) => m.type === 'saved'), 'the checkpoint to be saved')
    expect(loadsStarted).toBe(1)
    // The join first (the stored document's state vector), then the answer to its step 1, then saved.
    const [join, answer, ...rest] = peer.received
    expect(join).toEqual({ type: 'syncStep1', stateVector: Y.encodeStateVector(seed) })
    expect(answer?.type).toBe('syncStep2')
    const answered = new Y.Doc()
    if (answer?.type === 'syncStep2') Y.applyUpdate(answered, answer.update)
    expect(answered.getText('text:profile.habits').toString()).toBe('已存：')
    expect(rest).toEqual([{ type: 'saved', n: 1 }])

    // Both updates reached the store and the other connection, in the order they were sent.
    const stored = await loadStoredDoc(relay.store, DOC_ID)
    expect(stored.getText('text:profile.habits').toString()).toContain('已存：一')
    expect(stored.getText('text:profile.habits').toString()).toContain('二')
    // Committed in one batch, they reach the watcher as one merged update (SPEC S20).
    // The watcher sent no sync step 1: it holds what it had, the seed, and what it heard.
    const watched = new Y.Doc()
    Y.applyUpdate(watched, Y.encodeStateAsUpdate(seed))
    await waitFor(() => {
      for (const m of watcher.received.splice(0)) if (m.type === 'update' || m.type === 'syncStep2') Y.applyUpdate(watched, m.update)
      return watched.getText('text:profile.habits').length === stored.getText('text:profile.habits').length
    }, 'the watcher to receive both updates')
    expect(watched.getText('text:profile.habits').toString()).toBe(stored.getText('text:profile.habits').toString())
    peer.ws.close()
    watcher.ws.close()
  })

  it('keeps what a connection sent before it closed, though its room was still loading', async () => {
    const update = textUpdate('走之前寫的', 9, seed)
    const peer = rawPeer(relay, token, [writeUpdate(update)])
    await peer.opened
    await waitFor(() => loadsStarted === 1, 'the room to start loading')
    const closed = new Promise<void>((resolve) => peer.ws.on('close', () => resolve()))
    peer.ws.close()
    await closed

    releaseLoads()
    await waitFor(async () => (await loadStoredDoc(relay.store, DOC_ID)).getText('text:profile.habits').toString().includes('走之前寫的'), 'the update to be stored')
  })
})

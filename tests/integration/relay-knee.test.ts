/**
 * The relay at the knee (issue 13), through a real relay with accounts and stock y-websocket
 * clients: bursts from several writers converge everywhere (SPEC S20), joiners all at once each
 * get the whole document (S21), and a room with no one in it leaves memory and is loaded again
 * from the store for the next joiner (S22).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectClient, waitFor, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'

const TEXT = 'text:profile.habits'
const DOC_ID = 'school-1/child/knee1'

describe('the relay at the knee', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let token: string
  let loads: number
  let compactions: number
  const clients: TestClient[] = []

  const connect = () => {
    const client = connectClient(relay.url, DOC_ID, new Y.Doc(), token)
    clients.push(client)
    return client
  }
  const text = (client: TestClient) => client.doc.getText(TEXT).toString()

  beforeEach(async () => {
    data = makeDataDir()
    loads = 0
    compactions = 0
    relay = await startTestRelay(data.dir, 0, {
      wrapStore: (store) => ({
        ...store,
        load(docId) {
          if (docId === DOC_ID) loads++
          return store.load(docId)
        },
        compact(docId, merged, throughSeq) {
          if (docId === DOC_ID) compactions++
          return store.compact(docId, merged, throughSeq)
        },
      }),
    })
    token = await relay.setUpCoordinator()
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await relay.stop()
    data.remove()
  })

  it('SPEC S20, S1 bursts of keystrokes from three writers at once reach every peer, and every copy and the store converge', async () => {
    const writers = [connect(), connect(), connect()]
    const readers = [connect(), connect(), connect(), connect()]
    const everyone = [...writers, ...readers]
    await waitFor(() => everyone.every((c) => c.provider.synced), 'everyone synced')
    writers.forEach((w, i) => {
      // Ten updates each, in one turn: one keystroke each.
      for (let k = 0; k < 10; k++) w.doc.getText(TEXT).insert(0, `${i}`)
    })
    await waitFor(() => everyone.every((c) => c.doc.getText(TEXT).length === 30), 'every keystroke everywhere', 20_000)
    const first = text(everyone[0] as TestClient)
    for (const c of everyone) expect(text(c)).toBe(first)
    expect([...first].sort().join('')).toBe('000000000011111111112222222222')
    const stored = await loadStoredDoc(relay.store, DOC_ID)
    expect(stored.getText(TEXT).toString()).toBe(first)
  })

  it('SPEC S21 twenty joiners at once on a document with a long history each get all of it', async () => {
    const writer = connect()
    await waitFor(() => writer.provider.synced, 'the writer synced')
    const typed = writer.doc.getText(TEXT)
    for (let k = 0; k < 300; k++) typed.insert(typed.length, '家訪記錄。')
    const whole = typed.toString()
    await waitFor(async () => (await loadStoredDoc(relay.store, DOC_ID)).getText(TEXT).toString() === whole, 'the history stored', 20_000)
    const joiners = Array.from({ length: 20 }, () => connect())
    await waitFor(() => joiners.every((j) => text(j) === whole), 'every joiner to have the whole history', 30_000)
    expect(joiners.every((j) => j.provider.synced)).toBe(true)
  })

  it('SPEC S22 a room no one is in leaves memory; the next joiner loads it from the store and gets the whole document', async () => {
    const writer = connect()
    await waitFor(() => writer.provider.synced, 'the writer synced')
    for (let k = 0; k < 5; k++) writer.doc.getText(TEXT).insert(0, '守')
    await waitFor(async () => (await loadStoredDoc(relay.store, DOC_ID)).getText(TEXT).length === 5, 'the keystrokes stored')
    // Counted from here: the checks above read the store themselves.
    const loadsBefore = loads
    writer.destroy()
    // Dropped: its log compacted on the way out, nothing of it kept live.
    await waitFor(() => compactions === 1, 'the empty room to be dropped')
    const later = connect()
    await waitFor(() => text(later) === '守守守守守', 'the later joiner to have the whole document')
    expect(loads).toBe(loadsBefore + 1)
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients'
import { makeDataDir } from '../helpers/relay'
import { spawnRelay, type RelayProcess } from '../helpers/relay-process'
import { loadDocFromDataDir } from '../helpers/stored-doc'

/** The observer must have seen this many markers before the kill: past one compaction (200). */
const KILL_AFTER_OBSERVED = 300
const MAX_UPDATES = 50_000
const MAX_WRITING_MS = 20_000

const markers = (doc: Y.Doc) => doc.getMap<number>('markers')
const markerKeys = (doc: Y.Doc) => new Set(markers(doc).keys())
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

function missingFrom(stored: Y.Doc, seen: Set<string>): string[] {
  const map = markers(stored)
  return [...seen].filter((key) => map.get(key) !== Number(key.slice(1)))
}

describe('crash: an update any client received survives a SIGKILL of the relay', () => {
  let data: ReturnType<typeof makeDataDir>
  let staticDir: ReturnType<typeof makeDataDir>
  const relays: RelayProcess[] = []
  const clients: TestClient[] = []

  beforeEach(() => {
    data = makeDataDir()
    staticDir = makeDataDir()
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const r of relays.splice(0)) await r.stop()
    data.remove()
    staticDir.remove()
  })

  it('keeps everything the observer had received when the relay was killed mid-stream', async () => {
    const docId = 'school-1/child/crash1'
    const first = await spawnRelay(data.dir, staticDir.dir)
    relays.push(first)
    const writer = connectClient(first.url, docId)
    const observer = connectClient(first.url, docId)
    clients.push(writer, observer)
    await Promise.all([waitSynced(writer), waitSynced(observer)])
    // Once the relay is gone neither client may reconnect: another test's relay could take the port.
    for (const c of [writer, observer]) {
      c.provider.on('connection-close', () => {
        c.provider.shouldConnect = false
      })
    }

    let written = 0
    let seenAtKill: Set<string> | undefined
    const deadline = Date.now() + MAX_WRITING_MS
    while (written < MAX_UPDATES && Date.now() < deadline) {
      markers(writer.doc).set(`m${written}`, written)
      written++
      if (!seenAtKill && markers(observer.doc).size >= KILL_AFTER_OBSERVED) {
        // In the same turn as a write, so updates are still on their way to the relay.
        first.kill('SIGKILL')
        seenAtKill = markerKeys(observer.doc)
      }
      if (seenAtKill && !writer.provider.wsconnected) break
      await nextTurn()
    }
    expect(seenAtKill, `the observer saw only ${markers(observer.doc).size} markers in time`).toBeDefined()
    if (!seenAtKill) return
    expect(written).toBeGreaterThan(seenAtKill.size)

    await first.exited
    await waitFor(() => !observer.provider.wsconnected, 'the observer to lose the dead relay')
    // Frames the relay sent just before it died arrive after the kill: those were forwarded too.
    const seen = markerKeys(observer.doc)
    for (const key of seenAtKill) expect(seen.has(key)).toBe(true)
    for (const c of clients.splice(0)) c.destroy()

    // The data folder alone, opened as a restarted relay opens it.
    const stored = loadDocFromDataDir(data.dir, docId)
    expect(missingFrom(stored, seen)).toEqual([])
    stored.destroy()

    // And through a restarted relay to a stock client that starts empty.
    const second = await spawnRelay(data.dir, staticDir.dir)
    relays.push(second)
    const reader = connectClient(second.url, docId)
    clients.push(reader)
    await waitSynced(reader)
    expect(missingFrom(reader.doc, seen)).toEqual([])
    expect(second.logs.some((l) => l.includes('"level":"error"'))).toBe(false)
  })
})

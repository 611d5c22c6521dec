import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol'
import { connectClient, waitFor, waitSynced, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { spawnRelay, type RelayProcess } from '../helpers/relay-process'

async function signUpFirstCoordinator(url: string, token: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, workspace: 'school-1', username: 'wang', displayName: '王校長', password: 'coordinator-pass' }),
  })
  if (!response.ok) throw new Error(`setup answered ${response.status}`)
  return ((await response.json()) as { token: string }).token
}
import { loadDocFromDataDir, loadStoredDoc } from '../helpers/stored-doc'

/** The observer must have seen this many markers before the kill: past one compaction (200). */
const KILL_AFTER_OBSERVED = 300
const MAX_UPDATES = 50_000
const BURST = 20
const MAX_WRITING_MS = 20_000

/**
 * Markers as `key=value;` in a long text of the child's file, a part the relay's rules let any
 * member write (docs/SPEC.md R4): each set is its own small update, and text inserted at the
 * end by two writers never interleaves within a marker.
 */
const MARKED = 'text:profile.habits'
function markers(doc: Y.Doc) {
  const text = doc.getText(MARKED)
  const read = () =>
    new Map(
      text
        .toString()
        .split(';')
        .filter(Boolean)
        .map((pair) => [pair.split('=')[0] ?? '', Number(pair.split('=')[1])] as const),
    )
  return {
    get size() {
      return read().size
    },
    get: (key: string) => read().get(key),
    has: (key: string) => read().has(key),
    keys: () => read().keys(),
    set: (key: string, value: number) => text.insert(text.length, `${key}=${value};`),
  }
}
const markerKeys = (doc: Y.Doc) => new Set(markers(doc).keys())
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

function missingFrom(stored: Y.Doc, seen: Set<string>): string[] {
  const map = markers(stored)
  return [...seen].filter((key) => map.get(key) !== Number(key.slice(1)))
}

// SPEC S1
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
    // `npm start` requires accounts: the first coordinator, through the setup link it printed.
    await waitFor(() => first.setupToken() !== undefined, 'the setup link')
    const session = await signUpFirstCoordinator(first.url, first.setupToken() as string)
    const writer = connectClient(first.url, docId, undefined, session)
    const observer = connectClient(first.url, docId, undefined, session)
    clients.push(writer, observer)
    await Promise.all([waitSynced(writer), waitSynced(observer)])
    // Once the relay is gone neither client may reconnect: another test's relay could take the port.
    for (const c of [writer, observer]) {
      c.provider.on('connection-close', () => {
        c.provider.shouldConnect = false
      })
    }

    // The kill lands the instant the observer receives an update: the relay has just forwarded
    // it, and is still reading the burst it came in, so the window between "forwarded" and
    // "committed" would be open right then if the relay ever forwarded first.
    let seenAtKill: Set<string> | undefined
    observer.doc.on('update', () => {
      if (seenAtKill || markers(observer.doc).size < KILL_AFTER_OBSERVED) return
      first.kill('SIGKILL')
      seenAtKill = markerKeys(observer.doc)
    })

    let written = 0
    const deadline = Date.now() + MAX_WRITING_MS
    while (written < MAX_UPDATES && Date.now() < deadline && writer.provider.wsconnected) {
      // A burst of small transactions: each one is its own update message.
      for (let i = 0; i < BURST; i++) {
        markers(writer.doc).set(`m${written}`, written)
        written++
      }
      await nextTurn()
    }
    expect(seenAtKill, `the observer saw only ${markers(observer.doc).size} markers in time`).toBeDefined()
    if (!seenAtKill) return
    // Killed mid-stream: updates the observer never saw were on their way.
    expect(written).toBeGreaterThan(seenAtKill.size)

    await first.exited
    await waitFor(() => !observer.provider.wsconnected, 'the observer to lose the dead relay')
    // Frames the relay sent just before it died arrive after the kill: those were forwarded too.
    const seen = markerKeys(observer.doc)
    for (const key of seenAtKill) expect(seen.has(key)).toBe(true)
    for (const c of clients.splice(0)) c.destroy()

    // The data folder alone, opened as a restarted relay opens it.
    const stored = await loadDocFromDataDir(data.dir, docId)
    expect(missingFrom(stored, seen)).toEqual([])
    stored.destroy()

    // And through a restarted relay to a stock client that starts empty.
    const second = await spawnRelay(data.dir, staticDir.dir)
    relays.push(second)
    // The session was on disk too: it still opens the file after the crash.
    const reader = connectClient(second.url, docId, undefined, session)
    clients.push(reader)
    await waitSynced(reader)
    expect(missingFrom(reader.doc, seen)).toEqual([])
    expect(second.logs.some((l) => l.includes('"level":"error"'))).toBe(false)
  })
})

/**
 * The same rule without the luck of timing: a SIGKILL lands between "forwarded" and
 * "committed" only if it happens to hit that short window, but a commit that fails keeps the
 * window open for sure. An update the store refused must reach no one.
 */
// SPEC S1
describe('crash: an update the store did not take is never forwarded', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  const clients: TestClient[] = []

  beforeEach(() => {
    data = makeDataDir()
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await relay.stop()
    data.remove()
  })

  it('closes the sender with 4500, forwards nothing, and takes the update when the client resends it', async () => {
    const docId = 'school-1/child/crash2'
    let failNextAppend = false
    relay = await startTestRelay(data.dir, 0, {
      wrapStore: (store) => ({
        ...store,
        async append(entries) {
          if (!failNextAppend) return store.append(entries)
          failNextAppend = false
          throw new Error('injected: disk full')
        },
      }),
    })
    const token = await relay.setUpCoordinator()
    const writer = connectClient(relay.url, docId, undefined, token)
    const observer = connectClient(relay.url, docId, undefined, token)
    const third = connectClient(relay.url, docId, undefined, token)
    clients.push(writer, observer, third)
    await Promise.all([waitSynced(writer), waitSynced(observer), waitSynced(third)])
    const closeCodes: (number | undefined)[] = []
    writer.provider.on('connection-close', (event) => {
      closeCodes.push(event?.code)
      // Held back until the check below, so its resend cannot race the barrier.
      writer.provider.shouldConnect = false
    })

    markers(writer.doc).set('m0', 0)
    await waitFor(() => markers(observer.doc).get('m0') === 0, 'a stored update to reach the observer')

    failNextAppend = true
    markers(writer.doc).set('m1', 1)
    await waitFor(() => closeCodes.length === 1, 'the relay to close the writer after the failed commit')
    expect(closeCodes).toEqual([CloseCode.storageFailed])
    // A barrier on the observer's socket: anything forwarded to it before arrives before this.
    markers(third.doc).set('barrier', 2)
    await waitFor(() => markers(observer.doc).get('barrier') === 2, 'a later update to reach the observer')
    expect(markers(observer.doc).has('m1')).toBe(false)
    expect(markers(await loadStoredDoc(relay.store, docId)).has('m1')).toBe(false)
    expect(relay.logs.some((line) => line.includes('sync.commit-failed'))).toBe(true)

    // The writer still holds m1 and sends it again on reconnecting; now it is stored and forwarded.
    writer.provider.connect()
    await waitFor(() => markers(observer.doc).get('m1') === 1, 'the resent update to reach the observer')
    expect(markers(await loadStoredDoc(relay.store, docId)).get('m1')).toBe(1)
  })
})

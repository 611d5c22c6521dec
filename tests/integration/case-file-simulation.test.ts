/**
 * The same seeded simulation as tests/unit/case-file-simulation.test.ts, through a real
 * relay with stock y-websocket clients that disconnect and reconnect in random order; the
 * relay's own copy (from SQLite) must end equal to every client's.
 */
import * as prng from 'lib0/prng'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { fieldHistory } from '../../shared/docs/child/child'
import { authorOf, invite, setUpCoordinator } from '../helpers/accounts'
import { makePeers, newLog, randomStep, snapshot } from '../helpers/case-file-sim'
import { connectClient, waitFor, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'

describe('case file simulation through a real relay', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  /** Three coordinators: any of them may do each random step (a helper may not move the child's class). */
  let members: { token: string; author: { id: string; name: string } }[] = []
  let clients: TestClient[] = []

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    const first = await setUpCoordinator(relay)
    const others = [await invite(relay, first.token, 'coordinator', 'chen', '陳主任'), await invite(relay, first.token, 'coordinator', 'zhao', '趙老師')]
    members = [first, ...others].map((s) => ({ token: s.token, author: authorOf(s) }))
  })
  afterEach(async () => {
    for (const c of clients) c.destroy()
    clients = []
    await relay.stop()
    data.remove()
  })

  it.each([11, 12, 13])('seed %i: clients, relay and store end equal; nothing lost or duplicated', async (seed) => {
    const gen = prng.create(seed)
    const docId = `school-1/child/sim${seed}`
    // Each peer signs as the account it connects with, at real times (docs/SPEC.md R1, R2).
    const peers = makePeers(3, { authors: members.map((m) => m.author), clock: Date.now() })
    const log = newLog()
    clients = peers.map((p, i) => connectClient(relay.url, docId, p.doc, members[i]!.token))
    await waitFor(() => clients.every((c) => c.provider.synced), 'all clients synced')

    for (let step = 0; step < 120; step++) {
      await randomStep(gen, peers, log, step, (p, online) => {
        p.online = online
        const client = clients[peers.indexOf(p)]!
        if (online) client.provider.connect()
        else client.provider.disconnect()
      })
    }
    for (const [i, p] of peers.entries()) {
      p.online = true
      clients[i]!.provider.connect()
    }
    const same = () => {
      const first = JSON.stringify(snapshot(peers[0]!.doc))
      return peers.every((p) => JSON.stringify(snapshot(p.doc)) === first)
    }
    await waitFor(() => clients.every((c) => c.provider.synced) && same(), 'every copy equal', 20_000)
    // The relay's stored copy is the same document.
    await waitFor(async () => {
      const stored = await loadStoredDoc(relay.store, docId)
      const equal = JSON.stringify(snapshot(stored)) === JSON.stringify(snapshot(peers[0]!.doc))
      stored.destroy()
      return equal
    }, 'the stored copy to catch up', 20_000)

    const ids = snapshot(peers[0]!.doc).records.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const [id] of log.added) expect(ids.includes(id)).toBe(!log.deleted.has(id))
    for (const w of log.writes) {
      const value = w.field === 'flags.psychological' ? w.value === 'true' : w.value
      expect(fieldHistory(peers[0]!.doc, w.field).some((e) => e.byId === w.peer && e.v === value)).toBe(true)
    }
    expect(Y.encodeStateVector(peers[1]!.doc)).toEqual(Y.encodeStateVector(peers[0]!.doc))
  })
})

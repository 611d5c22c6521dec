/**
 * Seeded simulation in memory: peers edit one case file, go offline and come back in random
 * order, updates delivered late and out of order. All copies end equal; no record is lost
 * or duplicated; a deleted record stays deleted; the field history names every change.
 * A failing seed is kept in SEEDS as a regression test.
 */
import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { childConflicts, fieldHistory, readChildFile } from '../../shared/docs/child/child'
import { makePeers, newLog, randomStep, snapshot, type SimPeer } from '../helpers/case-file-sim'

const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1)

describe('case file: seeded simulation of offline editing', () => {
  it.each(SEEDS)('seed %i: every copy ends equal, nothing lost or duplicated, every change in the history', async (seed) => {
    const gen = prng.create(seed)
    const peers = makePeers(4)
    const log = newLog()
    // In flight: updates not yet delivered to each peer, delivered in random order.
    const inbox = new Map<SimPeer, Uint8Array[]>(peers.map((p) => [p, []]))
    for (const p of peers) {
      p.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'net' || !p.online) return
        for (const q of peers) if (q !== p) inbox.get(q)!.push(update)
      })
    }
    const deliverSome = () => {
      for (const p of peers) {
        if (!p.online) continue
        const box = inbox.get(p)!
        const n = prng.uint32(gen, 0, box.length)
        for (let i = 0; i < n && box.length > 0; i++) {
          const [update] = box.splice(prng.uint32(gen, 0, box.length - 1), 1)
          Y.applyUpdate(p.doc, update!, 'net')
        }
      }
    }
    const reconnect = (p: SimPeer) => {
      // Like sync step 1/2 with every online peer: exchange what each lacks, deletions included.
      for (const q of peers) {
        if (q === p || !q.online) continue
        Y.applyUpdate(q.doc, Y.encodeStateAsUpdate(p.doc, Y.encodeStateVector(q.doc)), 'net')
        Y.applyUpdate(p.doc, Y.encodeStateAsUpdate(q.doc, Y.encodeStateVector(p.doc)), 'net')
      }
    }
    for (let step = 0; step < 300; step++) {
      await randomStep(gen, peers, log, step, (p, online) => {
        p.online = online
        if (online) reconnect(p)
      })
      deliverSome()
    }
    for (const p of peers) p.online = true
    for (const p of peers) reconnect(p)
    for (const p of peers) for (const u of inbox.get(p)!.splice(0)) Y.applyUpdate(p.doc, u, 'net')

    const first = JSON.stringify(snapshot(peers[0]!.doc))
    for (const p of peers) expect(JSON.stringify(snapshot(p.doc))).toBe(first)

    const records = snapshot(peers[0]!.doc).records
    const ids = records.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const [id] of log.added) expect(ids.includes(id)).toBe(!log.deleted.has(id))
    expect(ids.every((id) => log.added.has(id))).toBe(true)

    // Every effective write is in the history, attributed to its author.
    const doc = peers[0]!.doc
    for (const w of log.writes) {
      expect(fieldHistory(doc, w.field).some((e) => e.byId === w.peer && e.v === readValue(w.field, w.value))).toBe(true)
    }
    const historyCount = ['classId', 'guardian.phone', 'guardian.name', 'careArrangement', 'flags.psychological'].reduce(
      (n, f) => n + fieldHistory(doc, f as never).length,
      0,
    )
    expect(historyCount).toBe(log.writes.length)

    // A conflict shown to a peer is real: it lost its own latest write to someone else's.
    const file = readChildFile(doc)
    for (const p of peers) {
      for (const c of childConflicts(p.doc, p.id)) {
        const current = file.fields[c.field as keyof typeof file.fields]
        expect(current?.byId).not.toBe(p.id)
        expect(c.theirs).toEqual(current?.value ?? null)
        const mine = log.writes.filter((w) => w.peer === p.id && w.field === c.field).at(-1)
        expect(mine).toBeDefined()
      }
    }
  })
})

function readValue(field: string, raw: string): unknown {
  if (field === 'flags.psychological') return raw === 'true'
  return raw
}

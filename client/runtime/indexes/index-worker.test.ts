import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { todayIsoDate } from '../../../shared/dates'
import { POISON_UPDATE } from '../../../tests/fixtures/poison-update'
import { writeChild } from '../../../tests/helpers/child-file'
import { openDb, type ShouwangDb } from '../store/db'
import { appendUpdate } from '../store/doc-persistence'
import { Indexer } from './indexer'
import { defaultProjector, inThreadProjector, preloadIndexWorker, type Projector, type StoredDoc } from './projector'

const TODAY = todayIsoDate(new Date(2025, 8, 1))
const opened: ShouwangDb[] = []
afterEach(async () => {
  const dbs = opened.splice(0)
  for (const db of dbs) db.close()
  for (const db of dbs) await Dexie.delete(db.name)
})

function stored(name: string, phone: string): Uint8Array {
  const doc = new Y.Doc()
  writeChild(doc, { name, classId: 'c1', 'guardian.phone': phone }, TODAY)
  return Y.encodeStateAsUpdate(doc)
}

describe('projecting stored documents away from the page (SPEC I9)', () => {
  it('SPEC I9, I6: the indexer hands each batch of stored updates to its projector and writes the rows it returns, search text and all', async () => {
    const db = openDb(`index-worker-${crypto.randomUUID()}`)
    opened.push(db)
    await appendUpdate(db, 'school-1/child/a', stored('王小明', '13800138000'))
    await appendUpdate(db, 'school-1/child/b', stored('曾小贤', '13912345678'))
    await appendUpdate(db, 'school-1/child/bad', POISON_UPDATE)
    // The projector as the worker is: given bytes, it returns rows; it is the only place they are decoded.
    const batches: string[][] = []
    const inner = inThreadProjector()
    const projector: Projector = {
      project: (docs: readonly StoredDoc[]) => {
        batches.push(docs.map((d) => d.docId))
        return inner.project(docs)
      },
      close: () => undefined,
    }
    const errors: unknown[] = []
    await new Indexer(db, { projector, onError: (e) => errors.push(e) }).start()
    expect(batches.flat().sort()).toEqual(['school-1/child/a', 'school-1/child/b', 'school-1/child/bad'])
    const rows = (await db.children.toArray()).sort((x, y) => x.id.localeCompare(y.id))
    expect(rows.map((r) => r.search)).toEqual(['王小明\nwxm\n13800138000', '曾小贤\nzxx\n13912345678'])
    // The broken file has no rows and its mark is cleared; the others are indexed all the same.
    expect(errors).toHaveLength(1)
    expect(await db.dirty.count()).toBe(0)
  })
})

describe('the index worker starts with the app (SPEC I13)', () => {
  it('SPEC I13: the worker started at the app\'s start is the one the first workspace\'s indexer uses; a later one starts its own', () => {
    // Node has no Worker: a stand-in that counts the workers started and what they were sent.
    const started: { url: string; sent: unknown[]; ended: boolean }[] = []
    class StandIn {
      onmessage: unknown = null
      onerror: unknown = null
      private readonly self: { url: string; sent: unknown[]; ended: boolean }
      constructor(url: URL) {
        this.self = { url: String(url), sent: [], ended: false }
        started.push(this.self)
      }
      postMessage(message: unknown) {
        this.self.sent.push(message)
      }
      terminate() {
        this.self.ended = true
      }
    }
    vi.stubGlobal('Worker', StandIn)
    try {
      preloadIndexWorker()
      preloadIndexWorker()
      expect(started.map((w) => w.url.endsWith('project-worker.ts'))).toEqual([true])
      const first = defaultProjector()
      expect(started).toHaveLength(1)
      void first.project([{ docId: 'school-1/child/a', update: new Uint8Array() }])
      expect(started[0]?.sent).toHaveLength(1)
      first.close()
      expect(started[0]?.ended).toBe(true)
      // Signed out and in again: that workspace starts a worker of its own.
      defaultProjector().close()
      expect(started).toHaveLength(2)
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

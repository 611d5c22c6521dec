import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { todayIsoDate } from '../../../shared/dates'
import { projectDocument } from '../../../shared/docs/registry'
import { INDEX_VERSION, childRow } from '../../../shared/indexes/rows'
import { POISON_UPDATE } from '../../../tests/fixtures/poison-update'
import { editChild, writeChild } from '../../../tests/helpers/child-file'
import { openDb, type ShouwangDb } from '../store/db'
import { DocPersistence, appendUpdate } from '../store/doc-persistence'
import { allRows, writeRows } from '../store/index-rows'
import { dropDocument } from '../store/kept-aside'
import { Indexer } from './indexer'
import { activityRecordId, syncActivityRecords } from '../../../shared/docs/plan/attendance'

const TODAY = todayIsoDate(new Date(2025, 8, 1))
const doc1 = 'school-1/child/c1'
const doc2 = 'school-1/child/c2'
const opened: ShouwangDb[] = []

function freshDb(name = `indexer-test-${crypto.randomUUID()}`): ShouwangDb {
  const db = openDb(name)
  opened.push(db)
  return db
}

afterEach(async () => {
  vi.restoreAllMocks()
  const dbs = opened.splice(0)
  for (const db of dbs) db.close()
  for (const name of new Set(dbs.map((db) => db.name))) await Dexie.delete(name)
})

function child(name: string, classId = 'class-3-2'): Y.Doc {
  const doc = new Y.Doc()
  writeChild(doc, { name, classId }, TODAY)
  return doc
}

const names = async (db: ShouwangDb) => (await db.children.toArray()).map((c) => c.name).sort()

describe('the indexer (docs/SPEC.md I1–I4)', () => {
  it('I1: rows follow a document through its persistence, local edits and remote updates alike', async () => {
    const db = freshDb()
    const doc = new Y.Doc()
    const indexer = new Indexer(db, { delayMs: 5 })
    await indexer.start()
    const persistence = new DocPersistence(db, doc1, doc)
    persistence.onStored = () => indexer.changed()
    await persistence.load()
    writeChild(doc, { name: '王小明' }, TODAY)
    await vi.waitFor(async () => expect(await names(db)).toEqual(['王小明']))
    const colleague = child('王曉明')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague), 'relay')
    editChild(doc, { name: '王晓明' }, TODAY)
    await persistence.flushed()
    await indexer.flush()
    expect(await names(db)).toEqual(['王晓明'])
    expect(await indexer.isComplete()).toBe(true)
    persistence.destroy()
  })

  it('I1: a mark left by a page closed before indexing is indexed at the next start', async () => {
    const name = `indexer-restart-${crypto.randomUUID()}`
    const first = freshDb(name)
    await appendUpdate(first, doc1, Y.encodeStateAsUpdate(child('李小紅')))
    // The page closes here: no indexer ever ran on this update.
    first.close()
    const db = freshDb(name)
    expect(await db.dirty.count()).toBe(1)
    await new Indexer(db).start()
    expect(await names(db)).toEqual(['李小紅'])
    expect(await db.dirty.count()).toBe(0)
  })

  it('I1: a write made while a projection was read keeps its mark, so it is indexed too', async () => {
    const db = freshDb()
    const doc = child('甲')
    await appendUpdate(db, doc1, Y.encodeStateAsUpdate(doc))
    const [mark] = await db.dirty.toArray()
    editChild(doc, { name: '乙' }, TODAY)
    await appendUpdate(db, doc1, Y.encodeStateAsUpdate(doc))
    // Rows made from what was stored when the first mark was read: the second mark stays.
    await writeRows(db, [{ docId: doc1, token: mark?.token ?? '', rows: projectDocument(doc1, child('甲')) }])
    expect(await db.dirty.count()).toBe(1)
    const indexer = new Indexer(db)
    await indexer.flush()
    expect(await names(db)).toEqual(['乙'])
  })

  it('I2: many changes in a burst make one pass, not one per change', async () => {
    const db = freshDb()
    const indexer = new Indexer(db, { delayMs: 30, maxDelayMs: 10_000 })
    const write = vi.spyOn(db, 'transaction')
    for (let i = 0; i < 20; i++) {
      await appendUpdate(db, doc1, Y.encodeStateAsUpdate(child(`名${i}`)))
      indexer.changed()
    }
    const before = write.mock.calls.length
    await vi.waitFor(async () => expect(await db.dirty.count()).toBe(0))
    // One rows transaction for the burst (plus nothing per change).
    expect(write.mock.calls.length - before).toBe(1)
  })

  it('I3: rows of another index version are rebuilt from the stored documents, orphans removed', async () => {
    const db = freshDb()
    await appendUpdate(db, doc1, Y.encodeStateAsUpdate(child('甲')))
    await db.dirty.clear()
    // What an older build left: a stale row for a stored file, a row for a file no longer stored.
    await db.children.bulkPut([
      childRow({ id: 'c1', docId: doc1, name: 'stale', classId: '', gender: '', birthDate: '', priority: '', status: 'active', studentNumber: '' }),
      childRow({ id: 'gone', docId: 'school-1/child/gone', name: 'orphan', classId: '', gender: '', birthDate: '', priority: '', status: 'active', studentNumber: '' }),
    ])
    await db.meta.put({ key: 'index-version', value: INDEX_VERSION - 1 })
    const indexer = new Indexer(db)
    expect(await indexer.isComplete()).toBe(false)
    await indexer.start()
    expect(await names(db)).toEqual(['甲'])
    expect(await indexer.isComplete()).toBe(true)
    expect(indexer.getSnapshot()).toMatchObject({ complete: true, rebuilding: false, total: 1, done: 1 })
  })

  it('I3: a device from before index versions rebuilds at its first start', async () => {
    const db = freshDb()
    await appendUpdate(db, doc1, Y.encodeStateAsUpdate(child('甲')))
    await appendUpdate(db, doc2, Y.encodeStateAsUpdate(child('乙')))
    await db.dirty.clear()
    await new Indexer(db).start()
    expect(await names(db)).toEqual(['乙', '甲'].sort())
  })

  it('I4: is not complete while a mark waits, and says so again once indexed', async () => {
    const db = freshDb()
    const indexer = new Indexer(db, { delayMs: 60_000 })
    await indexer.start()
    expect(await indexer.isComplete()).toBe(true)
    await appendUpdate(db, doc1, Y.encodeStateAsUpdate(child('甲')))
    indexer.changed()
    expect(await indexer.isComplete()).toBe(false)
    await indexer.flush()
    expect(await indexer.isComplete()).toBe(true)
    expect(indexer.getSnapshot().complete).toBe(true)
  })

  it('a stored document that cannot be read has no rows, and the others are indexed', async () => {
    const db = freshDb()
    const warn = vi.fn()
    await appendUpdate(db, doc1, POISON_UPDATE)
    await appendUpdate(db, doc2, Y.encodeStateAsUpdate(child('乙')))
    await new Indexer(db, { onError: warn }).flush()
    expect(await names(db)).toEqual(['乙'])
    expect(await db.dirty.count()).toBe(0)
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('a dropped document leaves no row in any index table, and no mark', async () => {
    const db = freshDb()
    const doc = child('甲')
    const ctx = { author: { id: 'u1', name: '王老師' }, today: TODAY, now: 1 }
    const { addRecord } = await import('../../../shared/docs/child/records')
    addRecord(doc, { type: 'talk', date: '2025-08-01' }, ctx)
    await appendUpdate(db, doc1, Y.encodeStateAsUpdate(doc))
    await new Indexer(db).flush()
    expect((await allRows(db)).records).toHaveLength(1)
    await appendUpdate(db, doc1, Y.encodeStateAsUpdate(doc))
    await dropDocument(db, doc1)
    expect(await allRows(db)).toEqual({ children: [], records: [], pairings: [], recordSets: [] })
    expect(await db.dirty.count()).toBe(0)
  })

  it('I5: one activity recorded on two children’s files keeps both records in the index', async () => {
    const db = freshDb()
    const ctx = { author: { id: 'u1', name: '王老師' }, today: TODAY, now: 1 }
    const item = { id: 't-safetyLecture', activity: 'lectureSafety' as const, title: '安全講座' }
    for (const [docId, name] of [[doc1, '甲'], [doc2, '乙']] as const) {
      const doc = child(name)
      // The same derived record id in both files (attendance.ts activityRecordId).
      syncActivityRecords(doc, '2025-autumn', item, { childId: docId.slice(-2), byId: 'u1', by: '王老師', at: 1 }, TODAY, ctx)
      await appendUpdate(db, docId, Y.encodeStateAsUpdate(doc))
    }
    await new Indexer(db).start()
    const rows = await db.records.toArray()
    expect(rows.map((r) => [r.childId, r.type, r.recordId]).sort()).toEqual([
      ['c1', 'activity', activityRecordId('2025-autumn', item.id)],
      ['c2', 'activity', activityRecordId('2025-autumn', item.id)],
    ])
    expect(new Set(rows.map((r) => r.id)).size).toBe(2)
  })
})

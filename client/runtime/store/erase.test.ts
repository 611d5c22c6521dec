import { describe, expect, it } from 'vitest'
import { memoryStorage } from '../../../tests/helpers/memory-storage'
import { openDb } from './db'
import { appendUpdate } from './doc-persistence'
import { forgetDocument } from './erase'
import { UnloadJournal } from './unload-journal'
import { childRow, recordRow } from '../../../shared/indexes/rows'

let n = 0
const ERASED = 'dongshan/child/c1'
const KEPT = 'dongshan/child/c2'

// SPEC E7
describe('forgetting an erased file on the device', () => {
  it('removes its copy, pending rows, mark, index rows, kept-aside copies, reports and journal, and nothing of any other file', async () => {
    const db = openDb(`erase-${++n}-${Date.now()}`)
    const storage = memoryStorage()
    const journal = new UnloadJournal(storage)
    for (const docId of [ERASED, KEPT]) {
      await appendUpdate(db, docId, new Uint8Array([1, 2, 3]))
      await db.pending.add({ docId })
      await db.children.put(childRow({ id: docId.slice(-2), docId, name: docId === ERASED ? '李小紅' : '王小明', classId: 'class-3', gender: '', birthDate: '', priority: '', status: 'active', studentNumber: '' }))
      await db.records.put(recordRow({ id: `r-${docId.slice(-2)}`, childId: docId.slice(-2), docId, type: 'talk', date: '2024-11-01', authorId: 'u' }))
      await db.keptAside.add({ docId, name: 'x', update: new Uint8Array([9]), pendingCount: 1, at: 1 })
      await db.outbox.add({ path: '/api/audit', body: { docId, action: 'viewed', at: 1 }, at: 1 })
      journal.add(docId, new Uint8Array([7]), true)
    }
    await db.outbox.add({ path: '/api/admin/child-class', body: { childId: 'c9', classId: 'class-3' }, at: 2 })

    await forgetDocument(db, ERASED, journal)

    const of = async (docId: string) => ({
      updates: await db.updates.where('docId').equals(docId).count(),
      pending: await db.pending.where('docId').equals(docId).count(),
      dirty: await db.dirty.where('docId').equals(docId).count(),
      children: await db.children.where('docId').equals(docId).count(),
      records: await db.records.where('docId').equals(docId).count(),
      keptAside: await db.keptAside.where('docId').equals(docId).count(),
      outbox: await db.outbox.filter((e) => (e.body as { docId?: string }).docId === docId).count(),
      journal: journal.leftovers(docId).length,
    })
    expect(await of(ERASED)).toEqual({ updates: 0, pending: 0, dirty: 0, children: 0, records: 0, keptAside: 0, outbox: 0, journal: 0 })
    expect(await of(KEPT)).toEqual({ updates: 1, pending: 1, dirty: 1, children: 1, records: 1, keptAside: 1, outbox: 1, journal: 1 })
    expect(await db.outbox.count()).toBe(2)
    db.close()
  })
})

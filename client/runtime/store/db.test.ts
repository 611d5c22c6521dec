import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { writeChild } from '../../../tests/helpers/child-file'
import { Indexer } from '../indexes/indexer'
import { openDb } from './db'

describe('a device upgraded from the store of the previous release (version 3)', () => {
  it('keeps the requests it had queued in meta, in the order they were made, and rebuilds its index', async () => {
    const name = `db-upgrade-${crypto.randomUUID()}`
    const old = new Dexie(name)
    old.version(1).stores({ updates: '++id, docId', pending: '++id, docId', children: 'id, classId, name', meta: 'key' })
    old.version(2).stores({ records: 'id, childId, [type+date], date, authorId' })
    old.version(3).stores({ keptAside: '++id, docId', children: 'id, classId, name, docId' })
    const doc = new Y.Doc()
    writeChild(doc, { name: '王小明', classId: 'class-1' })
    await old.table('updates').add({ docId: 'school-1/child/c1', update: Y.encodeStateAsUpdate(doc) })
    // What version 3 wrote: an index row with the old shape, a class to tell, a report to send.
    await old.table('children').put({ id: 'c1', docId: 'school-1/child/c1', name: '王小明', classId: 'class-1', gender: '', birthDate: '', updatedAt: 5 })
    await old.table('meta').bulkPut([
      { key: 'register-class:c1', value: 'class-1' },
      { key: 'audit:lzz1-a', value: { docId: 'school-1/child/c1', action: 'viewed', at: 1_700_000_000_000 } },
      { key: 'cursor:school-1', value: 42 },
    ])
    old.close()

    const db = openDb(name)
    expect((await db.outbox.orderBy('id').toArray()).map(({ path, body }) => ({ path, body }))).toEqual([
      { path: '/api/admin/child-class', body: { childId: 'c1', classId: 'class-1' } },
      { path: '/api/audit', body: { docId: 'school-1/child/c1', action: 'viewed', at: 1_700_000_000_000 } },
    ])
    expect((await db.meta.toArray()).map((m) => m.key)).toEqual(['cursor:school-1'])
    // The rows of version 3 are of an older index: the first start rebuilds them.
    await new Indexer(db).start()
    expect(await db.children.toArray()).toMatchObject([{ id: 'c1', docId: 'school-1/child/c1', name: '王小明', classId: 'class-1', gender: '', birthDate: '', priority: '', status: 'active', studentNumber: '' }])
    db.close()
    await Dexie.delete(name)
  })
})

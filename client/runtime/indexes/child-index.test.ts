import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { todayIsoDate } from '../../../shared/dates'
import { writeChild, editChild } from '../../../tests/helpers/child-file'
import { indexChild, watchChild } from './child-index'
import { openDb, type ShouwangDb } from '../store/db'

const CHILD_ID = 'child1'
const DOC = `school-1/child/${CHILD_ID}`
const TODAY = todayIsoDate(new Date(2025, 8, 1))

const opened: ShouwangDb[] = []

function freshDb(): ShouwangDb {
  const db = openDb(`child-index-test-${crypto.randomUUID()}`)
  opened.push(db)
  return db
}

afterEach(async () => {
  vi.useRealTimers()
  for (const db of opened.splice(0)) {
    db.close()
    await Dexie.delete(db.name)
  }
})

function childDoc(): Y.Doc {
  const doc = new Y.Doc()
  writeChild(doc, { name: '王小明', className: '三年级二班', gender: 'male', birthDate: '2016-02-29' }, TODAY)
  return doc
}

/** Polls until the assertion holds; the index is written a little after the last change. */
const until = (assertion: () => Promise<void>) => vi.waitFor(assertion, { timeout: 5000, interval: 20 })

const indexedName = async (db: ShouwangDb) => (await db.children.get(CHILD_ID))?.name

describe('indexChild', () => {
  it('puts a summary of the child’s document in the children table', async () => {
    const db = freshDb()
    const before = Date.now()
    await indexChild(db, CHILD_ID, DOC, childDoc())
    const row = await db.children.get(CHILD_ID)
    expect(row).toMatchObject({
      id: CHILD_ID,
      docId: DOC,
      name: '王小明',
      className: '三年级二班',
      gender: 'male',
      birthDate: '2016-02-29',
    })
    expect(row?.updatedAt).toBeGreaterThanOrEqual(before)
  })

  it('replaces the summary when indexed again, and writes empty strings for missing or bad fields', async () => {
    const db = freshDb()
    const doc = childDoc()
    await indexChild(db, CHILD_ID, DOC, doc)
    editChild(doc, { gender: undefined, birthDate: '' }, TODAY)
    doc.getMap('profile').set('className', { written: 'by a faulty peer' })
    await indexChild(db, CHILD_ID, DOC, doc)

    expect(await db.children.count()).toBe(1)
    expect(await db.children.get(CHILD_ID)).toMatchObject({ name: '王小明', className: '', gender: '', birthDate: '' })
  })

  it('ignores a document that is not a child document', async () => {
    const db = freshDb()
    await indexChild(db, CHILD_ID, DOC, new Y.Doc())
    const plan = new Y.Doc()
    plan.getMap('meta').set('kind', 'plan')
    plan.getMap('profile').set('name', 'not a child')
    await indexChild(db, 'plan1', 'school-1/plan/plan1', plan)
    expect(await db.children.count()).toBe(0)
  })
})

describe('watchChild', () => {
  it('indexes at once and re-indexes after every change, local or remote', async () => {
    const db = freshDb()
    const doc = childDoc()
    const stop = watchChild(db, CHILD_ID, DOC, doc)
    await until(async () => expect(await indexedName(db)).toBe('王小明'))

    editChild(doc, { name: '王晓明' }, TODAY)
    await until(async () => expect(await indexedName(db)).toBe('王晓明'))

    const colleague = new Y.Doc()
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(doc))
    editChild(colleague, { className: '四年级一班' }, TODAY)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague, Y.encodeStateVector(doc)), 'relay')
    await until(async () => expect((await db.children.get(CHILD_ID))?.className).toBe('四年级一班'))
    stop()
  })

  it('indexes a document that becomes a child document only when it arrives', async () => {
    const db = freshDb()
    const doc = new Y.Doc()
    const stop = watchChild(db, CHILD_ID, DOC, doc)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(childDoc()), 'relay')
    await until(async () => expect(await indexedName(db)).toBe('王小明'))
    stop()
  })

  it('stops re-indexing once its disposer is called, including a change already waiting', async () => {
    // Only the debounce timer is faked: IndexedDB still runs on real tasks.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const db = freshDb()
    const doc = childDoc()
    const stop = watchChild(db, CHILD_ID, DOC, doc)
    await until(async () => expect(await indexedName(db)).toBe('王小明'))
    editChild(doc, { name: '王晓明' }, TODAY)
    vi.advanceTimersByTime(1000)
    await until(async () => expect(await indexedName(db)).toBe('王晓明'))

    // A change made just before stopping is dropped with the watcher...
    editChild(doc, { name: '王小鸣' }, TODAY)
    stop()
    // ...and so is every change after it.
    editChild(doc, { name: '王晓鸣' }, TODAY)
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(10_000)
    expect(await indexedName(db)).toBe('王晓明')
  })
})

describe('records index', () => {
  it('holds one row per record of the child, rebuilt when a record is deleted', async () => {
    const { openDb } = await import('../store/db')
    const { createChildFile } = await import('../../../shared/docs/child/child')
    const { addRecord, deleteRecord } = await import('../../../shared/docs/child/records')
    const Y = await import('yjs')
    const db = openDb(`records-index-${Date.now()}`)
    const doc = new Y.Doc()
    const ctx = { author: { id: 'u1', name: '王老師' }, today: '2026-11-29' as never, now: 1 }
    createChildFile(doc, { name: '李小紅', 'flags.priority': 'hardship' }, ctx)
    const first = addRecord(doc, { type: 'talk', date: '2026-11-01' }, ctx)
    addRecord(doc, { type: 'aid', date: '2026-10-01', fields: { amountYuan: '600' } }, ctx)
    await indexChild(db, 'c1', 'school-1/child/c1', doc)
    expect((await db.records.where('childId').equals('c1').toArray()).map((r) => r.type).sort()).toEqual(['aid', 'talk'])
    expect((await db.children.get('c1'))?.priority).toBe('hardship')
    if ('id' in first) deleteRecord(doc, first.id)
    await indexChild(db, 'c1', 'school-1/child/c1', doc)
    const rows = await db.records.where('childId').equals('c1').toArray()
    expect(rows.map((r) => [r.type, r.date, r.authorId])).toEqual([['aid', '2026-10-01', 'u1']])
    db.close()
  })
})

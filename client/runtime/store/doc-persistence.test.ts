import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { todayIsoDate } from '../../../shared/dates'
import { Origin } from '../../../shared/origin'
import { notesFragment } from '../../../shared/docs/child/child'
import { writeChild, editChild, childProfile } from '../../../tests/helpers/child-file'
import { openDb, type ShouwangDb } from './db'
import { DocPersistence, loadStoredUpdate } from './doc-persistence'

const DOC = 'school-1/child/persist1'
const OTHER_DOC = 'school-1/child/persist2'
const TODAY = todayIsoDate(new Date(2025, 8, 1))

const opened: ShouwangDb[] = []

/** A database of its own for each test, so no test sees another's rows. */
function freshDb(): ShouwangDb {
  const db = openDb(`doc-persistence-test-${crypto.randomUUID()}`)
  opened.push(db)
  return db
}

afterEach(async () => {
  const dbs = opened.splice(0)
  for (const db of dbs) db.close()
  for (const name of new Set(dbs.map((db) => db.name))) await Dexie.delete(name)
})

async function openDoc(db: ShouwangDb, docId = DOC): Promise<{ doc: Y.Doc; persistence: DocPersistence }> {
  const doc = new Y.Doc()
  const persistence = new DocPersistence(db, docId, doc)
  persistence.onError = (error) => {
    throw error
  }
  await persistence.load()
  return { doc, persistence }
}

const countUpdates = (db: ShouwangDb, docId = DOC) => db.updates.where('docId').equals(docId).count()
const countPending = (db: ShouwangDb, docId = DOC) => db.pending.where('docId').equals(docId).count()

function typeChars(doc: Y.Doc, count: number, char = 'x'): void {
  const text = doc.getText('typed')
  // One transaction per keystroke, as an editor produces them.
  for (let i = 0; i < count; i++) doc.transact(() => text.insert(text.length, char), Origin.localEdit)
}

/** An update made on another device, as the relay would deliver it. */
function remoteUpdate(text: string): Uint8Array {
  const remote = new Y.Doc()
  remote.getMap('remote').set('said', text)
  return Y.encodeStateAsUpdate(remote)
}

// SPEC L1
describe('DocPersistence stores a document and opens it again', () => {
  it('a new Y.Doc loaded by a new DocPersistence has the content of the local edits', async () => {
    const db = freshDb()
    const { doc, persistence } = await openDoc(db)
    writeChild(doc, { name: '王小明', classId: 'class-3-2', gender: 'male' }, TODAY)
    editChild(doc, { birthDate: '2016-02-29' }, TODAY)
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('第一次家访')])
    notesFragment(doc).insert(0, [paragraph])
    await persistence.flushed()

    const reopened = await openDoc(db)
    expect(childProfile(reopened.doc)).toEqual(childProfile(doc))
    expect(notesFragment(reopened.doc).toString()).toBe(notesFragment(doc).toString())
    expect(Y.encodeStateVector(reopened.doc)).toEqual(Y.encodeStateVector(doc))
  })

  it('survives closing and reopening the database, as a page reload does', async () => {
    const db = freshDb()
    const { doc, persistence } = await openDoc(db)
    typeChars(doc, 5)
    await persistence.flushed()
    db.close()

    const again = openDb(db.name)
    opened.push(again)
    const reopened = await openDoc(again)
    expect(reopened.doc.getText('typed').toString()).toBe('xxxxx')
  })

  it('keeps documents apart: loading one never applies another’s rows', async () => {
    const db = freshDb()
    const a = await openDoc(db, DOC)
    const b = await openDoc(db, OTHER_DOC)
    typeChars(a.doc, 2, 'a')
    typeChars(b.doc, 3, 'b')
    await Promise.all([a.persistence.flushed(), b.persistence.flushed()])

    expect((await openDoc(db, DOC)).doc.getText('typed').toString()).toBe('aa')
    expect((await openDoc(db, OTHER_DOC)).doc.getText('typed').toString()).toBe('bbb')
    expect(await loadStoredUpdate(db, 'school-1/child/never-written')).toBeUndefined()
  })
})

// SPEC L2
describe('pending changes are the local edits only', () => {
  it('a local edit adds an update row and a pending row', async () => {
    const db = freshDb()
    const { doc, persistence } = await openDoc(db)
    typeChars(doc, 3)
    // An edit with no origin, or an origin nobody registered (the Tiptap editor), is local too.
    doc.getText('typed').insert(0, 'y')
    doc.transact(() => doc.getText('typed').insert(0, 'z'), { editor: 'tiptap' })
    await persistence.flushed()
    expect(await countUpdates(db)).toBe(5)
    expect(await countPending(db)).toBe(5)
  })

  it('updates from a registered remote origin and from background sync are stored but not pending', async () => {
    const db = freshDb()
    const { doc, persistence } = await openDoc(db)
    const provider = { name: 'websocket provider' }
    persistence.addRemoteOrigin(provider)
    Y.applyUpdate(doc, remoteUpdate('from the relay'), provider)
    Y.applyUpdate(doc, remoteUpdate('caught up in the background'), Origin.backgroundSync)
    await persistence.flushed()
    expect(await countUpdates(db)).toBe(2)
    expect(await countPending(db)).toBe(0)

    typeChars(doc, 1)
    await persistence.flushed()
    expect(await countUpdates(db)).toBe(3)
    expect(await countPending(db)).toBe(1)
  })

  it('an origin that was not registered is treated as a local edit', async () => {
    const db = freshDb()
    const { doc, persistence } = await openDoc(db)
    persistence.addRemoteOrigin({ name: 'one provider' })
    Y.applyUpdate(doc, remoteUpdate('x'), { name: 'another object' })
    await persistence.flushed()
    expect(await countPending(db)).toBe(1)
  })
})

// SPEC L1
describe('loading', () => {
  it('applies stored rows with Origin.localStore and writes no new rows', async () => {
    const db = freshDb()
    const first = await openDoc(db)
    typeChars(first.doc, 4)
    Y.applyUpdate(first.doc, remoteUpdate('remote'), Origin.backgroundSync)
    await first.persistence.flushed()
    const updatesBefore = await countUpdates(db)
    const pendingBefore = await countPending(db)

    const doc = new Y.Doc()
    const origins: unknown[] = []
    doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin))
    const persistence = new DocPersistence(db, DOC, doc)
    await persistence.load()
    await persistence.flushed()

    expect(origins.length).toBeGreaterThan(0)
    expect(new Set(origins)).toEqual(new Set([Origin.localStore]))
    expect(doc.getText('typed').toString()).toBe('xxxx')
    expect(await countUpdates(db)).toBe(updatesBefore)
    expect(await countPending(db)).toBe(pendingBefore)

    // Anything else applied with Origin.localStore later is already stored, too.
    Y.applyUpdate(doc, remoteUpdate('again'), Origin.localStore)
    await persistence.flushed()
    expect(await countUpdates(db)).toBe(updatesBefore)
  })

  it('stores nothing once destroyed', async () => {
    const db = freshDb()
    const { doc, persistence } = await openDoc(db)
    persistence.destroy()
    typeChars(doc, 2)
    await persistence.flushed()
    expect(await countUpdates(db)).toBe(0)
  })
})

// SPEC L4
describe('compaction', () => {
  it('merges a document’s rows after more than 200 updates and keeps the content', async () => {
    const db = freshDb()
    const { doc, persistence } = await openDoc(db)
    const other = await openDoc(db, OTHER_DOC)
    typeChars(other.doc, 3, 'o')
    typeChars(doc, 250)
    await Promise.all([persistence.flushed(), other.persistence.flushed()])

    // Without compaction there would be 250 rows.
    expect(await countUpdates(db)).toBeLessThan(100)
    expect((await openDoc(db)).doc.getText('typed').toString()).toBe('x'.repeat(250))
    // Another document's rows are neither merged in nor dropped.
    expect(await countUpdates(db, OTHER_DOC)).toBe(3)
    expect((await openDoc(db, OTHER_DOC)).doc.getText('typed').toString()).toBe('ooo')
  })

  it('never drops rows another DocPersistence wrote for the same document that this one had not seen', async () => {
    const db = freshDb()
    const a = await openDoc(db)
    const b = await openDoc(db) // another tab with the same document open
    b.doc.getMap('tab-b').set('note', 'written in tab B')
    await b.persistence.flushed()

    typeChars(a.doc, 250)
    await a.persistence.flushed()
    // Doc A never saw B's change, so its own state cannot be what kept it.
    expect(a.doc.getMap('tab-b').get('note')).toBeUndefined()
    expect(await countUpdates(db)).toBeLessThan(100)

    const fresh = await openDoc(db)
    expect(fresh.doc.getMap('tab-b').get('note')).toBe('written in tab B')
    expect(fresh.doc.getText('typed').toString()).toBe('x'.repeat(250))
  })

  it('keeps compacting: hundreds of updates stay at most 201 rows', async () => {
    const db = freshDb()
    const { doc, persistence } = await openDoc(db)
    typeChars(doc, 700)
    await persistence.flushed()
    expect(await countUpdates(db)).toBeLessThanOrEqual(201)
    expect((await openDoc(db)).doc.getText('typed').toString()).toBe('x'.repeat(700))
  })
})

describe('flushed and errors', () => {
  it('flushed() resolves only after every write handed to the store has committed', async () => {
    const db = freshDb()
    const { doc, persistence } = await openDoc(db)
    const transaction = vi.spyOn(db, 'transaction')
    typeChars(doc, 20)
    expect(transaction).toHaveBeenCalledTimes(20)
    const committed: boolean[] = transaction.mock.results.map(() => false)
    transaction.mock.results.forEach((result, i) => {
      if (result.type !== 'return') throw new Error('the write transaction was not started')
      // Attached to the transaction's own promise, so it runs before anything chained after it.
      void (result.value as PromiseLike<unknown>).then(() => (committed[i] = true))
    })

    await persistence.flushed()
    expect(committed).toEqual(committed.map(() => true))
    expect(await countUpdates(db)).toBe(20)
  })

  it('flushed() resolves at once when nothing is being written', async () => {
    const db = freshDb()
    const { persistence } = await openDoc(db)
    await expect(persistence.flushed()).resolves.toBeUndefined()
  })

  it('a write error is reported through onError, never thrown at the editor', async () => {
    const db = freshDb()
    const { doc, persistence } = await openDoc(db)
    const errors: unknown[] = []
    persistence.onError = (error) => errors.push(error)
    db.close()

    expect(() => typeChars(doc, 2)).not.toThrow()
    await vi.waitFor(() => expect(errors).toHaveLength(2), { timeout: 5000, interval: 20 })
    await expect(persistence.flushed()).resolves.toBeUndefined()
    expect(errors[0]).toBeInstanceOf(Error)
    // The document itself keeps the edit; only storing it failed.
    expect(doc.getText('typed').toString()).toBe('xx')
  })
})

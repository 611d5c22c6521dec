import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDb } from './db'
import { DocPersistence } from './doc-persistence'
import { UnloadJournal, type JournalStorage } from './unload-journal'

/** localStorage's contract, in memory. */
function memoryStorage(): JournalStorage & { map: Map<string, string> } {
  const map = new Map<string, string>()
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size
    },
  }
}

let n = 0
const docId = 'school-1/child/journal1'

// SPEC L3
describe('unload journal: the last edits before a page closes are not lost', () => {
  it('recovers an edit that was journalled but never reached IndexedDB', async () => {
    const storage = memoryStorage()
    // The page that closed: its edit reached the journal, its IndexedDB transaction never ran.
    const closed = new Y.Doc()
    closed.getText('notes').insert(0, '最後幾個字')
    new UnloadJournal(storage).add(docId, Y.encodeStateAsUpdate(closed), true)

    const db = openDb(`journal-${++n}`)
    const doc = new Y.Doc()
    const persistence = new DocPersistence(db, docId, doc, new UnloadJournal(storage))
    await persistence.load()
    expect(doc.getText('notes').toString()).toBe('最後幾個字')
    await persistence.flushed()
    expect(storage.map.size).toBe(0)
    expect(await db.pending.where('docId').equals(docId).count()).toBe(1)

    // And it is in IndexedDB now: a later load without the journal finds it.
    const again = new Y.Doc()
    await new DocPersistence(db, docId, again, new UnloadJournal(memoryStorage())).load()
    expect(again.getText('notes').toString()).toBe('最後幾個字')
    db.close()
  })

  it('journals each local edit until its IndexedDB write commits, and keeps remote ones out', async () => {
    const storage = memoryStorage()
    const db = openDb(`journal-${++n}`)
    const doc = new Y.Doc()
    const persistence = new DocPersistence(db, docId, doc, new UnloadJournal(storage))
    await persistence.load()
    doc.getText('notes').insert(0, '甲')
    expect(storage.map.size).toBe(1)
    const remote = new Y.Doc()
    remote.getText('other').insert(0, '乙')
    const relay = { name: 'relay' }
    persistence.addRemoteOrigin(relay)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), relay)
    expect(storage.map.size).toBe(1)
    await persistence.flushed()
    expect(storage.map.size).toBe(0)
    db.close()
  })

  it('keeps working when storage is full', async () => {
    const full = memoryStorage()
    full.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError')
    }
    const db = openDb(`journal-${++n}`)
    const doc = new Y.Doc()
    const persistence = new DocPersistence(db, docId, doc, new UnloadJournal(full))
    await persistence.load()
    doc.getText('notes').insert(0, '照樣保存')
    await persistence.flushed()
    const again = new Y.Doc()
    await new DocPersistence(db, docId, again, new UnloadJournal(memoryStorage())).load()
    expect(again.getText('notes').toString()).toBe('照樣保存')
    db.close()
  })
})

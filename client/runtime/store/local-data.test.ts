import { describe, expect, it } from 'vitest'
import { memoryStorage } from '../../../tests/helpers/memory-storage'
import { openDb } from './db'
import { UnloadJournal } from './unload-journal'
import { deleteLocalData, ownedBy, readOwner, removeJournal, unsentFiles, writeOwner } from './local-data'
import { childRow } from '../../../shared/indexes/rows'

let n = 0
const freshDb = () => openDb(`local-data-${++n}-${Date.now()}`)
const account = { user: { id: 'u-1', username: 'wangli', displayName: '王老师' }, workspace: 'dongshan', role: 'helper' as const }

describe('the workspace data on this device', () => {
  it('records whose data it is, and tells another account apart', async () => {
    const db = freshDb()
    expect(await readOwner(db)).toBeUndefined()
    expect(ownedBy(undefined, account)).toBe(true)
    await writeOwner(db, account)
    const owner = await readOwner(db)
    expect(ownedBy(owner, account)).toBe(true)
    expect(ownedBy(owner, { ...account, user: { ...account.user, id: 'u-2' } })).toBe(false)
    expect(ownedBy(owner, { ...account, workspace: 'xishan' })).toBe(false)
    db.close()
  })

  it('lists unsent changes per file, named by its kind from the local index', async () => {
    const db = freshDb()
    await db.children.put(childRow({ id: 'c1', docId: 'dongshan/child/c1', name: '王小明', classId: 'class-3-2', gender: '', birthDate: '', priority: '', status: 'active', studentNumber: '' }))
    await db.pending.bulkAdd([{ docId: 'dongshan/child/c1' }, { docId: 'dongshan/child/c1' }, { docId: 'dongshan/child/c2' }, { docId: 'dongshan/settings' }])
    // A file whose access ended while it had unsent changes: they are on the device only.
    await db.keptAside.add({ docId: 'dongshan/child/c9', name: '李小红', update: new Uint8Array([0, 0]), pendingCount: 5, at: 1 })
    expect(await unsentFiles(db)).toEqual([
      { docId: 'dongshan/child/c9', label: { kind: 'child', name: '李小红' }, count: 5, keptAside: true },
      { docId: 'dongshan/child/c1', label: { kind: 'child', name: '王小明' }, count: 2 },
      { docId: 'dongshan/child/c2', label: { kind: 'child', name: '' }, count: 1 },
      { docId: 'dongshan/settings', label: { kind: 'settings' }, count: 1 },
    ])
    db.close()
  })

  it('removes the unload journal and the pre-account keys, and nothing else', () => {
    const storage = memoryStorage()
    const journal = new UnloadJournal(storage)
    journal.add('dongshan/child/c1', new Uint8Array([1, 2, 3]), true)
    journal.add('dongshan/child/c2', new Uint8Array([4]), true)
    storage.setItem('shouwang.user', '王老师')
    storage.setItem('shouwang.userId', 'u-0123456789')
    storage.setItem('shouwang.language', 'zh-Hant')
    expect(removeJournal(storage)).toBe(4)
    expect([...storage.entries().keys()]).toEqual(['shouwang.language'])
    expect(journal.leftovers('dongshan/child/c1')).toEqual([])
  })

  it('deletes the database, and a late write cannot bring it back', async () => {
    const name = `local-data-delete-${Date.now()}`
    const db = openDb(name)
    await db.pending.add({ docId: 'dongshan/child/c1' })
    await db.updates.add({ docId: 'dongshan/child/c1', update: new Uint8Array([1]) })
    const storage = memoryStorage()
    new UnloadJournal(storage).add('dongshan/child/c1', new Uint8Array([1]), true)
    await deleteLocalData(db, storage)
    expect(storage.length).toBe(0)
    // A document closing after the sign-out tries to store its last update: it must fail.
    await expect(db.updates.add({ docId: 'dongshan/child/c1', update: new Uint8Array([2]) })).rejects.toThrow()
    const reopened = openDb(name)
    expect(await reopened.updates.count()).toBe(0)
    expect(await reopened.pending.count()).toBe(0)
    reopened.close()
  })
})

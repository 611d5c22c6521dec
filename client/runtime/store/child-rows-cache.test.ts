import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import { childRow } from '../../../shared/indexes/rows'
import { ChildRowsCache } from './child-rows-cache'
import { openDb } from './db'
import { childRows, writeRows } from './index-rows'

let n = 0
const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id))

describe('the children list’s rows', () => {
  it('SPEC I14: after one whole read, the list reads only the rows written since, and shows what is stored', async () => {
    const db = openDb(`child-rows-cache-${++n}-${Date.now()}`)
    const cache = new ChildRowsCache(db)
    try {
      // A page of 120 files indexed at once, as a first sync does.
      const files = Array.from({ length: 120 }, (_, i) => ({ docId: `ws/child/c${i}`, id: `c${i}` }))
      const index = async (docs: typeof files, name: string) => {
        await db.dirty.bulkPut(docs.map((d) => ({ docId: d.docId, token: name })))
        await writeRows(db, docs.map((d) => ({ docId: d.docId, token: name, rows: { children: [childRow({ id: d.id, docId: d.docId, name: `${name} ${d.id}` })] } })))
      }
      await index(files.slice(0, 60), 'first')
      expect(byId(await cache.read())).toEqual(byId(await childRows.all(db)))
      const whole = vi.spyOn(childRows, 'all')
      await index(files.slice(60), 'second')
      await index(files.slice(0, 10), 'renamed')
      // One file left the device: its rows went.
      await writeRows(db, [{ docId: 'ws/child/c5', token: 'renamed', rows: undefined }])
      await db.dirty.put({ docId: 'ws/child/c5', token: 'gone' })
      await writeRows(db, [{ docId: 'ws/child/c5', token: 'gone', rows: undefined }])
      const rows = await cache.read()
      expect(whole).not.toHaveBeenCalled()
      whole.mockRestore()
      expect(byId(rows)).toEqual(byId(await childRows.all(db)))
      expect(rows).toHaveLength(119)
      expect(rows.find((r) => r.id === 'c3')?.name).toBe('renamed c3')
      // A table cleared is read whole again.
      await db.children.clear()
      expect(await cache.read()).toEqual([])
    } finally {
      cache.close()
      db.close()
    }
  })
})

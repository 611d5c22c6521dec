import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { childRow } from '../../../shared/indexes/rows'
import { openDb, type ShouwangDb } from './db'
import { childRows } from './index-rows'
import { observeIndex } from './live-query'

const opened: ShouwangDb[] = []
afterEach(async () => {
  const dbs = opened.splice(0)
  for (const db of dbs) db.close()
  for (const db of dbs) await Dexie.delete(db.name)
})
const freshDb = () => {
  const db = openDb(`live-index-${crypto.randomUUID()}`)
  opened.push(db)
  return db
}
const row = (id: string, classId: string, name: string, status = 'active') => childRow({ id, docId: `ws/child/${id}`, classId, name, status })

describe('views over the index (SPEC I8, I11)', () => {
  it('SPEC I8: a burst of index writes is read a few times, not once per write, and the last read sees the last write', async () => {
    const db = freshDb()
    const seen: number[] = []
    const stop = observeIndex(db, () => db.children.count(), (n) => seen.push(n), 1000)
    await vi.waitFor(() => expect(seen).toEqual([0]))
    const started = performance.now()
    for (let i = 0; i < 30; i++) await db.children.put(row(`c${i}`, 'k', `${i}`))
    const intervals = Math.ceil((performance.now() - started) / 1000)
    await vi.waitFor(() => expect(seen.at(-1)).toBe(30), { timeout: 5000 })
    // One read at once for the first write, then at most one per interval the burst lasted
    // (however slow this machine is), and one after it: never one per write.
    expect(seen.length).toBeLessThanOrEqual(2 + intervals)
    expect(seen.length).toBeLessThan(30)
    // A write to a table that is not the index wakes nothing.
    const before = seen.length
    await db.meta.put({ key: 'x', value: 1 })
    await db.children.put(row('last', 'k', 'last'))
    await vi.waitFor(() => expect(seen.at(-1)).toBe(31), { timeout: 5000 })
    expect(seen.length).toBe(before + 1)
    stop()
  })

  it('SPEC I11: the first screen is read class by class in the order given, keeping only the rows the list shows', async () => {
    const db = freshDb()
    await db.children.bulkPut([
      row('a1', 'A', '甲'), row('a2', 'A', '乙', 'graduated'),
      row('b1', 'B', '丙'), row('b2', 'B', '丁'), row('b3', 'B', '戊'),
      row('c1', 'C', '己'),
    ])
    const active = (r: { status: string }) => r.status === 'active'
    const ids = async (order: string[], count: number) => (await childRows.firstInClasses(db, order, active, count)).map((r) => r.id).sort()
    expect(await ids(['A', 'B', 'C'], 3)).toEqual(['a1', 'b1', 'b2'])
    expect(await ids(['C', 'A', 'B'], 2)).toEqual(['a1', 'c1'])
    expect(await ids(['A', 'B', 'C'], 10)).toEqual(['a1', 'b1', 'b2', 'b3', 'c1'])
  })
})

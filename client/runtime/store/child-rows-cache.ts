/**
 * The children index as the list follows it (SPEC I14): read whole once, then only the rows
 * written since, their keys taken from what Dexie says each transaction changed. A first sync
 * that writes 50 child rows at a time has the list read 50 rows, not 10,000, at each redraw.
 * A write Dexie reports as a range (a table cleared, 50 rows or more put at once) has it read whole again.
 */
import Dexie from 'dexie'
import type { ChildRow } from '../../../shared/indexes/rows'
import type { ShouwangDb } from './db'
import { childRows } from './index-rows'

/** A node of Dexie's RangeSet (the keys a transaction changed), as its storagemutated event carries it. */
interface KeyRange {
  from?: unknown
  to?: unknown
  l?: KeyRange | null
  r?: KeyRange | null
}

/** Adds the single keys of `range` to `into`; false when it holds a range that is not one key. */
function singleKeys(range: KeyRange | null | undefined, into: Set<string>): boolean {
  if (!range || range.from === undefined) return true
  if (typeof range.from !== 'string' || range.from !== range.to) return false
  into.add(range.from)
  return singleKeys(range.l, into) && singleKeys(range.r, into)
}

export class ChildRowsCache {
  private rows: Map<string, ChildRow> | undefined
  private readonly changed = new Set<string>()
  private whole = true
  /** Reads one after the other, so an older answer never lands after a newer one. */
  private reading: Promise<unknown> = Promise.resolve()
  private readonly part: string

  constructor(private readonly db: ShouwangDb) {
    this.part = `idb://${db.name}/children/`
    Dexie.on('storagemutated', this.onMutated)
  }

  close(): void {
    Dexie.on('storagemutated').unsubscribe(this.onMutated)
  }

  /** Every child row, as stored now. */
  read(): Promise<ChildRow[]> {
    const next = this.reading.then(() => this.readNow())
    this.reading = next.catch(() => undefined)
    return next
  }

  private readonly onMutated = (parts: Record<string, unknown>): void => {
    const keys = parts[this.part] as KeyRange | undefined
    if (keys && !singleKeys(keys, this.changed)) this.whole = true
  }

  private async readNow(): Promise<ChildRow[]> {
    if (this.whole || !this.rows) {
      this.whole = false
      this.changed.clear()
      const all = await childRows.all(this.db)
      this.rows = new Map(all.map((row) => [row.id, row]))
      return all
    }
    const rows = this.rows
    if (this.changed.size > 0) {
      const keys = [...this.changed]
      this.changed.clear()
      const fresh = await this.db.children.bulkGet(keys)
      keys.forEach((key, i) => {
        const row = fresh[i]
        if (row) rows.set(key, row)
        else rows.delete(key)
      })
    }
    return [...rows.values()]
  }
}

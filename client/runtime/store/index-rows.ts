/**
 * The index tables on the device: each document's rows replaced whole, dirty marks cleared
 * only by rows projected after them (SPEC I1), and the mark-everything step of a rebuild
 * (I3). Readers find rows here; nothing else writes them.
 */
import { INDEX_TABLES, INDEX_VERSION, type ChildRow, type DocumentRows, type IndexRows, type IndexTable, type PairingRow, type RecordRow } from '../../../shared/indexes/rows'
import { unpackRecordSets } from '../../../shared/indexes/record-set'
import type { DirtyMark, ShouwangDb } from './db'

const VERSION_KEY = 'index-version'
/**
 * Rows put by one request batch in writeRows: child rows fewer than 50, the most Dexie reports
 * key by key to the views that follow the table (store/child-rows-cache.ts); other rows 250, so
 * a page's records never hold the page for a long frame, nor cost Dexie a key range each. And
 * child rows read by one request in `childRows.all`.
 */
const WRITE_SLICE: Record<IndexTable, number> = { children: 49, records: 250, pairings: 250, recordSets: 100 }
const READ_SLICE = 2000

/** What one document's rows are now, after projecting it (or finding it gone). */
export interface ProjectedDocument {
  docId: string
  /** The mark this projection was made after; cleared only if it is still the document's. */
  token: string
  /** Undefined when nothing is stored for the document any more: all its rows go. */
  rows: DocumentRows | undefined
}

const tableOf = (db: ShouwangDb, name: IndexTable) => db.table<{ docId: string }, string>(name)
const indexTables = (db: ShouwangDb) => INDEX_TABLES.map((name) => tableOf(db, name))

/** Up to `limit` dirty documents. */
export function readDirty(db: ShouwangDb, limit: number): Promise<DirtyMark[]> {
  return db.dirty.limit(limit).toArray()
}

export function countDirty(db: ShouwangDb): Promise<number> {
  return db.dirty.count()
}

/** The index version the rows were written under (undefined on a device from before versions). */
export async function storedIndexVersion(db: ShouwangDb): Promise<number | undefined> {
  const value = (await db.meta.get(VERSION_KEY))?.value
  return typeof value === 'number' ? value : undefined
}

/**
 * Replaces each document's rows in every index table and clears its mark, in one transaction;
 * but only where the mark is still the one the projection was made after. Another mark means
 * a write came since (the next pass projects again); none means the document was dropped, or
 * indexed by another pass, whose rows must not be overwritten with older ones.
 */
export async function writeRows(db: ShouwangDb, projected: readonly ProjectedDocument[]): Promise<void> {
  await db.transaction('rw', [db.dirty, ...indexTables(db)], async () => {
    const marks = await db.dirty.bulkGet(projected.map((p) => p.docId))
    const current = projected.filter((p, i) => marks[i]?.token === p.token)
    if (current.length === 0) return
    const docIds = current.map((p) => p.docId)
    // Only what changed is written: typing in a field rewrites one row, not the file's records,
    // and the views that follow the records table are not woken for nothing.
    for (const name of INDEX_TABLES) {
      const table = tableOf(db, name)
      const keyOf = (row: object) => (row as Record<string, unknown>)[table.schema.primKey.keyPath as string] as string
      // One range per document: `anyOf` walks a cursor, which some IndexedDBs do row by row.
      const existing = (await Promise.all(docIds.map((docId) => table.where('docId').equals(docId).toArray()))).flat()
      const before = new Map(existing.map((row) => [keyOf(row), JSON.stringify(row)]))
      const fresh: { docId: string }[] = current.flatMap((p): { docId: string }[] => p.rows?.[name] ?? [])
      const changed = fresh.filter((row) => before.get(keyOf(row)) !== JSON.stringify(row))
      for (const row of fresh) before.delete(keyOf(row))
      if (before.size > 0) await table.bulkDelete([...before.keys()])
      // In slices: a thousand records put at once hold the page for a long frame; between
      // slices it draws (the transaction stays open while its requests follow each other).
      for (let i = 0; i < changed.length; i += WRITE_SLICE[name]) await table.bulkPut(changed.slice(i, i + WRITE_SLICE[name]))
    }
    await db.dirty.bulkDelete(docIds)
  })
}

/**
 * The first step of a rebuild: every stored document marked dirty, rows of documents no
 * longer stored removed, and the current index version recorded, in one transaction, so a
 * rebuild cut short by a closed page goes on at the next start. Returns how many to index.
 */
export async function markAllDirty(db: ShouwangDb): Promise<number> {
  return db.transaction('rw', [db.updates, db.dirty, db.meta, ...indexTables(db)], async () => {
    const docIds = (await db.updates.orderBy('docId').uniqueKeys()) as string[]
    // A token of its own: a pass still running from before must not take these marks for its own.
    const token = `rebuild.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`
    await db.dirty.bulkPut(docIds.map((docId) => ({ docId, token })))
    const stored = new Set(docIds)
    for (const table of indexTables(db)) {
      // Found by the docId index and set apart here: `noneOf` would walk every row of the table.
      const orphans = ((await table.orderBy('docId').uniqueKeys()) as string[]).filter((docId) => !stored.has(docId))
      for (const docId of orphans) await table.bulkDelete(await table.where('docId').equals(docId).primaryKeys())
    }
    await db.meta.put({ key: VERSION_KEY, value: INDEX_VERSION })
    return docIds.length
  })
}

/** Removes a document's rows from every index table (inside the caller's transaction, if any). */
export async function deleteRows(db: ShouwangDb, docId: string): Promise<void> {
  for (const table of indexTables(db)) await table.bulkDelete(await table.where('docId').equals(docId).primaryKeys())
}

/** Every index table's rows, for tests and for checking an index against a rebuild. */
export async function allRows(db: ShouwangDb): Promise<Record<IndexTable, { docId: string }[]>> {
  const out = {} as Record<IndexTable, { docId: string }[]>
  for (const name of INDEX_TABLES) out[name] = await tableOf(db, name).toArray()
  return out
}

/** The children index, as lists and pickers read it. */
export const childRows = {
  /**
   * In slices of 2,000 by key, in one transaction: 10,000 rows read by one request arrive in one
   * task that holds the page far longer than a frame.
   */
  all: (db: ShouwangDb): Promise<ChildRow[]> =>
    db.transaction('r', db.children, async () => {
      const out: ChildRow[] = []
      for (;;) {
        const last = out.at(-1)
        const slice = await (last ? db.children.where(':id').above(last.id) : db.children.toCollection()).limit(READ_SLICE).toArray()
        out.push(...slice)
        if (slice.length < READ_SLICE) return out
      }
    }),
  byName: (db: ShouwangDb): Promise<ChildRow[]> => db.children.orderBy('name').toArray(),
  get: (db: ShouwangDb, childId: string): Promise<ChildRow | undefined> => db.children.get(childId),
  inClass: (db: ShouwangDb, classId: string): Promise<ChildRow[]> => db.children.where('classId').equals(classId).toArray(),
  /**
   * The first `count` rows a list in class order shows, read class by class in that order by
   * the classId index (SPEC I11): a cold start paints them without reading every row.
   * `keep` says which rows the list shows (its status filter).
   */
  firstInClasses: async (db: ShouwangDb, classIds: readonly string[], keep: (row: ChildRow) => boolean, count: number): Promise<ChildRow[]> => {
    const out: ChildRow[] = []
    for (const classId of classIds) {
      if (out.length >= count) break
      out.push(...(await db.children.where('classId').equals(classId).filter(keep).limit(count - out.length).toArray()))
    }
    return out
  },
}

/** The records index: what is due (shared/care/due.ts), the forms and the figures read it. */
export const recordRows = {
  all: (db: ShouwangDb): Promise<RecordRow[]> => db.records.toArray(),
  ofChild: (db: ShouwangDb, childId: string): Promise<RecordRow[]> => db.records.where('childId').equals(childId).toArray(),
  /** Records of `type` dated `from`…`to` (both days included), by the [type+date] index. */
  ofTypeBetween: (db: ShouwangDb, type: string, from: string, to: string): Promise<RecordRow[]> =>
    db.records.where('[type+date]').between([type, from], [type, to], true, true).toArray(),
}

export const pairingRows = {
  all: (db: ShouwangDb): Promise<PairingRow[]> => db.pairings.toArray(),
  ofChild: (db: ShouwangDb, childId: string): Promise<PairingRow[]> => db.pairings.where('childId').equals(childId).toArray(),
}

/**
 * The children, records and pairings in one transaction, the records read from their packed
 * sets (SPEC I12): one value per child rather than per record, the same rows in the same order.
 */
export function indexRowsOf(db: ShouwangDb): Promise<IndexRows> {
  return db.transaction('r', db.children, db.recordSets, db.pairings, async () => ({
    children: await db.children.toArray(),
    records: unpackRecordSets(await db.recordSets.toArray()),
    pairings: await db.pairings.toArray(),
  }))
}

/** The same rows as indexRowsOf, the records read row by row: what the packed sets are checked against. */
export function indexRowsByRecordOf(db: ShouwangDb): Promise<IndexRows> {
  return db.transaction('r', db.children, db.records, db.pairings, async () => ({
    children: await db.children.toArray(),
    records: await db.records.toArray(),
    pairings: await db.pairings.toArray(),
  }))
}

/**
 * The embedded DocStore: one SQLite file in the data folder (WAL, synchronous=FULL), an
 * `updates` log whose AUTOINCREMENT seq is global to the store and never reused, not even
 * after compaction deletes rows. better-sqlite3 is synchronous; the interface is not.
 *
 * An erased document (docs/SPEC.md E5) is forgotten by the file, not only by the table:
 * `secure_delete` overwrites every deleted row with zeros, and a TRUNCATE checkpoint after the
 * erase copies those pages into the database and empties the WAL, whose frames still held the
 * bytes. A trigger refuses any insert for an erased id, so nothing can bring it back.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import * as Y from 'yjs'
import type { DocChange, DocStore, StoredRow } from './doc-store'
import { checkpoint } from './checkpoint'
import { migrate } from './migrate'

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
 * Never edit a migration that has shipped: add the next one.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     doc_id TEXT NOT NULL,
     data BLOB NOT NULL
   );
   CREATE INDEX updates_by_doc ON updates (doc_id, seq);`,
  // Documents erased for good (a child's file a coordinator erased): a device that comes back
  // months later still learns it, and no update of them is stored again.
  `CREATE TABLE erased (
     doc_id TEXT PRIMARY KEY,
     erased_at INTEGER NOT NULL
   );
   CREATE TRIGGER updates_not_erased BEFORE INSERT ON updates
   WHEN EXISTS (SELECT 1 FROM erased WHERE doc_id = NEW.doc_id)
   BEGIN SELECT RAISE(ABORT, 'the document was erased'); END;`,
  // A merged row remembers the oldest seq it replaced: catch-up then knows that a device whose
  // cursor is past that seq has part of it, and asks the device's state vector (docs/SPEC.md S10).
  `ALTER TABLE updates ADD COLUMN covers_from INTEGER;`,
]

/** The schema version this build writes (a backup of a newer one is refused). */
export const DOC_STORE_SCHEMA_VERSION = MIGRATIONS.length

export interface SqliteDocStoreOptions {
  /** A file path, or ':memory:' for tests of one module. */
  file: string
  /**
   * On open, every document with more stored updates than this is compacted (docs/SPEC.md S14):
   * its updates merged into one, one document per transaction. Absent: nothing is compacted.
   */
  compactAbove?: number
  /** Told after each document compacted on open (tests of a kill mid-way). */
  onCompacted?: (docId: string) => void
}

export function openSqliteDocStore({ file, compactAbove, onCompacted }: SqliteDocStoreOptions): DocStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  // FULL: a commit is on disk when append() resolves, so an update forwarded to other
  // clients is never lost to a crash or power cut, not only to a killed process.
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  // Deleted rows are overwritten, not only unlinked: an erased child's file leaves no bytes behind.
  db.pragma('secure_delete = ON')
  migrate(db, MIGRATIONS, 'the data folder')

  const selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM updates WHERE doc_id = ? ORDER BY seq',
  )
  const insertUpdate = db.prepare<[string, Buffer]>('INSERT INTO updates (doc_id, data) VALUES (?, ?)')
  const insertAt = db.prepare<[number, string, Buffer, number]>('INSERT INTO updates (seq, doc_id, data, covers_from) VALUES (?, ?, ?, ?)')
  const selectCovered = db.prepare<[string, number], { from: number | null }>(
    'SELECT MIN(COALESCE(covers_from, seq)) AS "from" FROM updates WHERE doc_id = ? AND seq <= ?',
  )
  const deleteThrough = db.prepare<[string, number]>('DELETE FROM updates WHERE doc_id = ? AND seq <= ?')
  const deleteDoc = db.prepare<[string]>('DELETE FROM updates WHERE doc_id = ?')
  const insertErased = db.prepare<[string, number]>('INSERT OR IGNORE INTO erased (doc_id, erased_at) VALUES (?, ?)')
  const selectErased = db.prepare<[string], { doc_id: string }>('SELECT doc_id FROM erased WHERE doc_id IN (SELECT value FROM json_each(?))')
  const countUpdates = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM updates WHERE doc_id = ?')
  // Named parameters: better-sqlite3 binds `?2`-style numbered ones only by name, never by position.
  const selectChanges = db.prepare<[{ afterSeq: number; prefix: string; limit: number }], { doc_id: string; seq: number }>(
    `SELECT doc_id, MAX(seq) AS seq FROM updates
     WHERE seq > @afterSeq AND substr(doc_id, 1, length(@prefix)) = @prefix
     GROUP BY doc_id ORDER BY seq LIMIT @limit`,
  )

  // A range scan of the primary key (seq), whatever the number of documents (docs/SPEC.md S11).
  const selectSince = db.prepare<[{ afterSeq: number; prefix: string; limit: number }], { seq: number; doc_id: string; data: Buffer; covers_from: number | null }>(
    `SELECT seq, doc_id, data, covers_from FROM updates
     WHERE seq > @afterSeq AND substr(doc_id, 1, length(@prefix)) = @prefix
     ORDER BY seq LIMIT @limit`,
  )
  const selectDocsSince = db.prepare<[{ afterSeq: number; prefix: string }], { doc_id: string }>(
    'SELECT DISTINCT doc_id FROM updates WHERE seq > @afterSeq AND substr(doc_id, 1, length(@prefix)) = @prefix',
  )
  const selectErasures = db.prepare<[{ prefix: string }], { n: number; latest: number | null }>(
    'SELECT COUNT(*) AS n, MAX(erased_at) AS latest FROM erased WHERE substr(doc_id, 1, length(@prefix)) = @prefix',
  )
  const selectOvergrown = db.prepare<[number], { doc_id: string }>(
    'SELECT doc_id FROM updates GROUP BY doc_id HAVING COUNT(*) > ?',
  )

  const appendAll = db.transaction((entries: readonly { docId: string; update: Uint8Array }[]) =>
    entries.map((e) => Number(insertUpdate.run(e.docId, toBuffer(e.update)).lastInsertRowid)),
  )
  const compactTx = db.transaction((docId: string, merged: Uint8Array, throughSeq: number) => {
    const from = selectCovered.get(docId, throughSeq)?.from ?? throughSeq
    deleteThrough.run(docId, throughSeq)
    insertAt.run(throughSeq, docId, toBuffer(merged), from)
  })

  const eraseTx = db.transaction((docId: string) => {
    deleteDoc.run(docId)
    insertErased.run(docId, Date.now())
  })

  /** Merges a document's stored updates into one, in one transaction: a crash leaves all or none of it. */
  const compactStored = db.transaction((docId: string) => {
    const rows = selectUpdates.all(docId)
    const last = rows.at(-1)
    if (rows.length < 2 || !last) return
    const merged = Y.mergeUpdates(rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)))
    const from = selectCovered.get(docId, last.seq)?.from ?? last.seq
    deleteThrough.run(docId, last.seq)
    insertAt.run(last.seq, docId, toBuffer(merged), from)
  })
  if (compactAbove !== undefined) {
    for (const { doc_id } of selectOvergrown.all(compactAbove)) {
      compactStored(doc_id)
      onCompacted?.(doc_id)
    }
  }

  // Each method does its work at once and settles its Promise with the result or the error.
  return {
    async load(docId) {
      const rows = selectUpdates.all(docId)
      return {
        updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
        lastSeq: rows.at(-1)?.seq ?? 0,
      }
    },
    append: async (entries) => (entries.length === 0 ? [] : appendAll(entries)),
    compact: async (docId, merged, throughSeq) => compactTx(docId, merged, throughSeq),
    async erase(docId) {
      eraseTx(docId)
      checkpoint(db)
    },
    async erasedAmong(docIds) {
      if (docIds.length === 0) return new Set()
      return new Set(selectErased.all(JSON.stringify(docIds)).map((r) => r.doc_id))
    },
    updateCount: async (docId) => countUpdates.get(docId)?.n ?? 0,
    async changesSince(prefix, afterSeq, limit): Promise<DocChange[]> {
      return selectChanges.all({ afterSeq, prefix, limit }).map((r) => ({ docId: r.doc_id, seq: r.seq }))
    },
    async updatesSince(prefix, afterSeq, limit, maxBytes) {
      const rows: StoredRow[] = []
      let bytes = 0
      let more = false
      for (const r of selectSince.iterate({ afterSeq, prefix, limit: limit + 1 })) {
        if (rows.length >= limit || bytes > maxBytes) {
          more = true
          break
        }
        const update = new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)
        rows.push({ seq: r.seq, docId: r.doc_id, update, ...(r.covers_from === null ? {} : { coversFrom: r.covers_from }) })
        bytes += r.data.byteLength
      }
      return { rows, more }
    },
    async docsSince(prefix, afterSeq) {
      return selectDocsSince.all({ afterSeq, prefix }).map((r) => r.doc_id)
    },
    async erasures(prefix) {
      const row = selectErasures.get({ prefix })
      return `${row?.n ?? 0}.${row?.latest ?? 0}`
    },
    close: async () => void db.close(),
  }
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength)
}

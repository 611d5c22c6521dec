/**
 * The embedded DocStore: one SQLite file in the data folder (WAL, synchronous=FULL), an
 * `updates` log whose AUTOINCREMENT seq is global to the store and never reused, not even
 * after compaction deletes rows. better-sqlite3 is synchronous; the interface is not.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DocChange, DocStore } from './doc-store'
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
]

export interface SqliteDocStoreOptions {
  /** A file path, or ':memory:' for tests of one module. */
  file: string
}

export function openSqliteDocStore({ file }: SqliteDocStoreOptions): DocStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  // FULL: a commit is on disk when append() resolves, so an update forwarded to other
  // clients is never lost to a crash or power cut, not only to a killed process.
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  migrate(db, MIGRATIONS, 'the data folder')

  const selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM updates WHERE doc_id = ? ORDER BY seq',
  )
  const insertUpdate = db.prepare<[string, Buffer]>('INSERT INTO updates (doc_id, data) VALUES (?, ?)')
  const insertAt = db.prepare<[number, string, Buffer]>('INSERT INTO updates (seq, doc_id, data) VALUES (?, ?, ?)')
  const deleteThrough = db.prepare<[string, number]>('DELETE FROM updates WHERE doc_id = ? AND seq <= ?')
  const countUpdates = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM updates WHERE doc_id = ?')
  // Named parameters: better-sqlite3 binds `?2`-style numbered ones only by name, never by position.
  const selectChanges = db.prepare<[{ afterSeq: number; prefix: string; limit: number }], { doc_id: string; seq: number }>(
    `SELECT doc_id, MAX(seq) AS seq FROM updates
     WHERE seq > @afterSeq AND substr(doc_id, 1, length(@prefix)) = @prefix
     GROUP BY doc_id ORDER BY seq LIMIT @limit`,
  )

  const appendAll = db.transaction((entries: readonly { docId: string; update: Uint8Array }[]) =>
    entries.map((e) => Number(insertUpdate.run(e.docId, toBuffer(e.update)).lastInsertRowid)),
  )
  const compactTx = db.transaction((docId: string, merged: Uint8Array, throughSeq: number) => {
    deleteThrough.run(docId, throughSeq)
    insertAt.run(throughSeq, docId, toBuffer(merged))
  })

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
    updateCount: async (docId) => countUpdates.get(docId)?.n ?? 0,
    async changesSince(prefix, afterSeq, limit): Promise<DocChange[]> {
      return selectChanges.all({ afterSeq, prefix, limit }).map((r) => ({ docId: r.doc_id, seq: r.seq }))
    },
    close: async () => void db.close(),
  }
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength)
}

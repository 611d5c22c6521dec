/**
 * The browser's local store (IndexedDB through Dexie), and the only folder that touches it
 * (lint: `dexie` is imported under client/runtime/store/ only). Documents are the truth:
 * `updates` holds every document's Yjs updates; `children`, `records`, `pairings` and `recordSets` are derived index
 * rows (shared/indexes/rows.ts), rebuilt from the documents whenever they may be stale.
 */
import Dexie, { type EntityTable } from 'dexie'
import type { DocumentLabel } from '../../../shared/docs/kind'
import { ApiPath } from '../../../shared/auth-api'
import type { RecordSetRow } from '../../../shared/indexes/record-set'
import type { ChildRow, PairingRow, RecordRow } from '../../../shared/indexes/rows'
import type { DirectoryEntry } from '../../../shared/members-api'

/** One stored Yjs update of one document; compaction merges a document's rows into one. */
export interface StoredUpdate {
  id?: number
  docId: string
  update: Uint8Array
}

/** A local change the relay has not yet confirmed as saved on its disk. */
export interface PendingChange {
  id?: number
  docId: string
}

/**
 * A document whose index rows may be older than its stored updates. Written in the same
 * transaction as the update, removed once rows projected after it are written (docs/SPEC.md
 * I1), so a page closed between the two leaves the mark, and the next start indexes it.
 */
export interface DirtyMark {
  docId: string
  /** Changes with every write; rows clear the mark only if it is the one they were made after. */
  token: string
}

/**
 * Unsent changes of a file this user may no longer open (a pairing ended while they were
 * offline): kept on the device, whole, until the user has saved them elsewhere.
 */
export interface KeptAside {
  id?: number
  docId: string
  /** The child's name as this device last knew it, to say whose file it was. */
  name: string
  /** Which document it was, as the person is told (absent in rows kept before labels). */
  label?: DocumentLabel
  /** The whole local document, which holds the unsent changes. */
  update: Uint8Array
  pendingCount: number
  at: number
  /**
   * Why: absent when access ended; the relay's code when it refused to file a new document
   * (a teacher's new child in a class not theirs: `not_your_class`, docs/SPEC.md X3).
   */
  reason?: string
}

/** A request to the relay's HTTP API waiting to be sent (runtime/sync/outbox.ts). */
export interface OutboxEntry {
  id?: number
  path: string
  body: unknown
  at: number
  /** The document it is made for (a new child's class): a refusal is that document's to hear. */
  docId?: string
}

export interface MetaEntry {
  key: string
  value: unknown
}

export type ShouwangDb = Dexie & {
  updates: EntityTable<StoredUpdate, 'id'>
  pending: EntityTable<PendingChange, 'id'>
  dirty: EntityTable<DirtyMark, 'docId'>
  children: EntityTable<ChildRow, 'id'>
  records: EntityTable<RecordRow, 'id'>
  pairings: EntityTable<PairingRow, 'id'>
  recordSets: EntityTable<RecordSetRow, 'childId'>
  keptAside: EntityTable<KeptAside, 'id'>
  outbox: EntityTable<OutboxEntry, 'id'>
  meta: EntityTable<MetaEntry, 'key'>
  directory: EntityTable<DirectoryEntry, 'id'>
}

export function openDb(name = 'shouwang'): ShouwangDb {
  const db = new Dexie(name) as ShouwangDb
  db.version(1).stores({
    updates: '++id, docId',
    pending: '++id, docId',
    children: 'id, className, name',
    meta: 'key',
  })
  // Version 2 adds the records index; it is derived, so it fills as documents are indexed.
  db.version(2).stores({
    records: 'id, childId, [type+date], date, authorId',
  })
  db.version(3).stores({
    keptAside: '++id, docId',
    children: 'id, className, name, docId',
  })
  // Version 4: durable dirty marks for the index, records found by document, and the outbox
  // of requests to the relay. The index version (meta) makes the first start rebuild it.
  db.version(4)
    .stores({
      dirty: 'docId',
      records: 'id, childId, docId, [type+date], date, authorId',
      outbox: '++id',
    })
    .upgrade(async (tx) => {
      // Requests earlier versions queued in `meta` move to the outbox, in the order they were made.
      const meta = tx.table<MetaEntry, string>('meta')
      const outbox = tx.table<OutboxEntry, number>('outbox')
      const classes = await meta.where('key').startsWith('register-class:').toArray()
      for (const { key, value } of classes) {
        await outbox.add({ path: ApiPath.childClass, body: { childId: key.slice('register-class:'.length), classId: value }, at: 0 })
      }
      const reports = await meta.where('key').startsWith('audit:').toArray()
      for (const { value } of reports) {
        const at = typeof value === 'object' && value !== null ? Number((value as { at?: unknown }).at) || 0 : 0
        await outbox.add({ path: ApiPath.audit, body: value, at })
      }
      await meta.where('key').startsWith('register-class:').delete()
      await meta.where('key').startsWith('audit:').delete()
    })
  // Version 5: a child's class is its class id, and pairings are indexed (who helps whom). The
  // index version makes the first start rebuild both from the stored documents.
  db.version(5).stores({
    children: 'id, classId, name, docId',
    pairings: 'id, childId, docId, userId, kind',
  })
  // Version 6: the workspace's members, for names offline (store/directory.ts, SPEC M2).
  db.version(6).stores({ directory: 'id' })
  // Version 7: each child file's records packed in one row, what the due list and the figures
  // read (SPEC I12); INDEX_VERSION 9 makes the first start fill it from the stored documents.
  db.version(7).stores({ recordSets: 'childId, docId' })
  return db
}

/**
 * The device's index (client/runtime/indexes/indexer.ts), in Node on fake-indexeddb:
 * - what projecting an open file from the store (SPEC I1) costs against projecting its live
 *   Y.Doc, for a file typed into 200 times since its last compaction;
 * - a rebuild of 1,000 children (SPEC I3) against only reading and decoding their documents.
 */
import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import * as Y from 'yjs'
import { projectDocument } from '../shared/docs/registry'
import { addRecord } from '../shared/docs/child/records'
import { Indexer } from '../client/runtime/indexes/indexer'
import { openDb } from '../client/runtime/store/db'
import { appendUpdate, loadStoredUpdate } from '../client/runtime/store/doc-persistence'
import { storedDocumentIds } from '../client/runtime/store/documents'
import { writeChild, editChild } from '../tests/helpers/child-file'
import { median, report } from './measure'

const CTX = { author: { id: 'u1', name: '王老師' }, today: '2026-11-29' as never, now: 1 }

function childFile(i: number): Y.Doc {
  const doc = new Y.Doc()
  writeChild(doc, { name: `學生${i}`, classId: `class-${(i % 6) + 1}-1`, gender: i % 2 ? 'male' : 'female' })
  for (let r = 0; r < 20; r++) addRecord(doc, { type: 'talk', date: `2026-0${(r % 9) + 1}-15` }, CTX)
  return doc
}

async function projectOpenFile(): Promise<void> {
  const db = openDb(`bench-open-${Date.now()}`)
  const docId = 'b/child/open'
  const doc = childFile(0)
  await appendUpdate(db, docId, Y.encodeStateAsUpdate(doc))
  // 200 keystroke-sized writes since the last compaction, as DocPersistence stores them.
  doc.on('update', (u: Uint8Array) => void appendUpdate(db, docId, u))
  for (let k = 0; k < 200; k++) editChild(doc, { 'father.workplace': `廣東東莞${k}` })
  await new Promise((r) => setTimeout(r, 50))
  const live = await median(21, () => void projectDocument(docId, doc))
  const stored = await median(21, async () => {
    const update = await loadStoredUpdate(db, docId)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, update as Uint8Array)
    projectDocument(docId, copy)
    copy.destroy()
  })
  report('index: an open file projected from the store', stored, 'from its live Y.Doc', live)
  db.close()
  await Dexie.delete(db.name)
}

async function rebuild(): Promise<void> {
  const db = openDb(`bench-rebuild-${Date.now()}`)
  for (let i = 0; i < 1000; i++) await appendUpdate(db, `b/child/c${i}`, Y.encodeStateAsUpdate(childFile(i)))
  await db.dirty.clear()
  const decodeOnly = await median(3, async () => {
    for (const docId of await storedDocumentIds(db)) {
      const copy = new Y.Doc()
      Y.applyUpdate(copy, (await loadStoredUpdate(db, docId)) as Uint8Array)
      copy.destroy()
    }
  })
  const rebuilt = await median(3, async () => {
    await new Indexer(db, { batchSize: 100 }).rebuild()
  })
  if ((await db.children.count()) !== 1000 || (await db.records.count()) !== 20_000) throw new Error('the rebuild did not index every child')
  report('index: rebuild 1,000 children (20,000 records)', rebuilt, 'reading and decoding them', decodeOnly)
  db.close()
  await Dexie.delete(db.name)
}

export async function indexBenchmarks(): Promise<void> {
  await projectOpenFile()
  await rebuild()
}

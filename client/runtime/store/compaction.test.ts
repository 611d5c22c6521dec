import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { todayIsoDate } from '../../../shared/dates'
import { childProfile, editChild, writeChild } from '../../../tests/helpers/child-file'
import { compactDocuments, overgrownDocuments } from './compaction'
import { openDb, type ShouwangDb } from './db'
import { loadStoredUpdate } from './doc-persistence'

const DOC = 'school-1/child/compact1'
const opened: ShouwangDb[] = []
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close()
    await db.delete()
  }
})

/** A child's file stored as the device stores it: one row per edit. */
async function storedFile(rows: number): Promise<{ db: ShouwangDb; doc: Y.Doc }> {
  const db = openDb(`compaction-test-${crypto.randomUUID()}`)
  opened.push(db)
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  writeChild(doc, { name: '陳小華', classId: 'class-1' }, todayIsoDate())
  for (let i = 1; i < rows; i++) editChild(doc, { name: `陳小華${i}` }, todayIsoDate())
  await db.updates.bulkAdd(updates.map((update) => ({ docId: DOC, update })))
  return { db, doc }
}

const readBack = async (db: ShouwangDb) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, (await loadStoredUpdate(db, DOC)) as Uint8Array)
  return doc
}

describe('compaction of the device’s update log', () => {
  it('SPEC S14: merges a document’s many rows into one, and the file reads the same', async () => {
    const { db, doc } = await storedFile(80)
    expect(await overgrownDocuments(db)).toEqual([DOC])
    expect(await compactDocuments(db, [DOC])).toEqual([DOC])
    expect(await db.updates.where('docId').equals(DOC).count()).toBe(1)
    expect(childProfile(await readBack(db))).toEqual(childProfile(doc))
    expect(childProfile(doc).name).toBe('陳小華79')
  })

  it('SPEC S14: leaves a document with unconfirmed changes as it is', async () => {
    const { db } = await storedFile(80)
    await db.pending.add({ docId: DOC })
    expect(await compactDocuments(db, [DOC])).toEqual([])
    expect(await db.updates.where('docId').equals(DOC).count()).toBe(80)
  })

  it('SPEC S14: a compaction failing half way loses nothing: the rows are as they were', async () => {
    const { db, doc } = await storedFile(80)
    const before = (await db.updates.toArray()).map((r) => r.id)
    await expect(
      compactDocuments(db, [DOC], {
        beforeCommit: () => {
          throw new Error('the tab was closed')
        },
      }),
    ).rejects.toThrow('the tab was closed')
    expect((await db.updates.toArray()).map((r) => r.id)).toEqual(before)
    expect(childProfile(await readBack(db))).toEqual(childProfile(doc))
  })
})

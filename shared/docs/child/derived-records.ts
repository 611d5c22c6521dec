/**
 * Records on a child's file that another document decides (an activity's attendance, an aid
 * round, a call from the children's home: shared/docs/plan/), under an id derived from what
 * decides them, so two devices deciding the same thing offline write one record. Each is made
 * with its writer's signature as any record is (records.ts), kept in line with what decides it,
 * moved to the file's bin when it no longer applies (bin.ts), and taken out of it when it does again.
 */
import * as Y from 'yjs'
import { Origin } from '../../origin'
import type { FieldValue } from '../../validation/fields'
import { setTextByDiff } from '../../y-text'
import { moveToBin, readDeletion } from './bin'
import type { EditContext } from './child'
import type { RecordType } from './records'

export interface DerivedRecord {
  type: RecordType
  /** Written when the record is made, never after (what its maker saw). */
  made?: Record<string, FieldValue>
  /** Kept equal to these every time; an undefined value is taken off. */
  kept?: Record<string, FieldValue | undefined>
  /** The notes' text when made; kept equal too with `keepNotes`. */
  notes?: string
  keepNotes?: boolean
}

/** Brings the record `id` in line with `want` (undefined: it no longer applies); whether the file changed. */
export function syncDerivedRecord(child: Y.Doc, id: string, want: DerivedRecord | undefined, ctx: EditContext): boolean {
  const records = child.getMap<unknown>('records')
  const existing = records.get(id)
  let changed = false
  child.transact(() => {
    if (!want) {
      if (existing instanceof Y.Map && !readDeletion(existing)) changed = moveToBin(child, 'records', id, ctx)
      return
    }
    let record = existing instanceof Y.Map ? (existing as Y.Map<unknown>) : undefined
    if (!record) {
      record = new Y.Map<unknown>()
      records.set(id, record)
      record.set('type', want.type)
      record.set('authorId', ctx.author.id)
      record.set('authorName', ctx.author.name)
      record.set('createdAt', ctx.now)
      record.set('notes', new Y.Text(want.notes ?? ''))
      for (const [field, value] of Object.entries(want.made ?? {})) record.set(field, value)
      changed = true
    } else if (readDeletion(record)) {
      record.delete('deleted')
      changed = true
    }
    for (const [field, value] of Object.entries(want.kept ?? {})) {
      if (value === undefined) {
        if (!record.has(field)) continue
        record.delete(field)
      } else {
        if (record.get(field) === value) continue
        record.set(field, value)
      }
      changed = true
    }
    const notes = record.get('notes')
    if (want.keepNotes && notes instanceof Y.Text && notes.toString() !== (want.notes ?? '')) {
      setTextByDiff(notes, want.notes ?? '')
      changed = true
    }
  }, ctx.origin ?? Origin.localEdit)
  return changed
}

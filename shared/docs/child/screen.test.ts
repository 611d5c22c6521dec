/**
 * SPEC Q10: what only adds to a child's file is judged on an empty document (no copy of the file),
 * and that judgement never refuses what the file's own copy would store, nor lets through what
 * it would refuse without the copy then refusing it.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { onlyAddsNew } from '../../dependencies'
import { FUTURE_SLACK_MS, signedName, type AuthenticatedWriter } from '../write-rules'
import { moveToBin } from './bin'
import { createChildFile, setChildFields, setChildText, type EditContext } from './child'
import { screenChildWrite } from './child-rules'
import { childKind } from './kind'
import { addPairing } from './pairings'
import { addRecord, deleteRecord } from './records'

const TODAY = '2026-03-10' as IsoDate
const NOW = Date.UTC(2026, 2, 10, 8)
const DAY = 24 * 60 * 60 * 1000
const COORDINATOR: AuthenticatedWriter = { id: 'u-wang', role: 'coordinator', classTeacher: false, name: '王校長', memberSince: NOW - 300 * DAY }
const HELPER: AuthenticatedWriter = { id: 'u-zhang', role: 'helper', classTeacher: false, name: '張媽媽', memberSince: NOW - 10 * DAY }
const ctxOf = (w: AuthenticatedWriter, now = NOW): EditContext => ({ author: { id: w.id, name: signedName(w.name) }, today: TODAY, now })

function file(): { doc: Y.Doc; record: string } {
  const doc = new Y.Doc()
  createChildFile(doc, { name: '李小紅', classId: 'class-3-1' }, ctxOf(COORDINATOR))
  const record = addRecord(doc, { type: 'talk', date: '2026-03-01' }, ctxOf(COORDINATOR))
  if (!('id' in record)) throw new Error('not written')
  return { doc, record: record.id }
}

function updateOf(base: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(copy)
  change(copy)
  return Y.encodeStateAsUpdate(copy, before)
}

/** What the relay's guard copy of `base` says, and what the screen says (undefined where it does not judge). */
function verdicts(base: Y.Doc, update: Uint8Array, writer: AuthenticatedWriter) {
  const guard = new Y.Doc()
  Y.applyUpdate(guard, Y.encodeStateAsUpdate(base))
  const judged = onlyAddsNew(update, Y.decodeStateVector(Y.encodeStateVector(guard)))
  const screened = judged ? screenChildWrite(update, writer, NOW) : undefined
  const inspected = childKind.inspectWrite?.(guard, () => Y.applyUpdate(guard, update), writer, NOW).refused
  guard.destroy()
  return { judged, screened, inspected }
}

/** A record made on a device of its own, signed as `author` at `at`: it only adds. */
const forgedRecord = (author: { id: string; name: string }, at: number) => (copy: Y.Doc) =>
  addRecord(copy, { type: 'talk', date: TODAY, notes: 'HOSTILE' }, { author, today: TODAY, now: at })

describe('a write that only adds is judged without a copy of the file (SPEC Q10)', () => {
  const { doc, record } = file()
  // Whether each only adds (and is judged alone) is part of what is asserted.
  const honest: [string, AuthenticatedWriter, boolean, (copy: Y.Doc) => unknown][] = [
    ['a new record', HELPER, true, (copy) => addRecord(copy, { type: 'homeVisit', date: '2026-03-09', fields: { visited: '奶奶' } }, ctxOf(HELPER))],
    ['a new pairing', HELPER, true, (copy) => addPairing(copy, { kind: 'peerBuddy', name: '趙小芳' }, ctxOf(HELPER))],
    ['short fields', HELPER, false, (copy) => setChildFields(copy, { 'guardian.name': '王奶奶' }, ctxOf(HELPER))],
    ['a long text', HELPER, true, (copy) => setChildText(copy, 'profile.habits', '早睡早起', ctxOf(HELPER))],
    ['a record to the bin', COORDINATOR, false, (copy) => moveToBin(copy, 'records', record, ctxOf(COORDINATOR))],
  ]
  it.each(honest)('Q10: %s by its writer is stored, whether judged alone or on the copy', (_name, writer, alone, change) => {
    const v = verdicts(doc, updateOf(doc, change), writer)
    expect(v.judged).toBe(alone)
    expect(v.screened).toBeUndefined()
    expect(v.inspected).toBeUndefined()
  })

  const hostile: [string, (copy: Y.Doc) => unknown, string][] = [
    ['a record signed as someone else', forgedRecord({ id: 'u-stranger', name: '陌生人' }, NOW), 'notTheWriter'],
    ['a record dated in the future', forgedRecord({ id: HELPER.id, name: signedName(HELPER.name) }, NOW + FUTURE_SLACK_MS + DAY), 'badTime'],
    ['a root the kind does not declare', (copy) => copy.getMap('secrets').set('x', 'HOSTILE'), 'unknownPart'],
    ['a map written as a list', (copy) => copy.getArray('records').push(['HOSTILE']), 'badShape'],
    ['a record that is not a map', (copy) => copy.getMap('records').set('r-hostile', { type: 'talk' }), 'badShape'],
  ]
  it.each(hostile)('Q10: %s only adds, and is refused alone as on the copy', (_name, change, reason) => {
    const v = verdicts(doc, updateOf(doc, change), HELPER)
    expect(v.judged).toBe(true)
    expect(v.screened).toBe(reason)
    expect(v.inspected).toBe(reason)
  })

  it('Q10: what deletes or builds on the file is left to the copy: a record deleted, a field written over', () => {
    const deleted = verdicts(doc, updateOf(doc, (copy) => copy.getMap('records').delete(record)), HELPER)
    expect(deleted).toEqual({ judged: false, screened: undefined, inspected: 'removeEntry' })
    const written = new Y.Doc()
    Y.applyUpdate(written, Y.encodeStateAsUpdate(doc))
    setChildFields(written, { 'guardian.name': '王奶奶' }, ctxOf(HELPER))
    const over = verdicts(written, updateOf(written, (copy) => setChildFields(copy, { 'guardian.name': '王爺爺' }, ctxOf(HELPER))), HELPER)
    expect(over).toEqual({ judged: false, screened: undefined, inspected: undefined })
    // Deleted as the device deletes (into the bin) it only adds a marker, and passes both ways.
    expect(verdicts(doc, updateOf(doc, (copy) => deleteRecord(copy, record, ctxOf(COORDINATOR))), COORDINATOR).inspected).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { dayBefore, workspaceToday } from '../../dates'
import type { Writer } from './bin'
import type { AuthenticatedWriter } from '../write-rules'
import { createChildFile, setChildFields, type EditContext } from './child'
import { childKind } from './kind'
import { readAccessFacts, readChildClass } from './access-facts'
import { activePairings, addPairing, endPairing, pairAccount, readPairings, updatePairing } from './pairings'

const TODAY = '2025-09-01' as IsoDate
const COORDINATOR: Writer = { id: 'u-wang', role: 'coordinator', classTeacher: false }
const TEACHER: Writer = { id: 'u-li', role: 'teacher', classTeacher: true }
const OTHER_TEACHER: Writer = { id: 'u-zhao', role: 'teacher', classTeacher: false }
const HELPER: Writer = { id: 'u-zhang', role: 'helper', classTeacher: false }
const ctxOf = (w: Writer): EditContext => ({ author: { id: w.id, name: w.id }, today: TODAY, now: 1_000 })

function file(): Y.Doc {
  const doc = new Y.Doc()
  createChildFile(doc, { name: '李小紅', classId: 'class-3-1' }, ctxOf(COORDINATOR))
  return doc
}

/** The writer as the relay authenticated them, signing as ctxOf does. */
const signed = (w: Writer): AuthenticatedWriter => ({ ...w, name: w.id, memberSince: 0 })

/** Runs the kind's rules on the change `edit` makes on a copy, signed by the writer, as the relay's guard does. */
function verdict(doc: Y.Doc, writer: Writer, edit: (copy: Y.Doc, ctx: EditContext) => void) {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(copy)
  edit(copy, ctxOf(writer))
  const update = Y.encodeStateAsUpdate(copy, before)
  const guard = new Y.Doc()
  Y.applyUpdate(guard, Y.encodeStateAsUpdate(doc))
  return childKind.inspectWrite?.(guard, () => Y.applyUpdate(guard, update), signed(writer), 1_000)
}

describe('a child’s class is one fact (SPEC P1, P3)', () => {
  it('P1: the file’s class is a class id; a typed class name is refused', () => {
    const doc = file()
    expect(readChildClass(doc)).toBe('class-3-1')
    expect(setChildFields(doc, { classId: '三年級1班' }, ctxOf(COORDINATOR))).toEqual({ classId: { code: 'invalidChoice' } })
    expect(readAccessFacts(doc)).toEqual({ classId: 'class-3-1', pairings: [] })
  })

  it('P3: a coordinator or a teacher of the child’s class may move the child; a helper or another teacher may not', () => {
    const doc = file()
    const move = (copy: Y.Doc, c: EditContext) => setChildFields(copy, { classId: 'class-3-2' }, c)
    expect(verdict(doc, COORDINATOR, move)?.refused).toBeUndefined()
    expect(verdict(doc, TEACHER, move)?.refused).toBeUndefined()
    expect(verdict(doc, OTHER_TEACHER, move)?.refused).toBe('notYourClassToChange')
    expect(verdict(doc, HELPER, move)?.refused).toBe('notYourClassToChange')
    // Anything else of the file stays theirs to write.
    expect(verdict(doc, HELPER, (copy, c) => setChildFields(copy, { 'guardian.name': '王奶奶' }, c))?.refused).toBeUndefined()
  })
})

describe('one pairing model (SPEC P2, P3)', () => {
  it('P2: pairAccount pairs once, endPairing ends it as of a day, and the facts name only account pairings not in the bin', () => {
    const doc = file()
    const first = pairAccount(doc, { userId: 'u-zhang', name: '張媽媽', kind: 'caringMother', from: TODAY }, ctxOf(COORDINATOR))
    const again = pairAccount(doc, { userId: 'u-zhang', name: '張媽媽', kind: 'caringMother', from: TODAY }, ctxOf(COORDINATOR))
    expect(again).toEqual(first)
    addPairing(doc, { kind: 'peerBuddy', name: '王小明', from: TODAY }, ctxOf(HELPER))
    expect(readPairings(doc)).toHaveLength(2)
    const id = 'id' in first ? first.id : ''
    expect(readAccessFacts(doc).pairings).toEqual([{ id, userId: 'u-zhang', kind: 'caringMother', from: TODAY }])
    expect(activePairings(readPairings(doc), TODAY)).toHaveLength(2)

    expect(endPairing(doc, id, '2025-12-31' as IsoDate, ctxOf(COORDINATOR))).toBe(true)
    expect(activePairings(readPairings(doc), '2026-01-01' as IsoDate).map((p) => p.kind)).toEqual(['peerBuddy'])
    // Ended before it began: it never took effect, so it goes to the bin and leaves the facts.
    expect(endPairing(doc, id, dayBefore(TODAY), ctxOf(COORDINATOR))).toBe(true)
    expect(readAccessFacts(doc).pairings).toEqual([])
  })

  it('P3: only a coordinator adds, changes or bins a pairing with an account; a pairing by name stays anyone’s', () => {
    const doc = file()
    const pair = (copy: Y.Doc, c: EditContext) => pairAccount(copy, { userId: 'u-zhang', name: '張媽媽', kind: 'caringMother', from: TODAY }, c)
    expect(verdict(doc, COORDINATOR, pair)?.refused).toBeUndefined()
    expect(verdict(doc, HELPER, pair)?.refused).toBe('accountPairingsCoordinatorOnly')
    expect(verdict(doc, TEACHER, pair)?.refused).toBe('accountPairingsCoordinatorOnly')
    expect(verdict(doc, HELPER, (copy, c) => addPairing(copy, { kind: 'peerBuddy', name: '王小明' }, c))?.refused).toBeUndefined()

    const made = pairAccount(doc, { userId: 'u-zhang', name: '張媽媽', kind: 'caringMother', from: TODAY }, ctxOf(COORDINATOR))
    const id = 'id' in made ? made.id : ''
    expect(verdict(doc, HELPER, (copy, c) => updatePairing(copy, id, { to: TODAY }, c))?.refused).toBe('accountPairingsCoordinatorOnly')
    expect(verdict(doc, TEACHER, (copy, c) => updatePairing(copy, id, { userId: 'u-li' }, c))?.refused).toBe('accountPairingsCoordinatorOnly')
    expect(verdict(doc, TEACHER, (copy, c) => endPairing(copy, id, dayBefore(TODAY), c))?.refused).toBe('accountPairingsCoordinatorOnly')
    // Its phone or the name's spelling is not access: anyone who may write the file may fix them.
    expect(verdict(doc, HELPER, (copy, c) => updatePairing(copy, id, { phone: '13800138000' }, c))?.refused).toBeUndefined()
    expect(verdict(doc, COORDINATOR, (copy, c) => endPairing(copy, id, TODAY, c))?.refused).toBeUndefined()
  })

  it('P2: the workspace’s today is Asia/Shanghai’s, whatever the machine’s zone', () => {
    // 2025-08-31 17:00 UTC is already 1 September in Shanghai.
    expect(workspaceToday(Date.UTC(2025, 7, 31, 17))).toBe('2025-09-01')
    expect(workspaceToday(Date.UTC(2025, 7, 31, 15))).toBe('2025-08-31')
    expect(dayBefore('2025-03-01' as IsoDate)).toBe('2025-02-28')
  })
})

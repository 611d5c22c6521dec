import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ROLES } from '../../access'
import type { IsoDate } from '../../dates'
import type { Writer } from './bin'
import { createChildFile, readChildFile, type EditContext } from './child'
import { childKind } from './kind'
import { changePath, currentPath, mayChangePath, readPath } from './child-path'
import { projectChild } from './projection'
import { addRecord, readRecords } from './records'

const TODAY = '2026-03-10' as IsoDate
const TEACHER = { id: 'u-teacher', name: '王老師' }
const ctx = (author = TEACHER, now = 1_000): EditContext => ({ author, today: TODAY, now })
const writer = (id: string, role: Writer['role'], classTeacher = false): Writer => ({ id, role, classTeacher })

function file(): Y.Doc {
  const doc = new Y.Doc()
  createChildFile(doc, { name: '李小紅', birthDate: '2016-05-01' }, ctx())
  return doc
}

/** The relay's guard copy judging an update made on another copy of `base`, signed by the writer `by`. */
function judge(base: Y.Doc, change: (copy: Y.Doc, ctx: EditContext) => void, by: Writer) {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(copy)
  change(copy, ctx({ id: by.id, name: by.id }))
  const update = Y.encodeStateAsUpdate(copy, before)
  const guard = new Y.Doc()
  Y.applyUpdate(guard, Y.encodeStateAsUpdate(base))
  return childKind.inspectWrite?.(guard, () => Y.applyUpdate(guard, update), { ...by, name: by.id, memberSince: 0 }, 1_000)
}

describe('a child’s path (SPEC H1)', () => {
  it('H1: a file nobody changed is active; each change keeps its date and note, and the history keeps every one', () => {
    const doc = file()
    expect(currentPath(doc)).toEqual({ status: 'active' })
    changePath(doc, { status: 'noLongerLeftBehind', since: '2026-03-01', note: '母亲回乡工作' }, ctx(TEACHER, 2_000))
    changePath(doc, { status: 'movedSchool', since: '2026-03-08' }, ctx(TEACHER, 3_000))
    expect(currentPath(doc)).toMatchObject({ status: 'movedSchool', since: '2026-03-08' })
    expect(readPath(doc).map((e) => [e.status, e.since, e.note, e.by])).toEqual([
      ['movedSchool', '2026-03-08', '', '王老師'],
      ['noLongerLeftBehind', '2026-03-01', '母亲回乡工作', '王老師'],
    ])
  })

  it('H1: the change made last wins, even one back-dated, and two copies offline agree', () => {
    const a = file()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    changePath(a, { status: 'archived', since: '2026-03-05' }, ctx(TEACHER, 5_000))
    changePath(b, { status: 'finishedSchool', since: '2026-01-20' }, ctx({ id: 'u-coord', name: '張校長' }, 6_000))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(currentPath(a).status).toBe('finishedSchool')
    expect(currentPath(b).status).toBe('finishedSchool')
    expect(readPath(a)).toEqual(readPath(b))
  })

  it('H1: a change that does not fit is refused with its reasons and writes nothing', () => {
    const doc = file()
    expect(changePath(doc, { status: 'gone', since: '2026-13-01', note: '长'.repeat(201) }, ctx())).toEqual({
      errors: { status: { code: 'invalidChoice' }, since: { code: 'invalidDate' }, note: { code: 'tooLong', params: { max: 200 } } },
    })
    expect(changePath(doc, { status: 'archived', since: '2026-04-01' }, ctx())).toEqual({ errors: { since: { code: 'futureDate' } } })
    expect(changePath(doc, { status: 'archived', since: '' }, ctx())).toEqual({ errors: { since: { code: 'required' } } })
    expect(readPath(doc)).toEqual([])
  })

  it('H1: a status change deletes nothing: fields and records stay, and the index row carries the status', () => {
    const doc = file()
    addRecord(doc, { type: 'talk', date: '2026-03-01', notes: '谈心' }, ctx())
    const before = readChildFile(doc)
    changePath(doc, { status: 'archived', since: '2026-03-09' }, ctx())
    expect(readChildFile(doc)).toEqual(before)
    expect(readRecords(doc)).toHaveLength(1)
    const rows = projectChild(doc, { docId: 'w/child/c1' as never, workspace: 'w' as never, key: 'c1' })
    expect(rows.children?.[0]).toMatchObject({ status: 'archived' })
  })

  it('H1: an entry a faulty peer wrote is left out, never thrown', () => {
    const doc = file()
    doc.getArray('path').push([{ status: 'archived' }, 'x', { id: 'e1', status: 'nope', since: '2026-01-01' }])
    expect(readPath(doc)).toEqual([])
    expect(currentPath(doc).status).toBe('active')
  })
})

describe('who may change it, as the relay judges (SPEC H2, H3)', () => {
  it('H2: coordinators and the child’s class teacher; no helper, no other teacher, no supervisor', () => {
    expect(mayChangePath(writer('c', 'coordinator'))).toBe(true)
    expect(mayChangePath(writer('t', 'teacher', true))).toBe(true)
    expect(mayChangePath(writer('t', 'teacher', false))).toBe(false)
    expect(mayChangePath(writer('h', 'helper', true))).toBe(false)
    expect(mayChangePath(writer('s', 'supervisor'))).toBe(false)
  })

  it('H2: the relay stores a class teacher’s change and refuses a helper’s with a reason', () => {
    const doc = file()
    const change = (copy: Y.Doc, c: EditContext) => changePath(copy, { status: 'noLongerLeftBehind', since: '2026-03-01' }, c)
    expect(judge(doc, change, writer('t', 'teacher', true))).toEqual({ audit: ['statusChanged'] })
    expect(judge(doc, change, writer('h', 'helper'))).toEqual({ refused: 'notYoursToChangePath', audit: [] })
    // A helper's other edits are theirs to make.
    expect(judge(doc, (copy, c) => addRecord(copy, { type: 'talk', date: '2026-03-01' }, c), writer('h', 'helper'))).toEqual({ audit: [] })
  })

  it.each(ROLES)('H3: nobody takes a change out of the path, not even a %s', (role) => {
    const doc = file()
    changePath(doc, { status: 'archived', since: '2026-03-01' }, ctx())
    expect(judge(doc, (copy) => copy.getArray('path').delete(0, 1), writer('u', role, true))).toEqual({ refused: 'removePathEntry', audit: [] })
  })
})

import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ROLES } from '../../access'
import { childKind } from './kind'
import { inspectBinWrite, mayBin, moveToBin, readBin, restoreFromBin, type Writer } from './bin'
import { createChildFile, type EditContext } from './child'
import { addRecord } from './records'

const AUTHOR = { id: 'u-author', name: '王老師' }
const ctx = (author = AUTHOR, now = 1_000): EditContext => ({ author, today: '2026-11-29' as never, now })
const writer = (id: string, role: Writer['role'], classTeacher = false): Writer => ({ id, role, classTeacher })

function fileWithRecord(): { doc: Y.Doc; id: string } {
  const doc = new Y.Doc()
  createChildFile(doc, { name: '李小紅' }, ctx())
  const added = addRecord(doc, { type: 'activity', date: '2026-11-01' }, ctx())
  if (!('id' in added)) throw new Error('not added')
  return { doc, id: added.id }
}

/** What an update made on a copy does, as the relay's guard copy sees it. */
function inspect(base: Y.Doc, change: (copy: Y.Doc) => void) {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(copy)
  change(copy)
  const update = Y.encodeStateAsUpdate(copy, before)
  const guard = new Y.Doc()
  Y.applyUpdate(guard, Y.encodeStateAsUpdate(base))
  return { guard, update }
}

describe('who may delete and restore (SPEC D2)', () => {
  it('the author, the class teacher and coordinators may delete; only the author and coordinators restore', () => {
    expect(mayBin(writer('u-author', 'helper'), 'u-author', 'delete')).toBe(true)
    expect(mayBin(writer('u-other', 'helper'), 'u-author', 'delete')).toBe(false)
    expect(mayBin(writer('u-teacher', 'teacher', true), 'u-author', 'delete')).toBe(true)
    expect(mayBin(writer('u-teacher', 'teacher', false), 'u-author', 'delete')).toBe(false)
    expect(mayBin(writer('u-coord', 'coordinator'), 'u-author', 'delete')).toBe(true)
    expect(mayBin(writer('u-author', 'helper'), 'u-author', 'restore')).toBe(true)
    expect(mayBin(writer('u-teacher', 'teacher', true), 'u-author', 'restore')).toBe(false)
    expect(mayBin(writer('u-coord', 'coordinator'), 'u-author', 'restore')).toBe(true)
    // An entry that names no author is nobody's own.
    expect(mayBin(writer('', 'helper'), '', 'delete')).toBe(false)
  })

  it.each(ROLES)('nobody removes an entry outright, not even a %s', (role) => {
    expect(mayBin(writer('u-author', role, true), 'u-author', 'remove')).toBe(false)
  })
})

describe('what an update does to the bin, as the relay reads it (SPEC D3)', () => {
  it('sees a deletion, a restoration, a removal and a rewritten author', () => {
    const { doc, id } = fileWithRecord()
    let probe = inspect(doc, (copy) => moveToBin(copy, 'records', id, ctx({ id: 'u-x', name: 'x' })))
    expect(inspectBinWrite(probe.guard, () => Y.applyUpdate(probe.guard, probe.update))).toEqual([{ collection: 'records', id, action: 'delete', authorId: 'u-author' }])

    moveToBin(doc, 'records', id, ctx())
    probe = inspect(doc, (copy) => restoreFromBin(copy, 'records', id))
    expect(inspectBinWrite(probe.guard, () => Y.applyUpdate(probe.guard, probe.update))).toEqual([{ collection: 'records', id, action: 'restore', authorId: 'u-author' }])

    probe = inspect(doc, (copy) => copy.getMap('records').delete(id))
    expect(inspectBinWrite(probe.guard, () => Y.applyUpdate(probe.guard, probe.update))).toEqual([{ collection: 'records', id, action: 'remove', authorId: '' }])

    probe = inspect(doc, (copy) => {
      const entry = copy.getMap('records').get(id) as Y.Map<unknown>
      copy.transact(() => {
        entry.set('authorId', 'u-x')
        entry.delete('deleted')
      })
    })
    expect(inspectBinWrite(probe.guard, () => Y.applyUpdate(probe.guard, probe.update))).toEqual([
      { collection: 'records', id, action: 'remove', authorId: 'u-author' },
      { collection: 'records', id, action: 'restore', authorId: 'u-author' },
    ])
  })

  it('the child kind refuses a deletion that is not the writer’s, and asks to audit one that is', () => {
    const { doc, id } = fileWithRecord()
    // Each writer deletes signed as themselves (docs/SPEC.md R1), as their device does.
    const verdict = (w: Writer) => {
      const probe = inspect(doc, (copy) => moveToBin(copy, 'records', id, ctx({ id: w.id, name: w.id })))
      const guard = new Y.Doc()
      Y.applyUpdate(guard, Y.encodeStateAsUpdate(doc))
      return childKind.inspectWrite?.(guard, () => Y.applyUpdate(guard, probe.update), { ...w, name: w.id, memberSince: 0 }, 1_000)
    }
    expect(verdict(writer('u-x', 'helper'))).toEqual({ refused: 'notYoursToDelete', audit: [] })
    expect(verdict(writer('u-coord', 'coordinator'))).toEqual({ audit: ['deleted'] })
    // Edits that touch no entry's bin status say nothing.
    const edit = inspect(doc, (copy) => addRecord(copy, { type: 'talk', date: '2026-11-02' }, ctx({ id: 'u-x', name: 'x' })))
    const guard = new Y.Doc()
    Y.applyUpdate(guard, Y.encodeStateAsUpdate(doc))
    expect(childKind.inspectWrite?.(guard, () => Y.applyUpdate(guard, edit.update), { ...writer('u-x', 'helper'), name: 'x', memberSince: 0 }, 1_000)).toEqual({ audit: [] })
  })

  it('lists the bin, latest deletion first, with who and when', () => {
    const { doc, id } = fileWithRecord()
    const second = addRecord(doc, { type: 'talk', date: '2026-11-02' }, ctx())
    if (!('id' in second)) throw new Error('not added')
    moveToBin(doc, 'records', id, ctx(AUTHOR, 10))
    moveToBin(doc, 'records', second.id, ctx({ id: 'u-coord', name: '王校長' }, 20))
    expect(readBin(doc).map((b) => [b.id, b.deletion.by, b.deletion.at])).toEqual([
      [second.id, '王校長', 20],
      [id, '王老師', 10],
    ])
  })
})

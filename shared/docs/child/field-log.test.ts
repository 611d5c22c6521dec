import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { FieldValue } from '../../validation/fields'
import { currentWrite, findConflict, readHistory, readWritten, writeField, type Author } from './field-log'

const ALICE: Author = { id: 'u-alice', name: '王老师' }
const BOB: Author = { id: 'u-bob', name: '李阿姨' }

const mapOf = (doc: Y.Doc) => doc.getMap<unknown>('profile')
const historyOf = (doc: Y.Doc) => doc.getArray<unknown>('history')

function write(doc: Y.Doc, field: string, value: FieldValue | null, author: Author, now: number): boolean {
  let changed = false
  doc.transact(() => {
    changed = writeField(mapOf(doc), historyOf(doc), field, value, author, now)
  })
  return changed
}

const conflictOf = (doc: Y.Doc, field: string, me: string) => findConflict(mapOf(doc), historyOf(doc), field, me)
const valueOf = (doc: Y.Doc, field: string) => currentWrite(mapOf(doc), historyOf(doc), field)?.v

/** A copy of `base` on another device, with a chosen client id (Yjs breaks ties between concurrent writes by it). */
function fork(base: Y.Doc, clientID: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  return doc
}

/** Brings two docs to the same state, the way the relay would. */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

function baseDoc(): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = 1
  write(doc, 'guardian.name', '王奶奶', ALICE, 1_000)
  return doc
}

describe('writeField', () => {
  it('stores the value with who, when, a write id and no replaced write for the first write', () => {
    const doc = new Y.Doc()
    expect(write(doc, 'classId', '三班', ALICE, 1_000)).toBe(true)
    const stored = mapOf(doc).get('classId') as Record<string, unknown>
    expect(stored).toMatchObject({ v: '三班', by: '王老师', byId: 'u-alice', at: 1_000, p: null })
    expect(typeof stored.w).toBe('string')
    expect((stored.w as string).length).toBeGreaterThan(8)
  })

  it('links each write to the one it replaced, and appends a history entry with old and new', () => {
    const doc = new Y.Doc()
    write(doc, 'classId', '三班', ALICE, 1_000)
    const first = readWritten(mapOf(doc).get('classId'))
    write(doc, 'classId', '四班', BOB, 2_000)
    const second = readWritten(mapOf(doc).get('classId'))

    expect(second).toMatchObject({ v: '四班', by: '李阿姨', byId: 'u-bob', at: 2_000, p: first?.w })
    expect(second?.w).not.toBe(first?.w)
    expect(readHistory(historyOf(doc))).toEqual([
      { field: 'classId', v: '三班', old: null, by: '王老师', byId: 'u-alice', at: 1_000, w: first?.w, p: null },
      { field: 'classId', v: '四班', old: '三班', by: '李阿姨', byId: 'u-bob', at: 2_000, w: second?.w, p: first?.w },
    ])
  })

  it('writes nothing when the value is unchanged, so it cannot overwrite a concurrent change', () => {
    const doc = new Y.Doc()
    write(doc, 'boarding', true, ALICE, 1_000)
    const before = Y.encodeStateVector(doc)
    expect(write(doc, 'boarding', true, BOB, 2_000)).toBe(false)
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(historyOf(doc).length).toBe(1)
  })

  it('clearing writes null (the history keeps who cleared it); clearing an absent field writes nothing', () => {
    const doc = new Y.Doc()
    expect(write(doc, 'school', null, ALICE, 1_000)).toBe(false)
    expect(historyOf(doc).length).toBe(0)
    write(doc, 'school', '希望小学', ALICE, 2_000)
    expect(write(doc, 'school', null, BOB, 3_000)).toBe(true)
    expect(readWritten(mapOf(doc).get('school'))).toMatchObject({ v: null, byId: 'u-bob' })
    expect(readHistory(historyOf(doc), 'school').at(-1)).toMatchObject({ v: null, old: '希望小学', byId: 'u-bob' })
  })

  it('replacing a plain value of schema 1 links to no write, and keeps the old value in the history', () => {
    const doc = new Y.Doc()
    mapOf(doc).set('name', '王小明')
    write(doc, 'name', '王晓明', ALICE, 1_000)
    expect(readWritten(mapOf(doc).get('name'))).toMatchObject({ v: '王晓明', p: null })
    expect(readHistory(historyOf(doc), 'name')).toMatchObject([{ v: '王晓明', old: '王小明' }])
  })

  it('does not take 0 or false for "no value"', () => {
    const doc = new Y.Doc()
    expect(write(doc, 'flags.health', false, ALICE, 1_000)).toBe(true)
    expect(write(doc, 'flags.health', null, ALICE, 2_000)).toBe(true)
    expect(write(doc, 'count', 0, ALICE, 3_000)).toBe(true)
  })
})

describe('readWritten', () => {
  it('nothing stored reads as undefined', () => {
    expect(readWritten(undefined)).toBeUndefined()
    expect(readWritten(null)).toBeUndefined()
  })

  it('reads a plain value of schema 1 as written by nobody known', () => {
    expect(readWritten('王小明')).toEqual({ v: '王小明', by: '', byId: '', at: 0, w: '', p: null })
    expect(readWritten(42)).toEqual({ v: 42, by: '', byId: '', at: 0, w: '', p: null })
    expect(readWritten(false)).toEqual({ v: false, by: '', byId: '', at: 0, w: '', p: null })
  })

  it('an object without v reads as undefined', () => {
    expect(readWritten({})).toBeUndefined()
    expect(readWritten({ value: 'x', by: 'A' })).toBeUndefined()
    expect(readWritten(new Y.Map())).toBeUndefined()
  })

  it('metadata of the wrong type reads as empty, never throws', () => {
    expect(readWritten({ v: '三班', by: 5, byId: { id: 'x' }, at: 'yesterday', w: 7, p: ['x'] })).toEqual({
      v: '三班',
      by: '',
      byId: '',
      at: 0,
      w: '',
      p: null,
    })
    expect(readWritten({ v: '三班', at: Infinity })?.at).toBe(0)
    expect(readWritten({ v: '三班', at: NaN })?.at).toBe(0)
  })

  it('clips long names and ids a peer wrote', () => {
    const read = readWritten({ v: 'x', by: '名'.repeat(100), byId: 'i'.repeat(100), at: 5, w: 'w'.repeat(100), p: 'p'.repeat(100) })
    expect(read).toEqual({ v: 'x', by: '名'.repeat(40), byId: 'i'.repeat(64), at: 5, w: 'w'.repeat(64), p: 'p'.repeat(64) })
  })

  it('passes v through unchecked: the reader checks it against the field kind', () => {
    expect(readWritten({ v: { nested: true } })?.v).toEqual({ nested: true })
  })
})

describe('readHistory', () => {
  it('skips junk entries a peer pushed and keeps the good ones', () => {
    const doc = new Y.Doc()
    write(doc, 'classId', '三班', ALICE, 1_000)
    historyOf(doc).push([
      42,
      'classId',
      null,
      true,
      ['classId', '四班'],
      { v: '四班' },
      { field: 7, v: '四班' },
      { field: 'classId' },
      { field: 'classId', v: { nested: 1 } },
      { field: 'classId', v: [1, 2] },
      new Y.Map(),
    ])
    write(doc, 'classId', '五班', BOB, 2_000)

    expect(readHistory(historyOf(doc)).map((e) => e.v)).toEqual(['三班', '五班'])
  })

  it('reads an entry with odd metadata, with an old value that does not fit as null', () => {
    const doc = new Y.Doc()
    historyOf(doc).push([{ field: 'grade', v: '三年级', old: { x: 1 }, by: 3, at: 'x' }])
    expect(readHistory(historyOf(doc))).toEqual([{ field: 'grade', v: '三年级', old: null, by: '', byId: '', at: 0, w: '', p: null }])
  })

  it('filters by field', () => {
    const doc = new Y.Doc()
    write(doc, 'classId', '三班', ALICE, 1_000)
    write(doc, 'school', '希望小学', ALICE, 1_001)
    write(doc, 'classId', '四班', ALICE, 1_002)
    expect(readHistory(historyOf(doc), 'classId').map((e) => e.v)).toEqual(['三班', '四班'])
    expect(readHistory(historyOf(doc), 'school').map((e) => e.v)).toEqual(['希望小学'])
    expect(readHistory(historyOf(doc), 'grade')).toEqual([])
  })
})

describe('findConflict: "changed by X while you were offline"', () => {
  it('SPEC C1, C2: when both change the same field offline, the later write wins on both copies, whatever their client ids; only the loser is told', () => {
    for (const [aClient, bClient] of [
      [10, 20],
      [20, 10],
    ] as const) {
      const base = baseDoc()
      const a = fork(base, aClient)
      const b = fork(base, bClient)
      write(a, 'guardian.name', '王爷爷', ALICE, 2_000)
      write(b, 'guardian.name', '李阿姨', BOB, 3_000)
      sync(a, b)

      for (const doc of [a, b]) {
        expect(valueOf(doc, 'guardian.name')).toBe('李阿姨')
        expect(conflictOf(doc, 'guardian.name', BOB.id)).toBeUndefined()
        expect(conflictOf(doc, 'guardian.name', ALICE.id)).toEqual({
          field: 'guardian.name',
          yours: '王爷爷',
          theirs: '李阿姨',
          by: BOB.name,
          at: 3_000,
          w: currentWrite(mapOf(doc), historyOf(doc), 'guardian.name')?.w,
        })
      }
      // Both writes are in the history.
      expect(readHistory(historyOf(a), 'guardian.name').map((e) => e.v).sort()).toEqual(['王奶奶', '王爷爷', '李阿姨'].sort())
    }
  })

  it('SPEC C1: a write that saw another beats it, even with an earlier clock', () => {
    const base = baseDoc()
    const a = fork(base, 10)
    const b = fork(base, 20)
    write(a, 'guardian.name', '王爷爷', ALICE, 9_000)
    sync(a, b)
    // Bob's clock is behind, but he saw Alice's write before writing his.
    write(b, 'guardian.name', '李阿姨', BOB, 3_000)
    sync(a, b)
    for (const doc of [a, b]) {
      expect(valueOf(doc, 'guardian.name')).toBe('李阿姨')
      expect(conflictOf(doc, 'guardian.name', ALICE.id)).toBeUndefined()
    }
  })

  it('a change made after seeing the other one is not a conflict', () => {
    const base = baseDoc()
    const a = fork(base, 10)
    const b = fork(base, 20)
    write(a, 'guardian.name', '王爷爷', ALICE, 2_000)
    sync(a, b)
    write(b, 'guardian.name', '李阿姨', BOB, 3_000)
    sync(a, b)

    expect(valueOf(a, 'guardian.name')).toBe('李阿姨')
    for (const doc of [a, b]) {
      expect(conflictOf(doc, 'guardian.name', ALICE.id)).toBeUndefined()
      expect(conflictOf(doc, 'guardian.name', BOB.id)).toBeUndefined()
    }
  })

  it('a chain of sequential changes through several people is not a conflict for any of them', () => {
    const base = baseDoc()
    const a = fork(base, 10)
    const b = fork(base, 20)
    write(a, 'guardian.name', '一', ALICE, 2_000)
    sync(a, b)
    write(b, 'guardian.name', '二', BOB, 3_000)
    sync(a, b)
    write(a, 'guardian.name', '三', ALICE, 4_000)
    sync(a, b)
    write(b, 'guardian.name', '四', BOB, 5_000)
    sync(a, b)
    expect(conflictOf(a, 'guardian.name', ALICE.id)).toBeUndefined()
  })

  it('a change to another field is not a conflict', () => {
    const base = baseDoc()
    const a = fork(base, 10)
    const b = fork(base, 20)
    write(a, 'guardian.name', '王爷爷', ALICE, 2_000)
    write(b, 'classId', '四班', BOB, 3_000)
    sync(a, b)
    expect(conflictOf(a, 'guardian.name', ALICE.id)).toBeUndefined()
    expect(conflictOf(a, 'classId', ALICE.id)).toBeUndefined()
    expect(conflictOf(b, 'guardian.name', BOB.id)).toBeUndefined()
  })

  it('A wrote twice offline, B once: the later head wins everywhere, and the loser’s conflict shows the loser’s latest value', () => {
    for (const [aClient, bClient] of [
      [10, 20],
      [20, 10],
    ] as const) {
      const base = baseDoc()
      const a = fork(base, aClient)
      const b = fork(base, bClient)
      write(a, 'guardian.name', '王爷爷', ALICE, 2_000)
      write(a, 'guardian.name', '王外公', ALICE, 2_500)
      write(b, 'guardian.name', '李阿姨', BOB, 3_000)
      sync(a, b)
      expect(valueOf(a, 'guardian.name')).toBe('李阿姨')
      expect(valueOf(b, 'guardian.name')).toBe('李阿姨')
      expect(conflictOf(a, 'guardian.name', ALICE.id)).toMatchObject({ yours: '王外公', theirs: '李阿姨', by: '李阿姨' })
      expect(conflictOf(b, 'guardian.name', BOB.id)).toBeUndefined()
    }
  })

  it('equal times are ordered by write id, the same on every copy', () => {
    const base = baseDoc()
    const a = fork(base, 10)
    const b = fork(base, 20)
    write(a, 'guardian.name', '王爷爷', ALICE, 2_000)
    write(b, 'guardian.name', '李阿姨', BOB, 2_000)
    sync(a, b)
    expect(valueOf(a, 'guardian.name')).toBe(valueOf(b, 'guardian.name'))
    const losers = [ALICE, BOB].filter((who) => conflictOf(a, 'guardian.name', who.id) !== undefined)
    expect(losers).toHaveLength(1)
  })

  it('the loser’s conflict ends once they write the field again', () => {
    const base = baseDoc()
    const a = fork(base, 10)
    const b = fork(base, 20)
    write(a, 'guardian.name', '王爷爷', ALICE, 2_000)
    write(b, 'guardian.name', '李阿姨', BOB, 3_000)
    sync(a, b)
    const loser = valueOf(a, 'guardian.name') === '王爷爷' ? { doc: b, author: BOB } : { doc: a, author: ALICE }
    expect(conflictOf(loser.doc, 'guardian.name', loser.author.id)).toBeDefined()
    write(loser.doc, 'guardian.name', '王奶奶', loser.author, 4_000)
    expect(conflictOf(loser.doc, 'guardian.name', loser.author.id)).toBeUndefined()
  })

  it('no conflict for someone who never wrote the field, or over a plain schema-1 value', () => {
    const base = baseDoc()
    expect(conflictOf(base, 'guardian.name', 'u-carol')).toBeUndefined()
    const doc = new Y.Doc()
    write(doc, 'name', '王小明', ALICE, 1_000)
    mapOf(doc).set('name', '王晓明')
    expect(conflictOf(doc, 'name', ALICE.id)).toBeUndefined()
    expect(conflictOf(doc, 'missing', ALICE.id)).toBeUndefined()
  })

  it('no conflict when the file holds the user’s own write, even if a peer lost its history entry', () => {
    const doc = new Y.Doc()
    write(doc, 'grade', '三年级', ALICE, 1_000)
    write(doc, 'grade', '四年级', BOB, 2_000)
    // Alice's next write reached the map, but not the history.
    mapOf(doc).set('grade', { v: '五年级', by: ALICE.name, byId: ALICE.id, at: 3_000, w: 'not-in-history', p: 'elsewhere' })
    expect(conflictOf(doc, 'grade', ALICE.id)).toBeUndefined()
  })

  it('survives a history whose links form a loop (a faulty peer), with one answer on every copy', () => {
    const make = (clientID: number) => {
      const doc = new Y.Doc()
      doc.clientID = clientID
      historyOf(doc).push([
        { field: 'grade', v: '一', byId: 'u-alice', at: 1, w: 'w0', p: 'w0' },
        { field: 'grade', v: '二', byId: 'u-x', at: 2, w: 'w1', p: 'w2' },
        { field: 'grade', v: '三', byId: 'u-bob', at: 3, w: 'w2', p: 'w1' },
      ])
      return doc
    }
    const a = make(10)
    const b = make(20)
    sync(a, b)
    expect(valueOf(a, 'grade')).toBe(valueOf(b, 'grade'))
    expect(() => conflictOf(a, 'grade', ALICE.id)).not.toThrow()
  })
})

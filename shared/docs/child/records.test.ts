import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { Origin } from '../../origin'
import { readBin, restoreFromBin } from './bin'
import type { FieldValue } from '../../validation/fields'
import type { EditContext } from './child'
import type { Author } from './field-log'
import {
  RECORD_FIELDS,
  RECORD_TYPES,
  addRecord,
  deleteRecord,
  readRecords,
  updateRecord,
  type RecordErrors,
  type RecordInput,
  type RecordType,
  type RecordView,
} from './records'

const TODAY = '2025-09-01' as IsoDate
const BIRTH = '2016-02-29' as IsoDate
const ALICE: Author = { id: 'u-alice', name: '王老师' }
const BOB: Author = { id: 'u-bob', name: '李阿姨' }

type RecordCtx = EditContext & { birthDate?: IsoDate | undefined }

function buildCtx(overrides: Partial<RecordCtx> = {}): RecordCtx {
  return { author: ALICE, today: TODAY, now: 1_000, birthDate: BIRTH, ...overrides }
}

/** Valid fields of every record type: what a form gives, and what is read back. */
const VALID: Record<RecordType, { input: Record<string, unknown>; read: Record<string, FieldValue> }> = {
  talk: {
    input: { study: '数学进步了', life: '  按时吃饭 ', mood: '想念妈妈\n但很开心', friends: '和小红玩', health: '感冒好了', followUp: '下周再谈' },
    read: { study: '数学进步了', life: '  按时吃饭 ', mood: '想念妈妈\n但很开心', friends: '和小红玩', health: '感冒好了', followUp: '下周再谈' },
  },
  homeVisit: {
    input: { visited: ' 奶奶和小明 ', guidance: '督促作业，注意安全。' },
    read: { visited: '奶奶和小明', guidance: '督促作业，注意安全。' },
  },
  parentContact: {
    input: { method: 'video', participants: '母亲、孩子', durationMinutes: '30' },
    read: { method: 'video', participants: '母亲、孩子', durationMinutes: 30 },
  },
  guardianContact: { input: { method: 'inPerson', planItem: '2027-spring/t-parentsForum' }, read: { method: 'inPerson', planItem: '2027-spring/t-parentsForum' } },
  healthCheck: {
    input: {
      heightCm: '132.5',
      weightKg: 28.4,
      visionLeft: '4.8',
      visionRight: 5,
      systolic: 100,
      diastolic: '65',
      lungCapacityMl: 1500,
      chestCm: 62.5,
      ent: '正常',
    },
    read: { heightCm: 132.5, weightKg: 28.4, visionLeft: 4.8, visionRight: 5, systolic: 100, diastolic: 65, lungCapacityMl: 1500, chestCm: 62.5, ent: '正常' },
  },
  aid: {
    input: { kind: 'bursary', amountYuan: '500.50', source: '县教育局', planItem: '2027-spring/d-liuyi' },
    read: { kind: 'bursary', amountYuan: 500.5, source: '县教育局', planItem: '2027-spring/d-liuyi' },
  },
  activity: { input: { title: '六一联欢会', planItem: 'plan-2025-06' }, read: { title: '六一联欢会', planItem: 'plan-2025-06' } },
}

/** Brings two docs to the same state, the way the relay would. */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

function fork(base: Y.Doc): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  return doc
}

function add(doc: Y.Doc, input: RecordInput, ctx: RecordCtx = buildCtx()): string {
  const result = addRecord(doc, input, ctx)
  if (!('id' in result)) throw new Error(`expected the record to be added: ${JSON.stringify(result.errors)}`)
  return result.id
}

function errorsOf(doc: Y.Doc, input: RecordInput, ctx: RecordCtx = buildCtx()): RecordErrors {
  const result = addRecord(doc, input, ctx)
  if (!('errors' in result)) throw new Error('expected errors')
  return result.errors
}

const byId = (doc: Y.Doc, id: string): RecordView | undefined => readRecords(doc).find((r) => r.id === id)
const recordsMap = (doc: Y.Doc) => doc.getMap<unknown>('records')

describe('addRecord and readRecords: every record type', () => {
  it('the test data covers every field of every type', () => {
    for (const type of RECORD_TYPES) expect(Object.keys(VALID[type].input).sort(), type).toEqual(Object.keys(RECORD_FIELDS[type]).sort())
  })

  it.each(RECORD_TYPES)('%s: every field is written and read back, with author, date and notes', (type) => {
    const doc = new Y.Doc()
    const id = add(doc, { type, date: '2025-03-01', notes: '  备注\n第二行 ', fields: VALID[type].input }, buildCtx({ now: 5_000 }))
    const expected: RecordView = {
      id,
      type,
      date: '2025-03-01' as IsoDate,
      author: ALICE,
      createdAt: 5_000,
      notes: '  备注\n第二行 ',
      fields: VALID[type].read,
      problems: [],
    }
    expect(readRecords(doc)).toEqual([expected])
    expect(readRecords(fork(doc))).toEqual([expected])
  })

  it('writes a record in one transaction with the context’s origin', () => {
    const doc = new Y.Doc()
    const origins: unknown[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
    add(doc, { type: 'talk', date: '2025-03-01' })
    const importer = { name: 'import' }
    add(doc, { type: 'aid', date: '2025-03-01' }, buildCtx({ origin: importer }))
    expect(origins).toEqual([Origin.localEdit, importer])
  })

  it('creates every long text of its type with the record, so later edits interleave', () => {
    const doc = new Y.Doc()
    const id = add(doc, { type: 'talk', date: '2025-03-01' })
    const record = recordsMap(doc).get(id) as Y.Map<unknown>
    for (const field of ['notes', ...Object.keys(RECORD_FIELDS.talk)]) expect(record.get(field), field).toBeInstanceOf(Y.Text)
    // Empty long texts read as absent fields.
    expect(byId(doc, id)?.fields).toEqual({})
  })

  it('leaves out empty short fields and ignores fields the type does not have', () => {
    const doc = new Y.Doc()
    const id = add(doc, { type: 'aid', date: '2025-03-01', fields: { kind: 'gift', source: '', amountYuan: null, heightCm: 120, bogus: 'x' } })
    const record = recordsMap(doc).get(id) as Y.Map<unknown>
    expect([...record.keys()].sort()).toEqual(['authorId', 'authorName', 'createdAt', 'date', 'kind', 'notes', 'type'])
    expect(byId(doc, id)?.fields).toEqual({ kind: 'gift' })
  })

  it('lists records newest first by date, then by creation time', () => {
    const doc = new Y.Doc()
    const older = add(doc, { type: 'talk', date: '2025-01-10' }, buildCtx({ now: 9_000 }))
    const sameDayFirst = add(doc, { type: 'talk', date: '2025-05-01' }, buildCtx({ now: 2_000 }))
    const newest = add(doc, { type: 'aid', date: '2025-08-31' }, buildCtx({ now: 1_000 }))
    const sameDayLater = add(doc, { type: 'homeVisit', date: '2025-05-01' }, buildCtx({ now: 3_000 }))
    expect(readRecords(doc).map((r) => r.id)).toEqual([newest, sameDayLater, sameDayFirst, older])
  })

  it('every copy lists records in the same order, even when date and creation time are equal', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    // The same date and millisecond on two devices; the entries reach each copy in a different order.
    for (let i = 0; i < 4; i++) {
      add(a, { type: 'talk', date: '2025-03-01', notes: `A${i}` })
      add(b, { type: 'talk', date: '2025-03-01', notes: `B${i}` })
    }
    sync(a, b)
    const order = readRecords(a).map((r) => r.id)
    expect(readRecords(b).map((r) => r.id)).toEqual(order)
    expect(order).toEqual([...order].sort())
  })
})

describe('addRecord: the date', () => {
  it.each([[''], ['  ']])('is required: %j', (date) => {
    expect(errorsOf(new Y.Doc(), { type: 'talk', date })).toEqual({ date: { code: 'required' } })
  })

  it('is required even when missing from the input', () => {
    const input = { type: 'talk' } as RecordInput
    expect(errorsOf(new Y.Doc(), input)).toEqual({ date: { code: 'required' } })
  })

  it('must be a real date', () => {
    expect(errorsOf(new Y.Doc(), { type: 'talk', date: '2025-02-29' })).toEqual({ date: { code: 'invalidDate' } })
  })

  it('is not in the future; today is fine', () => {
    expect(errorsOf(new Y.Doc(), { type: 'talk', date: '2025-09-02' })).toEqual({ date: { code: 'futureDate' } })
    expect(addRecord(new Y.Doc(), { type: 'talk', date: TODAY }, buildCtx())).toHaveProperty('id')
  })

  it('is not before the child’s birth (beforeBirth); the birth day is fine; no birth date, no limit', () => {
    expect(errorsOf(new Y.Doc(), { type: 'healthCheck', date: '2016-02-28' })).toEqual({ date: { code: 'beforeBirth' } })
    expect(addRecord(new Y.Doc(), { type: 'healthCheck', date: BIRTH }, buildCtx())).toHaveProperty('id')
    expect(addRecord(new Y.Doc(), { type: 'healthCheck', date: '2010-01-01' }, buildCtx({ birthDate: undefined }))).toHaveProperty('id')
  })
})

describe('addRecord: measurements and amounts', () => {
  const check = (fields: Record<string, unknown>, type: RecordType = 'healthCheck') => {
    const result = addRecord(new Y.Doc(), { type, date: '2025-03-01', fields }, buildCtx())
    return 'errors' in result ? result.errors : {}
  }

  it.each([
    ['heightCm', 50],
    ['heightCm', 210],
    ['heightCm', '120.5'],
    ['weightKg', 8],
    ['weightKg', 150],
    ['visionLeft', 3],
    ['visionLeft', '5.3'],
    ['visionRight', 4.9],
    ['systolic', 60],
    ['systolic', 200],
    ['diastolic', 30],
    ['diastolic', 130],
    ['lungCapacityMl', 7000],
    ['chestCm', '40.0'],
  ])('healthCheck %s accepts %j', (field, value) => {
    expect(check({ [field]: value })).toEqual({})
  })

  it.each([
    ['heightCm', 49.9, 'outOfRange', { min: 50, max: 210 }],
    ['heightCm', '210.1', 'outOfRange', { min: 50, max: 210 }],
    ['heightCm', 120.55, 'tooManyDecimals', { decimals: 1 }],
    ['heightCm', '1.2e2', 'notNumber', undefined],
    ['weightKg', 151, 'outOfRange', { min: 8, max: 150 }],
    ['visionLeft', 2.9, 'outOfRange', { min: 3, max: 5.3 }],
    ['visionRight', '5.4', 'outOfRange', { min: 3, max: 5.3 }],
    ['visionRight', 4.85, 'tooManyDecimals', { decimals: 1 }],
    ['systolic', 59, 'outOfRange', { min: 60, max: 200 }],
    ['systolic', 120.5, 'tooManyDecimals', { decimals: 0 }],
    ['diastolic', 131, 'outOfRange', { min: 30, max: 130 }],
    ['lungCapacityMl', 299, 'outOfRange', { min: 300, max: 7000 }],
    ['chestCm', 'sixty', 'notNumber', undefined],
  ])('healthCheck %s refuses %j: %s', (field, value, code, params) => {
    expect(check({ [field]: value })).toEqual({ [field]: params ? { code, params } : { code } })
  })

  it('aid amount: up to two decimals, never negative', () => {
    expect(check({ amountYuan: '1234.56' }, 'aid')).toEqual({})
    expect(check({ amountYuan: 0 }, 'aid')).toEqual({})
    expect(check({ amountYuan: 0.07 }, 'aid')).toEqual({})
    expect(check({ amountYuan: '12.345' }, 'aid')).toEqual({ amountYuan: { code: 'tooManyDecimals', params: { decimals: 2 } } })
    expect(check({ amountYuan: -1 }, 'aid')).toEqual({ amountYuan: { code: 'outOfRange', params: { min: 0, max: 1_000_000 } } })
    expect(check({ amountYuan: '-0.01' }, 'aid')).toEqual({ amountYuan: { code: 'outOfRange', params: { min: 0, max: 1_000_000 } } })
    expect(check({ amountYuan: '¥500' }, 'aid')).toEqual({ amountYuan: { code: 'notNumber' } })
  })

  it('choices and text lengths', () => {
    expect(check({ kind: 'cash' }, 'aid')).toEqual({ kind: { code: 'invalidChoice' } })
    expect(check({ method: 'letter' }, 'guardianContact')).toEqual({ method: { code: 'invalidChoice' } })
    expect(check({ method: 'letter' }, 'parentContact')).toEqual({})
    expect(check({ visited: '访'.repeat(61) }, 'homeVisit')).toEqual({ visited: { code: 'tooLong', params: { max: 60 } } })
    expect(check({ study: '学'.repeat(2001) }, 'talk')).toEqual({ study: { code: 'tooLong', params: { max: 2000 } } })
  })

  it('every error at once, and nothing written', () => {
    const doc = new Y.Doc()
    add(doc, { type: 'talk', date: '2025-03-01' })
    const before = Y.encodeStateVector(doc)
    const errors = errorsOf(doc, {
      type: 'healthCheck',
      date: '2030-01-01',
      notes: '记'.repeat(5001),
      fields: { heightCm: 132.5, weightKg: 500, ent: '正常' },
    })
    expect(Object.keys(errors).sort()).toEqual(['date', 'notes', 'weightKg'])
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(readRecords(doc)).toHaveLength(1)
  })

  it('refuses an unknown type and writes nothing', () => {
    const doc = new Y.Doc()
    const input = { type: 'party', date: '2025-03-01' } as unknown as RecordInput
    expect(errorsOf(doc, input)).toEqual({ type: { code: 'invalidChoice' } })
    expect(recordsMap(doc).size).toBe(0)
  })
})

describe('updateRecord', () => {
  it('changes only the fields in the patch', () => {
    const doc = new Y.Doc()
    const id = add(doc, { type: 'parentContact', date: '2025-03-01', notes: '通话顺利', fields: VALID.parentContact.input })
    expect(updateRecord(doc, id, { fields: { durationMinutes: '45' } }, buildCtx({ author: BOB }))).toEqual({})
    expect(byId(doc, id)).toMatchObject({
      date: '2025-03-01',
      notes: '通话顺利',
      author: ALICE,
      fields: { method: 'video', participants: '母亲、孩子', durationMinutes: 45 },
    })
  })

  it('changes the date, within the same rules as adding', () => {
    const doc = new Y.Doc()
    const id = add(doc, { type: 'talk', date: '2025-03-01' })
    expect(updateRecord(doc, id, { date: '2025-04-01' }, buildCtx())).toEqual({})
    expect(byId(doc, id)?.date).toBe('2025-04-01')
    const before = Y.encodeStateVector(doc)
    expect(updateRecord(doc, id, { date: '' }, buildCtx())).toEqual({ date: { code: 'required' } })
    expect(updateRecord(doc, id, { date: '2025-09-02' }, buildCtx())).toEqual({ date: { code: 'futureDate' } })
    expect(updateRecord(doc, id, { date: '2015-01-01' }, buildCtx())).toEqual({ date: { code: 'beforeBirth' } })
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('clears a short field with an empty value', () => {
    const doc = new Y.Doc()
    const id = add(doc, { type: 'parentContact', date: '2025-03-01', fields: VALID.parentContact.input })
    expect(updateRecord(doc, id, { fields: { participants: '', durationMinutes: null } }, buildCtx())).toEqual({})
    expect(byId(doc, id)?.fields).toEqual({ method: 'video' })
    expect((recordsMap(doc).get(id) as Y.Map<unknown>).has('participants')).toBe(false)
  })

  it('an invalid value beside a valid one writes neither', () => {
    const doc = new Y.Doc()
    const id = add(doc, { type: 'healthCheck', date: '2025-03-01', fields: VALID.healthCheck.input })
    const before = Y.encodeStateVector(doc)
    const errors = updateRecord(doc, id, { notes: '复查', fields: { heightCm: 133, visionLeft: 6 } }, buildCtx())
    expect(errors).toEqual({ visionLeft: { code: 'outOfRange', params: { min: 3, max: 5.3 } } })
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('an unchanged patch writes nothing', () => {
    const doc = new Y.Doc()
    const id = add(doc, { type: 'aid', date: '2025-03-01', notes: '助学金', fields: VALID.aid.input })
    const before = Y.encodeStateVector(doc)
    expect(updateRecord(doc, id, { date: '2025-03-01', notes: '助学金', fields: { amountYuan: 500.5, kind: 'bursary' } }, buildCtx())).toEqual({})
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('a record that does not exist, or whose type is unknown, returns an error', () => {
    const doc = new Y.Doc()
    expect(updateRecord(doc, 'nope', { notes: 'x' }, buildCtx())).toEqual({ record: { code: 'required' } })
    const junk = new Y.Map<unknown>()
    recordsMap(doc).set('junk', junk)
    junk.set('type', 'party')
    expect(updateRecord(doc, 'junk', { notes: 'x' }, buildCtx())).toEqual({ type: { code: 'invalidChoice' } })
  })

  it('long texts are edited in place: two helpers’ offline edits of the notes interleave', () => {
    const a = new Y.Doc()
    const id = add(a, { type: 'homeVisit', date: '2025-03-01', notes: '奶奶身体好。小明作业完成。', fields: { guidance: '按时睡觉。' } })
    const b = fork(a)
    updateRecord(a, id, { notes: '奶奶身体好，腿还疼。小明作业完成。', fields: { guidance: '按时睡觉。少看手机。' } }, buildCtx())
    updateRecord(b, id, { notes: '奶奶身体好。小明作业完成，字写得工整。', fields: { guidance: '每天按时睡觉。' } }, buildCtx({ author: BOB }))
    sync(a, b)
    for (const doc of [a, b]) {
      expect(byId(doc, id)?.notes).toBe('奶奶身体好，腿还疼。小明作业完成，字写得工整。')
      expect(byId(doc, id)?.fields.guidance).toBe('每天按时睡觉。少看手机。')
    }
  })

  it('a long text left empty when the record was added still interleaves when both fill it in', () => {
    const a = new Y.Doc()
    const id = add(a, { type: 'talk', date: '2025-03-01' })
    const b = fork(a)
    updateRecord(a, id, { fields: { mood: '开心。' } }, buildCtx())
    updateRecord(b, id, { fields: { mood: '有点想家。' } }, buildCtx({ author: BOB }))
    sync(a, b)
    const mood = byId(a, id)?.fields.mood
    expect(['开心。有点想家。', '有点想家。开心。']).toContain(mood)
    expect(byId(b, id)?.fields.mood).toBe(mood)
  })
})

describe('deleteRecord', () => {
  it('SPEC D1: takes the record off the list into the bin, with who deleted it and when', () => {
    const doc = new Y.Doc()
    const keep = add(doc, { type: 'talk', date: '2025-03-01' })
    const gone = add(doc, { type: 'talk', date: '2025-03-02' })
    expect(deleteRecord(doc, gone, buildCtx({ author: BOB, now: 42 }))).toBe(true)
    expect(readRecords(doc).map((r) => r.id)).toEqual([keep])
    expect(readBin(doc).map((b) => [b.collection, b.id, b.deletion])).toEqual([['records', gone, { byId: BOB.id, by: BOB.name, at: 42 }]])
    expect(restoreFromBin(doc, 'records', gone)).toBe(true)
    expect(readRecords(doc).map((r) => r.id).sort()).toEqual([keep, gone].sort())
    expect(readBin(doc)).toEqual([])
  })

  it('a deleted record stays in the bin when another helper edited it offline meanwhile, with the edit kept', () => {
    const a = new Y.Doc()
    const id = add(a, { type: 'homeVisit', date: '2025-03-01', notes: '第一次家访', fields: { visited: '奶奶' } })
    const b = fork(a)
    deleteRecord(a, id, buildCtx())
    expect(updateRecord(b, id, { date: '2025-03-02', notes: '第一次家访，补充', fields: { visited: '爷爷', guidance: '多沟通' } }, buildCtx({ author: BOB }))).toEqual({})
    expect(byId(b, id)?.notes).toBe('第一次家访，补充')
    // Delivered in either order.
    sync(b, a)
    for (const doc of [a, b]) {
      expect(readRecords(doc)).toEqual([])
      expect(readBin(doc).map((e) => e.id)).toEqual([id])
    }
    // Restored, it carries the colleague's edit: nothing either of them wrote was lost.
    restoreFromBin(a, 'records', id)
    expect(byId(a, id)?.notes).toBe('第一次家访，补充')
  })

  it('uses the origin it is given', () => {
    const doc = new Y.Doc()
    const id = add(doc, { type: 'talk', date: '2025-03-01' })
    const origins: unknown[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
    deleteRecord(doc, id, buildCtx({ origin: Origin.backgroundSync }))
    expect(origins).toEqual([Origin.backgroundSync])
  })
})

describe('records added offline by two helpers', () => {
  it('both keep theirs: no collision, the counts add up, every copy equal', () => {
    const a = new Y.Doc()
    add(a, { type: 'talk', date: '2025-01-01' })
    const b = fork(a)
    const fromA = [1, 2, 3].map((d) => add(a, { type: 'talk', date: `2025-03-0${d}`, notes: `A${d}` }))
    const fromB = [1, 2].map((d) => add(b, { type: 'aid', date: `2025-03-0${d}`, notes: `B${d}` }, buildCtx({ author: BOB })))
    sync(a, b)

    const ids = readRecords(a).map((r) => r.id)
    expect(ids).toHaveLength(6)
    expect(new Set(ids).size).toBe(6)
    for (const id of [...fromA, ...fromB]) expect(ids).toContain(id)
    expect(readRecords(b)).toEqual(readRecords(a))
    expect(readRecords(a).filter((r) => r.author.id === BOB.id).map((r) => r.notes).sort()).toEqual(['B1', 'B2'])
  })
})

describe('readRecords: records another peer wrote that do not fit', () => {
  function peerWrites(write: (records: Y.Map<unknown>) => void): Y.Doc {
    const doc = new Y.Doc()
    add(doc, { type: 'talk', date: '2025-03-01', notes: '好的记录' })
    const peer = fork(doc)
    peer.transact(() => write(peer.getMap<unknown>('records')))
    sync(doc, peer)
    return doc
  }

  it('skips a record that is not a map, or whose type is unknown or missing', () => {
    const doc = peerWrites((records) => {
      records.set('plain', { type: 'talk', date: '2025-03-01' })
      records.set('string', 'talk')
      records.set('number', 42)
      records.set('text', new Y.Text('talk'))
      const unknown = new Y.Map<unknown>()
      records.set('unknown', unknown)
      unknown.set('type', 'party')
      unknown.set('date', '2025-03-01')
      const untyped = new Y.Map<unknown>()
      records.set('untyped', untyped)
      untyped.set('date', '2025-03-01')
    })
    expect(() => readRecords(doc)).not.toThrow()
    expect(readRecords(doc).map((r) => r.notes)).toEqual(['好的记录'])
  })

  it('lists bad values as problems, keeps the good ones, never throws', () => {
    const doc = peerWrites((records) => {
      const r = new Y.Map<unknown>()
      records.set('bad', r)
      r.set('type', 'healthCheck')
      r.set('date', '2025-02-30')
      r.set('heightCm', 500)
      r.set('weightKg', '28.4')
      r.set('visionLeft', 'abc')
      r.set('visionRight', 4.85)
      r.set('systolic', { v: 100 })
      r.set('ent', 42)
      r.set('chestCm', new Uint8Array(4))
      r.set('diastolic', 65)
      r.set('authorName', '名'.repeat(100))
      r.set('authorId', 7)
      r.set('createdAt', 'yesterday')
      r.set('notes', '写成普通字符串的备注')
    })
    const bad = readRecords(doc).find((r) => r.id === 'bad')
    expect(bad).toEqual({
      id: 'bad',
      type: 'healthCheck',
      date: undefined,
      author: { id: '', name: '名'.repeat(40) },
      createdAt: 0,
      notes: '写成普通字符串的备注',
      // A stored number must be a number: '28.4' as a string is a faulty peer's, not a typed value.
      fields: { diastolic: 65 },
      problems: ['date', 'heightCm', 'weightKg', 'visionLeft', 'visionRight', 'systolic', 'chestCm', 'ent'],
    })
  })

  it('a record with no date, notes of the wrong type, or a future date from another clock', () => {
    const doc = peerWrites((records) => {
      const undated = new Y.Map<unknown>()
      records.set('undated', undated)
      undated.set('type', 'activity')
      undated.set('notes', 42)
      undated.set('title', new Y.Text('六一'))
      const future = new Y.Map<unknown>()
      records.set('future', future)
      future.set('type', 'aid')
      future.set('date', '2030-01-01')
      future.set('notes', new Y.Map())
    })
    const records = readRecords(doc)
    expect(records.find((r) => r.id === 'undated')).toMatchObject({ date: undefined, notes: '', fields: { title: '六一' }, problems: ['date'] })
    expect(records.find((r) => r.id === 'future')).toMatchObject({ date: '2030-01-01', notes: '', problems: [] })
    // Undated records sort last.
    expect(records.at(-1)?.id).toBe('undated')
  })

  it('updating a record whose notes a peer wrote as a plain string still works', () => {
    const doc = peerWrites((records) => {
      const r = new Y.Map<unknown>()
      records.set('plain-notes', r)
      r.set('type', 'talk')
      r.set('date', '2025-03-05')
      r.set('notes', '旧备注')
    })
    expect(updateRecord(doc, 'plain-notes', { notes: '新备注' }, buildCtx())).toEqual({})
    expect(byId(doc, 'plain-notes')?.notes).toBe('新备注')
  })
})

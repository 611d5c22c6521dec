import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { currentWrite } from './field-log'
import type { IsoDate } from '../../dates'
import { Origin } from '../../origin'
import type { FieldErrorCode, FieldKind, FieldValue } from '../../validation/fields'
import {
  CHILD_SCHEMA_VERSION,
  childConflicts,
  createChildFile,
  fieldHistory,
  isChildDocument,
  readChildFile,
  setChildFields,
  setChildText,
  type EditContext,
} from './child'
import { CHILD_FIELDS, CHILD_FIELD_KEYS, CHILD_TEXT_KEYS, type ChildFieldKey } from './child-fields'
import type { Author } from './field-log'

const TODAY = '2025-09-01' as IsoDate
const ALICE: Author = { id: 'u-alice', name: '王老师' }
const BOB: Author = { id: 'u-bob', name: '李阿姨' }

function buildCtx(overrides: Partial<EditContext> = {}): EditContext {
  return { author: ALICE, today: TODAY, now: 1_000, ...overrides }
}

/** Every short field: what a form gives, and what is stored and read back. */
const VALID: Record<ChildFieldKey, [input: unknown, stored: FieldValue]> = {
  name: ['  王小明\u3000', '王小明'],
  studentNumber: [' G440301201502281234 ', 'G440301201502281234'],
  gender: ['male', 'male'],
  birthDate: ['2016-02-29', '2016-02-29'],
  classId: [' class-3-2 ', 'class-3-2'],
  boarding: ['是', true],
  schoolingStatus: ['enrolled', 'enrolled'],
  parentsAway: ['both', 'both'],
  awaySince: ['2019-03-01', '2019-03-01'],
  careArrangement: ['grandparents', 'grandparents'],
  'home.village': ['石门村', '石门村'],
  'home.group': ['三组', '三组'],
  'home.address': ['石门村三组 12 号', '石门村三组 12 号'],
  'father.name': ['王大山', '王大山'],
  'father.workplace': ['广东东莞 电子厂', '广东东莞 电子厂'],
  'father.phone': ['+86 138-1234-5678', '13812345678'],
  'father.contactFrequency': ['weekly', 'weekly'],
  'mother.name': ['李秀英', '李秀英'],
  'mother.workplace': ['浙江义乌', '浙江义乌'],
  'mother.phone': ['(0571)8765-4321', '0571-87654321'],
  'mother.contactFrequency': ['monthly', 'monthly'],
  'guardian.name': ['王奶奶', '王奶奶'],
  'guardian.relation': ['grandmother', 'grandmother'],
  'guardian.phone': ['010-12345678转12', '010-12345678-12'],
  'guardian.age': ['68', 68],
  'guardian.literate': ['否', false],
  'guardian.rapport': ['good', 'good'],
  'flags.priority': ['problem', 'problem'],
  'flags.risk': ['red', 'red'],
  'flags.potential': [true, true],
  'flags.health': ['yes', true],
  'flags.psychological': ['0', false],
  'flags.safety': [false, false],
  'consent.by': ['王奶奶', '王奶奶'],
  'consent.date': ['2025-03-01', '2025-03-01'],
  'consent.method': ['written', 'written'],
  'iep.owner': ['张老师', '张老师'],
  // A review date is planned, so it may be in the future.
  'iep.reviewDate': ['2026-01-15', '2026-01-15'],
}

/** A value a form could send that the field's kind refuses, and the code it gets. */
function invalidFor(key: ChildFieldKey): [unknown, FieldErrorCode] {
  const kind: FieldKind = CHILD_FIELDS[key].kind
  switch (kind.type) {
    case 'text':
      if (kind.pattern) return ['三年级二班', 'invalidChoice']
      return ['字'.repeat(kind.max + 1), 'tooLong']
    case 'longText':
      return ['字'.repeat(kind.max + 1), 'tooLong']
    case 'choice':
      return ['alien', 'invalidChoice']
    case 'date':
      return kind.notFuture ? ['2025-09-02', 'futureDate'] : ['2025-02-30', 'invalidDate']
    case 'phone':
      return ['12345', 'invalidPhone']
    case 'number':
      return [String(kind.max + 1), 'outOfRange']
    case 'bool':
      return ['maybe', 'invalidBool']
  }
}

/** Values a faulty or hostile peer could store under a field, none of which fits it. */
function junkFor(key: ChildFieldKey): unknown[] {
  const kind: FieldKind = CHILD_FIELDS[key].kind
  const any = [
    { v: { nested: ['x', 1] } },
    { v: ['a', 'b'] },
    { by: '王老师', at: 1 },
    new Y.Map(),
    new Y.Text('13812345678'),
    new Uint8Array(100),
    'z'.repeat(300),
    { v: 'z'.repeat(300) },
    { v: NaN },
    null,
  ]
  switch (kind.type) {
    case 'text':
    case 'longText':
      return [...any, { v: 42 }, { v: true }, { v: '  not trimmed ' }, 7]
    case 'choice':
      return [...any, { v: 'alien' }, { v: 1 }, { v: true }]
    case 'date':
      return [...any, { v: '2015-02-30' }, { v: 20150101 }, { v: '1899-12-31' }, { v: ' 2015-01-01' }]
    case 'phone':
      return [...any, { v: '12345' }, { v: '138 1234 5678' }, { v: 13812345678 }]
    case 'number':
      return [...any, { v: kind.min - 1 }, { v: kind.max + 1 }, { v: 45.5 }, { v: '45' }, { v: Infinity }, { v: true }]
    case 'bool':
      return [...any, { v: 'yes' }, { v: 1 }, { v: 'true' }, 'maybe']
  }
}

/** Brings two docs to the same state, the way the relay would. */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

/** A copy on another device; the client id decides which of two concurrent writes wins. */
function fork(base: Y.Doc, clientID?: number): Y.Doc {
  const doc = new Y.Doc()
  if (clientID !== undefined) doc.clientID = clientID
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  return doc
}

function newFile(fields: Partial<Record<ChildFieldKey, unknown>> = { name: '王小明' }): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = 1
  expect(createChildFile(doc, fields, buildCtx())).toEqual({})
  return doc
}

const allInputs = () => Object.fromEntries(CHILD_FIELD_KEYS.map((k) => [k, VALID[k][0]])) as Record<ChildFieldKey, unknown>

describe('createChildFile', () => {
  it('writes kind, schema version and creation date with the first fields, in one transaction', () => {
    const doc = new Y.Doc()
    const origins: unknown[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
    expect(createChildFile(doc, { name: '王小明', gender: 'female' }, buildCtx())).toEqual({})

    expect(origins).toEqual([Origin.localEdit])
    expect(isChildDocument(doc)).toBe(true)
    expect(doc.getMap('meta').toJSON()).toEqual({ kind: 'child', schema: CHILD_SCHEMA_VERSION, createdAt: TODAY })
    expect(readChildFile(doc).fields).toEqual({
      name: { value: '王小明', by: '王老师', byId: 'u-alice', at: 1_000 },
      gender: { value: 'female', by: '王老师', byId: 'u-alice', at: 1_000 },
    })
  })

  it('uses the origin of the context', () => {
    const doc = new Y.Doc()
    const origins: unknown[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
    const origin = { import: 'roster' }
    createChildFile(doc, { name: '王小明' }, buildCtx({ origin }))
    expect(origins).toEqual([origin])
  })

  it.each([[{}], [{ name: '' }], [{ name: ' \u3000 ' }], [{ name: null }], [{ gender: 'male' }]])(
    'requires a name: %j writes nothing',
    (fields) => {
      const doc = new Y.Doc()
      expect(createChildFile(doc, fields, buildCtx())).toEqual({ name: { code: 'required' } })
      expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(new Y.Doc()))
      expect(isChildDocument(doc)).toBe(false)
    },
  )

  it('an invalid value beside valid ones writes nothing, not even meta', () => {
    const doc = new Y.Doc()
    const errors = createChildFile(doc, { name: '王小明', 'guardian.age': 5, 'father.phone': '12345' }, buildCtx())
    expect(errors).toEqual({
      'guardian.age': { code: 'outOfRange', params: { min: 10, max: 110 } },
      'father.phone': { code: 'invalidPhone' },
    })
    expect(doc.getMap('meta').size).toBe(0)
    expect(doc.getMap('profile').size).toBe(0)
  })
})

describe('setChildFields and readChildFile: every short field', () => {
  it('every field, of every kind, is written and read back as stored, with who and when', () => {
    const doc = newFile()
    expect(setChildFields(doc, allInputs(), buildCtx({ author: BOB, now: 2_000 }))).toEqual({})

    const file = readChildFile(doc)
    expect(file.problems).toEqual([])
    expect(file.newerSchema).toBe(false)
    expect(Object.keys(file.fields).sort()).toEqual([...CHILD_FIELD_KEYS].sort())
    for (const key of CHILD_FIELD_KEYS) {
      const at = key === 'name' ? 1_000 : 2_000
      // The name did not change (only its spacing), so it is still Alice's write.
      const author = key === 'name' ? ALICE : BOB
      expect(file.fields[key], key).toEqual({ value: VALID[key][1], by: author.name, byId: author.id, at })
    }
    // The same values read from a colleague's replica.
    expect(readChildFile(fork(doc))).toEqual(file)
  })

  it('the test data covers every kind of short field', () => {
    const kinds = new Set(CHILD_FIELD_KEYS.map((k) => CHILD_FIELDS[k].kind.type))
    expect([...kinds].sort()).toEqual(['bool', 'choice', 'date', 'number', 'phone', 'text'])
  })

  it('writes only the fields whose value changes; an unchanged patch writes nothing', () => {
    const doc = newFile(allInputs())
    const before = Y.encodeStateVector(doc)
    expect(setChildFields(doc, allInputs(), buildCtx({ author: BOB, now: 2_000 }))).toEqual({})
    expect(Y.encodeStateVector(doc)).toEqual(before)

    setChildFields(doc, { ...allInputs(), 'father.workplace': '新希望小学' }, buildCtx({ author: BOB, now: 3_000 }))
    const file = readChildFile(doc)
    expect(file.fields['father.workplace']).toMatchObject({ value: '新希望小学', byId: 'u-bob' })
    expect(file.fields['mother.workplace']).toMatchObject({ byId: 'u-alice' })
  })

  it('clears a field with an empty value; a cleared field reads as absent, not as a problem', () => {
    const doc = newFile(allInputs())
    expect(setChildFields(doc, { 'guardian.age': '', 'flags.safety': null, 'father.workplace': '  ' }, buildCtx())).toEqual({})
    const file = readChildFile(doc)
    expect(file.fields['guardian.age']).toBeUndefined()
    expect(file.fields['flags.safety']).toBeUndefined()
    expect(file.fields['father.workplace']).toBeUndefined()
    expect(file.problems).toEqual([])
  })

  it('a required name cannot be cleared', () => {
    const doc = newFile()
    const before = Y.encodeStateVector(doc)
    expect(setChildFields(doc, { name: '', 'father.workplace': '希望小学' }, buildCtx())).toEqual({ name: { code: 'required' } })
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('ignores keys that are not fields', () => {
    const doc = newFile()
    const before = Y.encodeStateVector(doc)
    const patch = { bogus: 'x', toString: 'y' } as Partial<Record<ChildFieldKey, unknown>>
    expect(setChildFields(doc, patch, buildCtx())).toEqual({})
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it.each(CHILD_FIELD_KEYS)('an invalid %s returns its error and writes nothing, even beside valid values', (key) => {
    const doc = newFile(allInputs())
    const before = Y.encodeStateVector(doc)
    const [bad, code] = invalidFor(key)
    const other: ChildFieldKey = key === 'father.workplace' ? 'mother.workplace' : 'father.workplace'
    const errors = setChildFields(doc, { [other]: '另一个值', [key]: bad }, buildCtx({ author: BOB }))
    expect(Object.keys(errors)).toEqual([key])
    expect(errors[key]?.code).toBe(code)
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(readChildFile(doc).fields[other]?.value).toBe(VALID[other][1])
  })

  it('refuses a birth date in the future, and values that are not strings where a string is needed', () => {
    const doc = newFile()
    expect(setChildFields(doc, { birthDate: '2025-09-02' }, buildCtx())).toEqual({ birthDate: { code: 'futureDate' } })
    expect(setChildFields(doc, { birthDate: TODAY }, buildCtx())).toEqual({})
    expect(setChildFields(doc, { 'father.workplace': 42 }, buildCtx())['father.workplace']).toBeDefined()
  })
})

describe('setChildText: long texts', () => {
  it('every long text is written and read back exactly, spaces and line breaks kept', () => {
    const doc = newFile()
    CHILD_TEXT_KEYS.forEach((key, i) => {
      expect(setChildText(doc, key, `  第${i}段\n内容 😀\n`, buildCtx())).toBeUndefined()
    })
    const texts = readChildFile(fork(doc)).texts
    expect(Object.keys(texts).sort()).toEqual([...CHILD_TEXT_KEYS].sort())
    CHILD_TEXT_KEYS.forEach((key, i) => expect(texts[key]).toBe(`  第${i}段\n内容 😀\n`))
  })

  it('an empty file reads every long text as empty', () => {
    const texts = readChildFile(new Y.Doc()).texts
    for (const key of CHILD_TEXT_KEYS) expect(texts[key]).toBe('')
  })

  it('too long: returns tooLong and writes nothing', () => {
    const doc = newFile()
    setChildText(doc, 'profile.habits', '早睡早起', buildCtx())
    const before = Y.encodeStateVector(doc)
    expect(setChildText(doc, 'profile.habits', '字'.repeat(4001), buildCtx())).toEqual({ code: 'tooLong', params: { max: 4000 } })
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(setChildText(doc, 'profile.habits', '𠮷'.repeat(4000), buildCtx())).toBeUndefined()
  })

  it('two helpers editing the same long text offline: both edits are kept, interleaved', () => {
    const a = newFile()
    setChildText(a, 'iep.goals', '一、按时完成作业。\n二、每周给妈妈打电话。\n三、参加兴趣小组。', buildCtx())
    const b = fork(a)
    setChildText(a, 'iep.goals', '一、按时完成数学作业。\n二、每周给妈妈打电话。\n三、参加兴趣小组。', buildCtx())
    setChildText(b, 'iep.goals', '一、按时完成作业。\n二、每周给妈妈打电话。\n三、参加美术兴趣小组。\n四、学会骑车。', buildCtx({ author: BOB }))
    sync(a, b)
    const expected = '一、按时完成数学作业。\n二、每周给妈妈打电话。\n三、参加美术兴趣小组。\n四、学会骑车。'
    expect(readChildFile(a).texts['iep.goals']).toBe(expected)
    expect(readChildFile(b).texts['iep.goals']).toBe(expected)
  })
})

describe('readChildFile: values another peer wrote that do not fit', () => {
  it('never throws; each bad field is absent and listed as a problem with a short raw value', () => {
    const doc = newFile(allInputs())
    // Junk in the value of a write that wins (Yjs types cannot sit inside a write, and null clears).
    const values = (key: ChildFieldKey) =>
      junkFor(key)
        .filter((j) => j !== null && !(j instanceof Y.AbstractType) && !(typeof j === 'object' && !('v' in (j as object)) && !(j instanceof Uint8Array)))
        .map((j) => (typeof j === 'object' && j !== null && 'v' in j ? (j as { v: unknown }).v : j))
    const rounds = Math.max(...CHILD_FIELD_KEYS.map((k) => values(k).length))
    for (let round = 0; round < rounds; round++) {
      const peer = fork(doc)
      peer.transact(() => {
        const profile = peer.getMap<unknown>('profile')
        const history = peer.getArray<unknown>('history')
        for (const key of CHILD_FIELD_KEYS) {
          const junk = values(key)
          const raw = { v: junk[round % junk.length], by: 'x', byId: 'u-x', at: Date.now() + 1e9 + round, w: `junk-${round}-${key}`, p: currentWrite(profile, history, key)?.w ?? null }
          profile.set(key, raw)
          history.push([{ ...raw, field: key }])
        }
      })
      sync(doc, peer)

      let file: ReturnType<typeof readChildFile> | undefined
      expect(() => (file = readChildFile(doc))).not.toThrow()
      expect(file?.fields, `round ${round}`).toEqual({})
      expect(file?.problems.map((p) => p.field).sort(), `round ${round}`).toEqual([...CHILD_FIELD_KEYS].sort())
      for (const problem of file?.problems ?? []) expect(problem.raw.length).toBeLessThanOrEqual(61)
    }
  })

  it('never throws on junk a faulty peer put in the map alone, and keeps the values the history decides', () => {
    const doc = newFile(allInputs())
    const before = readChildFile(doc).fields
    const rounds = Math.max(...CHILD_FIELD_KEYS.map((k) => junkFor(k).length))
    for (let round = 0; round < rounds; round++) {
      const peer = fork(doc)
      peer.transact(() => {
        const profile = peer.getMap<unknown>('profile')
        for (const key of CHILD_FIELD_KEYS) profile.set(key, junkFor(key)[round % junkFor(key).length])
      })
      sync(doc, peer)
      expect(() => readChildFile(doc)).not.toThrow()
      expect(readChildFile(doc).fields).toEqual(before)
    }
  })

  it('shows the raw value, clipped to 60 characters and an ellipsis', () => {
    const doc = newFile()
    const peer = fork(doc)
    peer.transact(() => {
      const profile = peer.getMap<unknown>('profile')
      profile.set('father.workplace', { v: '校'.repeat(300), by: 'x', byId: 'x', at: 1, w: 'w', p: null })
      profile.set('guardian.age', { v: 5, by: 'x', byId: 'x', at: 1, w: 'w2', p: null })
      profile.set('gender', 'alien')
    })
    sync(doc, peer)
    const raw = Object.fromEntries(readChildFile(doc).problems.map((p) => [p.field, p.raw]))
    expect(raw).toEqual({ 'father.workplace': `${'校'.repeat(60)}…`, 'guardian.age': '5', gender: 'alien' })
  })

  it('keeps the good fields beside a bad one', () => {
    const doc = newFile(allInputs())
    const peer = fork(doc)
    peer.transact(() => {
      const history = peer.getArray<unknown>('history')
      const p = currentWrite(peer.getMap('profile'), history, 'guardian.phone')?.w ?? null
      history.push([{ field: 'guardian.phone', v: '12345', by: 'x', byId: 'u-x', at: Date.now() + 1e9, w: 'bad-phone', p }])
    })
    sync(doc, peer)
    const file = readChildFile(doc)
    expect(file.problems).toEqual([{ field: 'guardian.phone', raw: '12345' }])
    expect(Object.keys(file.fields).length).toBe(CHILD_FIELD_KEYS.length - 1)
  })

  it('reads plain values of schema 1 (written before the field log) as written by nobody known', () => {
    const doc = new Y.Doc()
    doc.getMap('profile').set('name', '王小明')
    doc.getMap('profile').set('guardian.age', 70)
    expect(readChildFile(doc)).toMatchObject({
      fields: { name: { value: '王小明', by: '', byId: '', at: 0 }, 'guardian.age': { value: 70, by: '', byId: '', at: 0 } },
      problems: [],
    })
  })

  it('does not apply the reader’s "today" to stored dates (the writer’s clock may be ahead)', () => {
    const doc = newFile()
    doc.getMap('profile').set('consent.date', { v: '2030-01-01', by: 'x', byId: 'x', at: 1, w: 'w', p: null })
    expect(readChildFile(doc).fields['consent.date']?.value).toBe('2030-01-01')
  })

  it('ignores keys that are not fields', () => {
    const doc = newFile()
    doc.getMap('profile').set('bogus', { v: new Uint8Array(3) })
    expect(readChildFile(doc).problems).toEqual([])
  })

  it('newerSchema is true only for a larger numeric schema version', () => {
    const doc = newFile()
    expect(readChildFile(doc).newerSchema).toBe(false)
    doc.getMap('meta').set('schema', CHILD_SCHEMA_VERSION + 1)
    expect(readChildFile(doc).newerSchema).toBe(true)
    doc.getMap('meta').set('schema', `${CHILD_SCHEMA_VERSION + 1}`)
    expect(readChildFile(doc).newerSchema).toBe(false)
    doc.getMap('meta').set('schema', 1)
    expect(readChildFile(doc).newerSchema).toBe(false)
  })
})

describe('fieldHistory', () => {
  it('lists every change of one field, newest first, with who, when, old and new value', () => {
    const doc = newFile()
    setChildFields(doc, { 'guardian.name': '王奶奶' }, buildCtx({ now: 2_000 }))
    setChildFields(doc, { 'guardian.name': '王爷爷', 'father.workplace': '希望小学' }, buildCtx({ author: BOB, now: 3_000 }))
    setChildFields(doc, { 'guardian.name': '' }, buildCtx({ now: 4_000 }))

    expect(fieldHistory(doc, 'guardian.name').map(({ v, old, by, byId, at }) => ({ v, old, by, byId, at }))).toEqual([
      { v: null, old: '王爷爷', by: '王老师', byId: 'u-alice', at: 4_000 },
      { v: '王爷爷', old: '王奶奶', by: '李阿姨', byId: 'u-bob', at: 3_000 },
      { v: '王奶奶', old: null, by: '王老师', byId: 'u-alice', at: 2_000 },
    ])
    expect(fieldHistory(doc, 'father.workplace').map((e) => e.v)).toEqual(['希望小学'])
    expect(fieldHistory(doc, 'mother.workplace')).toEqual([])
  })
})

describe('childConflicts', () => {
  it('the loser of a concurrent change sees it, naming the winner; the winner sees none', () => {
    const base = newFile({ name: '王小明', 'guardian.name': '王奶奶' })
    const a = fork(base, 10)
    const b = fork(base, 20)
    setChildFields(a, { 'guardian.name': '王爷爷', 'father.workplace': '希望小学' }, buildCtx({ now: 2_000 }))
    setChildFields(b, { 'guardian.name': '李阿姨' }, buildCtx({ author: BOB, now: 3_000 }))
    sync(a, b)

    const winner = readChildFile(a).fields['guardian.name']
    expect(readChildFile(b).fields['guardian.name']).toEqual(winner)
    const [winnerId, loserId, yours] = winner?.byId === ALICE.id ? [ALICE.id, BOB.id, '李阿姨'] : [BOB.id, ALICE.id, '王爷爷']
    for (const doc of [a, b]) {
      expect(childConflicts(doc, winnerId)).toEqual([])
      expect(childConflicts(doc, loserId)).toMatchObject([
        { field: 'guardian.name', yours, theirs: winner?.value, by: winner?.by, at: winner?.at },
      ])
    }
  })

  it('no one signed in (me === "") sees no conflict, even where their change lost', () => {
    const seen = new Set<string>()
    for (const [aNow, bNow] of [
      [2_000_000, 1_000_000],
      [1_000_000, 2_000_000],
    ] as const) {
      const base = newFile()
      const a = fork(base, 10)
      const b = fork(base, 20)
      setChildFields(a, { 'mother.workplace': '三年级' }, buildCtx({ author: { id: '', name: '' }, now: aNow }))
      setChildFields(b, { 'mother.workplace': '四年级' }, buildCtx({ author: BOB, now: bNow }))
      sync(a, b)
      seen.add(readChildFile(a).fields['mother.workplace']?.byId ?? '')
      expect(childConflicts(a, '')).toEqual([])
      expect(childConflicts(b, '')).toEqual([])
    }
    expect(seen).toEqual(new Set(['', 'u-bob']))
  })
})

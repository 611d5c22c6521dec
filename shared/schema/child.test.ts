import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { todayIsoDate } from '../dates'
import { LOCAL_EDIT } from '../origin'
import {
  CHILD_SCHEMA_VERSION,
  createChild,
  isChildDocument,
  notesFragment,
  readChild,
  updateChildProfile,
  validateChildInput,
  type ChildInput,
  type Gender,
} from './child'

const TODAY = todayIsoDate(new Date(2025, 8, 1))

/** A child as the "new file" form would submit it. */
function buildInput(overrides: Partial<ChildInput> = {}): ChildInput {
  return { name: '王小明', className: '三年级二班', gender: 'male', birthDate: '2016-02-29', ...overrides }
}

function newChildDoc(overrides: Partial<ChildInput> = {}): Y.Doc {
  const doc = new Y.Doc()
  createChild(doc, buildInput(overrides), TODAY)
  return doc
}

/** Brings two docs to the same state, the way the relay would. */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

/** A replica of `doc`, as a colleague's device holds it after syncing. */
function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

const codes = (input: Partial<ChildInput>) => validateChildInput(input, TODAY).map((e) => e.code)

describe('createChild and readChild', () => {
  it('writes meta (kind child, schema version, creation date) and the profile in one transaction', () => {
    const doc = new Y.Doc()
    const origins: unknown[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
    createChild(doc, buildInput(), TODAY)

    expect(origins).toEqual([LOCAL_EDIT])
    expect(doc.getMap('meta').toJSON()).toEqual({ kind: 'child', schema: CHILD_SCHEMA_VERSION, createdAt: TODAY })
    // Each stored value carries who wrote it and which write it replaced (field-log.ts).
    const stored = doc.getMap('profile').toJSON() as Record<string, { v: unknown; p: unknown }>
    expect(Object.fromEntries(Object.entries(stored).map(([k, w]) => [k, w.v]))).toEqual({
      name: '王小明',
      className: '三年级二班',
      gender: 'male',
      birthDate: '2016-02-29',
    })
    for (const w of Object.values(stored)) expect(w.p).toBeNull()
    expect(isChildDocument(doc)).toBe(true)
  })

  it('reads back what it wrote, with no problems, from a replica too', () => {
    const doc = newChildDoc()
    const expected = {
      profile: { name: '王小明', className: '三年级二班', gender: 'male', birthDate: '2016-02-29' },
      problems: [],
      newerSchema: false,
    }
    expect(readChild(doc)).toEqual(expected)
    expect(readChild(replicaOf(doc))).toEqual(expected)
  })

  it('trims names and leaves optional fields out when not given', () => {
    const doc = new Y.Doc()
    createChild(doc, { name: '  李小红　', className: ' 一班 ' }, TODAY)
    expect(readChild(doc).profile).toEqual({ name: '李小红', className: '一班', gender: undefined, birthDate: undefined })
    expect([...doc.getMap('profile').keys()].sort()).toEqual(['className', 'name'])
  })

  it('uses the origin it is given', () => {
    const doc = new Y.Doc()
    const origins: unknown[] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
    const origin = { form: 'new-child' }
    createChild(doc, buildInput(), TODAY, origin)
    expect(origins).toEqual([origin])
  })

  it('an empty document is not a child document and reads as an empty profile', () => {
    const doc = new Y.Doc()
    expect(isChildDocument(doc)).toBe(false)
    expect(readChild(doc)).toEqual({
      profile: { name: '', className: '', gender: undefined, birthDate: undefined },
      problems: [],
      newerSchema: false,
    })
  })
})

describe('updateChildProfile writes only the fields that changed', () => {
  it('a patch equal to what is stored changes nothing in the document', () => {
    const doc = newChildDoc()
    const before = Y.encodeStateVector(doc)
    updateChildProfile(doc, buildInput(), TODAY)
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('keeps both colleagues’ changes when each changes a different field of the whole form concurrently', () => {
    const a = newChildDoc()
    const b = replicaOf(a)
    // Each form submits every field; only the one each person edited differs from the stored value.
    updateChildProfile(a, buildInput({ name: '王晓明' }), TODAY)
    updateChildProfile(b, buildInput({ className: '四年级一班' }), TODAY)
    sync(a, b)

    expect(readChild(a).profile).toEqual(readChild(b).profile)
    expect(readChild(a).profile.name).toBe('王晓明')
    expect(readChild(a).profile.className).toBe('四年级一班')
  })

  it('keeps both changes to different fields in either merge order', () => {
    for (const aFirst of [true, false]) {
      const a = newChildDoc()
      const b = replicaOf(a)
      updateChildProfile(a, { gender: 'female' }, TODAY)
      updateChildProfile(b, { birthDate: '2015-09-01' }, TODAY)
      const merged = new Y.Doc()
      for (const d of aFirst ? [a, b] : [b, a]) Y.applyUpdate(merged, Y.encodeStateAsUpdate(d))
      expect(readChild(merged).profile).toMatchObject({ gender: 'female', birthDate: '2015-09-01' })
    }
  })

  it('when both change the same field concurrently, one value wins and both documents agree', () => {
    const a = newChildDoc()
    const b = replicaOf(a)
    updateChildProfile(a, { name: '王晓明' }, TODAY)
    updateChildProfile(b, { name: '王小鸣' }, TODAY)
    sync(a, b)

    const name = readChild(a).profile.name
    expect(['王晓明', '王小鸣']).toContain(name)
    expect(readChild(b).profile.name).toBe(name)
    expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(b))
  })

  it('clears gender with {gender: undefined}, and leaves it when the key is absent', () => {
    const doc = newChildDoc({ gender: 'female' })
    updateChildProfile(doc, { name: '王小红' }, TODAY)
    expect(readChild(doc).profile.gender).toBe('female')

    updateChildProfile(doc, { gender: undefined }, TODAY)
    expect(readChild(doc).profile.gender).toBeUndefined()
    // Cleared, not deleted: the history keeps who cleared it.
    expect((doc.getMap('profile').get('gender') as { v: unknown }).v).toBeNull()
    expect(readChild(doc).profile.name).toBe('王小红')
  })

  it('clears the birth date and class with an empty string', () => {
    const doc = newChildDoc()
    updateChildProfile(doc, { birthDate: '', className: '  ' }, TODAY)
    expect(readChild(doc).profile).toMatchObject({ birthDate: undefined, className: '' })
    const stored = doc.getMap('profile').toJSON() as Record<string, { v: unknown }>
    expect(Object.keys(stored).filter((k) => stored[k]?.v !== null).sort()).toEqual(['gender', 'name'])
  })
})

describe('validateChildInput', () => {
  it('accepts a complete valid child and an empty patch', () => {
    expect(codes(buildInput())).toEqual([])
    expect(codes({})).toEqual([])
    expect(codes(buildInput({ birthDate: TODAY }))).toEqual([])
    expect(codes(buildInput({ birthDate: '' }))).toEqual([])
  })

  it('name.required for a blank name, including a full-width space', () => {
    for (const name of ['', ' ', '\t\n', '\u3000']) {
      expect(validateChildInput({ name }, TODAY)).toEqual([{ field: 'name', code: 'name.required' }])
    }
  })

  it('name.tooLong past 40 characters, counting each CJK character as one', () => {
    expect(codes({ name: '王'.repeat(40) })).toEqual([])
    expect(codes({ name: '王'.repeat(41) })).toEqual(['name.tooLong'])
    // Characters outside the BMP are two UTF-16 units but one character to the person typing.
    expect(codes({ name: '𠮷'.repeat(40) })).toEqual([])
    expect(codes({ name: '𠮷'.repeat(41) })).toEqual(['name.tooLong'])
    // Surrounding spaces are trimmed before counting.
    expect(codes({ name: ` ${'王'.repeat(40)} ` })).toEqual([])
  })

  it('className.tooLong past 40 characters', () => {
    expect(codes({ className: '班'.repeat(40) })).toEqual([])
    expect(validateChildInput({ className: '班'.repeat(41) }, TODAY)).toEqual([
      { field: 'className', code: 'className.tooLong' },
    ])
  })

  it('birthDate.invalid for an impossible day or not a date', () => {
    for (const birthDate of ['2015-02-30', 'abc', '2015-13-01', '2015-2-3', '1899-12-31']) {
      expect(validateChildInput({ birthDate }, TODAY)).toEqual([{ field: 'birthDate', code: 'birthDate.invalid' }])
    }
  })

  it('birthDate.future for a day after today, today itself is fine', () => {
    expect(codes({ birthDate: '2025-09-02' })).toEqual(['birthDate.future'])
    expect(codes({ birthDate: '2025-09-01' })).toEqual([])
  })

  it('gender.invalid for anything but the known genders', () => {
    const other = 'other' as string as Gender
    expect(validateChildInput({ gender: other }, TODAY)).toEqual([{ field: 'gender', code: 'gender.invalid' }])
    expect(codes({ gender: 'female' })).toEqual([])
    expect(codes({ gender: undefined })).toEqual([])
  })

  it('reports every problem at once', () => {
    const bad = { name: '', className: '班'.repeat(41), gender: 'x' as string as Gender, birthDate: '2030-01-01' }
    expect(codes(bad).sort()).toEqual(['birthDate.future', 'className.tooLong', 'gender.invalid', 'name.required'])
  })
})

describe('invalid input throws and changes nothing', () => {
  it('createChild throws on invalid input and leaves the document untouched', () => {
    const doc = new Y.Doc()
    const before = Y.encodeStateVector(doc)
    expect(() => createChild(doc, buildInput({ name: ' ' }), TODAY)).toThrow(/name\.required/)
    expect(() => createChild(doc, buildInput({ birthDate: '2015-02-30' }), TODAY)).toThrow(/birthDate\.invalid/)
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(isChildDocument(doc)).toBe(false)
  })

  it('updateChildProfile with one valid and one invalid field writes neither', () => {
    const doc = newChildDoc()
    const before = Y.encodeStateVector(doc)
    expect(() => updateChildProfile(doc, { className: '五班', birthDate: '2099-01-01' }, TODAY)).toThrow(
      /birthDate\.future/,
    )
    expect(() => updateChildProfile(doc, { name: '王'.repeat(41) }, TODAY)).toThrow(/name\.tooLong/)
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(readChild(doc).profile.className).toBe('三年级二班')
  })
})

describe('readChild checks values written by another peer', () => {
  it('never throws on values that do not fit, reports each as a FieldProblem with a short raw value', () => {
    const doc = newChildDoc()
    const peer = replicaOf(doc)
    const longClass = '班'.repeat(500)
    peer.transact(() => {
      const p = peer.getMap<unknown>('profile')
      p.set('name', 42)
      p.set('gender', { value: 'female', nested: [1, 2, 3] })
      p.set('birthDate', '2015-13-01')
      p.set('className', longClass)
    })
    sync(doc, peer)

    const view = readChild(doc)
    expect(view.profile).toEqual({ name: '', className: '', gender: undefined, birthDate: undefined })
    expect(view.problems.map((p) => p.field).sort()).toEqual(['birthDate', 'className', 'gender', 'name'])
    for (const problem of view.problems) expect(problem.raw.length).toBeLessThanOrEqual(61)
    const raw = Object.fromEntries(view.problems.map((p) => [p.field, p.raw]))
    expect(raw['name']).toBe('42')
    expect(raw['birthDate']).toBe('2015-13-01')
    expect(raw['gender']).toContain('female')
    expect(raw['className']).toMatch(/^班{60}…$/)
  })

  it('reports odd value types (null, boolean, array, binary, a shared type) without throwing', () => {
    const doc = newChildDoc()
    const p = doc.getMap<unknown>('profile')
    const makers: (() => unknown)[] = [() => null, () => true, () => ['王'], () => new Uint8Array(200), () => new Y.Map()]
    for (const make of makers) {
      p.set('name', make())
      p.set('gender', make())
      p.set('birthDate', make())
      const view = readChild(doc)
      expect(view.profile).toMatchObject({ name: '', gender: undefined, birthDate: undefined })
      expect(view.problems.map((x) => x.field).sort()).toEqual(['birthDate', 'gender', 'name'])
      for (const problem of view.problems) expect(problem.raw.length).toBeLessThanOrEqual(61)
    }
  })

  it('keeps the good fields when one is bad', () => {
    const doc = newChildDoc()
    doc.getMap('profile').set('gender', 'unknown')
    const view = readChild(doc)
    expect(view.profile).toEqual({ name: '王小明', className: '三年级二班', gender: undefined, birthDate: '2016-02-29' })
    expect(view.problems).toEqual([{ field: 'gender', raw: 'unknown' }])
  })
})

describe('schema version', () => {
  it('newerSchema is true only when meta.schema is larger than this code knows', () => {
    const doc = newChildDoc()
    expect(readChild(doc).newerSchema).toBe(false)
    doc.getMap('meta').set('schema', CHILD_SCHEMA_VERSION + 1)
    expect(readChild(doc).newerSchema).toBe(true)
    doc.getMap('meta').set('schema', String(CHILD_SCHEMA_VERSION + 1))
    expect(readChild(doc).newerSchema).toBe(false)
  })
})

describe('notesFragment', () => {
  it('is the root XmlFragment named notes, the same instance on every call', () => {
    const doc = newChildDoc()
    const notes = notesFragment(doc)
    expect(notes).toBeInstanceOf(Y.XmlFragment)
    expect(notesFragment(doc)).toBe(notes)
    expect(doc.getXmlFragment('notes')).toBe(notes)
    expect(doc.share.get('notes')).toBe(notes)
  })

  it('notes written on one replica appear in the other', () => {
    const a = newChildDoc()
    const b = replicaOf(a)
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('家访：奶奶身体好转')])
    notesFragment(a).insert(0, [paragraph])
    sync(a, b)
    expect(notesFragment(b).toString()).toBe(notesFragment(a).toString())
    expect(notesFragment(b).toString()).toContain('家访：奶奶身体好转')
  })
})

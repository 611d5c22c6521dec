import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { DOCUMENT_KEY_PATTERN } from '../../ids'
import { Origin } from '../../origin'
import {
  activeClasses, addClass, addSchool, addTerm, archiveClass, classById, compareSections, isTermCode, parseTermCode,
  planPromotion, promoteClasses, readOrganisation, renameSchool, schoolYearOf, sectionNumber, setCurrentTerm, termCode,
  termOn, updateClass, updateTerm, type ClassInput,
} from './organisation'

const d = (s: string) => s as IsoDate

function school(doc: Y.Doc, name: string): string {
  const r = addSchool(doc, { name })
  if (!('id' in r)) throw new Error(`school refused: ${JSON.stringify(r.errors)}`)
  return r.id
}

function klass(doc: Y.Doc, input: ClassInput): string {
  const r = addClass(doc, input)
  if (!('id' in r)) throw new Error(`class refused: ${JSON.stringify(r.errors)}`)
  return r.id
}

const snapshot = (doc: Y.Doc) => JSON.stringify(Y.encodeStateVector(doc))

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('the 班號 order', () => {
  it('O1: reads digits and Chinese numerals as numbers and names as names', () => {
    expect(['1', '12', '１', '一', '十', '十二', '二十', '二十三', '三班'].map(sectionNumber)).toEqual([1, 12, 1, 1, 10, 12, 20, 23, 3])
    expect(sectionNumber('火箭')).toBeUndefined()
    expect(sectionNumber('')).toBeUndefined()
  })

  it('O1: puts numbered sections first, in number order, then names', () => {
    const sorted = ['火箭', '十', '2', '一', '10', '九'].sort(compareSections)
    expect(sorted).toEqual(['一', '2', '九', '10', '十', '火箭'])
  })
})

describe('O1: schools and classes', () => {
  it('O1: sorts classes by school, grade and 班號, with Chinese numerals as numbers', () => {
    const doc = new Y.Doc()
    const a = school(doc, '中心小學')
    for (const g of [2, 6, 3, 4, 5, 1]) klass(doc, { schoolId: a, grade: g, section: '一' })
    klass(doc, { schoolId: a, grade: 1, section: '十' })
    klass(doc, { schoolId: a, grade: 1, section: '二' })
    const org = readOrganisation(doc)
    expect(org.classes.map((c) => `${c.grade}/${c.section}`)).toEqual(['1/一', '1/二', '1/十', '2/一', '3/一', '4/一', '5/一', '6/一'])
  })

  it('O1: two schools with the same grade and 班號 are two classes, listed school by school', () => {
    const doc = new Y.Doc()
    const a = school(doc, '中心小學')
    const b = school(doc, '村小')
    const inB = klass(doc, { schoolId: b, grade: 1, section: '一' })
    const inA = klass(doc, { schoolId: a, grade: 1, section: '一' })
    klass(doc, { schoolId: a, grade: 2, section: '一' })
    const org = readOrganisation(doc)
    expect(org.schools.map((s) => s.name)).toEqual(['中心小學', '村小'])
    expect(org.classes.map((c) => c.id)).toEqual([inA, org.classes[1]?.id, inB])
    expect(inA).not.toBe(inB)
    expect(inA).toMatch(DOCUMENT_KEY_PATTERN)
  })

  it('O1: refuses a second class of one school with the same grade and 班號, however it is written', () => {
    const doc = new Y.Doc()
    const a = school(doc, '中心小學')
    klass(doc, { schoolId: a, grade: 3, section: '1' })
    const before = snapshot(doc)
    expect(addClass(doc, { schoolId: a, grade: 3, section: ' 一 ' })).toEqual({ errors: { section: { code: 'duplicate', params: { section: '1' } } } })
    expect(addClass(doc, { schoolId: a, grade: '3', section: '1' })).toHaveProperty('errors.section.code', 'duplicate')
    expect(snapshot(doc)).toBe(before)
    expect(readOrganisation(doc).classes).toHaveLength(1)
  })

  it('O1: a wrong input changes nothing and says which field is wrong', () => {
    const doc = new Y.Doc()
    const a = school(doc, '中心小學')
    const before = snapshot(doc)
    expect(addClass(doc, { schoolId: a, grade: 13, section: '1' })).toHaveProperty('errors.grade.code', 'outOfRange')
    expect(addClass(doc, { schoolId: a, grade: 2.5, section: '1' })).toHaveProperty('errors.grade.code', 'tooManyDecimals')
    expect(addClass(doc, { schoolId: a, grade: 3, section: '   ' })).toHaveProperty('errors.section.code', 'required')
    expect(addClass(doc, { schoolId: a, grade: 3, section: 'x'.repeat(21) })).toHaveProperty('errors.section.code', 'tooLong')
    expect(addClass(doc, { schoolId: 'nope', grade: 3, section: '1' })).toHaveProperty('errors.schoolId.code', 'noSuchSchool')
    expect(addClass(doc, { schoolId: a, grade: 3, section: '1', pupils: -1 })).toHaveProperty('errors.pupils.code', 'outOfRange')
    expect(addSchool(doc, { name: '' })).toEqual({ errors: { name: { code: 'required' } } })
    expect(addSchool(doc, { name: '中心小學' })).toEqual({ errors: { name: { code: 'duplicate' } } })
    expect(snapshot(doc)).toBe(before)
  })

  it('O1: edits a class and renames a school, checking the result as a whole', () => {
    const doc = new Y.Doc()
    const a = school(doc, '中心小學')
    const one = klass(doc, { schoolId: a, grade: 3, section: '1', pupils: 40 })
    const two = klass(doc, { schoolId: a, grade: 3, section: '2' })
    expect(updateClass(doc, two, { section: '1' })).toHaveProperty('section.code', 'duplicate')
    expect(updateClass(doc, one, { pupils: '42', section: '火箭' })).toEqual({})
    expect(updateClass(doc, one, { pupils: '' })).toEqual({})
    expect(classById(readOrganisation(doc), one)).toEqual({ id: one, schoolId: a, grade: 3, section: '火箭', archived: false })
    expect(renameSchool(doc, a, ' 鄉中心小學 ')).toEqual({})
    expect(renameSchool(doc, 'nope', 'x')).toHaveProperty('name.code', 'noSuchSchool')
    expect(readOrganisation(doc).schools[0]?.name).toBe('鄉中心小學')
  })

  it('O3: an archived class leaves the pickers but still resolves, and frees its grade and 班號', () => {
    const doc = new Y.Doc()
    const a = school(doc, '中心小學')
    const old = klass(doc, { schoolId: a, grade: 3, section: '1' })
    expect(archiveClass(doc, old)).toEqual({})
    const org = readOrganisation(doc)
    expect(activeClasses(org)).toEqual([])
    expect(classById(org, old)?.archived).toBe(true)
    klass(doc, { schoolId: a, grade: 3, section: '1' })
    expect(archiveClass(doc, old, false)).toHaveProperty('section.code', 'duplicate')
    expect(readOrganisation(doc).classes).toHaveLength(2)
  })

  it('O2: skips what a peer wrote badly and reads the rest', () => {
    const doc = new Y.Doc()
    const a = school(doc, '中心小學')
    const good = klass(doc, { schoolId: a, grade: 1, section: '1' })
    doc.transact(() => {
      doc.getMap('schools').set('bad/id', new Y.Map())
      doc.getMap('schools').set('noname', new Y.Map())
      doc.getMap('schools').set('plain', 'not a map')
      const orphan = new Y.Map<unknown>()
      doc.getMap('classes').set('orphan', orphan)
      orphan.set('schoolId', 'gone')
      orphan.set('grade', 1)
      orphan.set('section', '1')
      const badGrade = new Y.Map<unknown>()
      doc.getMap('classes').set('badgrade', badGrade)
      badGrade.set('schoolId', a)
      badGrade.set('grade', '1')
      badGrade.set('section', '1')
      const badPupils = new Y.Map<unknown>()
      doc.getMap('classes').set('badpupils', badPupils)
      badPupils.set('schoolId', a)
      badPupils.set('grade', 2)
      badPupils.set('section', '1')
      badPupils.set('pupils', 'many')
      const backwards = new Y.Map<unknown>()
      doc.getMap('terms').set('2026-autumn', backwards)
      backwards.set('start', '2027-01-20')
      backwards.set('end', '2026-09-01')
      doc.getMap('terms').set('autumn', new Y.Map())
      doc.getMap('meta').set('currentTerm', '2026-autumn')
    }, Origin.backgroundSync)
    const org = readOrganisation(doc)
    expect(org.schools.map((s) => s.id)).toEqual([a])
    expect(org.classes.map((c) => c.id)).toEqual([good, 'badpupils'])
    expect(org.classes[1]).not.toHaveProperty('pupils')
    expect(org.terms).toEqual([])
    expect(org.currentTerm).toBeUndefined()
  })

  it('O1: two devices adding classes offline end with the same list', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const s = school(a, '中心小學')
    sync(a, b)
    klass(a, { schoolId: s, grade: 2, section: '一' })
    klass(b, { schoolId: s, grade: 1, section: '二' })
    klass(b, { schoolId: s, grade: 1, section: '一' })
    sync(a, b)
    expect(readOrganisation(a)).toEqual(readOrganisation(b))
    expect(readOrganisation(a).classes.map((c) => `${c.grade}/${c.section}`)).toEqual(['1/一', '1/二', '2/一'])
  })
})

describe('O4: terms', () => {
  it('O4: codes are `<year>-<season>` and document keys', () => {
    expect(termCode(2026, 'autumn')).toBe('2026-autumn')
    expect(termCode(1999, 'spring')).toBeUndefined()
    expect(parseTermCode('2027-spring')).toEqual({ code: '2027-spring', year: 2027, season: 'spring' })
    expect(isTermCode('2026-1')).toBe(false)
    expect(schoolYearOf(termCode(2027, 'spring')!)).toBe(2026)
    expect('2026-autumn').toMatch(DOCUMENT_KEY_PATTERN)
  })

  it('O4: adds terms in date order, the first becomes current, and finds the term of a day', () => {
    const doc = new Y.Doc()
    expect(addTerm(doc, { code: '2027-spring', start: '2027-02-20', end: '2027-07-10' })).toEqual({ code: '2027-spring' })
    expect(addTerm(doc, { code: '2026-autumn', start: '2026-09-01', end: '2027-01-20' })).toEqual({ code: '2026-autumn' })
    let org = readOrganisation(doc)
    expect(org.terms.map((t) => t.code)).toEqual(['2026-autumn', '2027-spring'])
    expect(org.currentTerm).toBe('2027-spring')
    expect(setCurrentTerm(doc, '2026-autumn')).toEqual({})
    expect(setCurrentTerm(doc, '2030-autumn')).toHaveProperty('code.code', 'noSuchTerm')
    org = readOrganisation(doc)
    expect(org.currentTerm).toBe('2026-autumn')
    expect(termOn(org.terms, d('2027-01-20'))?.code).toBe('2026-autumn')
    expect(termOn(org.terms, d('2027-02-01'))).toBeUndefined()
    expect(termOn(org.terms, d('2027-03-01'))?.code).toBe('2027-spring')
  })

  it('O4: refuses a bad code, a taken code, a backwards range, a wrong year and an overlap, changing nothing', () => {
    const doc = new Y.Doc()
    addTerm(doc, { code: '2026-autumn', start: '2026-09-01', end: '2027-01-20' })
    const before = snapshot(doc)
    expect(addTerm(doc, { code: '2026-winter', start: '2026-09-01', end: '2027-01-20' })).toHaveProperty('errors.code.code', 'invalidTerm')
    expect(addTerm(doc, { code: '2026-autumn', start: '2026-09-02', end: '2027-01-20' })).toHaveProperty('errors.code.code', 'termExists')
    expect(addTerm(doc, { code: '2027-spring', start: '2027-07-10', end: '2027-02-20' })).toHaveProperty('errors.end.code', 'endBeforeStart')
    expect(addTerm(doc, { code: '2027-spring', start: '2028-02-20', end: '2028-07-10' })).toHaveProperty('errors.start.code', 'startNotInYear')
    expect(addTerm(doc, { code: '2027-spring', start: '2027-01-10', end: '2027-07-10' })).toEqual({
      errors: { end: { code: 'overlap', params: { term: '2026-autumn' } } },
    })
    expect(addTerm(doc, { code: '2027-spring', start: '2027-02-30', end: '2027-07-10' })).toHaveProperty('errors.start.code', 'invalidDate')
    expect(updateTerm(doc, '2026-autumn', { end: '2026-08-01' })).toHaveProperty('end.code', 'endBeforeStart')
    expect(snapshot(doc)).toBe(before)
    expect(updateTerm(doc, '2026-autumn', { end: '2027-01-25' })).toEqual({})
    expect(readOrganisation(doc).terms[0]?.end).toBe('2027-01-25')
  })
})

describe('O5: the roll-over', () => {
  it('O5: reports the classes in their school’s last grade and moves nothing while they are active', () => {
    const doc = new Y.Doc()
    const primary = school(doc, '中心小學')
    const nine = school(doc, '九年一貫學校')
    const p5 = klass(doc, { schoolId: primary, grade: 5, section: '1' })
    const p6 = klass(doc, { schoolId: primary, grade: 6, section: '1' })
    const n6 = klass(doc, { schoolId: nine, grade: 6, section: '1' })
    const n9 = klass(doc, { schoolId: nine, grade: 9, section: '1' })
    const plan = planPromotion(readOrganisation(doc))
    expect(plan.leaving.map((c) => c.id).sort()).toEqual([p6, n9].sort())
    expect(plan.promoted.map((c) => c.id).sort()).toEqual([p5, n6].sort())
    const before = snapshot(doc)
    expect(promoteClasses(doc).promoted).toEqual([])
    expect(snapshot(doc)).toBe(before)
    archiveClass(doc, p6)
    archiveClass(doc, n9)
    expect(promoteClasses(doc).promoted).toHaveLength(2)
    const org = readOrganisation(doc)
    expect([classById(org, p5)?.grade, classById(org, n6)?.grade, classById(org, p6)?.grade]).toEqual([6, 7, 6])
  })
})

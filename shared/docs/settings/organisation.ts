/**
 * The workspace's organisation (docs/SPEC.md O): schools, their classes and the terms, kept in
 * the settings document, which coordinators write and every member reads offline. The shape
 * and the reading are in organisation-read.ts; here are the writes. Every write checks its
 * whole input first and changes nothing when any of it is wrong (SPEC O1), in one transaction
 * with a typed origin. Nothing is ever deleted: a class may have children filed in it, so it
 * is archived instead (SPEC O3).
 */
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { newId } from '../../doc-id'
import { Origin, type TransactionOrigin } from '../../origin'
import { checkValue, date, number, text, type FieldErrorCode } from '../../validation/fields'
import { sectionIdentity } from './class-order'
import {
  MAX_GRADE, MAX_PUPILS, MAX_SCHOOL_NAME, MAX_SECTION, MIN_GRADE, classById, classesMap, readOrganisation, schoolsMap,
  settingsMeta, stageEnd, termsMap, type ClassInfo, type Organisation, type Term,
} from './organisation-read'
import { parseTermCode, type TermCode } from './term-code'

export * from './organisation-read'
export * from './class-order'
export * from './term-code'

export type OrgErrorCode =
  | FieldErrorCode
  | 'duplicate' | 'noSuchSchool' | 'noSuchClass' | 'noSuchTerm' | 'invalidTerm' | 'termExists'
  | 'endBeforeStart' | 'startNotInYear' | 'overlap'

export interface OrgError {
  code: OrgErrorCode
  params?: Record<string, string | number>
}

/** Errors by the field they are about; empty when the write was made. */
export type OrgErrors<F extends string> = Partial<Record<F, OrgError>>

export type SchoolField = 'name'
export type ClassField = 'schoolId' | 'grade' | 'section' | 'pupils'
export type TermField = 'code' | 'start' | 'end'

export interface ClassInput {
  schoolId: unknown
  grade: unknown
  section: unknown
  /** Empty or absent: not known. */
  pupils?: unknown
}

const FAR = '9999-12-31' as IsoDate
const has = (errors: object) => Object.keys(errors).length > 0

function checkSchoolName(org: Organisation, raw: unknown, exceptId?: string): { name?: string; errors: OrgErrors<SchoolField> } {
  const checked = checkValue(text(MAX_SCHOOL_NAME), raw, { today: FAR })
  if (!checked.ok) return { errors: { name: checked.error } }
  if (checked.value === null) return { errors: { name: { code: 'required' } } }
  const name = checked.value as string
  const same = org.schools.find((s) => s.id !== exceptId && s.name.toLowerCase() === name.toLowerCase())
  return same ? { errors: { name: { code: 'duplicate' } } } : { name, errors: {} }
}

export function addSchool(doc: Y.Doc, input: { name: unknown }, origin: TransactionOrigin = Origin.localEdit): { id: string } | { errors: OrgErrors<SchoolField> } {
  const org = readOrganisation(doc)
  const { name, errors } = checkSchoolName(org, input.name)
  if (name === undefined) return { errors }
  const id = newId()
  const order = org.schools.reduce((max, s) => (s.order < Number.MAX_SAFE_INTEGER ? Math.max(max, s.order) : max), 0) + 1
  doc.transact(() => {
    const school = new Y.Map<unknown>()
    schoolsMap(doc).set(id, school)
    school.set('name', name)
    school.set('order', order)
  }, origin)
  return { id }
}

export function renameSchool(doc: Y.Doc, id: string, rawName: unknown, origin: TransactionOrigin = Origin.localEdit): OrgErrors<SchoolField> {
  const org = readOrganisation(doc)
  const school = schoolsMap(doc).get(id)
  if (!(school instanceof Y.Map) || !org.schools.some((s) => s.id === id)) return { name: { code: 'noSuchSchool' } }
  const { name, errors } = checkSchoolName(org, rawName, id)
  if (name === undefined) return errors
  if (school.get('name') !== name) doc.transact(() => school.set('name', name), origin)
  return {}
}

interface CheckedClass {
  schoolId: string
  grade: number
  section: string
  pupils: number | null
}

/** The whole class checked against the organisation; `exceptId` is the class being edited. */
function checkClass(org: Organisation, input: ClassInput, exceptId?: string): { values?: CheckedClass; errors: OrgErrors<ClassField> } {
  const errors: OrgErrors<ClassField> = {}
  const schoolId = input.schoolId
  if (typeof schoolId !== 'string' || !org.schools.some((s) => s.id === schoolId)) errors.schoolId = { code: 'noSuchSchool' }
  const grade = checkValue(number(MIN_GRADE, MAX_GRADE), input.grade, { today: FAR })
  if (!grade.ok) errors.grade = grade.error
  else if (grade.value === null) errors.grade = { code: 'required' }
  const section = checkValue(text(MAX_SECTION), input.section, { today: FAR })
  if (!section.ok) errors.section = section.error
  else if (section.value === null) errors.section = { code: 'required' }
  const pupils = checkValue(number(0, MAX_PUPILS), input.pupils, { today: FAR })
  if (!pupils.ok) errors.pupils = pupils.error
  if (has(errors) || !grade.ok || !section.ok || !pupils.ok) return { errors }
  const values: CheckedClass = {
    schoolId: schoolId as string,
    grade: grade.value as number,
    section: section.value as string,
    pupils: pupils.value as number | null,
  }
  // Two active classes of one school with one grade and 班號 would split or merge its children.
  const identity = sectionIdentity(values.section)
  const twin = org.classes.find(
    (c) => c.id !== exceptId && !c.archived && c.schoolId === values.schoolId && c.grade === values.grade && sectionIdentity(c.section) === identity,
  )
  if (twin) return { errors: { section: { code: 'duplicate', params: { section: twin.section } } } }
  return { values, errors }
}

function writeClass(cls: Y.Map<unknown>, values: CheckedClass) {
  for (const key of ['schoolId', 'grade', 'section'] as const) if (cls.get(key) !== values[key]) cls.set(key, values[key])
  if (values.pupils === null) {
    if (cls.has('pupils')) cls.delete('pupils')
  } else if (cls.get('pupils') !== values.pupils) cls.set('pupils', values.pupils)
}

export function addClass(doc: Y.Doc, input: ClassInput, origin: TransactionOrigin = Origin.localEdit): { id: string } | { errors: OrgErrors<ClassField> } {
  const { values, errors } = checkClass(readOrganisation(doc), input)
  if (!values) return { errors }
  const id = newId()
  doc.transact(() => {
    const cls = new Y.Map<unknown>()
    classesMap(doc).set(id, cls)
    writeClass(cls, values)
  }, origin)
  return { id }
}

/** Changes what the patch names; the rest of the class is kept and the whole is checked again. */
export function updateClass(doc: Y.Doc, id: string, patch: Partial<ClassInput>, origin: TransactionOrigin = Origin.localEdit): OrgErrors<ClassField> {
  const org = readOrganisation(doc)
  const current = classById(org, id)
  const cls = classesMap(doc).get(id)
  if (!current || !(cls instanceof Y.Map)) return { schoolId: { code: 'noSuchClass' } }
  const merged: ClassInput = { schoolId: current.schoolId, grade: current.grade, section: current.section, pupils: current.pupils, ...patch }
  // An archived class may be corrected without meeting the active class that took its place.
  const { values, errors } = checkClass(current.archived ? { ...org, classes: [] } : org, merged, id)
  if (!values) return errors
  doc.transact(() => writeClass(cls, values), origin)
  return {}
}

/**
 * Archives a class, or brings it back (`archived` false), which is refused while an active
 * class of its school has its grade and 班號. Never deletes: children may be filed in it.
 */
export function archiveClass(doc: Y.Doc, id: string, archived = true, origin: TransactionOrigin = Origin.localEdit): OrgErrors<ClassField> {
  const org = readOrganisation(doc)
  const current = classById(org, id)
  const cls = classesMap(doc).get(id)
  if (!current || !(cls instanceof Y.Map)) return { schoolId: { code: 'noSuchClass' } }
  if (current.archived === archived) return {}
  if (!archived) {
    const { errors } = checkClass(org, { ...current }, id)
    if (has(errors)) return errors
  }
  doc.transact(() => (archived ? cls.set('archived', true) : cls.delete('archived')), origin)
  return {}
}

/** The roll-over at a school year's end: who moves up a grade and who leaves their school. */
export interface Promotion {
  /** Active classes that move up one grade, as they are now. */
  promoted: ClassInfo[]
  /**
   * Active classes in their school's last grade: the end (6, 9 or 12) of the highest stage the
   * school has ever had a class in, so a 九年一貫 school's sixth grade moves on to its seventh.
   */
  leaving: ClassInfo[]
}

/** Pure: what promoteClasses would do. */
export function planPromotion(org: Organisation): Promotion {
  const active = org.classes.filter((c) => !c.archived)
  const lastGrade = new Map<string, number>()
  for (const c of org.classes) lastGrade.set(c.schoolId, Math.max(lastGrade.get(c.schoolId) ?? 0, stageEnd(c.grade)))
  return {
    promoted: active.filter((c) => c.grade < (lastGrade.get(c.schoolId) ?? 0)),
    leaving: active.filter((c) => c.grade >= (lastGrade.get(c.schoolId) ?? 0)),
  }
}

/**
 * Moves every active class up one grade. While a class is still active in its school's last
 * grade, nothing moves and those classes are returned as leaving (`promoted` empty): moving
 * the grade below onto them would make two classes of one grade and 班號. Archive them (once
 * their children are seen to) and call again.
 */
export function promoteClasses(doc: Y.Doc, origin: TransactionOrigin = Origin.localEdit): Promotion {
  const plan = planPromotion(readOrganisation(doc))
  if (plan.leaving.length > 0) return { promoted: [], leaving: plan.leaving }
  doc.transact(() => {
    for (const c of plan.promoted) {
      const cls = classesMap(doc).get(c.id)
      if (cls instanceof Y.Map) cls.set('grade', c.grade + 1)
    }
  }, origin)
  return plan
}

/** A term's dates checked: a real range, starting in its code's year, overlapping no other term (the rollover checks them before it writes). */
export function checkTermDates(org: Organisation, code: TermCode, rawStart: unknown, rawEnd: unknown): { start?: IsoDate; end?: IsoDate; errors: OrgErrors<TermField> } {
  const errors: OrgErrors<TermField> = {}
  const start = checkValue(date(false), rawStart, { today: FAR })
  const end = checkValue(date(false), rawEnd, { today: FAR })
  if (!start.ok) errors.start = start.error
  else if (start.value === null) errors.start = { code: 'required' }
  if (!end.ok) errors.end = end.error
  else if (end.value === null) errors.end = { code: 'required' }
  if (!start.ok || !end.ok || start.value === null || end.value === null) return { errors }
  const s = start.value as IsoDate
  const e = end.value as IsoDate
  const year = parseTermCode(code)?.year ?? 0
  if (Number(s.slice(0, 4)) !== year) errors.start = { code: 'startNotInYear', params: { year } }
  if (e <= s) errors.end = { code: 'endBeforeStart' }
  const other = org.terms.find((t) => t.code !== code && t.start <= e && s <= t.end)
  if (other && !errors.end) errors.end = { code: 'overlap', params: { term: other.code } }
  return has(errors) ? { errors } : { start: s, end: e, errors }
}

function writeTerm(doc: Y.Doc, code: TermCode, start: IsoDate, end: IsoDate, setCurrent: boolean, origin: TransactionOrigin) {
  doc.transact(() => {
    let term = termsMap(doc).get(code)
    if (!(term instanceof Y.Map)) {
      term = new Y.Map<unknown>()
      termsMap(doc).set(code, term)
    }
    const map = term as Y.Map<unknown>
    if (map.get('start') !== start) map.set('start', start)
    if (map.get('end') !== end) map.set('end', end)
    if (setCurrent) settingsMeta(doc).set('currentTerm', code)
  }, origin)
}

/** Adds a term; the first term, or one added while none is current, becomes the current one. */
export function addTerm(doc: Y.Doc, input: { code: unknown; start: unknown; end: unknown }, origin: TransactionOrigin = Origin.localEdit): { code: TermCode } | { errors: OrgErrors<TermField> } {
  const parsed = parseTermCode(input.code)
  if (!parsed) return { errors: { code: { code: 'invalidTerm' } } }
  const org = readOrganisation(doc)
  // A code names the term's plan and report documents, so it is never taken twice.
  if (termsMap(doc).has(parsed.code)) return { errors: { code: { code: 'termExists' } } }
  const { start, end, errors } = checkTermDates(org, parsed.code, input.start, input.end)
  if (!start || !end) return { errors }
  writeTerm(doc, parsed.code, start, end, org.currentTerm === undefined, origin)
  return { code: parsed.code }
}

/** Moves a term's dates; its code never changes. */
export function updateTerm(doc: Y.Doc, code: string, patch: { start?: unknown; end?: unknown }, origin: TransactionOrigin = Origin.localEdit): OrgErrors<TermField> {
  const org = readOrganisation(doc)
  const term: Term | undefined = org.terms.find((t) => t.code === code)
  if (!term) return { code: { code: 'noSuchTerm' } }
  const { start, end, errors } = checkTermDates(org, term.code, 'start' in patch ? patch.start : term.start, 'end' in patch ? patch.end : term.end)
  if (!start || !end) return errors
  writeTerm(doc, term.code, start, end, false, origin)
  return {}
}

/** Makes a term the current one; there is exactly one current term once any exists. */
export function setCurrentTerm(doc: Y.Doc, code: string, origin: TransactionOrigin = Origin.localEdit): OrgErrors<TermField> {
  const org = readOrganisation(doc)
  if (!org.terms.some((t) => t.code === code)) return { code: { code: 'noSuchTerm' } }
  if (org.currentTerm !== code) doc.transact(() => settingsMeta(doc).set('currentTerm', code), origin)
  return {}
}

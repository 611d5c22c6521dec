/**
 * Reading the workspace's organisation out of the settings document (`<ws>/settings`), and the
 * orders every view lists it in. Shape (root-level types, so two peers never make two copies):
 * - `schools` Y.Map  school id -> Y.Map { name, order }
 * - `classes` Y.Map  class id -> Y.Map { schoolId, grade 1..12, section, pupils?, archived? }
 * - `terms`   Y.Map  term code -> Y.Map { start, end }
 * - `meta`    Y.Map  { currentTerm }
 *
 * Ids are `newId()`s, valid document keys: the relay and the child's file name a child's class
 * by its id. A peer's bad entry is skipped, never thrown at a view (docs/SPEC.md O2).
 */
import * as Y from 'yjs'
import { parseIsoDate, type IsoDate } from '../../dates'
import { isDocumentKey } from '../../ids'
import { compareSections } from './class-order'
import { parseTermCode, type TermCode, type TermSeason } from './term-code'

export const MIN_GRADE = 1
export const MAX_GRADE = 12
export const MAX_SCHOOL_NAME = 40
export const MAX_SECTION = 20
export const MAX_PUPILS = 999

/** 小學 1–6, 初中 7–9, 高中 10–12. */
export type Stage = 'primary' | 'junior' | 'senior'

export function stageOf(grade: number): Stage {
  return grade <= 6 ? 'primary' : grade <= 9 ? 'junior' : 'senior'
}

/** The last grade of the stage a grade is in (6, 9 or 12). */
export function stageEnd(grade: number): number {
  return grade <= 6 ? 6 : grade <= 9 ? 9 : 12
}

export interface School {
  id: string
  name: string
  order: number
}

export interface ClassInfo {
  id: string
  schoolId: string
  grade: number
  /** The 班號 as the school writes it: '1', '一', '火箭'. */
  section: string
  /** The class's pupil count, when the school gave it. */
  pupils?: number
  /** Archived classes are offered in no picker but still name the files filed in them. */
  archived: boolean
}

export interface Term {
  code: TermCode
  year: number
  season: TermSeason
  start: IsoDate
  end: IsoDate
}

export interface Organisation {
  schools: School[]
  classes: ClassInfo[]
  terms: Term[]
  currentTerm?: TermCode
}

export const schoolsMap = (doc: Y.Doc) => doc.getMap<unknown>('schools')
export const classesMap = (doc: Y.Doc) => doc.getMap<unknown>('classes')
export const termsMap = (doc: Y.Doc) => doc.getMap<unknown>('terms')
export const settingsMeta = (doc: Y.Doc) => doc.getMap<unknown>('meta')

const isGrade = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= MIN_GRADE && n <= MAX_GRADE
const length = (s: string) => [...s].length

function readSchool(id: string, raw: unknown): School | undefined {
  if (!isDocumentKey(id) || !(raw instanceof Y.Map)) return undefined
  const name = raw.get('name')
  if (typeof name !== 'string' || name.trim() === '' || length(name.trim()) > MAX_SCHOOL_NAME) return undefined
  const order = raw.get('order')
  // A bad order only moves the school to the end: its classes must not vanish with it.
  return { id, name: name.trim(), order: typeof order === 'number' && Number.isFinite(order) ? order : Number.MAX_SAFE_INTEGER }
}

function readClass(id: string, raw: unknown, schools: ReadonlySet<string>): ClassInfo | undefined {
  if (!isDocumentKey(id) || !(raw instanceof Y.Map)) return undefined
  const schoolId = raw.get('schoolId')
  const grade = raw.get('grade')
  const section = raw.get('section')
  if (typeof schoolId !== 'string' || !schools.has(schoolId) || !isGrade(grade)) return undefined
  if (typeof section !== 'string' || section.trim() === '' || length(section.trim()) > MAX_SECTION) return undefined
  const pupils = raw.get('pupils')
  const out: ClassInfo = { id, schoolId, grade, section: section.trim(), archived: raw.get('archived') === true }
  if (typeof pupils === 'number' && Number.isInteger(pupils) && pupils >= 0 && pupils <= MAX_PUPILS) out.pupils = pupils
  return out
}

function readTerm(code: string, raw: unknown): Term | undefined {
  const parsed = parseTermCode(code)
  if (!parsed || !(raw instanceof Y.Map)) return undefined
  const start = parseIsoDate(raw.get('start'))
  const end = parseIsoDate(raw.get('end'))
  if (!start || !end || start >= end) return undefined
  return { ...parsed, start, end }
}

/** The organisation as views read it: every entry checked, each list in its order. */
export function readOrganisation(doc: Y.Doc): Organisation {
  const schools: School[] = []
  schoolsMap(doc).forEach((raw, id) => {
    const school = readSchool(id, raw)
    if (school) schools.push(school)
  })
  // The id breaks ties so every copy lists them alike (a map's order is the order entries arrived in).
  schools.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1))
  const orderOf = new Map(schools.map((s, i) => [s.id, i]))
  const schoolIds = new Set(orderOf.keys())
  const classes: ClassInfo[] = []
  classesMap(doc).forEach((raw, id) => {
    const cls = readClass(id, raw, schoolIds)
    if (cls) classes.push(cls)
  })
  classes.sort((a, b) => (orderOf.get(a.schoolId) ?? 0) - (orderOf.get(b.schoolId) ?? 0) || compareClasses(a, b))
  const terms: Term[] = []
  termsMap(doc).forEach((raw, code) => {
    const term = readTerm(code, raw)
    if (term) terms.push(term)
  })
  terms.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.code < b.code ? -1 : 1))
  const current = settingsMeta(doc).get('currentTerm')
  const org: Organisation = { schools, classes, terms }
  const currentTerm = terms.find((t) => t.code === current)
  if (currentTerm) org.currentTerm = currentTerm.code
  return org
}

/**
 * Two classes of one school in the order the school lists them: grade, then 班號 naturally
 * (一, 二 … 十; 1, 2 … 10), then id so the order is total. Classes of two schools compare
 * by grade too; readOrganisation groups them by school first.
 */
export function compareClasses(a: ClassInfo, b: ClassInfo): number {
  return a.grade - b.grade || compareSections(a.section, b.section) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** A class by id, archived or not (a file filed in an archived class still names it). */
export function classById(org: Organisation, id: string): ClassInfo | undefined {
  return org.classes.find((c) => c.id === id)
}

export function schoolById(org: Organisation, id: string): School | undefined {
  return org.schools.find((s) => s.id === id)
}

/** The classes a picker offers: not archived, in the organisation's order. */
export function activeClasses(org: Organisation): ClassInfo[] {
  return org.classes.filter((c) => !c.archived)
}

export function termByCode(org: Organisation, code: string): Term | undefined {
  return org.terms.find((t) => t.code === code)
}

/** The term a day falls in (start and end included), if any. */
export function termOn(terms: readonly Term[], day: IsoDate): Term | undefined {
  return terms.find((t) => t.start <= day && day <= t.end)
}

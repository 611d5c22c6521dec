/**
 * The roster (花名冊): one row per child left behind on the report day, in the shape county
 * offices ask for (docs/SPEC.md V2). The model holds values as the index keeps them (codes,
 * ISO dates, numbers); putting them in words is the client's job, so the same model prints in
 * any of the three languages. No national ID number: the workspace does not keep one.
 */
import type { IsoDate } from '../dates'
import type { Organisation } from '../docs/settings/organisation'
import type { ChildRow, PairingRow } from '../indexes/rows'
import { countedChildren, helpersOn, type FormScope } from './form-scope'

/** The roster's columns in print order; `group` joins neighbours under one heading (監護人: 姓名, 關係, 電話). */
export const ROSTER_COLUMNS = [
  { id: 'n' },
  { id: 'name' },
  { id: 'gender' },
  { id: 'birthDate' },
  { id: 'age' },
  { id: 'school' },
  { id: 'class' },
  { id: 'parentsAway' },
  { id: 'careArrangement' },
  { id: 'guardianName', group: 'guardian' },
  { id: 'guardianRelation', group: 'guardian' },
  { id: 'guardianPhone', group: 'guardian' },
  { id: 'fatherWorkplace', group: 'father' },
  { id: 'fatherPhone', group: 'father' },
  { id: 'motherWorkplace', group: 'mother' },
  { id: 'motherPhone', group: 'mother' },
  { id: 'boarding' },
  { id: 'schoolingStatus' },
  { id: 'risk' },
  { id: 'helpers' },
] as const satisfies readonly { id: string; group?: string }[]

export type RosterColumnId = (typeof ROSTER_COLUMNS)[number]['id']

export interface RosterRow {
  /** 序號, from 1. */
  n: number
  childId: string
  name: string
  /** 'female' | 'male' | ''. */
  gender: string
  birthDate: IsoDate | undefined
  age: number | undefined
  schoolName: string
  /** The class the organisation knows, for the client to name ('三年級1班'); undefined when it knows none. */
  cls: { grade: number; section: string } | undefined
  /** 'both' | 'father' | 'mother' | ''. */
  parentsAway: string
  careArrangement: string
  guardian: { name: string; relation: string; phone: string }
  father: { workplace: string; phone: string }
  mother: { workplace: string; phone: string }
  boarding: boolean | null
  schoolingStatus: string
  risk: string
  /** The names of the pairings in force on the report day (帮扶人). */
  helpers: string[]
}

export interface RosterForm {
  scope: FormScope
  /** The chosen school's name, '' for the whole workspace. */
  schoolName: string
  rows: RosterRow[]
}

export function rosterForm(children: readonly ChildRow[], pairings: readonly PairingRow[], org: Organisation, scope: FormScope): RosterForm {
  const helpers = helpersOn(pairings, scope.day)
  const rows = countedChildren(children, org, scope).map(({ row, cls, school, age }, i): RosterRow => ({
    n: i + 1,
    childId: row.id,
    name: row.name,
    gender: row.gender,
    birthDate: row.birthDate === '' ? undefined : (row.birthDate as IsoDate),
    age,
    schoolName: school?.name ?? '',
    cls: cls ? { grade: cls.grade, section: cls.section } : undefined,
    parentsAway: row.parentsAway,
    careArrangement: row.careArrangement,
    guardian: { ...row.guardian },
    father: { workplace: row.father.workplace, phone: row.father.phone },
    mother: { workplace: row.mother.workplace, phone: row.mother.phone },
    boarding: row.boarding,
    schoolingStatus: row.schoolingStatus,
    risk: row.risk,
    helpers: helpers.get(row.id) ?? [],
  }))
  const schoolName = scope.schoolId === undefined ? '' : (org.schools.find((s) => s.id === scope.schoolId)?.name ?? '')
  return { scope, schoolName, rows }
}

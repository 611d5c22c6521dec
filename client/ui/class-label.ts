/**
 * A class, a term and an organisation error in words (the organisation is in
 * shared/docs/settings/organisation.ts; words are the client's job). zh `三年級1班`,
 * `三年級一班`, `高一火箭班`; en `Grade 3, class 1`. With a school, its name goes first: give it
 * when the workspace has more than one school (`classLabelIn` decides that itself).
 */
import type { TFunction } from 'i18next'
import type { FieldErrorCode } from '../../shared/validation/fields'
import { classById, schoolById, type ClassInfo, type OrgError, type Organisation, type School } from '../../shared/docs/settings/organisation'
import { parseTermCode } from '../../shared/docs/settings/term-code'

export function classLabel(t: TFunction, cls: Pick<ClassInfo, 'grade' | 'section'>, school?: Pick<School, 'name'>): string {
  const grade = t(`org.grade.${cls.grade}`)
  // A 班號 the school already writes with 班 ('火箭班') does not get a second one.
  const label = t(cls.section.endsWith('班') ? 'org.classLabelNamed' : 'org.classLabel', { grade, section: cls.section })
  return school ? t('org.withSchool', { school: school.name, label }) : label
}

/** A class by id as the organisation names it: with its school when there are several. */
export function classLabelIn(t: TFunction, org: Organisation, classId: string): string | undefined {
  const cls = classById(org, classId)
  if (!cls) return undefined
  const school = org.schools.length > 1 ? schoolById(org, cls.schoolId) : undefined
  return classLabel(t, cls, school)
}

/** `2026-autumn` as 2026年秋季學期 / Autumn term 2026; an unknown code as it is. */
export function termLabel(t: TFunction, code: string): string {
  const parsed = parseTermCode(code)
  return parsed ? t(`org.term.${parsed.season}`, { year: parsed.year }) : code
}

/** Codes the organisation adds to the field checks' (shared/validation/fields.ts). */
const FIELD_CODES: ReadonlySet<string> = new Set<FieldErrorCode>([
  'required', 'tooLong', 'invalidChoice', 'invalidDate', 'futureDate', 'beforeBirth', 'invalidPhone',
  'notNumber', 'tooManyDecimals', 'outOfRange', 'invalidBool',
])

/** One sentence for an organisation write's error; `duplicate` says which thing is taken. */
export function orgErrorMessage(t: TFunction, error: OrgError, what: 'school' | 'class' = 'class'): string {
  const params = error.params ?? {}
  if (FIELD_CODES.has(error.code)) return t(`field.errors.${error.code}`, params)
  if (error.code === 'duplicate') return t(what === 'school' ? 'org.errors.schoolExists' : 'org.errors.classExists', params)
  if (error.code === 'overlap' && typeof params.term === 'string') return t('org.errors.overlap', { term: termLabel(t, params.term) })
  return t(`org.errors.${error.code}`, params)
}

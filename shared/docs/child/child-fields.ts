/**
 * Every field of the child's case file (../shared/DOMAIN.md, "The child's case file"), with
 * its group and the kind of value it holds. Forms, import, validation, reading a peer's
 * values and the field history all work from this one list.
 */
import { bool, choice, date, key, longText, number, phone, text, type FieldKind } from '../../validation/fields'

export const FIELD_GROUPS = ['identity', 'leftBehind', 'father', 'mother', 'guardian', 'home', 'profile', 'flags', 'consent', 'iep'] as const
export type FieldGroup = (typeof FIELD_GROUPS)[number]

export const GENDERS = ['female', 'male'] as const
export type Gender = (typeof GENDERS)[number]
export const SCHOOLING_STATUSES = ['enrolled', 'droppedOut', 'outOfSchool', 'finishedJunior'] as const
export const PARENTS_AWAY = ['both', 'father', 'mother'] as const
export const CARE_ARRANGEMENTS = ['grandparents', 'relatives', 'teacher', 'other'] as const
export const CONTACT_FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'rarely'] as const
export const GUARDIAN_RELATIONS = ['grandfather', 'grandmother', 'relative', 'sibling', 'neighbour', 'teacher', 'other'] as const
export const RAPPORT = ['good', 'fair', 'poor'] as const
export const PRIORITY = ['none', 'problem', 'hardship'] as const
/** The four-colour file (四色檔案): red, yellow, blue for high, medium and low risk, green for well. Care rules may set a visit cadence per level. */
export const RISK_LEVELS = ['red', 'yellow', 'blue', 'green'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]
export const CONSENT_METHODS = ['written', 'oral', 'other'] as const

interface FieldSpec {
  group: FieldGroup
  kind: FieldKind
  required?: true
}

/** Short fields: one value each, last writer wins, every change in the field history. */
export const CHILD_FIELDS = {
  name: { group: 'identity', kind: text(40), required: true },
  // 學籍號: the national student number, which a re-imported roster is matched on first.
  studentNumber: { group: 'identity', kind: text(30) },
  gender: { group: 'identity', kind: choice(GENDERS) },
  birthDate: { group: 'identity', kind: date() },
  // The class's id in the settings document: the class decides the school and the grade, and
  // the relay's access follows it (docs/SPEC.md P1). Files that still hold `school` or `grade`
  // are read without them.
  classId: { group: 'identity', kind: key },
  boarding: { group: 'identity', kind: bool },
  schoolingStatus: { group: 'identity', kind: choice(SCHOOLING_STATUSES) },
  parentsAway: { group: 'leftBehind', kind: choice(PARENTS_AWAY) },
  awaySince: { group: 'leftBehind', kind: date() },
  careArrangement: { group: 'leftBehind', kind: choice(CARE_ARRANGEMENTS) },
  'father.name': { group: 'father', kind: text(40) },
  'father.workplace': { group: 'father', kind: text(100) },
  'father.phone': { group: 'father', kind: phone },
  'father.contactFrequency': { group: 'father', kind: choice(CONTACT_FREQUENCIES) },
  'mother.name': { group: 'mother', kind: text(40) },
  'mother.workplace': { group: 'mother', kind: text(100) },
  'mother.phone': { group: 'mother', kind: phone },
  'mother.contactFrequency': { group: 'mother', kind: choice(CONTACT_FREQUENCIES) },
  'guardian.name': { group: 'guardian', kind: text(40) },
  'guardian.relation': { group: 'guardian', kind: choice(GUARDIAN_RELATIONS) },
  'guardian.phone': { group: 'guardian', kind: phone },
  'guardian.age': { group: 'guardian', kind: number(10, 110) },
  'guardian.literate': { group: 'guardian', kind: bool },
  'guardian.rapport': { group: 'guardian', kind: choice(RAPPORT) },
  'flags.priority': { group: 'flags', kind: choice(PRIORITY) },
  'flags.risk': { group: 'flags', kind: choice(RISK_LEVELS) },
  'flags.potential': { group: 'flags', kind: bool },
  'flags.health': { group: 'flags', kind: bool },
  'flags.psychological': { group: 'flags', kind: bool },
  'flags.safety': { group: 'flags', kind: bool },
  'consent.by': { group: 'consent', kind: text(40) },
  'consent.date': { group: 'consent', kind: date() },
  'consent.method': { group: 'consent', kind: choice(CONSENT_METHODS) },
  'iep.owner': { group: 'iep', kind: text(40) },
  'iep.reviewDate': { group: 'iep', kind: date(false) },
  // Where the child lives, as a home visit finds it: the village (村), its group (組), the rest.
  'home.village': { group: 'home', kind: text(40) },
  'home.group': { group: 'home', kind: text(20) },
  'home.address': { group: 'home', kind: text(100) },
} as const satisfies Record<string, FieldSpec>

export type ChildFieldKey = keyof typeof CHILD_FIELDS

/** Longer free text: one Y.Text each, so two people's edits interleave instead of one winning. */
export const CHILD_TEXTS = {
  'profile.character': { group: 'profile', kind: longText(4000) },
  'profile.habits': { group: 'profile', kind: longText(4000) },
  'profile.interests': { group: 'profile', kind: longText(4000) },
  'profile.academic': { group: 'profile', kind: longText(4000) },
  'profile.personality': { group: 'profile', kind: longText(4000) },
  'profile.motivation': { group: 'profile', kind: longText(4000) },
  'profile.parentCommunication': { group: 'profile', kind: longText(4000) },
  'iep.goals': { group: 'iep', kind: longText(4000) },
  'iep.measures': { group: 'iep', kind: longText(4000) },
} as const satisfies Record<string, FieldSpec>

export type ChildTextKey = keyof typeof CHILD_TEXTS

export const CHILD_FIELD_KEYS = Object.keys(CHILD_FIELDS) as ChildFieldKey[]
export const CHILD_TEXT_KEYS = Object.keys(CHILD_TEXTS) as ChildTextKey[]

/** The flags a child may carry beside priority and risk, as the index row lists them. */
export const CONCERN_FLAGS = ['flags.potential', 'flags.health', 'flags.psychological', 'flags.safety'] as const satisfies readonly ChildFieldKey[]

/**
 * What a file must hold to count as made (建檔) in 建檔率. No national formula exists
 * (../shared/DOMAIN.md, "Risk levels and official forms"); this is the workspace's definition,
 * printed beside the figure: the child, why they are left behind, who looks after them and
 * how to reach them, and the guardian's consent to keep the file.
 */
export const FILE_REQUIRED_FIELDS = [
  'name',
  'gender',
  'birthDate',
  'classId',
  'parentsAway',
  'careArrangement',
  'guardian.name',
  'guardian.phone',
  'consent.date',
] as const satisfies readonly ChildFieldKey[]

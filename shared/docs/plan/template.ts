/**
 * The default term plan: 篇1 §六's calendar in three stages, month by month (../shared/DOMAIN.md,
 * "The shared term plan"). An item of the template has no stored title: the view shows it in the
 * reader's language (`plan.template.<key>`) until someone writes one, and its id is derived from
 * its key, so two people who create the same term's plan offline end with one plan, never two
 * copies of its items (plan.ts).
 *
 * `offset` is the month of the term it falls in (0: the term's first month). The spring term
 * runs February to July, the autumn term September to January; a month past the term's last is
 * its last (the seed's July and August items fall in the spring term's last month).
 */
import { generateNKeysBetween } from 'fractional-indexing'
import { parseTermCode } from '../settings/term-code'

export const TEMPLATE_ID = 'pian1'

export const STAGES = [1, 2, 3] as const
export type Stage = (typeof STAGES)[number]

/**
 * What an activity is (a lecture on law, safety or mental health, an outing, …): it decides which
 * record it leaves on each attending child's file and how the term summary counts it.
 */
export const ACTIVITY_KINDS = [
  'lectureLaw',
  'lectureSafety',
  'lectureMentalHealth',
  'outing',
  'festival',
  'talentShow',
  'interestGroup',
  'parentsSchool',
  'guardianTraining',
  'parentsMeeting',
  'other',
] as const
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]

/** Kinds at which a child's parent or guardian, not the child, is the one who comes. */
export const GUARDIAN_KINDS: readonly ActivityKind[] = ['parentsSchool', 'guardianTraining', 'parentsMeeting']

export interface TemplateItem {
  key: string
  stage: Stage
  offset: number
  /** Set when the item is an activity (it has attendance). */
  activity?: ActivityKind
}

export const PLAN_TEMPLATE: readonly TemplateItem[] = [
  { key: 'termPlan', stage: 1, offset: 0 },
  { key: 'cleanUpFiles', stage: 1, offset: 0 },
  { key: 'assignDuties', stage: 1, offset: 0 },
  { key: 'difficultySurvey', stage: 1, offset: 1 },
  { key: 'startMeeting', stage: 1, offset: 1 },
  { key: 'checkPairings', stage: 1, offset: 1 },
  { key: 'interestGroups', stage: 2, offset: 2, activity: 'interestGroup' },
  { key: 'talentShow', stage: 2, offset: 2, activity: 'talentShow' },
  { key: 'mailboxWallRadio', stage: 2, offset: 3 },
  { key: 'safetyLecture', stage: 2, offset: 3, activity: 'lectureSafety' },
  { key: 'counsellorTalks', stage: 2, offset: 4 },
  { key: 'handbookCheck', stage: 2, offset: 4 },
  { key: 'evaluation', stage: 2, offset: 4 },
  { key: 'parentsForum', stage: 2, offset: 5, activity: 'parentsMeeting' },
  { key: 'openDay', stage: 2, offset: 5, activity: 'other' },
  { key: 'guardianTraining', stage: 2, offset: 5, activity: 'guardianTraining' },
  { key: 'summaryMeeting', stage: 3, offset: 5 },
  { key: 'exemplars', stage: 3, offset: 5 },
  { key: 'awards', stage: 3, offset: 5 },
]

/** The id of a template item in every copy of the plan. */
export const templateItemId = (key: string) => `t-${key}`

/** The template's own order: fixed strings, the same on every device. */
export const TEMPLATE_ORDER: readonly string[] = generateNKeysBetween(null, null, PLAN_TEMPLATE.length)

/** A month, `YYYY-MM`. */
export type Month = string & { readonly __brand: 'Month' }

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

export function isMonth(raw: unknown): raw is Month {
  return typeof raw === 'string' && MONTH.test(raw)
}

export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const total = y * 12 + (m - 1) + n
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}` as Month
}

/** The months of a term, by its code: spring February–July, autumn September–January. */
export function termMonths(code: string): Month[] {
  const parsed = parseTermCode(code)
  if (!parsed) return []
  const first = `${parsed.year}-${parsed.season === 'spring' ? '02' : '09'}` as Month
  const count = parsed.season === 'spring' ? 6 : 5
  return Array.from({ length: count }, (_, i) => addMonths(first, i))
}

/** The month a template item falls in, in this term. */
export function templateMonth(code: string, offset: number): Month | undefined {
  const months = termMonths(code)
  return months[Math.min(offset, months.length - 1)]
}

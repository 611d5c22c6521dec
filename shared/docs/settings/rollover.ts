/**
 * The turn of the year (docs/SPEC.md Y): a coordinator starts the next term. `planRollover` is
 * pure and says exactly what will change before anything does (Y1); the device then writes the
 * leavers' statuses, this module's `applyRolloverSettings` (one settings transaction), and the
 * new term's plan (client/features/rollover/apply-rollover.ts).
 *
 * At an autumn term every active class moves up one grade and keeps its id, so its children
 * and its teacher (the relay's class assignments are by class id) move with it; a class in its
 * school's last grade is archived, and its active children get `finishedSchool` (Y2). A spring
 * term moves nobody (Y3). The settings record the term rolled to (`meta.rolledTo`), written in
 * the same transaction as the term becoming current, so planning again after the step yields
 * nothing but what a failed run left (the plan), and a second run does nothing more (Y4).
 *
 * Every write is an absolute value (a grade, `archived`, the term's dates), never "one more":
 * two coordinators rolling over offline at once end with the grades moved once (Y5).
 */
import * as Y from 'yjs'
import type { IsoDate } from '../../dates'
import { Origin, type TransactionOrigin } from '../../origin'
import {
  addTerm, checkTermDates, planPromotion, setCurrentTerm, updateTerm, type OrgError, type OrgErrors, type TermField,
} from './organisation'
import { classesMap, readOrganisation, settingsMeta, termByCode, type ClassInfo, type Organisation } from './organisation-read'
import { compareTermCodes, parseTermCode, type TermCode } from './term-code'

/** What the rollover reads of a child: the device's index row (shared/indexes/rows.ts ChildRow). */
export interface RolloverChild {
  id: string
  name: string
  classId: string
  status: string
}

export type PlanChoice = 'template' | 'copy'

export interface RolloverInput {
  term: { code: unknown; start: unknown; end: unknown }
  plan: PlanChoice
  /** The new term's plan document exists already (someone made it, or a run stopped after the settings). */
  nextPlanCreated: boolean
  /** The plan of `copySourceOf`'s term exists, to copy. */
  sourcePlanCreated: boolean
  /** The workspace's today: no leaver's status may begin after it. */
  today: IsoDate
}

export interface ClassMove {
  cls: ClassInfo
  from: number
  to: number
}

export interface Leaver {
  childId: string
  name: string
  classId: string
  /** The day `finishedSchool` begins: the current term's end, or today if that is still to come. */
  since: IsoDate
}

/** A child of a leaving class whose status is not active: it stays as it is. */
export interface KeptStatus {
  childId: string
  name: string
  classId: string
  status: string
}

export type Attention =
  /** After the move no active class of the school is in its first grade: add one for the new intake. */
  | { code: 'noIntake'; schoolId: string; grade: number }
  /** No term is current: classes move up as if the year turned. */
  | { code: 'noCurrentTerm' }
  /** A copy was asked for and the current term has no plan: the template is used. */
  | { code: 'noPlanToCopy' }

export interface TermStep {
  code: TermCode
  start: IsoDate
  end: IsoDate
  /** The term is in the settings already (added by hand): its dates are set and it becomes current. */
  exists: boolean
}

export interface RolloverPreview {
  code: TermCode
  /** The settings say this term's rollover was done: only what a stopped run left remains. */
  done: boolean
  /** The term to add (or update) and make current; none once done. */
  term?: TermStep
  moves: ClassMove[]
  /** Classes in their school's last grade: archived. */
  leaving: ClassInfo[]
  leavers: Leaver[]
  kept: KeptStatus[]
  plan?: { how: 'template' } | { how: 'copy'; from: TermCode }
  attention: Attention[]
}

export type RolloverErrorCode = OrgError['code'] | 'notAfterCurrent'
export type RolloverErrors = Partial<Record<TermField, { code: RolloverErrorCode; params?: Record<string, string | number> }>>

export type RolloverPlan = { ok: true; preview: RolloverPreview } | { ok: false; errors: RolloverErrors }

/** The settings as the rollover reads them: the organisation and the last term rolled to. */
export interface RolloverState {
  org: Organisation
  rolledTo?: TermCode
}

export function readRolloverState(doc: Y.Doc): RolloverState {
  const org = readOrganisation(doc)
  const rolled = parseTermCode(settingsMeta(doc).get('rolledTo'))
  return rolled ? { org, rolledTo: rolled.code } : { org }
}

/** The term after a term: autumn → next year's spring, spring → that year's autumn. */
export function nextTermCode(code: TermCode): TermCode | undefined {
  const parsed = parseTermCode(code)
  if (!parsed) return undefined
  return parseTermCode(parsed.season === 'autumn' ? `${parsed.year + 1}-spring` : `${parsed.year}-autumn`)?.code
}

/** The first grade of the stage a grade is in (1, 7 or 10): a school's intake. */
const stageStart = (grade: number) => (grade <= 6 ? 1 : grade <= 9 ? 7 : 10)

/** Pure: everything the rollover to `input.term` would change, or why it cannot. */
export function planRollover(state: RolloverState, children: readonly RolloverChild[], input: RolloverInput): RolloverPlan {
  const { org } = state
  const parsed = parseTermCode(input.term.code)
  if (!parsed) return { ok: false, errors: { code: { code: 'invalidTerm' } } }
  const code = parsed.code
  const done = state.rolledTo === code
  // A term before the current one, or the current one rolled to already, is not the next.
  if (org.currentTerm && !done && compareTermCodes(code, org.currentTerm) < 0) {
    return { ok: false, errors: { code: { code: 'notAfterCurrent', params: { term: org.currentTerm } } } }
  }
  if (state.rolledTo && !done && compareTermCodes(code, state.rolledTo) < 0) {
    return { ok: false, errors: { code: { code: 'notAfterCurrent', params: { term: state.rolledTo } } } }
  }
  const plan = planStep(state, input, code)
  if (done) return { ok: true, preview: { code, done, moves: [], leaving: [], leavers: [], kept: [], attention: plan.attention, ...(plan.step ? { plan: plan.step } : {}) } }

  const existing = termByCode(org, code)
  const { start, end, errors } = checkTermDates(org, code, input.term.start, input.term.end)
  if (!start || !end) return { ok: false, errors }
  const attention: Attention[] = [...plan.attention]
  const autumn = parsed.season === 'autumn'
  const promotion = autumn ? planPromotion(org) : { promoted: [], leaving: [] }
  const moves = promotion.promoted.map((cls) => ({ cls, from: cls.grade, to: cls.grade + 1 }))
  const leavingIds = new Set(promotion.leaving.map((c) => c.id))
  const current = org.currentTerm ? termByCode(org, org.currentTerm) : undefined
  const since = current && current.end < input.today ? current.end : input.today
  const leavers: Leaver[] = []
  const kept: KeptStatus[] = []
  for (const child of children) {
    if (!leavingIds.has(child.classId)) continue
    if (child.status === 'active' || child.status === '') leavers.push({ childId: child.id, name: child.name, classId: child.classId, since })
    else kept.push({ childId: child.id, name: child.name, classId: child.classId, status: child.status })
  }
  if (moves.length > 0 || promotion.leaving.length > 0) {
    if (!org.currentTerm) attention.push({ code: 'noCurrentTerm' })
    for (const school of org.schools) {
      const active = org.classes.filter((c) => c.schoolId === school.id && !c.archived)
      if (active.length === 0) continue
      const intake = stageStart(Math.min(...active.map((c) => c.grade)))
      const after = moves.filter((m) => m.cls.schoolId === school.id).map((m) => m.to)
      if (!after.includes(intake)) attention.push({ code: 'noIntake', schoolId: school.id, grade: intake })
    }
  }
  return {
    ok: true,
    preview: {
      code,
      done,
      term: { code, start, end, exists: existing !== undefined },
      moves,
      leaving: promotion.leaving,
      leavers,
      kept,
      ...(plan.step ? { plan: plan.step } : {}),
      attention,
    },
  }
}

function planStep(state: RolloverState, input: RolloverInput, code: TermCode): { step?: RolloverPreview['plan']; attention: Attention[] } {
  if (input.nextPlanCreated) return { attention: [] }
  const from = copySourceOf(state, code)
  if (input.plan === 'copy') {
    if (from && input.sourcePlanCreated) return { step: { how: 'copy', from }, attention: [] }
    return { step: { how: 'template' }, attention: [{ code: 'noPlanToCopy' }] }
  }
  return { step: { how: 'template' }, attention: [] }
}

/** The term whose plan a copy is made of: the current one, or, once the step made `code` current, the one before it. */
export function copySourceOf(state: RolloverState, code: TermCode): TermCode | undefined {
  if (state.rolledTo !== code) return state.org.currentTerm === code ? previousOf(state.org, code) : state.org.currentTerm
  return previousOf(state.org, code)
}

function previousOf(org: Organisation, code: TermCode): TermCode | undefined {
  const before = org.terms.filter((t) => compareTermCodes(t.code, code) < 0).sort((a, b) => compareTermCodes(a.code, b.code))
  return before[before.length - 1]?.code
}

/** Nothing is left to do: the settings say so and the plan exists. */
export function isRolloverEmpty(preview: RolloverPreview): boolean {
  return preview.done && !preview.plan
}

/**
 * The settings' part of the step, in one transaction: the leaving classes archived, each moved
 * class's grade written as the preview says (only while it still has the grade it had then,
 * so a second run moves nothing again), the term added or its dates set, made current, and
 * the rollover recorded. Returns the errors instead, writing nothing, if the term no longer fits.
 */
export function applyRolloverSettings(doc: Y.Doc, preview: RolloverPreview, origin: TransactionOrigin = Origin.localEdit): OrgErrors<TermField> {
  const state = readRolloverState(doc)
  if (preview.done || state.rolledTo === preview.code || !preview.term) return {}
  const term = preview.term
  const existing = termByCode(state.org, term.code)
  const { errors } = checkTermDates(state.org, term.code, term.start, term.end)
  if (Object.keys(errors).length > 0) return errors
  doc.transact(() => {
    for (const cls of preview.leaving) {
      const map = classesMap(doc).get(cls.id)
      if (map instanceof Y.Map && map.get('archived') !== true) map.set('archived', true)
    }
    for (const move of preview.moves) {
      const map = classesMap(doc).get(move.cls.id)
      if (map instanceof Y.Map && map.get('grade') === move.from && map.get('archived') !== true) map.set('grade', move.to)
    }
    if (existing) updateTerm(doc, term.code, { start: term.start, end: term.end }, origin)
    else addTerm(doc, { code: term.code, start: term.start, end: term.end }, origin)
    setCurrentTerm(doc, term.code, origin)
    settingsMeta(doc).set('rolledTo', term.code)
  }, origin)
  return {}
}

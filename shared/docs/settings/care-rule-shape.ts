/**
 * What a care rule is (docs/SPEC.md U1): what must happen (a record of a type, with a method
 * when it matters, or the child's file made), how often (`times` in each week, month, quarter,
 * term, half year or year), by whom (the helpers of one pairing kind, or anyone who looks after
 * the child), for which children (every one, the priority ones, those with a concern flag, or
 * those of some risk colours), and whether it is switched on. The same check reads a form and a
 * value a peer wrote: it returns the errors by field, never throws.
 */
import { AID_KINDS, CONTACT_METHODS, GUARDIAN_CONTACT_METHODS, RECORD_TYPES, type RecordType } from '../child/records'
import { PAIRING_KINDS, type PairingKind } from '../child/pairings'
import { RISK_LEVELS, type RiskLevel } from '../child/child-fields'
import { checkValue, number, text, type FieldErrorCode } from '../../validation/fields'
import type { IsoDate } from '../../dates'

export const RULE_PERIODS = ['week', 'month', 'quarter', 'term', 'halfYear', 'year'] as const
export type RulePeriod = (typeof RULE_PERIODS)[number]

/** The concern flags a rule may pick children by, as the index row lists them (CONCERN_FLAGS). */
export const RULE_FLAGS = ['potential', 'health', 'psychological', 'safety'] as const
export type RuleFlag = (typeof RULE_FLAGS)[number]

export type RuleWhat = { record: RecordType; method?: string } | { filed: true }
export type RuleBy = { pairing: PairingKind } | { anyone: true }
export type RuleChildren = { all: true } | { priority: true } | { flag: RuleFlag } | { risk: RiskLevel[] }

/** A rule without its id: what a form edits and what the settings document stores under the id. */
export interface RuleBody {
  what: RuleWhat
  every: RulePeriod
  /** How many times in each period, at least (1–MAX_TIMES). */
  times: number
  by: RuleBy
  children: RuleChildren
  on: boolean
  /** The coordinator's own name for the rule; the words are made from the rule when absent. */
  title?: string
}

export interface CareRule extends RuleBody {
  id: string
}

export const MAX_TIMES = 31
export const MAX_RULE_TITLE = 60

/** The methods a rule may ask for, by record type (a parent contact by call, video or letter …). */
export const RECORD_METHODS: Partial<Record<RecordType, readonly string[]>> = {
  parentContact: CONTACT_METHODS,
  guardianContact: GUARDIAN_CONTACT_METHODS,
  aid: AID_KINDS,
}

export type RuleField = 'what' | 'method' | 'every' | 'times' | 'by' | 'children' | 'on' | 'title'
/** `filedEveryTerm`: a made file is asked for once a term, in its first month. */
export type RuleErrorCode = FieldErrorCode | 'filedEveryTerm' | 'noSuchRule' | 'notADefault' | 'isADefault'
export interface RuleError {
  code: RuleErrorCode
  params?: Record<string, string | number>
}
export type RuleErrors = Partial<Record<RuleField, RuleError>>

const FAR = '9999-12-31' as IsoDate
const isObject = (raw: unknown): raw is Record<string, unknown> => typeof raw === 'object' && raw !== null && !Array.isArray(raw)
const oneOf = <T extends string>(options: readonly T[], raw: unknown): raw is T => typeof raw === 'string' && (options as readonly string[]).includes(raw)

function checkWhat(raw: unknown, errors: RuleErrors): RuleWhat | undefined {
  if (!isObject(raw)) return void (errors.what = { code: 'required' })
  if (raw.filed === true) return { filed: true }
  if (!oneOf(RECORD_TYPES, raw.record)) return void (errors.what = { code: 'invalidChoice' })
  const method = raw.method
  if (method === undefined || method === '') return { record: raw.record }
  if (!oneOf(RECORD_METHODS[raw.record] ?? [], method)) return void (errors.method = { code: 'invalidChoice' })
  return { record: raw.record, method }
}

function checkBy(raw: unknown, errors: RuleErrors): RuleBy | undefined {
  if (isObject(raw) && raw.anyone === true) return { anyone: true }
  if (isObject(raw) && oneOf(PAIRING_KINDS, raw.pairing)) return { pairing: raw.pairing }
  errors.by = { code: isObject(raw) ? 'invalidChoice' : 'required' }
  return undefined
}

function checkChildren(raw: unknown, errors: RuleErrors): RuleChildren | undefined {
  if (!isObject(raw)) return void (errors.children = { code: 'required' })
  if (raw.all === true) return { all: true }
  if (raw.priority === true) return { priority: true }
  if (oneOf(RULE_FLAGS, raw.flag)) return { flag: raw.flag }
  if (Array.isArray(raw.risk)) {
    const levels = RISK_LEVELS.filter((level) => (raw.risk as unknown[]).includes(level))
    if (levels.length === 0 || raw.risk.some((level) => !oneOf(RISK_LEVELS, level))) return void (errors.children = { code: levels.length === 0 ? 'required' : 'invalidChoice' })
    return { risk: levels }
  }
  return void (errors.children = { code: 'invalidChoice' })
}

/** A rule's body checked whole, from a form or from a peer: the body, or the errors by field. */
export function checkRuleBody(raw: unknown): { body: RuleBody } | { errors: RuleErrors } {
  if (!isObject(raw)) return { errors: { what: { code: 'required' } } }
  const errors: RuleErrors = {}
  const what = checkWhat(raw.what, errors)
  const every = oneOf(RULE_PERIODS, raw.every) ? raw.every : undefined
  if (!every) errors.every = { code: raw.every === undefined ? 'required' : 'invalidChoice' }
  const times = checkValue(number(1, MAX_TIMES), raw.times, { today: FAR })
  if (!times.ok) errors.times = times.error
  else if (times.value === null) errors.times = { code: 'required' }
  const by = checkBy(raw.by, errors)
  const children = checkChildren(raw.children, errors)
  if (typeof raw.on !== 'boolean') errors.on = { code: 'invalidBool' }
  const title = checkValue(text(MAX_RULE_TITLE), raw.title, { today: FAR })
  if (!title.ok) errors.title = title.error
  if (what && 'filed' in what && every && (every !== 'term' || !times.ok || times.value !== 1)) errors.every = { code: 'filedEveryTerm' }
  if (!what || !every || !times.ok || !by || !children || !title.ok || Object.keys(errors).length > 0) return { errors }
  const body: RuleBody = { what, every, times: times.value as number, by, children, on: raw.on as boolean }
  if (typeof title.value === 'string') body.title = title.value
  return { body }
}

/** The plain value stored for a rule (the whole body: one entry, last writer wins). */
export function storedRule(body: RuleBody, added?: number): Record<string, unknown> {
  const { what, every, times, by, children, on, title } = body
  return { what: { ...what }, every, times, by: { ...by }, children: 'risk' in children ? { risk: [...children.risk] } : { ...children }, on, ...(title ? { title } : {}), ...(added !== undefined ? { added } : {}) }
}

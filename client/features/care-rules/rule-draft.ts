/**
 * A care rule as its form holds it while it is being typed: plain strings and choices, turned
 * into the rule the settings document checks whole (shared/docs/settings/care-rule-shape.ts).
 */
import type { RiskLevel } from '../../../shared/docs/child/child-fields'
import { RECORD_METHODS, type RuleBody, type RuleFlag, type RulePeriod } from '../../../shared/docs/settings/care-rules'

export type ChildrenChoice = 'all' | 'priority' | 'flag' | 'risk'

export interface RuleDraft {
  /** A record type, or 'filed'. */
  what: string
  /** '' for any way. */
  method: string
  every: RulePeriod
  times: string
  /** A pairing kind, or 'anyone'. */
  by: string
  children: ChildrenChoice
  flag: RuleFlag
  risk: RiskLevel[]
  title: string
  on: boolean
}

export const NEW_RULE: RuleDraft = { what: 'talk', method: '', every: 'month', times: '1', by: 'anyone', children: 'all', flag: 'potential', risk: ['red'], title: '', on: true }

export function draftOf(rule: RuleBody): RuleDraft {
  const c = rule.children
  return {
    what: 'filed' in rule.what ? 'filed' : rule.what.record,
    method: 'record' in rule.what ? (rule.what.method ?? '') : '',
    every: rule.every,
    times: String(rule.times),
    by: 'anyone' in rule.by ? 'anyone' : rule.by.pairing,
    children: 'all' in c ? 'all' : 'priority' in c ? 'priority' : 'flag' in c ? 'flag' : 'risk',
    flag: 'flag' in c ? c.flag : NEW_RULE.flag,
    risk: 'risk' in c ? [...c.risk] : NEW_RULE.risk,
    title: rule.title ?? '',
    on: rule.on,
  }
}

/** The methods offered for a draft's record type ([] when the type has none). */
export function methodsOf(what: string): readonly string[] {
  return (RECORD_METHODS as Record<string, readonly string[] | undefined>)[what] ?? []
}

/** The draft as a rule to check: unchecked, so a wrong value comes back as that field's error. */
export function bodyOf(draft: RuleDraft): Record<keyof RuleBody, unknown> {
  const method = methodsOf(draft.what).includes(draft.method) ? draft.method : ''
  return {
    what: draft.what === 'filed' ? { filed: true } : { record: draft.what, ...(method ? { method } : {}) },
    every: draft.every,
    times: draft.times,
    by: draft.by === 'anyone' ? { anyone: true } : { pairing: draft.by },
    children: draft.children === 'flag' ? { flag: draft.flag } : draft.children === 'risk' ? { risk: draft.risk } : { [draft.children]: true },
    on: draft.on,
    title: draft.title,
  }
}

/**
 * The workspace's care rules, kept in the settings document (docs/SPEC.md U1–U3): root
 * `careRules` Y.Map, rule id -> the rule's whole body as one plain value (care-rule-shape.ts).
 *
 * - The defaults (care-rule-defaults.ts) are in force until an entry of their id is written: a
 *   device that never edited a rule stores nothing, and an edit of a default is one entry.
 * - A rule is one value, not a Y.Map of fields: a nested map created by two coordinators offline
 *   would keep only one of them, while one value keeps the later whole edit (last writer wins),
 *   never half of each.
 * - Reading checks every entry (a peer may write anything there): a bad one is skipped and
 *   reported, never thrown, and a default under a bad entry stays as it is.
 * - Every write checks the whole rule first and changes nothing when any of it is wrong, in one
 *   transaction with a typed origin. Only the settings document's writers (coordinators) can
 *   write; every member reads (SPEC O6).
 */
import * as Y from 'yjs'
import { newId } from '../../doc-id'
import { isDocumentKey } from '../../ids'
import { Origin, type TransactionOrigin } from '../../origin'
import { DEFAULT_RULE_IDS, DEFAULT_RULES } from './care-rule-defaults'
import { checkRuleBody, storedRule, type CareRule, type RuleBody, type RuleErrors, type RuleErrorCode } from './care-rule-shape'

export * from './care-rule-shape'
export * from './care-rule-defaults'

export const careRulesMap = (doc: Y.Doc) => doc.getMap<unknown>('careRules')

/** How a rule came to be: a default as shipped, a default a coordinator changed, or one they added. */
export type RuleSource = 'default' | 'edited' | 'added'

export interface CareRuleView extends CareRule {
  source: RuleSource
}

/** An entry that could not be read as a rule, and why (its first error). */
export interface SkippedRule {
  id: string
  reason: RuleErrorCode | 'badId'
}

export interface CareRules {
  /** The defaults in their order, then the rules added, oldest first. */
  rules: CareRuleView[]
  skipped: SkippedRule[]
}

const firstError = (errors: RuleErrors): RuleErrorCode => Object.values(errors)[0]?.code ?? 'required'

/** The rules in force and those left out, every entry checked (SPEC U3). */
export function readCareRules(doc: Y.Doc): CareRules {
  const edited = new Map<string, RuleBody>()
  const added: { rule: CareRuleView; at: number }[] = []
  const skipped: SkippedRule[] = []
  careRulesMap(doc).forEach((raw, id) => {
    if (!isDocumentKey(id)) return void skipped.push({ id: String(id).slice(0, 64), reason: 'badId' })
    // A shared type under a rule's id is not a value any device of ours writes.
    const checked = raw instanceof Y.AbstractType ? { errors: { what: { code: 'required' as const } } } : checkRuleBody(raw)
    if ('errors' in checked) return void skipped.push({ id, reason: firstError(checked.errors) })
    if (DEFAULT_RULE_IDS.has(id)) edited.set(id, checked.body)
    else {
      const at = (raw as { added?: unknown }).added
      added.push({ rule: { id, ...checked.body, source: 'added' }, at: typeof at === 'number' && Number.isFinite(at) ? at : 0 })
    }
  })
  const defaults = DEFAULT_RULES.map((rule): CareRuleView => {
    const body = edited.get(rule.id)
    return body ? { id: rule.id, ...body, source: 'edited' } : { ...rule, source: 'default' }
  })
  // The id breaks ties, so every copy lists the rules alike (a map's order is the order entries arrived in).
  added.sort((a, b) => a.at - b.at || (a.rule.id < b.rule.id ? -1 : 1))
  skipped.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { rules: [...defaults, ...added.map((a) => a.rule)], skipped }
}

/** The rules switched on, as the due list takes them. */
export function rulesInForce(doc: Y.Doc): CareRule[] {
  return readCareRules(doc).rules.filter((r) => r.on)
}

/** Adds a rule, checked whole; returns its id, or the errors and nothing written. */
export function addRule(doc: Y.Doc, input: unknown, ctx: { now: number; origin?: TransactionOrigin }): { id: string } | { errors: RuleErrors } {
  const checked = checkRuleBody(input)
  if ('errors' in checked) return checked
  const id = newId()
  doc.transact(() => careRulesMap(doc).set(id, storedRule(checked.body, ctx.now)), ctx.origin ?? Origin.localEdit)
  return { id }
}

/** Changes what the patch names (as typed: it is checked here); the rest of the rule is kept and the whole is checked again. */
export function updateRule(doc: Y.Doc, id: string, patch: Partial<Record<keyof RuleBody, unknown>>, origin: TransactionOrigin = Origin.localEdit): RuleErrors {
  const current = readCareRules(doc).rules.find((r) => r.id === id)
  if (!current) return { what: { code: 'noSuchRule' } }
  const { what, every, times, by, children, on, title } = current
  // An empty title in the patch takes the rule's own title away (its words are made from it again).
  const checked = checkRuleBody({ what, every, times, by, children, on, ...(title ? { title } : {}), ...patch })
  if ('errors' in checked) return checked.errors
  const before = careRulesMap(doc).get(id) as { added?: unknown } | undefined
  const added = current.source === 'added' && typeof before?.added === 'number' ? before.added : undefined
  const value = storedRule(checked.body, added)
  if (JSON.stringify(careRulesMap(doc).get(id)) !== JSON.stringify(value)) doc.transact(() => careRulesMap(doc).set(id, value), origin)
  return {}
}

/** Switches a rule on or off (SPEC U4: its tasks go, and come back, with it). */
export function switchRule(doc: Y.Doc, id: string, on: boolean, origin: TransactionOrigin = Origin.localEdit): RuleErrors {
  return updateRule(doc, id, { on }, origin)
}

/** Puts a default back as shipped: its entry goes, so every device reads the default again. */
export function resetRule(doc: Y.Doc, id: string, origin: TransactionOrigin = Origin.localEdit): RuleErrors {
  if (!DEFAULT_RULE_IDS.has(id)) return { what: { code: 'notADefault' } }
  if (careRulesMap(doc).has(id)) doc.transact(() => careRulesMap(doc).delete(id), origin)
  return {}
}

/** Removes a rule a coordinator added (a default is switched off or reset instead). */
export function removeRule(doc: Y.Doc, id: string, origin: TransactionOrigin = Origin.localEdit): RuleErrors {
  if (DEFAULT_RULE_IDS.has(id)) return { what: { code: 'isADefault' } }
  if (!careRulesMap(doc).has(id)) return { what: { code: 'noSuchRule' } }
  doc.transact(() => careRulesMap(doc).delete(id), origin)
  return {}
}

/**
 * "Against the rules": talks, home visits and parent contacts of a period, the records made
 * and the children they reached beside what the care rules asked (../shared/DOMAIN.md, "Care
 * rules"). What was asked is counted once, in computeFigures (`rulesMet`, SPEC Z9), by the same
 * judgement as the due list (shared/care/due.ts): this only lays the figures out by type.
 */
import { RULED_TYPES, type Figures, type RuledType, type RulesMet } from '../../../shared/figures/figures'

export { RULED_TYPES, type RuledType }

export interface RuledCount {
  type: RuledType
  /** Records of this type in the period, and the different children they reached. */
  done: number
  children: number
  /** The rules' tasks for this type in the period; undefined when no rule asks for it. */
  rules?: RulesMet
}

export function againstRules(figures: Figures): RuledCount[] {
  return RULED_TYPES.map((type) => {
    const rules = figures.rulesMet?.[type]
    return { type, done: figures.records[type] ?? 0, children: figures.childrenReached[type] ?? 0, ...(rules && rules.tasks > 0 ? { rules } : {}) }
  })
}

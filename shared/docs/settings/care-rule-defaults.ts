/**
 * The care rules every workspace starts with (docs/SPEC.md U2): the seed's nine
 * (../shared/DOMAIN.md, "Care rules (the cadences)"), and a home-visit cadence for each risk
 * colour (四色檔案, "Risk levels and official forms"), which are off until a coordinator sets
 * them. Their ids are fixed, so two devices that never edited a rule agree on it, and an edit of
 * a default is one entry under its id.
 */
import type { RiskLevel } from '../child/child-fields'
import type { CareRule, RulePeriod } from './care-rule-shape'

/** The id of the home-visit rule of a risk colour: the rules page shows them as one table. */
export const riskRuleId = (level: RiskLevel) => `visit-risk-${level}`

export const DEFAULT_RULES: readonly CareRule[] = [
  // 1. The class teacher talks with each left-behind child once a month and fills the record card (篇1 §6).
  { id: 'talk-monthly-teacher', what: { record: 'talk' }, every: 'month', times: 1, by: { pairing: 'classTeacher' }, children: { all: true }, on: true },
  // 2. A caring mother talks with her child once a week (篇1 (4)).
  { id: 'talk-weekly-caring-mother', what: { record: 'talk' }, every: 'week', times: 1, by: { pairing: 'caringMother' }, children: { all: true }, on: true },
  // 3. The child calls or writes to the parents once a month (篇10, 篇21).
  { id: 'parent-contact-monthly', what: { record: 'parentContact' }, every: 'month', times: 1, by: { anyone: true }, children: { all: true }, on: true },
  // 4. Someone contacts the temporary guardian once a month (篇21).
  { id: 'guardian-contact-monthly', what: { record: 'guardianContact' }, every: 'month', times: 1, by: { anyone: true }, children: { all: true }, on: true },
  // 5. Home visits at least twice a term (篇17, 篇27), by the class teacher (篇21: start, middle, end).
  { id: 'home-visit-termly-teacher', what: { record: 'homeVisit' }, every: 'term', times: 2, by: { pairing: 'classTeacher' }, children: { all: true }, on: true },
  // 6. A proxy parent's "five ones" (篇2): at least one contact with the child each month.
  { id: 'proxy-parent-monthly', what: { record: 'talk' }, every: 'month', times: 1, by: { pairing: 'proxyParent' }, children: { all: true }, on: true },
  // 7. "Three ones" (篇18): a paired cadre visits the family every half year.
  { id: 'home-visit-half-year-cadre', what: { record: 'homeVisit' }, every: 'halfYear', times: 1, by: { pairing: 'cadre' }, children: { all: true }, on: true },
  // 8. Files are made within the first month of a term (篇3).
  { id: 'file-first-month', what: { filed: true }, every: 'term', times: 1, by: { pairing: 'classTeacher' }, children: { all: true }, on: true },
  // 9. One lecture on law, safety and mental health each term (篇1): each child takes part in an activity.
  { id: 'activity-termly', what: { record: 'activity' }, every: 'term', times: 1, by: { anyone: true }, children: { all: true }, on: true },
  ...riskVisits({ red: 'week', yellow: 'month', blue: 'quarter', green: 'halfYear' }),
]

function riskVisits(every: Record<RiskLevel, RulePeriod>): CareRule[] {
  return (Object.entries(every) as [RiskLevel, RulePeriod][]).map(([level, period]) => ({
    id: riskRuleId(level),
    what: { record: 'homeVisit' },
    every: period,
    times: 1,
    by: { anyone: true },
    children: { risk: [level] },
    on: false,
  }))
}

export const DEFAULT_RULE_IDS: ReadonlySet<string> = new Set(DEFAULT_RULES.map((r) => r.id))

/**
 * Class ids in the organisation's order (school, then grade, then 班號, as readOrganisation lists
 * them), so lists show 一年級 before 二年級 and never sort class ids as text. Ids the organisation
 * does not know follow, as text; no class ('') comes last.
 */
import type { Organisation } from '../../shared/docs/settings/organisation'

const collator = new Intl.Collator('zh', { numeric: true })

export function classIdOrder(org: Organisation): (a: string, b: string) => number {
  const rank = new Map(org.classes.map((c, i) => [c.id, i]))
  return (a, b) => {
    const ra = rank.get(a)
    const rb = rank.get(b)
    if (ra !== undefined && rb !== undefined) return ra - rb
    if (ra !== undefined || rb !== undefined) return ra !== undefined ? -1 : 1
    if ((a === '') !== (b === '')) return a === '' ? 1 : -1
    return collator.compare(a, b)
  }
}

import type { PlanView } from '../../ui/use-route'

/** A term's plan: month by month, a filtered list, the print view, or one item (SPEC T). Being built. */
export function PlanPage(_props: { term?: string | undefined; view?: PlanView | undefined; itemId?: string | undefined }) {
  return null
}

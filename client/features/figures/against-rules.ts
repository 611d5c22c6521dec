/**
 * "Against the rules": talks, home visits and parent contacts done this month and term beside
 * what the care rules made due (../shared/DOMAIN.md, "Care rules"). The due list is another
 * piece of work (shared/care/due.ts, `dueTasks`); until it lands this is the one slot to wire
 * it into, and the page shows the records made and the children they reached meanwhile. Do not
 * count what is due here: the rules are written once, there.
 */
import type { Figures } from '../../../shared/figures/figures'

/** The record types whose cadence the care rules set, in the order the page lists them. */
export const RULED_TYPES = ['talk', 'homeVisit', 'parentContact'] as const
export type RuledType = (typeof RULED_TYPES)[number]

export interface RuledCount {
  type: RuledType
  /** Records of this type in the period, and the different children they reached. */
  done: number
  children: number
  /** What the care rules made due in the period, once shared/care/due.ts gives it; undefined until then. */
  due?: number
}

/**
 * DUE LIST SLOT: when shared/care/due.ts exists, pass its `dueTasks` for the period and scope
 * here and fill `due` (tasks due in the period) for each type. Until then `due` stays unset.
 */
export type DueForPeriod = (type: RuledType) => number | undefined

export function againstRules(figures: Figures, dueFor: DueForPeriod = () => undefined): RuledCount[] {
  return RULED_TYPES.map((type) => {
    const due = dueFor(type)
    return { type, done: figures.records[type] ?? 0, children: figures.childrenReached[type] ?? 0, ...(due !== undefined ? { due } : {}) }
  })
}

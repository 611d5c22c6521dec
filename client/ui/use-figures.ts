/**
 * What the figures are computed from on this device (SPEC Z1): the index rows (never the
 * children's documents), the organisation, and the term's plan for its activities. The figures
 * page, the term summary and a published report all compute from this with computeFigures,
 * so they cannot disagree.
 */
import { useMemo } from 'react'
import * as Y from 'yjs'
import { planDocumentId } from '../../shared/doc-id'
import { readPlan, type PlanItem } from '../../shared/docs/plan/plan'
import type { Organisation } from '../../shared/docs/settings/organisation-read'
import { computeFigures, type FigureFilter, type FigurePeriod, type Figures, type FiguresInput } from '../../shared/figures/figures'
import type { IndexRows } from '../../shared/indexes/rows'
import { useCareRules } from './use-care-rules'
import { useDocState } from './use-doc-state'
import { useToday } from './use-due-tasks'
import { useLiveIndex } from './use-live'
import { useOpenDoc } from './use-open-doc'
import { useOrganisation } from './use-organisation'
import { useWorkspace } from './use-session'

const NO_ITEMS: PlanItem[] = []

export interface FiguresSource {
  org: Organisation
  rows: IndexRows
  planItems: readonly PlanItem[]
  /** The care rules and today, for what was done against the rules (SPEC Z9); without them, that is not counted. */
  care?: FiguresInput['care']
}

/** The rows, organisation and the plan items of `term` (the term the period falls in), following every change; undefined while the rows load. */
export function useFiguresSource(term: string): FiguresSource | undefined {
  const workspace = useWorkspace()
  const org = useOrganisation()
  const rows = useLiveIndex(() => workspace.queries.indexRows(), [])
  const planItems = usePlanItems(term)
  const { rules } = useCareRules()
  const today = useToday()
  return useMemo(() => (rows ? { org, rows, planItems, care: { rules, today } } : undefined), [org, rows, planItems, rules, today])
}

/** The figures of a period, recomputed only when what they read or the period changes. */
export function useFigures(source: FiguresSource | undefined, period: FigurePeriod | undefined, filter: FigureFilter): Figures | undefined {
  const key = JSON.stringify(filter)
  return useMemo(
    () => (source && period ? computeFigures(figuresInput(source, period, JSON.parse(key) as FigureFilter)) : undefined),
    [source, period, key],
  )
}

export function figuresInput(source: FiguresSource, period: FigurePeriod, filter: FigureFilter): FiguresInput {
  return { org: source.org, ...source.rows, planItems: period.term !== undefined ? source.planItems : [], period, filter, ...(source.care ? { care: source.care } : {}) }
}

function usePlanItems(term: string): readonly PlanItem[] {
  const workspace = useWorkspace()
  // The plan of a term is one document: open it as the plan page does (it reads offline).
  const open = useOpenDoc(planDocumentId(workspace.workspaceId, term))
  return useDocState(open?.doc ?? NO_DOC, (doc) => (doc === NO_DOC ? NO_ITEMS : readPlan(doc).items), (items) => JSON.stringify(items))
}

/** Read while the plan loads: no items. */
const NO_DOC = new Y.Doc()

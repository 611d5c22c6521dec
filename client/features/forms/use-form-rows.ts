/**
 * The index rows the forms are made from, live (SPEC V1): every child and pairing on the
 * device, and the aid and home-visit records dated in the period. Never a child's document.
 * Undefined until all three have been read once.
 */
import { useMemo } from 'react'
import type { ChildRow, PairingRow, RecordRow } from '../../../shared/indexes/rows'
import { useLive } from '../../ui/use-live'
import { useWorkspace } from '../../ui/use-session'

export interface FormRows {
  children: ChildRow[]
  pairings: PairingRow[]
  records: RecordRow[]
}

export function useFormRows(from: string, to: string): FormRows | undefined {
  const workspace = useWorkspace()
  const children = useLive(() => workspace.queries.children(), [])
  const pairings = useLive(() => workspace.queries.pairings(), [])
  const records = useLive(
    async () => {
      const [aid, visits] = await Promise.all([workspace.queries.recordsBetween('aid', from, to), workspace.queries.recordsBetween('homeVisit', from, to)])
      return [...aid, ...visits]
    },
    [from, to],
  )
  // One object while the rows are the same, so what is computed from them is not computed again each render.
  return useMemo(() => (children && pairings && records ? { children, pairings, records } : undefined), [children, pairings, records])
}

/**
 * The published reports this device holds, newest term first (docs/SPEC.md J5): read from the
 * stored report documents without opening a socket for each, and followed as background sync
 * pulls new editions. A supervisor's device holds reports and settings only (J2).
 */
import { useMemo } from 'react'
import * as Y from 'yjs'
import { readReport, type Report } from '../../../shared/docs/report/report'
import { compareTermCodes, type TermCode } from '../../../shared/docs/settings/term-code'
import { useLive } from '../../ui/use-live'
import { useWorkspace } from '../../ui/use-session'

export interface TermReport {
  term: string
  report: Report
}

/** Terms with at least one readable edition; undefined while the store is read. */
export function useReports(): TermReport[] | undefined {
  const workspace = useWorkspace()
  const prefix = `${workspace.workspaceId}/report/`
  const stored = useLive(() => workspace.queries.storedUnder(prefix), [prefix])
  return useMemo(() => {
    if (!stored) return undefined
    const out: TermReport[] = []
    for (const { docId, update } of stored) {
      const doc = new Y.Doc()
      try {
        Y.applyUpdate(doc, update)
        const report = readReport(doc)
        if (report.editions.length > 0) out.push({ term: docId.slice(prefix.length), report })
      } catch (error) {
        // A stored copy Yjs cannot read is left out, not thrown at the page.
        console.warn('a stored report could not be read', error)
      } finally {
        doc.destroy()
      }
    }
    return out.sort((a, b) => compareTermCodes(b.term as TermCode, a.term as TermCode))
  }, [stored, prefix])
}

/**
 * Writes checked roster rows as new case files: one child document per row, created in the
 * local store in batches (so a phone stays responsive and the progress bar moves), each
 * confirmed stored before it counts as created. The relay gets them by the usual sync.
 */
import { childDocumentId, newId, type DocumentId } from '../../../shared/doc-id'
import { createChildFile, type Author } from '../../../shared/docs/child/child'
import type { IsoDate } from '../../../shared/dates'
import type { RosterRowResult } from '../../../shared/roster/validate'
import type { Workspace } from '../../runtime/workspace'

/** What an import needs of the workspace. */
export type ImportTarget = Pick<Workspace, 'workspaceId' | 'createDocument'> & { queries: Pick<Workspace['queries'], 'storedIn'> }

export type ImportFailure =
  /** The row's values did not pass the case-file checks when written (not expected after validation). */
  | 'invalid'
  /** The local store refused the write (full, or evicted). */
  | 'storage'

export interface ImportOutcome {
  created: { row: number; childId: string }[]
  failed: { row: number; reason: ImportFailure }[]
  /** Rows left alone because the user cancelled. */
  skipped: number[]
}

export interface ImportOptions {
  author: Author
  today: IsoDate
  /** The time each file is stamped with: the workspace's clock, corrected to the relay's. */
  now?: () => number
  batchSize?: number
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

class InvalidRow extends Error {}

/** Creates one case file per row; never throws for a row: each one's fate is in the outcome. */
export async function importRosterRows(
  target: ImportTarget,
  rows: readonly RosterRowResult[],
  options: ImportOptions,
): Promise<ImportOutcome> {
  const { batchSize = 25, signal, onProgress } = options
  const outcome: ImportOutcome = { created: [], failed: [], skipped: [] }
  onProgress?.(0, rows.length)
  for (let start = 0; start < rows.length; start += batchSize) {
    if (signal?.aborted) {
      outcome.skipped.push(...rows.slice(start).map((r) => r.row))
      break
    }
    const batch = rows.slice(start, start + batchSize).map((row) => {
      const childId = newId()
      return { row, childId, docId: childDocumentId(target.workspaceId, childId) }
    })
    const ctx = { author: options.author, today: options.today, now: options.now?.() ?? Date.now() }
    const results = await Promise.allSettled(
      batch.map(({ row, docId }) =>
        target.createDocument(docId, (doc) => {
          const errors = createChildFile(doc, row.values, ctx)
          if (Object.keys(errors).length > 0) throw new InvalidRow(`row ${row.row}: ${JSON.stringify(errors)}`)
        }),
      ),
    )
    // A write the store refused is logged, not thrown: so each new document is looked for.
    const stored = await storedDocIds(target, batch.map((b) => b.docId))
    batch.forEach(({ row, childId, docId }, i) => {
      const result = results[i]
      if (result?.status === 'rejected') {
        console.warn('roster import: row not created', row.row, result.reason)
        outcome.failed.push({ row: row.row, reason: result.reason instanceof InvalidRow ? 'invalid' : 'storage' })
      } else if (!stored.has(docId)) {
        console.warn('roster import: row not stored', row.row)
        outcome.failed.push({ row: row.row, reason: 'storage' })
      } else {
        outcome.created.push({ row: row.row, childId })
      }
    })
    onProgress?.(Math.min(start + batchSize, rows.length), rows.length)
  }
  return outcome
}

async function storedDocIds(target: ImportTarget, docIds: DocumentId[]): Promise<Set<string>> {
  try {
    return await target.queries.storedIn(docIds)
  } catch (error) {
    console.warn('roster import: cannot check the local store', error)
    return new Set()
  }
}

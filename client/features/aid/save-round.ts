/**
 * Saving a gift or aid round (docs/SPEC.md G2): who receives what goes into the term's plan
 * (shared/docs/plan/distribution.ts `setRecipients`), then each changed child's file gets its
 * aid record through the workspace, a few files at a time so the progress bar moves. Nothing is
 * half-saved: every amount is checked and every file must be on this device before anything is
 * written; a file that then fails to store is named, and saving again brings it in line (the
 * record's id is the round's, so a repeat never doubles it).
 */
import type * as Y from 'yjs'
import { childDocumentId } from '../../../shared/doc-id'
import type { EditContext } from '../../../shared/docs/child/child'
import { readDistributions, readRecipients, setRecipients, syncAidRecord, type Recipient } from '../../../shared/docs/plan/distribution'
import type { FieldError } from '../../../shared/validation/fields'
import type { Workspace } from '../../runtime/workspace'

export type RoundTarget = Pick<Workspace, 'workspaceId' | 'editDocument'> & { queries: Pick<Workspace['queries'], 'storedIn'> }

export interface RoundChange {
  set: readonly Recipient[]
  remove: readonly string[]
}

export type SaveOutcome =
  | { refused: 'amounts'; errors: Record<string, FieldError> }
  | { refused: 'notOnDevice'; childIds: string[] }
  | { refused: 'noRound' }
  | { written: string[]; failed: string[] }

export async function saveRound(
  target: RoundTarget,
  plan: Y.Doc,
  term: string,
  distId: string,
  change: RoundChange,
  context: () => EditContext,
  onProgress?: (done: number, total: number) => void,
): Promise<SaveOutcome> {
  const ids = [...change.set.map((r) => r.childId), ...change.remove]
  const docIds = ids.map((id) => childDocumentId(target.workspaceId, id))
  const stored = await target.queries.storedIn(docIds)
  const missing = ids.filter((_, i) => !stored.has(docIds[i] as string))
  if (missing.length > 0) return { refused: 'notOnDevice', childIds: missing }
  if (!readDistributions(plan).some((d) => d.id === distId)) return { refused: 'noRound' }
  const { author, now } = context()
  const result = setRecipients(plan, distId, change, { author, now })
  if ('errors' in result) return { refused: 'amounts', errors: result.errors }
  return syncFiles(target, plan, term, distId, result.changed, context, onProgress)
}

/** Brings these children's files in line with the round as the plan holds it now. */
export async function syncFiles(
  target: Pick<RoundTarget, 'workspaceId' | 'editDocument'>,
  plan: Y.Doc,
  term: string,
  distId: string,
  childIds: readonly string[],
  context: () => EditContext,
  onProgress?: (done: number, total: number) => void,
  batchSize = 10,
): Promise<{ written: string[]; failed: string[] }> {
  const dist = readDistributions(plan).find((d) => d.id === distId)
  const recipients = new Map(readRecipients(plan, distId).map((r) => [r.childId, r]))
  const outcome = { written: [] as string[], failed: [] as string[] }
  if (!dist) return { written: [], failed: [...childIds] }
  onProgress?.(0, childIds.length)
  for (let start = 0; start < childIds.length; start += batchSize) {
    const batch = childIds.slice(start, start + batchSize)
    const results = await Promise.allSettled(
      batch.map((childId) => target.editDocument(childDocumentId(target.workspaceId, childId), (doc) => void syncAidRecord(doc, term, dist, recipients.get(childId), context()))),
    )
    results.forEach((r, i) => {
      const childId = batch[i] ?? ''
      if (r.status === 'fulfilled') outcome.written.push(childId)
      else {
        console.warn('aid record not written', childId, r.reason)
        outcome.failed.push(childId)
      }
    })
    onProgress?.(Math.min(start + batchSize, childIds.length), childIds.length)
  }
  return outcome
}

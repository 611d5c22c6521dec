/**
 * Writes a share-out into the children's files: `pairAccount` in each file, opened through the
 * workspace as any edit is (so it syncs as the coordinator's own change, SPEC P3), a few at a
 * time so the progress bar moves, each confirmed stored before it counts. Ending a pairing is
 * the same, one file. Pairing twice is one pairing (pairAccount), so a retry after a failure
 * is safe.
 */
import type * as Y from 'yjs'
import { childDocumentId } from '../../../shared/doc-id'
import type { EditContext } from '../../../shared/docs/child/child'
import { endPairing, pairAccount, type PairingKind } from '../../../shared/docs/child/pairings'
import type { IsoDate } from '../../../shared/dates'
import type { Workspace } from '../../runtime/workspace'

export type PairingTarget = Pick<Workspace, 'workspaceId' | 'open' | 'release' | 'flushed'>

export interface Assignment {
  childId: string
  userId: string
  name: string
  /** This pairing's own kind and start (a spreadsheet's rows), else the plan's. */
  kind?: PairingKind
  from?: IsoDate
}

export interface ApplyOutcome {
  paired: string[]
  failed: string[]
}

export async function applyAssignments(
  target: PairingTarget,
  assignments: readonly Assignment[],
  plan: { kind: PairingKind; from: IsoDate },
  context: () => EditContext,
  onProgress?: (done: number, total: number) => void,
  batchSize = 10,
): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { paired: [], failed: [] }
  onProgress?.(0, assignments.length)
  for (let start = 0; start < assignments.length; start += batchSize) {
    const batch = assignments.slice(start, start + batchSize)
    const results = await Promise.allSettled(
      batch.map((a) =>
        inFile(target, a.childId, (doc) => {
          const result = pairAccount(doc, { userId: a.userId, name: a.name, kind: a.kind ?? plan.kind, from: a.from ?? plan.from }, context())
          if ('errors' in result) throw new Error(`pairing refused: ${JSON.stringify(result.errors)}`)
        }),
      ),
    )
    results.forEach((r, i) => {
      const childId = batch[i]?.childId ?? ''
      if (r.status === 'fulfilled') outcome.paired.push(childId)
      else {
        console.warn('pairing not written', childId, r.reason)
        outcome.failed.push(childId)
      }
    })
    onProgress?.(Math.min(start + batchSize, assignments.length), assignments.length)
  }
  return outcome
}

/** Ends one pairing as of `to` (its last day); false if the file no longer has it. */
export function endPairingIn(target: PairingTarget, childId: string, pairingId: string, to: IsoDate, context: () => EditContext): Promise<boolean> {
  let ended = false
  return inFile(target, childId, (doc) => void (ended = endPairing(doc, pairingId, to, context()))).then(() => ended)
}

async function inFile(target: PairingTarget, childId: string, write: (doc: Y.Doc) => void): Promise<void> {
  const docId = childDocumentId(target.workspaceId, childId)
  const { doc } = await target.open(docId)
  try {
    write(doc)
    await target.flushed(docId)
  } finally {
    target.release(docId)
  }
}

/**
 * Saving the calls to parents made at a session of the children's home (docs/SPEC.md G6): the
 * calls go into the term's plan (shared/docs/plan/home.ts `setCalls`), then each called child's
 * file gets its parent-contact record through the workspace. As with an aid round, every value
 * is checked and every file must be on this device before anything is written; the record's id
 * is the session's and the child's, so saving again never doubles it.
 */
import type * as Y from 'yjs'
import { childDocumentId } from '../../../shared/doc-id'
import type { EditContext } from '../../../shared/docs/child/child'
import { readHome, setCalls, syncCallRecord, type CallInput, type CALL_FIELDS } from '../../../shared/docs/plan/home'
import type { FieldError } from '../../../shared/validation/fields'
import type { Workspace } from '../../runtime/workspace'

export type CallsTarget = Pick<Workspace, 'workspaceId' | 'editDocument'> & { queries: Pick<Workspace['queries'], 'storedIn'> }

export type CallsOutcome =
  | { refused: 'values'; errors: Record<string, Partial<Record<keyof typeof CALL_FIELDS, FieldError>>> }
  | { refused: 'notOnDevice'; childIds: string[] }
  | { written: string[]; failed: string[] }

export async function saveCalls(
  target: CallsTarget,
  plan: Y.Doc,
  term: string,
  sid: string,
  change: { set?: readonly CallInput[]; remove?: readonly string[] },
  context: () => EditContext,
): Promise<CallsOutcome> {
  const ids = [...(change.set ?? []).map((c) => c.childId), ...(change.remove ?? [])]
  const docIds = ids.map((id) => childDocumentId(target.workspaceId, id))
  const stored = await target.queries.storedIn(docIds)
  const missing = ids.filter((_, i) => !stored.has(docIds[i] as string))
  if (missing.length > 0) return { refused: 'notOnDevice', childIds: missing }
  const { author, now } = context()
  const result = setCalls(plan, sid, change, { author, now })
  if ('errors' in result) return { refused: 'values', errors: result.errors }
  const session = readHome(plan).sessions.find((s) => s.id === sid)
  const outcome = { written: [] as string[], failed: [] as string[] }
  for (const childId of result.changed) {
    try {
      const call = session?.calls.find((c) => c.childId === childId)
      await target.editDocument(childDocumentId(target.workspaceId, childId), (doc) => {
        if (session) syncCallRecord(doc, term, session, childId, call, context())
      })
      outcome.written.push(childId)
    } catch (error) {
      console.warn('call not written to the file', childId, error)
      outcome.failed.push(childId)
    }
  }
  return outcome
}

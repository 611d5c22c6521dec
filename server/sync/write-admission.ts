/**
 * Whether one write may be taken into a document (SPEC Q2, Q3, Q8, Q10, R): within the limits,
 * screened from the update alone where the kind can judge it so, else applied to the guard's
 * copy and inspected there by the kind's rules. Throws RefusedWrite (or RejectedUpdate, for an
 * update no client could apply), changing nothing; returns what to audit once it is committed.
 */
import { onlyAddsNew } from '../../shared/dependencies'
import type { WriteVerdict } from '../../shared/docs/kind'
import { kindOf } from '../../shared/docs/registry'
import type { AuthenticatedWriter } from '../../shared/docs/write-rules'
import { RefusedWrite, type UpdateGuard } from './update-guard'
import { limitRefusal, type WriteLimits } from './write-limits'

export interface AdmissionContext {
  docId: string
  guard: UpdateGuard
  limits: WriteLimits
  /** The file's stored bytes and what is being committed. */
  storedBytes(): number
}

export function admitWrite(ctx: AdmissionContext, update: Uint8Array, writer: AuthenticatedWriter, now: number): WriteVerdict['audit'] {
  const { docId, guard } = ctx
  const reason = limitRefusal(update, ctx.storedBytes(), () => guard.stateVector(), ctx.limits)
  if (reason) throw new RefusedWrite(reason)
  const spec = kindOf(docId)?.spec
  // Refused from the update alone where it only adds what is new: no copy of the file is touched (SPEC Q10).
  const screened = spec?.screenWrite && onlyAddsNew(update, guard.stateVector()) ? screen(docId, update, writer, now) : undefined
  if (screened) throw new RefusedWrite(screened)
  const inspect = spec?.inspectWrite
  if (!inspect) {
    guard.admit(update)
    return []
  }
  const verdict = guard.admit(update, (doc, apply) => {
    const found = inspect(doc, apply, writer, now)
    if (found.refused) throw new RefusedWrite(found.refused)
    return found
  })
  return verdict?.audit ?? []
}

/** The kind's judgement of an update that only adds (SPEC Q10); one it cannot judge is left to the guard. */
function screen(docId: string, update: Uint8Array, writer: AuthenticatedWriter, now: number): string | undefined {
  try {
    return kindOf(docId)?.spec.screenWrite?.(update, writer, now)
  } catch {
    return undefined
  }
}

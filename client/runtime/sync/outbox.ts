/**
 * Requests to the relay that this device owes it, sent in the order they were made, at the
 * start of each background round (before any push: docs/SPEC.md X1): a new child's class,
 * "viewed" and "exported" reports for the audit trail (with the time they happened).
 * A request the relay can never take (400, 403, 404) is dropped; on anything else (offline,
 * signed out, failing) the rest wait for the next round, in order. A request made for a
 * document that the relay refuses is told to the caller with the relay's code (SPEC X3): a
 * teacher's new child in a class not theirs will never be theirs, and must not look created.
 */
import { ApiPath } from '../../../shared/auth-api'
import type { RelayRequest } from '../../../shared/docs/kind'
import type { ShouwangDb } from '../store/db'
import { queuedRequests, removeRequest } from '../store/outbox'
import { failureCodeOf, type FailureCode, type RelayHttp } from './relay-http'

export type AuditAction = 'viewed' | 'exported' | 'rolledOver'

/** A report of what the user did with a file on this device (opening and changing the relay sees itself); `term` for a rollover. */
export function auditRequest(docId: string, action: AuditAction, at = Date.now(), term?: string): RelayRequest {
  return { path: ApiPath.audit, body: { docId, action, at, ...(term ? { term } : {}) } }
}

const NEVER_TAKEN = new Set([400, 403, 404])

/** A request made for a document that the relay will never take, and its code for why. */
export interface RefusedRequest {
  docId: string
  code: FailureCode
}

/** Sends what is queued; returns how many the relay took. `onRefused` hears of each refused request made for a document. */
export async function flushOutbox(db: ShouwangDb, http: RelayHttp, onRefused?: (refused: RefusedRequest) => Promise<void>): Promise<number> {
  let sent = 0
  for (const entry of await queuedRequests(db)) {
    let response: Response
    try {
      response = await http.send(entry.path, { body: entry.body })
    } catch {
      return sent
    }
    if (!response.ok && !NEVER_TAKEN.has(response.status)) return sent
    if (!response.ok && entry.docId !== undefined && onRefused) {
      await onRefused({ docId: entry.docId, code: failureCodeOf(response.status, await response.json().catch(() => undefined)) })
    }
    await removeRequest(db, entry.id ?? 0)
    if (response.ok) sent++
  }
  return sent
}

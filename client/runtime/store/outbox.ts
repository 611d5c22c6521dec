/** Requests to the relay queued on the device until they can be sent (runtime/sync/outbox.ts). */
import type { RelayRequest } from '../../../shared/docs/kind'
import type { OutboxEntry, ShouwangDb } from './db'

/** `docId`: the document the requests are made for (a new child's class), told if the relay refuses one. */
export async function enqueueRequests(
  db: ShouwangDb,
  requests: readonly RelayRequest[],
  { at = Date.now(), docId }: { at?: number; docId?: string } = {},
): Promise<void> {
  if (requests.length > 0) await db.outbox.bulkAdd(requests.map((r) => ({ path: r.path, body: r.body, at, ...(docId ? { docId } : {}) })))
}

/** The queue, oldest first. */
export function queuedRequests(db: ShouwangDb): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('id').toArray()
}

export async function removeRequest(db: ShouwangDb, id: number): Promise<void> {
  await db.outbox.delete(id)
}

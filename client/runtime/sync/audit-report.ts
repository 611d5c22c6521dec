/**
 * Tells the relay's audit trail that this user viewed or exported (printed) a child's file.
 * Opening and changing are recorded by the relay itself; these two happen only on the device,
 * so they are queued in the workspace's own database (wiped at sign-out with everything else)
 * and sent now if online, else by the next background round, with the time they happened.
 */
import type { ShouwangDb } from '../store/db'

const PREFIX = 'audit:'

interface QueuedReport {
  docId: string
  action: 'viewed' | 'exported'
  at: number
}

export async function reportAudit(db: ShouwangDb, docId: string, action: QueuedReport['action'], send?: () => void): Promise<void> {
  const key = `${PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  await db.meta.put({ key, value: { docId, action, at: Date.now() } satisfies QueuedReport })
  send?.()
}

/** Sends queued reports; keeps those the relay could not take now (offline, signed out, failing). */
export async function flushAuditReports(db: ShouwangDb, post: (body: QueuedReport) => Promise<Response>): Promise<number> {
  const queued = await db.meta.where('key').startsWith(PREFIX).toArray()
  let sent = 0
  for (const { key, value } of queued) {
    const report = value as QueuedReport
    let response: Response
    try {
      response = await post(report)
    } catch {
      return sent
    }
    // 400/403: this report can never be taken (the file is no longer this user's): dropped.
    if (response.ok || response.status === 400 || response.status === 403) {
      await db.meta.delete(key)
      if (response.ok) sent++
    } else return sent
  }
  return sent
}

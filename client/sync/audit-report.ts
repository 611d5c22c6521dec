/**
 * Tells the relay's audit trail that this user viewed or exported (printed) a child's file.
 * Opening and changing are recorded by the relay itself; these two happen only on the device.
 * Best effort: offline, nothing is sent (the relay still records the file's sync when it opens).
 */
export function reportAudit(docId: string, action: 'viewed' | 'exported'): void {
  if (typeof navigator !== 'undefined' && !navigator.onLine) return
  void fetch('/api/audit', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ docId, action }),
  }).catch(() => {})
}

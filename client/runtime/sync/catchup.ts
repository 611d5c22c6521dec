/**
 * Background catch-up from the relay's log (GET /api/catchup, docs/SPEC.md S10–S13): page by
 * page, each at most 256 KB, holding the stored updates after the device's cursor merged per
 * document. Each page is stored with the cursor after it in one transaction before the next is
 * asked, so a cut resumes at the page it stopped in. An update larger than a page comes in parts,
 * kept in memory until the last one (a cut sends that one update again, from its start).
 */
import * as Y from 'yjs'
import { CATCHUP_PAGE_BYTES, decodeCatchupPage, type CatchupPage } from '../../../shared/sync/catchup-page'
import type { ShouwangDb } from '../store/db'
import { storeCatchupPage } from '../store/catchup-store'
import { loadCursor } from '../store/sync-cursor'
import { ClientFailure, RelayRequestError, failureCodeOf, type RelayHttp } from './relay-http'

export interface CatchupResult {
  /** Documents that received updates. */
  pulled: number
  /** What the relay said of the caller's reach and of erasures, for the access check (background-sync.ts). */
  scope: string
  erasures: string
  /** The caller's reach changed since the cursor was stored: the cursor no longer says what the device has. */
  scopeChanged: boolean
}

/** Reads one page; anything but a well-formed page of at most the cap is a failed request. */
async function fetchPage(http: RelayHttp, path: string, timeoutMs: number): Promise<CatchupPage> {
  const response = await http.send(path, { timeoutMs })
  if (!response.ok) {
    const json: unknown = await response.json().catch(() => undefined)
    throw new RelayRequestError(failureCodeOf(response.status, json), undefined, response.status)
  }
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await response.arrayBuffer())
  } catch {
    throw new RelayRequestError(ClientFailure.network)
  }
  if (bytes.length > CATCHUP_PAGE_BYTES) throw new RelayRequestError(ClientFailure.unexpected, undefined, response.status)
  try {
    const page = decodeCatchupPage(bytes)
    // An update that cannot be read is refused before anything of the page is stored.
    for (const entry of page.entries) if (!entry.part) Y.decodeUpdate(entry.update)
    return page
  } catch {
    throw new RelayRequestError(ClientFailure.unexpected, undefined, response.status)
  }
}

export async function catchUpFromLog(
  db: ShouwangDb,
  http: RelayHttp,
  workspace: string,
  { timeoutMs, indexNow }: { timeoutMs: number; indexNow: () => Promise<void> },
): Promise<CatchupResult> {
  const stored = await loadCursor(db, workspace)
  let cursor = stored.cursor
  let offset = 0
  let size = 0
  let parts: Uint8Array[] = []
  const pulled = new Set<string>()
  for (;;) {
    const query = `workspace=${encodeURIComponent(workspace)}&after=${cursor}${offset > 0 ? `&offset=${offset}&size=${size}` : ''}`
    const page = await fetchPage(http, `/api/catchup?${query}`, timeoutMs)
    if (stored.scope !== undefined && page.scope !== stored.scope && stored.cursor !== 0) {
      return { pulled: pulled.size, scope: page.scope, erasures: page.erasures, scopeChanged: true }
    }
    const updates: { docId: string; update: Uint8Array }[] = []
    for (const entry of page.entries) {
      if (!entry.part) {
        updates.push(entry)
        continue
      }
      if (entry.part.offset === 0) parts = []
      parts.push(entry.update)
      if (entry.part.offset + entry.update.length === entry.part.total) {
        const whole = concat(parts, entry.part.total)
        parts = []
        try {
          Y.decodeUpdate(whole)
        } catch {
          throw new RelayRequestError(ClientFailure.unexpected)
        }
        updates.push({ docId: entry.docId, update: whole })
      } else size = entry.part.total
    }
    await storeCatchupPage(db, workspace, updates, { cursor: page.cursor, scope: page.scope })
    cursor = page.cursor
    offset = page.offset
    for (const { docId } of updates) pulled.add(docId)
    // One pass of the indexer for the whole page, so the list fills as pages arrive.
    if (updates.length > 0) await indexNow()
    if (!page.more) return { pulled: pulled.size, scope: page.scope, erasures: page.erasures, scopeChanged: false }
  }
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const whole = new Uint8Array(total)
  let at = 0
  for (const part of parts) {
    whole.set(part, at)
    at += part.length
  }
  return whole
}

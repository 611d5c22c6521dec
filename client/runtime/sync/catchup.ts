/**
 * Background catch-up from the relay's log (GET /api/catchup, docs/SPEC.md S10–S13): page by
 * page, each at most 256 KB, holding the stored updates after the device's cursor merged per
 * document. Entries are stored as they arrive, each batch with the place reached in one
 * transaction, so a link cut mid-page resumes after the last file stored: the relay rebuilds
 * the same page and leaves out what the device has. An update larger than a page comes in
 * parts, kept in memory until the last one (a cut sends that one update again, from its start).
 */
import * as Y from 'yjs'
import { CatchupReader, type CatchupEntry, type CatchupHeader } from '../../../shared/sync/catchup-page'
import type { ShouwangDb } from '../store/db'
import { storeCatchupPage } from '../store/catchup-store'
import { loadCursor, type SyncCursor } from '../store/sync-cursor'
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

interface Options {
  timeoutMs: number
  indexNow: () => Promise<void>
}

function check(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update)
  } catch {
    throw new RelayRequestError(ClientFailure.unexpected)
  }
}

export async function catchUpFromLog(db: ShouwangDb, http: RelayHttp, workspace: string, { timeoutMs, indexNow }: Options): Promise<CatchupResult> {
  const stored = await loadCursor(db, workspace)
  let at: SyncCursor = stored
  let offset = 0
  let size = 0
  let parts: Uint8Array[] = []
  const pulled = new Set<string>()

  /** Stores entries that arrived, with the place reached; parts wait for their last one. */
  const store = async (entries: readonly CatchupEntry[], header: CatchupHeader, done: number, end: boolean): Promise<void> => {
    const updates: { docId: string; update: Uint8Array }[] = []
    for (const entry of entries) {
      if (!entry.part) {
        check(entry.update)
        updates.push(entry)
        continue
      }
      if (entry.part.offset === 0) parts = []
      parts.push(entry.update)
      if (entry.part.offset + entry.update.length < entry.part.total) size = entry.part.total
      else {
        const whole = concat(parts, entry.part.total)
        parts = []
        check(whole)
        updates.push({ docId: entry.docId, update: whole })
      }
    }
    const last = entries.at(-1)
    const next: SyncCursor = end
      ? { cursor: header.cursor, scope: header.scope }
      : { cursor: at.cursor, scope: header.scope, page: { until: header.until, done, lastDoc: last?.docId ?? at.page?.lastDoc ?? '' } }
    if (updates.length === 0 && !end) return
    await storeCatchupPage(db, workspace, updates, next)
    at = next
    for (const { docId } of updates) pulled.add(docId)
  }

  for (;;) {
    const resume = at.page && at.page.done > 0 ? `&until=${at.page.until}&skip=${at.page.done}&skipDoc=${encodeURIComponent(at.page.lastDoc)}` : ''
    const part = offset > 0 ? `&offset=${offset}&size=${size}` : ''
    const response = await http.send(`/api/catchup?workspace=${encodeURIComponent(workspace)}&after=${at.cursor}${resume}${part}`, { timeoutMs })
    if (!response.ok) {
      const json: unknown = await response.json().catch(() => undefined)
      throw new RelayRequestError(failureCodeOf(response.status, json), undefined, response.status)
    }
    const reader = new CatchupReader()
    const before = pulled.size
    let done = 0
    let header: CatchupHeader | undefined
    const body = response.body?.getReader()
    if (!body) throw new RelayRequestError(ClientFailure.unexpected)
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>
      try {
        chunk = await body.read()
      } catch {
        throw new RelayRequestError(ClientFailure.network)
      }
      if (chunk.done) break
      let entries: CatchupEntry[]
      try {
        entries = reader.push(chunk.value)
      } catch {
        throw new RelayRequestError(ClientFailure.unexpected)
      }
      header ??= reader.header
      if (!header) continue
      if (stored.scope !== undefined && header.scope !== stored.scope && stored.cursor !== 0) {
        await body.cancel()
        return { pulled: pulled.size, scope: header.scope, erasures: header.erasures, scopeChanged: true }
      }
      if (done === 0 && header.skipped === 0) at = { ...at, page: undefined }
      else if (done === 0) done = header.skipped
      done += entries.length
      await store(entries, header, done, false)
    }
    try {
      header = reader.end()
    } catch {
      throw new RelayRequestError(ClientFailure.network)
    }
    await store([], header, done, true)
    offset = header.offset
    // One pass of the indexer per page, so the list fills as pages arrive.
    if (pulled.size > before) await indexNow()
    if (!header.more) return { pulled: pulled.size, scope: header.scope, erasures: header.erasures, scopeChanged: false }
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

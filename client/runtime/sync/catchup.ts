/**
 * Background catch-up from the relay's log (/api/catchup, docs/SPEC.md S10–S13): page by page,
 * each at most 256 KB, holding the stored updates after the device's cursor merged per document.
 * A document the relay merged past the cursor is named instead: the device sends its state
 * vectors for those (POST) and receives only what it lacks. Entries are stored as they arrive,
 * each batch with the place reached in one transaction, so a link cut mid-page resumes after the
 * last file stored. An update larger than a page comes in parts, kept in memory until the last
 * one (a cut sends that one update again, from its start).
 */
import * as Y from 'yjs'
import { encodeBytes } from '../../../shared/api'
import { CatchupReader, type CatchupEntry, type CatchupHeader, type ListMarks } from '../../../shared/sync/catchup-page'
import type { ShouwangDb } from '../store/db'
import { storeCatchupPage } from '../store/catchup-store'
import { loadStoredUpdate } from '../store/doc-persistence'
import { loadCursor, type CatchupProgress, type SyncCursor } from '../store/sync-cursor'
import { ClientFailure, RelayRequestError, failureCodeOf, type RelayHttp, type RequestOptions } from './relay-http'

export interface CatchupResult {
  /** Documents that received updates. */
  pulled: number
  pulledIds: string[]
  /** What the relay said of the caller's reach and of erasures, for the access check (background-sync.ts). */
  scope: string
  erasures: string
  /** The caller's reach changed since the cursor was stored: the cursor no longer says what the device has. */
  scopeChanged: boolean
  /** What the first page said of the filing classes' and the directory's answers (sync/member-lists.ts). */
  lists: ListMarks | undefined
}

/** How far a round is: `received` of the `total` files the relay had for this user when it began (SPEC S16). */
export interface SyncProgress {
  received: number
  total: number
}

interface Options {
  timeoutMs: number
  indexNow: () => Promise<void>
  /** Told after each batch stored, and with undefined once the round's catch-up ends. */
  onProgress?: (progress: SyncProgress | undefined) => void
}

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())
/** How many times a round asks a page again after the files it names changed (CatchupPage.named). */
const MAX_RESTARTS = 3
/** State vectors sent in one POST. */
const NAMED_PER_REQUEST = 1000

function check(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update)
  } catch {
    throw new RelayRequestError(ClientFailure.unexpected)
  }
}

/** Reads an answer as it arrives, handing each batch of entries on; returns its header. */
async function streamPage(http: RelayHttp, path: string, options: RequestOptions, onEntries: (entries: CatchupEntry[], header: CatchupHeader) => Promise<void>): Promise<CatchupHeader> {
  const response = await http.send(path, options)
  if (!response.ok) {
    const json: unknown = await response.json().catch(() => undefined)
    throw new RelayRequestError(failureCodeOf(response.status, json), undefined, response.status)
  }
  const body = response.body?.getReader()
  if (!body) throw new RelayRequestError(ClientFailure.unexpected)
  const reader = new CatchupReader()
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
      await body.cancel().catch(() => {})
      throw new RelayRequestError(ClientFailure.unexpected)
    }
    if (reader.header) await onEntries(entries, reader.header)
  }
  try {
    return reader.end()
  } catch {
    throw new RelayRequestError(ClientFailure.network)
  }
}

class ScopeChanged extends Error {}
/** The relay's page names other files than the device read (CatchupPage.named). */
class PageChanged extends Error {}

export async function catchUpFromLog(db: ShouwangDb, http: RelayHttp, workspace: string, { timeoutMs, indexNow, onProgress }: Options): Promise<CatchupResult> {
  const stored = await loadCursor(db, workspace)
  let at: SyncCursor = stored
  let offset = 0
  let size = 0
  let restarts = 0
  let parts: Uint8Array[] = []
  let scope = stored.scope ?? ''
  let erasures = ''
  let lists: ListMarks | undefined
  const pulled = new Set<string>()
  let indexing: Promise<void> = Promise.resolve()
  /** The round's first page counts the files to come (SPEC S16). */
  let total: number | undefined

  /** Stores what arrived with the place reached; parts wait for their last one. */
  const store = async (entries: readonly CatchupEntry[], next: SyncCursor): Promise<void> => {
    const updates: { docId: string; update: Uint8Array }[] = []
    for (const entry of entries) {
      if (entry.needsState) continue
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
    await storeCatchupPage(db, workspace, updates, next)
    at = next
    for (const { docId } of updates) pulled.add(docId)
    if (total !== undefined && updates.length > 0) onProgress?.({ received: Math.min(pulled.size, total), total })
  }

  /** The diffs of the documents the page named, against this device's state vectors. */
  const diffs = async (page: CatchupProgress & { diffFrom: number; after: NonNullable<CatchupProgress['after']> }): Promise<void> => {
    let from = page.diffFrom
    let partOffset = 0
    let partSize = 0
    while (from < page.named.length) {
      const ask = page.named.slice(from, from + NAMED_PER_REQUEST)
      const local = await Promise.all(ask.map((docId) => loadStoredUpdate(db, docId)))
      const stateVectors = local.map((u) => encodeBytes(u ? Y.encodeStateVectorFromUpdate(u) : EMPTY_STATE_VECTOR))
      const body = { workspace, after: at.cursor, until: page.until, from, partOffset, partSize, stateVectors, named: page.mark ?? '' }
      let k = from
      const header = await streamPage(http, '/api/catchup', { body, timeoutMs }, async (entries) => {
        const named = entries.map((e) => {
          const docId = page.named[k] ?? ''
          // A part leaves the place where it is until its last one has come.
          if (!e.part || e.part.offset + e.update.length === e.part.total) k++
          else partSize = e.part.total
          return { ...e, docId }
        })
        if (named.length > 0) await store(named, { ...at, page: { ...page, diffFrom: k } })
      })
      const nextPart = header.partOffset
      if (header.offset < from || (header.offset === from && nextPart <= partOffset)) throw new RelayRequestError(ClientFailure.unexpected)
      from = header.offset
      partOffset = nextPart
      scope = header.scope
      erasures = header.erasures
    }
    await store([], { cursor: page.after.cursor, scope })
    offset = page.after.offset
  }

  try {
    return await pages()
  } finally {
    onProgress?.(undefined)
  }

  /**
   * Whether the relay's page named other files than the device read: a file compacted since
   * (the relay answers the diffs with 409), or between two parts of a page cut mid-way.
   */
  function pageChanged(error: unknown): boolean {
    return error instanceof PageChanged || (error instanceof RelayRequestError && error.status === 409)
  }

  /** One page read and stored, with its diffs; whether more follows. */
  async function onePage(): Promise<boolean> {
    const progress = at.page
    if (progress?.diffFrom !== undefined && progress.after) {
      await diffs({ ...progress, diffFrom: progress.diffFrom, after: progress.after })
      return progress.after.more
    }
    const resume = progress && progress.done > 0 ? `&until=${progress.until}&skip=${progress.done}&skipDoc=${encodeURIComponent(progress.lastDoc)}` : ''
    const part = offset > 0 ? `&offset=${offset}&size=${size}` : ''
    const count = total === undefined ? '&count=1' : ''
    let done = 0
    let named: string[] = []
    let mark = ''
    const header = await streamPage(http, `/api/catchup?workspace=${encodeURIComponent(workspace)}&after=${at.cursor}${resume}${part}${count}`, { timeoutMs }, async (entries, head) => {
      const changed = stored.scope !== undefined && head.scope !== stored.scope && stored.cursor !== 0
      scope = head.scope
      lists ??= head.lists
      if (changed) throw new ScopeChanged()
      erasures = head.erasures
      total ??= head.files
      if (done === 0) {
        done = head.skipped
        // The rest of a page cut mid-way: the files named before the cut must be the page's still.
        if (head.skipped > 0 && head.named !== progress?.mark) throw new PageChanged()
        named = head.skipped > 0 ? [...(progress?.named ?? [])] : []
        mark = head.named
      }
      if (entries.length === 0) return
      done += entries.length
      named.push(...entries.filter((e) => e.needsState).map((e) => e.docId))
      const lastDoc = entries.at(-1)?.docId ?? ''
      await store(entries, { cursor: at.cursor, scope: head.scope, page: { until: head.until, done, lastDoc, named, mark } })
    })
    scope = header.scope
    erasures = header.erasures
    if (named.length === 0) {
      await store([], { cursor: header.cursor, scope })
      offset = header.offset
    } else {
      const page = { until: header.until, done, lastDoc: at.page?.lastDoc ?? '', named, mark, diffFrom: 0, after: { cursor: header.cursor, more: header.more, offset: header.offset } }
      await store([], { ...at, page })
      await diffs(page)
    }
    return header.more
  }

  async function pages(): Promise<CatchupResult> {
    try {
      for (;;) {
        let more: boolean
        try {
          more = await onePage()
        } catch (error) {
          if (!pageChanged(error) || restarts >= MAX_RESTARTS) throw error
          // Asked again from the cursor, a few times at most; what was stored stays stored.
          restarts++
          offset = 0
          size = 0
          await store([], { cursor: at.cursor, scope })
          continue
        }
        // One pass of the indexer per page, so the list fills as pages arrive; it indexes this
        // page while the next one comes, and the page after waits for it, so marks never pile up.
        if (pulled.size > 0) {
          await indexing
          indexing = indexNow()
        }
        if (!more) {
          await indexing
          return { pulled: pulled.size, pulledIds: [...pulled], scope, erasures, scopeChanged: false, lists }
        }
      }
    } catch (error) {
      await indexing.catch(() => undefined)
      if (error instanceof ScopeChanged) return { pulled: pulled.size, pulledIds: [...pulled], scope, erasures, scopeChanged: true, lists }
      throw error
    }
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

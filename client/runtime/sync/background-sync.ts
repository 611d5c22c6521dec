/**
 * Catches up every document this device may read but does not have open, in batches over
 * HTTP: what changed since the last cursor is pulled (and indexed for the lists), and
 * local changes of closed documents are pushed. Open documents sync over their sockets.
 * A failed round changes nothing it did not finish: the cursor moves only after the
 * documents before it are stored, so a weak link resumes where it stopped (docs/SPEC.md S4).
 */
import * as Y from 'yjs'
import type { z } from 'zod'
import {
  ChangesResponse,
  MAX_ACCESS_QUERY,
  MAX_DOCS_PER_REQUEST,
  PullResponse,
  PushResponse,
  encodeBytes,
} from '../../../shared/api'
import type { DocumentId, WorkspaceId } from '../../../shared/doc-id'
import type { ShouwangDb } from '../store/db'
import { appendUpdate, loadStoredUpdate } from '../store/doc-persistence'
import { storedDocumentIds } from '../store/documents'
import { keptAsideList } from '../store/kept-aside'
import { clearPendingThrough, pendingByDocument } from '../store/pending'
import { loadCursor, storeCursor } from '../store/sync-cursor'
import { flushOutbox } from './outbox'
import { RelayRequestError, accessOf, type RelayHttp } from './relay-http'

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())
/** A page of a hundred case files over a weak link takes a while: far longer than a sign-in. */
const TIMEOUT_MS = 120_000

/** What background sync needs of the workspace around it. */
export interface BackgroundHost {
  readonly db: ShouwangDb
  readonly workspaceId: WorkspaceId
  /** Open documents sync over their sockets and are left alone here. */
  isOpen(docId: string): boolean
  /** Access to the document ended: close and drop it (store/kept-aside.ts). */
  accessEnded(docId: DocumentId): Promise<void>
  /** A coordinator erased the document: close it and forget it, keeping nothing (store/erase.ts). */
  erased(docId: DocumentId): Promise<void>
  /** Index what was stored (runtime/indexes/indexer.ts). */
  indexNow(): Promise<void>
}

export interface RoundResult {
  pulled: number
  pushed: number
}

export class BackgroundSync {
  private running: Promise<RoundResult> | undefined

  constructor(
    private readonly host: BackgroundHost,
    private readonly http: RelayHttp,
  ) {}

  /** One round of catch-up; concurrent calls share the round in progress. */
  run(): Promise<RoundResult> {
    this.running ??= this.round().finally(() => (this.running = undefined))
    return this.running
  }

  private async round(): Promise<RoundResult> {
    // What the relay must hear first: a teacher's new child is theirs only once the relay knows its class.
    await flushOutbox(this.host.db, this.http)
    // Then drop what this user may no longer open, so nothing is pushed that would be refused.
    await this.dropRevoked()
    const pulled = await this.pullChanges()
    const pushed = await this.pushPending()
    // Reports made during the round (a file viewed meanwhile) go now rather than next round.
    await flushOutbox(this.host.db, this.http)
    return { pulled, pushed }
  }

  private post<T>(schema: z.ZodType<T>, path: string, body?: unknown): Promise<T> {
    return this.http.request(schema, path, { ...(body === undefined ? {} : { body }), timeoutMs: TIMEOUT_MS })
  }

  private async pullChanges(): Promise<number> {
    const { db, workspaceId } = this.host
    let { cursor, scope } = await loadCursor(db, workspaceId)
    let pulled = 0
    for (;;) {
      const page = await this.post(ChangesResponse, `/api/changes?workspace=${encodeURIComponent(workspaceId)}&after=${cursor}`)
      if (page.scope !== undefined && page.scope !== scope) {
        // A pairing or a class changed what this user may read: files the cursor passed unseen
        // may be theirs now, so the list starts again (pulls send state vectors: little moves twice).
        scope = page.scope
        if (cursor !== 0) {
          cursor = 0
          continue
        }
      }
      const ids = page.changes.map((c) => c.docId as DocumentId).filter((id) => !this.host.isOpen(id))
      for (let i = 0; i < ids.length; i += MAX_DOCS_PER_REQUEST) {
        pulled += (await this.pullDocs(ids.slice(i, i + MAX_DOCS_PER_REQUEST))).pulled
      }
      cursor = page.cursor
      await storeCursor(db, workspaceId, { cursor, scope })
      if (!page.more) return pulled
    }
  }

  /** Stores what the relay has and this device lacks, indexes it; returns the relay's state vectors. */
  private async pullDocs(docIds: DocumentId[]): Promise<{ pulled: number; serverState: Map<string, Uint8Array> }> {
    const { db } = this.host
    const local = await Promise.all(docIds.map((id) => loadStoredUpdate(db, id)))
    const request = {
      docs: docIds.map((docId, i) => {
        const stored = local[i]
        return { docId, stateVector: encodeBytes(stored ? Y.encodeStateVectorFromUpdate(stored) : EMPTY_STATE_VECTOR) }
      }),
    }
    const response = await this.post(PullResponse, '/api/pull', request)
    let pulled = 0
    const serverState = new Map<string, Uint8Array>()
    for (const { docId, update, stateVector } of response.docs) {
      serverState.set(docId, stateVector)
      const decoded = Y.decodeUpdate(update)
      if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) continue
      await appendUpdate(db, docId, update)
      pulled++
    }
    // One pass of the indexer for the whole page, so the list fills as pages arrive.
    if (pulled > 0) await this.host.indexNow()
    return { pulled, serverState }
  }

  /** Sends what closed documents changed locally, then clears what the relay confirmed. */
  private async pushPending(): Promise<number> {
    const { db } = this.host
    const maxIdByDoc = new Map([...(await pendingByDocument(db))].filter(([docId]) => !this.host.isOpen(docId)))
    const docIds = [...maxIdByDoc.keys()] as DocumentId[]
    let pushed = 0
    for (let i = 0; i < docIds.length; i += MAX_DOCS_PER_REQUEST) {
      const batch = docIds.slice(i, i + MAX_DOCS_PER_REQUEST)
      // Pulling first stores what others wrote and tells what the relay has, so only what
      // it lacks is sent (deletions always go along).
      const { serverState } = await this.pullDocs(batch)
      const local = await Promise.all(batch.map((id) => loadStoredUpdate(db, id)))
      const updates = batch.flatMap((docId, j) => {
        const stored = local[j]
        const sv = serverState.get(docId)
        return stored && sv ? [{ docId, update: encodeBytes(Y.diffUpdate(stored, sv)) }] : []
      })
      const taken = await this.push(updates)
      await clearPendingThrough(db, new Map(batch.filter((docId) => !taken.refused.has(docId)).map((docId) => [docId, maxIdByDoc.get(docId) ?? 0])))
      pushed += updates.length - taken.refused.size
    }
    return pushed
  }

  /**
   * Pushes a batch; when the relay refuses it (403: a change not this user's to make, or a file
   * beyond their access), each file is pushed alone, so one refused file never holds back the
   * others. A refused file's changes stay pending on the device (docs/SPEC.md D3).
   */
  private async push(updates: { docId: DocumentId; update: string }[]): Promise<{ refused: Set<string> }> {
    const refused = new Set<string>()
    if (updates.length === 0) return { refused }
    try {
      await this.post(PushResponse, '/api/push', { updates })
      return { refused }
    } catch (error) {
      if (!(error instanceof RelayRequestError) || error.status !== 403) throw error
    }
    for (const one of updates) {
      try {
        await this.post(PushResponse, '/api/push', { updates: [one] })
      } catch (error) {
        if (!(error instanceof RelayRequestError) || error.status !== 403) throw error
        refused.add(one.docId)
      }
    }
    return { refused }
  }

  /**
   * Asks the relay which local files this user may still open; the others are dropped. Erased
   * ones are forgotten, and so are copies kept aside of files erased since (docs/SPEC.md E7).
   */
  private async dropRevoked(): Promise<void> {
    const { db } = this.host
    const held = new Set([...(await storedDocumentIds(db)), ...(await pendingByDocument(db)).keys()])
    const docIds = [...new Set([...held, ...(await keptAsideList(db)).map((k) => k.docId)])]
    for (let i = 0; i < docIds.length; i += MAX_ACCESS_QUERY) {
      const access = await accessOf(this.http, docIds.slice(i, i + MAX_ACCESS_QUERY))
      for (const [docId, level] of Object.entries(access)) {
        if (level === 'erased') await this.host.erased(docId as DocumentId)
        else if (level === 'none' && held.has(docId)) await this.host.accessEnded(docId as DocumentId)
      }
    }
  }
}

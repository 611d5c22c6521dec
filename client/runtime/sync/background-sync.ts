/**
 * Catches up every document this device may read but does not have open, in batches over
 * HTTP: what changed since the last cursor is pulled (and indexed for the lists), and
 * local changes of closed documents are pushed. Open documents sync over their sockets.
 * A failed round changes nothing it did not finish: the cursor moves only after the
 * documents before it are stored, so a weak link resumes where it stopped.
 */
import * as Y from 'yjs'
import {
  ChangesResponse,
  MAX_ACCESS_QUERY,
  MAX_DOCS_PER_REQUEST,
  PullResponse,
  PushResponse,
  encodeBytes,
} from '../../../shared/api'
import { parseDocumentId, type DocumentId } from '../../../shared/doc-id'
import { Origin } from '../../../shared/origin'
import { indexChild } from '../indexes/child-index'
import { appendUpdate, loadStoredUpdate } from '../store/doc-persistence'
import { flushAuditReports } from './audit-report'
import { accessOf, call, send, type RelayHttp } from './relay-http'
import { CLASS_TO_REGISTER, type Workspace } from './workspace'

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())

export interface RoundResult {
  pulled: number
  pushed: number
}

export class BackgroundSync {
  private running: Promise<RoundResult> | undefined

  constructor(
    private readonly workspace: Workspace,
    /** The relay's HTTP base, e.g. `http://localhost:8787`. */
    baseUrl: string,
    fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {
    this.relay = { baseUrl, fetchImpl }
  }

  private readonly relay: RelayHttp

  /** One round of catch-up; concurrent calls share the round in progress. */
  run(): Promise<RoundResult> {
    this.running ??= this.round().finally(() => (this.running = undefined))
    return this.running
  }

  private get cursorKey() {
    return `cursor:${this.workspace.workspaceId}`
  }

  /** What the user could read when the cursor was stored (shared/api.ts ChangesResponse.scope). */
  private get scopeKey() {
    return `cursor-scope:${this.workspace.workspaceId}`
  }

  private async round(): Promise<RoundResult> {
    // New children's classes first: a teacher's new child is theirs only once the relay knows its class.
    await this.registerClasses()
    // Then drop what this user may no longer open, so nothing is pushed that would be refused.
    await this.dropRevoked()
    const pulled = await this.pullChanges()
    const pushed = await this.pushPending()
    await this.sendAuditReports()
    return { pulled, pushed }
  }

  private async pullChanges(): Promise<number> {
    const { db } = this.workspace
    let cursor = Number((await db.meta.get(this.cursorKey))?.value ?? 0)
    let scope = (await db.meta.get(this.scopeKey))?.value
    let pulled = 0
    for (;;) {
      const page = await call(this.relay, ChangesResponse, `/api/changes?workspace=${encodeURIComponent(this.workspace.workspaceId)}&after=${cursor}`)
      if (page.scope !== undefined && page.scope !== scope) {
        // A pairing or a class changed what this user may read: files the cursor passed unseen
        // may be theirs now, so the list starts again (pulls send state vectors: little moves twice).
        scope = page.scope
        if (cursor !== 0) {
          cursor = 0
          continue
        }
      }
      const ids = page.changes.map((c) => c.docId as DocumentId).filter((id) => !this.workspace.isOpen(id))
      for (let i = 0; i < ids.length; i += MAX_DOCS_PER_REQUEST) {
        pulled += (await this.pullDocs(ids.slice(i, i + MAX_DOCS_PER_REQUEST))).pulled
      }
      cursor = page.cursor
      // Stored together, once the page's files are: a round cut short starts over next time.
      await db.meta.bulkPut([
        { key: this.cursorKey, value: cursor },
        { key: this.scopeKey, value: scope },
      ])
      if (!page.more) return pulled
    }
  }

  /** Stores what the relay has and this device lacks; returns the relay's state vectors. */
  private async pullDocs(docIds: DocumentId[]): Promise<{ pulled: number; serverState: Map<string, Uint8Array> }> {
    const { db } = this.workspace
    const local = await Promise.all(docIds.map((id) => loadStoredUpdate(db, id)))
    const request = {
      docs: docIds.map((docId, i) => {
        const stored = local[i]
        return { docId, stateVector: encodeBytes(stored ? Y.encodeStateVectorFromUpdate(stored) : EMPTY_STATE_VECTOR) }
      }),
    }
    const response = await call(this.relay, PullResponse, '/api/pull', request)
    let pulled = 0
    const serverState = new Map<string, Uint8Array>()
    for (const { docId, update, stateVector } of response.docs) {
      serverState.set(docId, stateVector)
      const decoded = Y.decodeUpdate(update)
      if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) continue
      await appendUpdate(db, docId, update)
      await this.reindex(docId as DocumentId)
      pulled++
    }
    return { pulled, serverState }
  }

  /** Sends what closed documents changed locally, then clears what the relay confirmed. */
  private async pushPending(): Promise<number> {
    const { db } = this.workspace
    const rows = await db.pending.toArray()
    const maxIdByDoc = new Map<string, number>()
    for (const row of rows) {
      if (this.workspace.isOpen(row.docId as DocumentId)) continue
      maxIdByDoc.set(row.docId, Math.max(maxIdByDoc.get(row.docId) ?? 0, row.id ?? 0))
    }
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
      if (updates.length > 0) await call(this.relay, PushResponse, '/api/push', { updates })
      await db.transaction('rw', db.pending, async () => {
        for (const docId of batch) {
          const maxId = maxIdByDoc.get(docId) ?? 0
          await db.pending.where('docId').equals(docId).and((r) => (r.id ?? 0) <= maxId).delete()
        }
      })
      pushed += updates.length
    }
    return pushed
  }

  private async registerClasses(): Promise<void> {
    const { db } = this.workspace
    const entries = await db.meta.where('key').startsWith(CLASS_TO_REGISTER).toArray()
    for (const { key, value } of entries) {
      const childId = key.slice(CLASS_TO_REGISTER.length)
      const response = await send(this.relay, '/api/admin/child-class', { childId, className: value })
      // 404: a relay without accounts has nothing to learn. 403: not this user's to file; the
      // file's access then stays as the relay has it, and a coordinator can file the child.
      if (response.ok || response.status === 404 || response.status === 403) await db.meta.delete(key)
      else if (response.status >= 500 || response.status === 401) return
    }
  }

  /** Viewed/exported events queued on the device (audit-report.ts). */
  sendAuditReports(): Promise<number> {
    return flushAuditReports(this.workspace.db, (body) => send(this.relay, '/api/audit', body))
  }

  /** Asks the relay which local files this user may still open; the others are dropped. */
  private async dropRevoked(): Promise<void> {
    const { db } = this.workspace
    const local = new Set<string>([
      ...(await db.children.toArray()).map((c) => c.docId),
      ...(await db.pending.toArray()).map((p) => p.docId),
    ])
    const docIds = [...local]
    for (let i = 0; i < docIds.length; i += MAX_ACCESS_QUERY) {
      const access = await accessOf(this.relay, docIds.slice(i, i + MAX_ACCESS_QUERY))
      for (const [docId, level] of Object.entries(access)) {
        if (level === 'none') await this.workspace.accessEnded(docId as DocumentId)
      }
    }
  }

  private async reindex(docId: DocumentId): Promise<void> {
    const parsed = parseDocumentId(docId)
    if (parsed?.kind !== 'child' || !parsed.key) return
    const stored = await loadStoredUpdate(this.workspace.db, docId)
    if (!stored) return
    const doc = new Y.Doc()
    Y.applyUpdate(doc, stored, Origin.backgroundSync)
    await indexChild(this.workspace.db, parsed.key, docId, doc)
    doc.destroy()
  }
}

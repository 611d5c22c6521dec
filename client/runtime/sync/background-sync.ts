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
import type { KeptAside, ShouwangDb } from '../store/db'
import { appendUpdate, loadStoredUpdate } from '../store/doc-persistence'
import { storedDocumentIds } from '../store/documents'
import { keptAsideList } from '../store/kept-aside'
import { clearPendingThrough, pendingByDocument } from '../store/pending'
import { loadAccessMark, loadCursor, storeAccessMark, storeCursor } from '../store/sync-cursor'
import { catchUpFromLog, type SyncProgress } from './catchup'
import { compactDocuments, overgrownDocuments } from '../store/compaction'
import { MemberLists } from './member-lists'
import { isLimitReason } from '../../../shared/limits'
import { flushOutbox } from './outbox'
import type { Refusal } from './refused-files'
import { RelayRequestError, accessOf, type DocumentAccess, type RelayHttp } from './relay-http'

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())
/** A page of a hundred case files over a weak link takes a while: far longer than a sign-in. */
const TIMEOUT_MS = 120_000

/** What background sync needs of the workspace around it. */
export interface BackgroundHost {
  readonly db: ShouwangDb
  readonly workspaceId: WorkspaceId
  /** Open documents sync over their sockets and are left alone here. */
  isOpen(docId: string): boolean
  /** Access to the document ended, or (with the relay's code) it was never filed: close and drop it (store/kept-aside.ts). */
  accessEnded(docId: DocumentId, reason?: string): Promise<void>
  /** A coordinator erased the document: close it and forget it, keeping nothing (store/erase.ts). */
  erased(docId: DocumentId): Promise<void>
  /** Index what was stored (runtime/indexes/indexer.ts). */
  indexNow(): Promise<void>
  /** Access to a file kept aside came back: put its kept changes back as pending changes (SPEC A12). */
  putBack(kept: KeptAside): Promise<void>
  /** The relay will not take this file's changes (read-only for this user, or its rules), or took them all (null) (SPEC S7). */
  refused?(docId: DocumentId, refusal: Refusal | null, reason?: string): void
  /** How far the round's catch-up is, after each batch stored; undefined once it ends (SPEC S16). */
  progress?(progress: SyncProgress | undefined): void
}

export interface RoundResult {
  pulled: number
  pushed: number
}

export class BackgroundSync {
  private running: Promise<RoundResult> | undefined
  private compactedOnce = false
  private readonly lists: MemberLists

  constructor(
    private readonly host: BackgroundHost,
    private readonly http: RelayHttp,
  ) {
    this.lists = new MemberLists(host.db, http, TIMEOUT_MS)
  }

  /** One round of catch-up; concurrent calls share the round in progress. */
  run(): Promise<RoundResult> {
    this.running ??= this.round().finally(() => (this.running = undefined))
    return this.running
  }

  /**
   * A round that starts after now: after the one under way, if any (which may have read the
   * list of files before the relay's answer changed), else at once.
   */
  runFresh(): Promise<RoundResult> {
    const under = this.running
    return under ? under.catch(() => undefined).then(() => this.run()) : this.run()
  }

  private async round(): Promise<RoundResult> {
    // What the relay must hear first: a teacher's new child is theirs only once the relay knows its class.
    await this.flushOutbox()
    // A device with no filing classes or directory yet asks now: its first catch-up may take minutes.
    await this.lists.fillEmpty()
    // What changed after the cursor, from the relay's log in pages of at most 256 KB (SPEC S10).
    const caught = await catchUpFromLog(this.host.db, this.http, this.host.workspaceId, {
      timeoutMs: TIMEOUT_MS,
      indexNow: () => this.host.indexNow(),
      onProgress: (progress) => this.host.progress?.(progress),
    })
    // The filing classes and the directory, only when the page's fingerprints say they changed (SPEC S13).
    await this.lists.refresh(caught.lists)
    // A pairing or a class changed what this user may read: files the cursor passed unseen may be
    // theirs now, so the list starts again, pulled with state vectors (little moves twice).
    const pulled = caught.pulled + (caught.scopeChanged ? await this.pullChanges() : 0)
    // Then drop what this user may no longer open, so nothing is pushed that would be refused.
    const access = await this.checkAccess(`${caught.scope} ${caught.erasures}`)
    const pushed = await this.pushPending(access)
    // Reports made during the round (a file viewed meanwhile) go now rather than next round.
    await this.flushOutbox()
    // The device's log: every overgrown file on the first round, then the files this round stored (SPEC S14).
    const { db } = this.host
    await compactDocuments(db, this.compactedOnce ? caught.pulledIds : await overgrownDocuments(db))
    this.compactedOnce = true
    return { pulled, pushed }
  }

  /** A new file the relay refused to file (a class not this teacher's) goes aside with the relay's reason (SPEC X3). */
  private flushOutbox(): Promise<number> {
    return flushOutbox(this.host.db, this.http, (refused) => this.host.accessEnded(refused.docId as DocumentId, refused.code))
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

  /**
   * Sends what closed documents changed locally, then clears what the relay confirmed. A file
   * the relay says is read-only for this user is not sent (a push naming it would be refused
   * whole): its changes stay pending, and the file is marked refused (SPEC S7).
   */
  private async pushPending(access: ReadonlyMap<string, DocumentAccess>): Promise<number> {
    const { db } = this.host
    const maxIdByDoc = new Map<string, number>()
    for (const [docId, maxId] of await pendingByDocument(db)) {
      if (this.host.isOpen(docId)) continue
      if (access.get(docId) === 'read') this.host.refused?.(docId as DocumentId, 'readOnly')
      else maxIdByDoc.set(docId, maxId)
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
      const taken = await this.push(updates)
      await clearPendingThrough(db, new Map(batch.filter((docId) => !taken.refused.has(docId)).map((docId) => [docId, maxIdByDoc.get(docId) ?? 0])))
      // A file whose change the rules or a limit refused keeps it pending, and the person is told (SPEC S7, D3, Q).
      for (const docId of batch) {
        if (!taken.refused.has(docId)) this.host.refused?.(docId, null)
        else {
          const reason = taken.refused.get(docId)
          this.host.refused?.(docId, reason !== undefined && isLimitReason(reason) ? 'limit' : 'rules', reason)
        }
      }
      pushed += updates.length - taken.refused.size
    }
    return pushed
  }

  /**
   * Pushes a batch; when the relay refuses it (403: a change not this user's to make, or a file
   * beyond their access), each file is pushed alone, so one refused file never holds back the
   * others. A refused file's changes stay pending on the device (docs/SPEC.md D3).
   */
  private async push(updates: { docId: DocumentId; update: string }[]): Promise<{ refused: Map<string, string | undefined> }> {
    /** Each refused file, with the rule or limit that refused it. */
    const refused = new Map<string, string | undefined>()
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
        refused.set(one.docId, error.reason)
      }
    }
    return { refused }
  }

  /**
   * Asks about every file on the device only when the relay's fingerprints of this user's reach
   * and of the workspace's erasures changed since it last did, or files are kept aside; else only
   * about the closed files with changes to push, so an idle round asks nothing here (SPEC S13).
   */
  private async checkAccess(mark: string): Promise<Map<string, DocumentAccess>> {
    const { db, workspaceId } = this.host
    if (mark !== (await loadAccessMark(db, workspaceId)) || (await db.keptAside.count()) > 0) {
      const answers = await this.dropRevoked()
      await storeAccessMark(db, workspaceId, mark)
      return answers
    }
    const pending = [...(await pendingByDocument(db)).keys()].filter((docId) => !this.host.isOpen(docId))
    const answers = new Map<string, DocumentAccess>()
    for (let i = 0; i < pending.length; i += MAX_ACCESS_QUERY) {
      for (const [docId, level] of Object.entries(await accessOf(this.http, pending.slice(i, i + MAX_ACCESS_QUERY)))) answers.set(docId, level)
    }
    // An answer that differs from the fingerprint's (an erasure raced the round) gets the whole check.
    if ([...answers.values()].some((level) => level === 'none' || level === 'erased')) return this.dropRevoked()
    return answers
  }

  /**
   * Asks the relay which local files this user may still open; the others are dropped. Erased
   * ones are forgotten, and so are copies kept aside of files erased since (docs/SPEC.md E7).
   * Files kept aside that this user may open again get their changes back, to be pushed
   * (SPEC A12). Returns what the relay said.
   */
  private async dropRevoked(): Promise<Map<string, DocumentAccess>> {
    const { db } = this.host
    const held = new Set([...(await storedDocumentIds(db)), ...(await pendingByDocument(db)).keys()])
    const kept = await keptAsideList(db)
    const docIds = [...new Set([...held, ...kept.map((k) => k.docId)])]
    const answers = new Map<string, DocumentAccess>()
    for (let i = 0; i < docIds.length; i += MAX_ACCESS_QUERY) {
      const access = await accessOf(this.http, docIds.slice(i, i + MAX_ACCESS_QUERY))
      for (const [docId, level] of Object.entries(access)) {
        answers.set(docId, level)
        if (level === 'erased') await this.host.erased(docId as DocumentId)
        else if (level === 'none' && held.has(docId)) await this.host.accessEnded(docId as DocumentId)
      }
    }
    // In the order they were kept, so the newest changes land last (Yjs merges them either way).
    let putBack = 0
    for (const row of kept) {
      const level = answers.get(row.docId)
      if (level === 'read' || level === 'write') {
        await this.host.putBack(row)
        putBack++
      }
    }
    // The file is in the list again at once, not at the indexer's next pass.
    if (putBack > 0) await this.host.indexNow()
    return answers
  }
}

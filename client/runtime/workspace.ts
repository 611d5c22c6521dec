/**
 * The signed-in member's workspace at work, and the one thing views reach it through
 * (ui/ hooks): the local store, the open documents and their sockets, background catch-up,
 * the derived indexes, the outbox of requests to the relay, and the author of every change.
 * It exists only between sign-in and sign-out (runtime/session/session.ts rule A1).
 *
 * Data flows one way: a view changes a Y.Doc through a shared/ mutation; the document's
 * persistence stores it (and marks it dirty for the index), its socket sends it, the indexer
 * reprojects it. Nothing here branches on a document's kind: kinds are asked
 * (shared/docs/registry.ts).
 */
import * as Y from 'yjs'
import type { ChildRow } from '../../shared/indexes/rows'
import type { z } from 'zod'
import { EraseAnswer, FilePath } from '../../shared/api'
import { kindOf } from '../../shared/docs/registry'
import { Origin } from '../../shared/origin'
import { settingsDocumentId, type DocumentId, type WorkspaceId } from '../../shared/doc-id'
import type { Account } from './session/account-store'
import { SignedInAuthor, type SignedInUser } from './session/author'
import type { KeptAside, ShouwangDb } from './store/db'
import { DocPersistence } from './store/doc-persistence'
import { UnloadJournal } from './store/unload-journal'
import { DraftStore, type DraftStorage } from './store/drafts'
import { loadFilingClasses } from './store/filing-classes'
import { loadDirectory } from './store/directory'
import { readStoredDocument, storedUnder, whichStored } from './store/documents'
import { childRows, indexRowsOf, pairingRows, recordRows } from './store/index-rows'
import { ChildRowsCache } from './store/child-rows-cache'
import type { SyncProgress } from './sync/catchup'
import { forgetDocument } from './store/erase'
import { clearKeptAside, dropDocument, keptAsideList, labelsOf } from './store/kept-aside'
import { observe, observeIndex, type Unsubscribe } from './store/live-query'
import { Watched, type Followed } from './watched'
import { unsentFiles } from './store/local-data'
import { NOTHING_UNSENT, followUnsent, type UnsentWork } from './store/unsent-work'
import { enqueueRequests } from './store/outbox'
import { Indexer } from './indexes/indexer'
import { importKeptAside, putBack, type ChangesHost, type KeptAsideImport } from './kept-changes'
import { guardLeaving, type UnloadTarget } from './leave-guard'
import { BackgroundSync } from './sync/background-sync'
import { LiveDocs, type OpenDoc, type ProviderOptions } from './sync/live-docs'
import { RefusedFiles, type Refusal } from './sync/refused-files'
import { auditRequest, type AuditAction } from './sync/outbox'
import { accessOf, type DocumentAccess, type RelayHttp } from './sync/relay-http'
import type { Clock } from '../../shared/clock'
import type { KeptAsideEntry } from '../../shared/kept-aside-file'

const BACKGROUND_SYNC_INTERVAL_MS = 30_000
/** A new child reaches the relay (and its class's teacher) within a second, not at the next round. */
const SYNC_SOON_MS = 1000

export interface WorkspaceOptions {
  db: ShouwangDb
  workspaceId: WorkspaceId
  user: SignedInUser
  /** Base of the relay's websocket URL, e.g. `ws://localhost:8787`. */
  relayUrl: string
  /** The device's one HTTP client (sync/relay-http.ts). */
  http: RelayHttp
  /** The relay's clock as this device knows it, for the time of every write (sync/relay-clock.ts). */
  clock?: Clock
  /** Options passed to every provider (tests give Node's WebSocket). */
  providerOptions?: ProviderOptions
  /** Whether the browser says it is online. */
  online?: () => boolean
  /** The device's localStorage: drafts, and the unload journal after a wipe (none in some tests). */
  deviceStorage?: DraftStorage
  /** Between background rounds (30 s); a test makes it huge to show a change arrives without one. */
  backgroundIntervalMs?: number
}

export interface WorkspaceHooks {
  /** After each background round, so the session can look at the relay when rounds fail. */
  onRound?(ok: boolean): void
  /** The relay closed a file for good: access ended, or the session did. */
  onAccessEnded?(docId: DocumentId): void
  /** The browser wiped the device's database since it last held this account's data. */
  wiped?: boolean
}

export class Workspace {
  readonly db: ShouwangDb
  readonly workspaceId: WorkspaceId
  readonly author: SignedInAuthor
  /** The time every write is stamped with: the device's clock corrected to the relay's. */
  readonly clock: Clock
  readonly indexer: Indexer
  /** What was typed and is not in a document yet: fields being typed, record forms being filled. */
  readonly drafts: DraftStore
  readonly background: BackgroundSync
  private readonly live: LiveDocs
  private readonly refusedFiles = new RefusedFiles()
  /** Changes kept aside go back into documents through this (kept-changes.ts). */
  private readonly changesHost: ChangesHost
  private readonly unsentWork = new Watched<UnsentWork>(NOTHING_UNSENT)
  private readonly childCache: ChildRowsCache
  private readonly progress = new Watched<SyncProgress | undefined>(undefined)
  private readonly accessListeners = new Set<(docId: DocumentId, why: 'ended' | 'erased') => void>()
  private readonly stops: (() => void)[] = []
  private allowed = true
  private soon: ReturnType<typeof setTimeout> | undefined
  private closed = false

  constructor(
    private readonly options: WorkspaceOptions,
    private readonly hooks: WorkspaceHooks = {},
  ) {
    this.db = options.db
    this.workspaceId = options.workspaceId
    this.author = new SignedInAuthor(options.user)
    this.clock = options.clock ?? { now: () => Date.now() }
    this.drafts = new DraftStore(options.deviceStorage)
    this.indexer = new Indexer(this.db)
    this.childCache = new ChildRowsCache(this.db)
    this.live = new LiveDocs({
      db: this.db,
      relayUrl: options.relayUrl,
      presence: this.author.getPresence(),
      ...(options.providerOptions ? { providerOptions: options.providerOptions } : {}),
      online: () => this.online(),
      onStored: () => this.indexer.changed(),
      onAccessEnded: (docId) => void this.accessEnded(docId),
      onRefused: (docId, refusal, reason) => this.setRefused(docId, refusal, reason),
      onErased: (docId) => void this.erased(docId),
      onAccessChanged: () => this.catchUpFresh(),
    })
    this.stops.push(this.author.subscribe(() => this.live.setPresence(this.author.getPresence())))
    this.background = new BackgroundSync(
      {
        db: this.db,
        workspaceId: this.workspaceId,
        isOpen: (docId) => this.live.isOpen(docId as DocumentId),
        accessEnded: (docId, reason) => this.accessEnded(docId, reason),
        erased: (docId) => this.erased(docId),
        indexNow: () => this.indexer.flush(),
        refused: (docId, refusal, reason) => this.setRefused(docId, refusal, reason),
        putBack: (kept) => this.putBack(kept),
        progress: (progress) => this.progress.set(progress),
      },
      options.http,
    )
    this.changesHost = {
      db: this.db,
      isOpen: (docId) => this.live.isOpen(docId),
      applyToOpen: async (docId, update) => {
        const { doc } = await this.open(docId)
        try {
          Y.applyUpdate(doc, update, Origin.localEdit)
          await this.live.flushed(docId)
        } finally {
          this.release(docId)
        }
      },
      flushed: (docId) => this.live.flushed(docId),
      indexNow: () => this.indexer.flush(),
    }
    // Followed from the store, so the header and a closing page know at once what waits.
    this.stops.push(
      followUnsent(this.db, (work) => {
        const before = this.unsentWork.getSnapshot()
        if (work.pendingFiles !== before.pendingFiles || work.keptAside !== before.keptAside) this.unsentWork.set(work)
      }),
    )
  }

  /**
   * Opens the workspace's own document (whose socket tells whether the relay is reachable)
   * and brings the index up to date (a rebuild after an index version change).
   */
  async start(): Promise<void> {
    // After a wipe, what the unload journal still holds is all that is left of unsent work: stored again first (L7).
    if (this.hooks.wiped) await this.recoverJournal()
    await Promise.all([this.open(settingsDocumentId(this.workspaceId)), this.indexer.start()])
  }

  /** Stores every update the unload journal holds, as the pending changes they were. */
  private async recoverJournal(): Promise<void> {
    const journal = new UnloadJournal(this.options.deviceStorage)
    for (const docId of journal.documents()) {
      const doc = new Y.Doc()
      const persistence = new DocPersistence(this.db, docId, doc, journal)
      persistence.onStored = () => this.indexer.changed()
      await persistence.load()
      await persistence.flushed()
      persistence.destroy()
      doc.destroy()
    }
  }

  /**
   * Background catch-up at start, when the network returns (`events` fires 'online'), and
   * every half minute while online. A failed round is retried by the next one.
   */
  startSync(events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>): void {
    const onOnline = () => {
      this.live.setOnline(this.online())
      this.catchUp()
    }
    const onOffline = () => this.live.setOnline(false)
    events?.addEventListener('online', onOnline)
    events?.addEventListener('offline', onOffline)
    const timer = setInterval(() => this.catchUp(), this.options.backgroundIntervalMs ?? BACKGROUND_SYNC_INTERVAL_MS)
    this.stops.push(() => {
      clearInterval(timer)
      events?.removeEventListener('online', onOnline)
      events?.removeEventListener('offline', onOffline)
    })
    this.catchUp()
  }

  /** While the workspace is open, leaving the page with changes waiting asks first (SPEC S9). */
  guardLeaving(target: UnloadTarget): void {
    this.stops.push(guardLeaving(target, () => ({ ...this.unsentWork.getSnapshot(), drafts: this.drafts.getSnapshot() })))
  }

  /** Opens a document (once, however many views ask); pair every call with `release`. */
  open(docId: DocumentId): Promise<OpenDoc> {
    return this.live.open(docId)
  }

  release(docId: DocumentId): void {
    this.live.release(docId)
  }

  isOpen(docId: DocumentId): boolean {
    return this.live.isOpen(docId)
  }

  /** Resolves when every change to an open document so far is stored, and indexed. */
  async flushed(docId: DocumentId): Promise<void> {
    await this.live.flushed(docId)
    await this.indexer.flush()
  }

  /**
   * Creates a document: lets `init` write its first content, and returns once that content
   * is stored and indexed (so the next view to open it finds it). No socket for a document
   * only being created (an import creates thousands): it reaches the relay by background
   * sync, after what its kind announces to the relay (shared/docs/kind.ts `announce`).
   */
  createDocument(docId: DocumentId, init: (doc: Y.Doc) => void): Promise<void> {
    return this.writeDocument(docId, init, 'create')
  }

  /**
   * Changes a document this device has stored, without opening a socket for it (a roster
   * re-import updates hundreds): returns once the change is stored and indexed; background
   * sync sends it. Throws, changing nothing, when the device does not hold the document.
   */
  editDocument(docId: DocumentId, edit: (doc: Y.Doc) => void): Promise<void> {
    return this.writeDocument(docId, edit, 'edit')
  }

  private async writeDocument(docId: DocumentId, init: (doc: Y.Doc) => void, how: 'create' | 'edit'): Promise<void> {
    if (this.live.isOpen(docId)) {
      const { doc } = await this.open(docId)
      try {
        init(doc)
        await this.flushed(docId)
      } finally {
        this.release(docId)
      }
      return
    }
    const doc = new Y.Doc()
    const persistence = new DocPersistence(this.db, docId, doc)
    let failure: unknown
    persistence.onError = (error) => (failure ??= error)
    try {
      await persistence.load()
      // An edit of a document not stored here would start a file with no kind and no first fields.
      if (how === 'edit' && doc.store.clients.size === 0) throw new Error(`not stored on this device: ${docId}`)
      init(doc)
      await persistence.flushed()
      // A write IndexedDB refused (quota, eviction) fails the creation, so the caller can say so.
      if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure))
      const found = kindOf(docId)
      if (how === 'create' && found?.spec.announce) await enqueueRequests(this.db, found.spec.announce(doc, found.ref), { docId })
    } finally {
      persistence.destroy()
      doc.destroy()
    }
    await this.indexer.flush()
    this.wantSync()
  }

  /**
   * Access to a document ended: it is closed at once, whoever had it open, its unsent changes
   * are kept aside and the local copy and its index rows are removed (store/kept-aside.ts).
   */
  async accessEnded(docId: DocumentId, reason?: string): Promise<void> {
    await this.live.closeNow(docId)
    await dropDocument(this.db, docId, reason)
    this.drafts.removeAll(docId)
    this.refusedFiles.clear(docId)
    for (const l of this.accessListeners) l(docId, 'ended')
    this.hooks.onAccessEnded?.(docId)
  }

  /** Access to a file kept aside came back (SPEC A12): its kept changes are pending again. */
  putBack(kept: KeptAside): Promise<void> {
    return putBack(this.changesHost, kept)
  }

  /** A coordinator opens a saved kept-aside file (SPEC A13); then it is pushed soon. */
  async importKeptAside(entries: readonly KeptAsideEntry[]): Promise<KeptAsideImport> {
    const done = await importKeptAside(this.changesHost, entries)
    if (done.ok) this.wantSync()
    return done
  }

  /**
   * A coordinator erased the document (docs/SPEC.md E7): it is closed at once and forgotten,
   * with nothing kept aside, not even unsent changes (store/erase.ts). Heard from the relay's
   * close code 4410, from `/api/access`, or from the erase this device asked for.
   */
  async erased(docId: DocumentId): Promise<void> {
    await this.live.closeNow(docId)
    await forgetDocument(this.db, docId, new UnloadJournal(this.options.deviceStorage))
    // What was typed and not yet written into the file goes too.
    this.drafts.removeAll(docId)
    this.refusedFiles.clear(docId)
    for (const l of this.accessListeners) l(docId, 'erased')
  }

  /**
   * Erases a file for good, on the relay and (once they hear of it) every device that holds it;
   * then here. Coordinators only; throws the relay's refusal (sync/relay-http.ts).
   */
  async eraseFile(docId: DocumentId): Promise<void> {
    await this.options.http.request(EraseAnswer, FilePath.erase, { body: { docId } })
    await this.erased(docId)
  }

  /** The whole file as the relay exports it for the guardian, read with the kind's schema (coordinators only). */
  exportFile<T>(schema: z.ZodType<T>, docId: DocumentId): Promise<T> {
    return this.options.http.request(schema, FilePath.export, { body: { docId } })
  }

  /** Hears of files closed because access ended, or because they were erased (the child page then leaves). */
  onAccessEnded(listener: (docId: DocumentId, why: 'ended' | 'erased') => void): () => void {
    this.accessListeners.add(listener)
    return () => void this.accessListeners.delete(listener)
  }

  /** Queues a "viewed", "exported" or "rolledOver" (with its term) report for the audit trail, sent now if online. */
  async reportAudit(docId: DocumentId, action: AuditAction, term?: string): Promise<void> {
    await enqueueRequests(this.db, [auditRequest(docId, action, Date.now(), term)])
    this.wantSync()
  }

  /** Asks for a background round soon, rather than at the next half-minute one. */
  wantSync(): void {
    clearTimeout(this.soon)
    this.soon = setTimeout(() => this.catchUp(), SYNC_SOON_MS)
  }

  /** False while the relay's session needs the password again: sockets would only be refused. */
  setNetworkAllowed(allowed: boolean): void {
    if (allowed === this.allowed) return
    this.allowed = allowed
    this.live.setOnline(this.online())
    this.catchUp()
  }

  /** The relay's newer display name (presence and authorship follow it). */
  setAccount(account: Account): void {
    this.author.set(account.user)
  }

  /** The connection state the header shows. */
  readonly status = {
    subscribe: (listener: () => void) => this.live.subscribe(listener),
    getSnapshot: () => this.live.getSnapshot(),
  }

  /**
   * Files whose changes the relay refused, read-only for this user or against the file's rules
   * (SPEC S7): the changes are kept on the device, and the app says so.
   */
  readonly refused = {
    subscribe: (listener: () => void) => this.refusedFiles.subscribe(listener),
    getSnapshot: () => this.refusedFiles.getSnapshot(),
  }

  /** How many files have changes waiting, and how many are kept aside (SPEC S8). */
  readonly unsent: Followed<UnsentWork> = this.unsentWork

  /** How far background sync's round is while it pulls files (SPEC S16); undefined between rounds. */
  readonly syncProgress: Followed<SyncProgress | undefined> = this.progress

  /** Reads for views, each one a query that `observe` can follow (ui/use-live.ts). */
  readonly queries = {
    children: () => childRows.all(this.db),
    /** Every child row, read whole once and then only the rows written since: for `observeIndex` only (SPEC I14). */
    childList: () => this.childCache.read(),
    childrenByName: () => childRows.byName(this.db),
    child: (childId: string) => childRows.get(this.db, childId),
    childrenInClass: (classId: string) => childRows.inClass(this.db, classId),
    /** The first `count` children of these classes, in this order: the list's first screen (SPEC I11). */
    childrenFirst: (classIds: readonly string[], keep: (row: ChildRow) => boolean, count: number) => childRows.firstInClasses(this.db, classIds, keep, count),
    /** The records of one type dated within a period (both days included): the forms' aid and home visits. */
    recordsBetween: (type: string, from: string, to: string) => recordRows.ofTypeBetween(this.db, type, from, to),
    /** Every indexed pairing of the files on this device (who helps whom, offline). */
    pairings: () => pairingRows.all(this.db),
    pairingsOf: (childId: string) => pairingRows.ofChild(this.db, childId),
    /** Every indexed record of the files on this device, or one child's (what is due, offline). */
    records: () => recordRows.all(this.db),
    recordsOf: (childId: string) => recordRows.ofChild(this.db, childId),
    /** Every child, record and pairing at once, in one read, the records from their packed sets (SPEC I12): what the due list and the figures compute from (Z1). */
    indexRows: () => indexRowsOf(this.db),
    keptAside: () => keptAsideList(this.db),
    unsentFiles: () => unsentFiles(this.db),
    storedIn: (docIds: readonly string[]) => whichStored(this.db, docIds),
    /** The stored documents whose ids start with `prefix`, each as one update (a supervisor's reports). */
    storedUnder: (prefix: string) => storedUnder(this.db, prefix),
    /** The classes this member may file a new child into, as the relay last said (SPEC X3). */
    filingClasses: () => loadFilingClasses(this.db),
    /** The workspace's members as the relay last listed them, removed ones flagged (SPEC M2). */
    directory: () => loadDirectory(this.db),
    /** How the person is told which documents these are (from the local index). */
    labels: (docIds: readonly string[]) => labelsOf(this.db, docIds),
  }

  /** Runs `query` now and again whenever what it read changes. */
  observe<T>(query: () => Promise<T>, onValue: (value: T) => void): Unsubscribe {
    return observe(query, onValue)
  }

  /** Runs a query over the index tables now and after their writes, at most a few times a second (SPEC I8). */
  observeIndex<T>(query: () => Promise<T>, onValue: (value: T) => void): Unsubscribe {
    return observeIndex(this.db, query, onValue)
  }

  /** What the relay says this user may do with these documents now (throws offline). */
  accessOf(docIds: string[]): Promise<Record<string, DocumentAccess>> {
    return accessOf(this.options.http, docIds)
  }

  /** A stored document, read without opening it (a class's contact cards must not open forty sockets). */
  readStored(docId: DocumentId): Promise<Y.Doc | undefined> {
    return readStoredDocument(this.db, docId)
  }

  /** The user saved what was kept aside elsewhere, or gave it up. */
  discardKeptAside(): Promise<void> {
    return clearKeptAside(this.db)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    clearTimeout(this.soon)
    for (const stop of this.stops.splice(0)) stop()
    this.indexer.close()
    this.childCache.close()
    this.live.destroy()
  }

  private setRefused(docId: DocumentId, refusal: Refusal | null, reason?: string): void {
    if (refusal) this.refusedFiles.mark(docId, refusal, reason)
    else this.refusedFiles.clear(docId)
  }

  /**
   * The relay said this user's access changed (docs/SPEC.md P4): a round at once, after any under
   * way, so files no longer theirs go (dropRevoked) and new ones come (the read scope changed).
   */
  private catchUpFresh(): void {
    this.catchUp(true)
  }

  private online(): boolean {
    return (this.options.online?.() ?? true) && this.allowed
  }

  private catchUp(fresh = false): void {
    if (this.closed || !this.online()) return
    ;(fresh ? this.background.runFresh() : this.background.run()).then(
      () => this.hooks.onRound?.(true),
      (error: unknown) => {
        console.warn('background sync', error)
        this.hooks.onRound?.(false)
      },
    )
  }
}

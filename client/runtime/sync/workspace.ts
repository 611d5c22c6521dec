/**
 * The client's composition root: opens documents from the local store, connects each open
 * one to the relay, keeps the derived index and the sync status. Views get documents from
 * here and change them only through shared/ mutations.
 */
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { parseDocumentId, settingsDocumentId, type DocumentId, type WorkspaceId } from '../../../shared/doc-id'
import type { ShouwangDb } from '../store/db'
import { DocPersistence } from '../store/doc-persistence'
import { indexChild, watchChild } from '../indexes/child-index'
import { CloseCode } from '../../../shared/protocol'
import { dropDocument } from './access-ended'
import { trackSaved } from './saved-tracker'
import { readChildFile } from '../../../shared/docs/child/child'

/** Meta key prefix of a new child whose class the relay has not yet been told. */
export const CLASS_TO_REGISTER = 'register-class:'

export interface UserPresence {
  name: string
  color: string
}

export interface OpenDoc {
  docId: DocumentId
  doc: Y.Doc
  provider: WebsocketProvider
}

interface Entry {
  opened: Promise<OpenDoc>
  refs: number
  close?: () => void
  flushed?: () => Promise<void>
}

export type ConnectionState = 'offline' | 'connecting' | 'connected'

export interface SyncSnapshot {
  connection: ConnectionState
  /** Open documents not yet caught up with the relay. */
  unsynced: number
}

export interface WorkspaceOptions {
  db: ShouwangDb
  workspaceId: WorkspaceId
  /** Base of the relay's websocket URL, e.g. `ws://localhost:8787`. */
  relayUrl: string
  user: UserPresence
  /** Options passed to every provider (tests give Node's WebSocket). */
  providerOptions?: ConstructorParameters<typeof WebsocketProvider>[3]
  online?: () => boolean
}

export class Workspace {
  readonly db: ShouwangDb
  readonly workspaceId: WorkspaceId
  private readonly docs = new Map<string, Entry>()
  private readonly providers = new Set<WebsocketProvider>()
  private readonly listeners = new Set<() => void>()
  private snapshot: SyncSnapshot = { connection: 'offline', unsynced: 0 }
  private user: UserPresence

  constructor(private readonly options: WorkspaceOptions) {
    this.db = options.db
    this.workspaceId = options.workspaceId
    this.user = options.user
  }

  /** Opens the workspace's own document, which also tells whether the relay is reachable. */
  start(): Promise<OpenDoc> {
    return this.open(settingsDocumentId(this.workspaceId))
  }

  /** Opens a document (once, however many views ask); pair every call with `release`. */
  open(docId: DocumentId): Promise<OpenDoc> {
    const existing = this.docs.get(docId)
    if (existing) {
      existing.refs++
      return existing.opened
    }
    const entry: Entry = { refs: 1, opened: Promise.resolve(undefined as never) }
    entry.opened = this.load(docId, entry)
    this.docs.set(docId, entry)
    return entry.opened
  }

  /**
   * Creates a document: opens it, lets `init` write its first content, and returns once
   * that content is in the local store (so the next view to open it finds it there).
   */
  async createDocument(docId: DocumentId, init: (doc: Y.Doc) => void): Promise<void> {
    if (this.docs.has(docId)) {
      const { doc } = await this.open(docId)
      try {
        init(doc)
        await this.flushed(docId)
      } finally {
        this.release(docId)
      }
      return
    }
    // No socket for a document only being created (an import creates thousands): it is
    // stored and indexed here, and reaches the relay by background sync or when opened.
    const doc = new Y.Doc()
    const persistence = new DocPersistence(this.db, docId, doc)
    let failure: unknown
    persistence.onError = (error) => (failure ??= error)
    try {
      await persistence.load()
      init(doc)
      await persistence.flushed()
      // A write IndexedDB refused (quota, eviction) fails the creation, so the caller can say so.
      if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure))
      const parsed = parseDocumentId(docId)
      if (parsed?.kind === 'child' && parsed.key) {
        await indexChild(this.db, parsed.key, docId, doc)
        // The relay learns the new child's class from background sync, before its first push,
        // so that the class's teacher may send it (access is decided by the relay's tables).
        const className = readChildFile(doc).fields.className?.value
        if (typeof className === 'string') await this.db.meta.put({ key: `${CLASS_TO_REGISTER}${parsed.key}`, value: className })
      }
    } finally {
      persistence.destroy()
      doc.destroy()
    }
    this.wantSync()
  }

  /**
   * Access to a file ended: it is closed at once, whoever had it open, its unsent changes
   * are kept aside and the local copy is removed (access-ended.ts).
   */
  async accessEnded(docId: DocumentId): Promise<void> {
    const entry = this.docs.get(docId)
    if (entry) {
      this.docs.delete(docId)
      await entry.opened
      await this.flushed(docId).catch(() => {})
      entry.close?.()
    }
    await dropDocument(this.db, docId)
    for (const l of this.accessListeners) l(docId)
  }

  private readonly accessListeners = new Set<(docId: string) => void>()
  private readonly syncWanted = new Set<() => void>()

  /** Hears that something on this device should reach the relay soon (a new file, an audit report). */
  onSyncWanted(listener: () => void): () => void {
    this.syncWanted.add(listener)
    return () => this.syncWanted.delete(listener)
  }

  /** Asks for a background round soon, rather than at the next half-minute one. */
  wantSync(): void {
    for (const l of this.syncWanted) l()
  }

  /** Hears of files closed because access ended (the child page then leaves). */
  onAccessEnded(listener: (docId: string) => void): () => void {
    this.accessListeners.add(listener)
    return () => this.accessListeners.delete(listener)
  }

  isOpen(docId: DocumentId): boolean {
    return this.docs.has(docId)
  }

  /** Resolves when every change to an open document so far is in the local store. */
  async flushed(docId: DocumentId): Promise<void> {
    await this.docs.get(docId)?.flushed?.()
  }

  release(docId: DocumentId): void {
    const entry = this.docs.get(docId)
    if (!entry || --entry.refs > 0) return
    this.docs.delete(docId)
    void entry.opened.then(() => entry.close?.())
  }

  /** Online/offline as the browser reports it: providers stop trying while offline. */
  setOnline(online: boolean): void {
    for (const provider of this.providers) {
      if (online) provider.connect()
      else provider.disconnect()
    }
    this.refresh()
  }

  setUser(user: UserPresence): void {
    this.user = user
    for (const provider of this.providers) provider.awareness.setLocalStateField('user', user)
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): SyncSnapshot => this.snapshot

  destroy(): void {
    for (const [docId, entry] of this.docs) {
      entry.refs = 1
      this.release(docId as DocumentId)
    }
  }

  private async load(docId: DocumentId, entry: Entry): Promise<OpenDoc> {
    const doc = new Y.Doc()
    const persistence = new DocPersistence(this.db, docId, doc)
    await persistence.load()
    const provider = new WebsocketProvider(`${this.options.relayUrl}/sync`, docId, doc, {
      connect: this.options.online?.() ?? true,
      ...this.options.providerOptions,
    })
    persistence.addRemoteOrigin(provider)
    provider.awareness.setLocalStateField('user', this.user)
    const stopTracking = trackSaved(provider, persistence, this.db)
    const parsed = parseDocumentId(docId)
    const stopIndex = parsed?.kind === 'child' && parsed.key ? watchChild(this.db, parsed.key, docId, doc) : () => {}
    const onChange = () => this.refresh()
    // The relay closed the file for good because this user's access ended.
    const onClosed = (event: { code: number }) => {
      if (event.code === CloseCode.accessEnded) void this.accessEnded(docId)
    }
    provider.on('closed', onClosed)
    provider.on('status', onChange)
    provider.on('sync', onChange)
    this.providers.add(provider)
    this.refresh()
    entry.flushed = async () => {
      await persistence.flushed()
      if (parsed?.kind === 'child' && parsed.key) await indexChild(this.db, parsed.key, docId, doc)
    }
    entry.close = () => {
      provider.off('closed', onClosed)
      provider.off('status', onChange)
      provider.off('sync', onChange)
      this.providers.delete(provider)
      stopIndex()
      stopTracking()
      // Let queued local writes finish before the document goes away.
      void persistence.flushed().then(() => {
        persistence.destroy()
        provider.destroy()
        doc.destroy()
      })
      this.refresh()
    }
    return { docId, doc, provider }
  }

  private refresh(): void {
    let connected = 0
    let connecting = 0
    let unsynced = 0
    for (const p of this.providers) {
      if (p.wsconnected) connected++
      else if (p.wsconnecting || p.shouldConnect) connecting++
      if (!p.synced) unsynced++
    }
    const online = this.options.online?.() ?? true
    const connection: ConnectionState = !online ? 'offline' : connected > 0 ? 'connected' : connecting > 0 ? 'connecting' : 'offline'
    if (connection !== this.snapshot.connection || unsynced !== this.snapshot.unsynced) {
      this.snapshot = { connection, unsynced }
      for (const l of this.listeners) l()
    }
  }
}

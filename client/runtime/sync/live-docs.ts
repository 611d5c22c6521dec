/**
 * The documents open in views, each with its socket: opened once however many views ask
 * (pair `open` with `release`), loaded from the local store before any network, stored as
 * they change (store/doc-persistence.ts) and confirmed by saved checkpoints
 * (saved-tracker.ts). Knows the connection state the header shows. A file whose message the
 * relay closed as too large (1009, SPEC Q1) keeps its changes and is not reconnected until the
 * app is loaded again: it would only send the same message again.
 */
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { DocumentId } from '../../../shared/doc-id'
import { isLimitReason, LimitReason } from '../../../shared/limits'
import { CloseCode, MessageType, READ_ONLY_REASON } from '../../../shared/protocol'
import type { ShouwangDb } from '../store/db'
import { DocPersistence } from '../store/doc-persistence'
import type { Refusal } from './refused-files'
import { trackSaved } from './saved-tracker'

export interface UserPresence {
  name: string
  color: string
}

/** An open document as views use it: the Y.Doc, and the presence of who else has it open. */
export interface OpenDoc {
  docId: DocumentId
  doc: Y.Doc
  awareness: Awareness
  /** The socket's provider, for the editor's caret binding only. */
  provider: WebsocketProvider
}

export type ConnectionState = 'offline' | 'connecting' | 'connected'

export interface SyncSnapshot {
  connection: ConnectionState
  /** Open documents not yet caught up with the relay. */
  unsynced: number
}

/** Options for every document's socket (tests give Node's WebSocket and no BroadcastChannel). */
export type ProviderOptions = NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>

export interface LiveDocsOptions {
  db: ShouwangDb
  /** Base of the relay's websocket URL, e.g. `ws://localhost:8787`. */
  relayUrl: string
  presence: UserPresence
  /** Options passed to every provider (tests give Node's WebSocket). */
  providerOptions?: ProviderOptions
  online: () => boolean
  /** A write of this document reached the local store. */
  onStored: (docId: DocumentId) => void
  /** The relay closed the document for good: this user's access ended. */
  onAccessEnded: (docId: DocumentId) => void
  /**
   * The relay refused a change of this document (read-only, its rules, or a limit: SPEC Q, with the
   * relay's reason), or saved them all (null) (SPEC S7).
   */
  onRefused?: (docId: DocumentId, refusal: Refusal | null, reason?: string) => void
  /** The relay closed the document because a coordinator erased it (close code 4410). */
  onErased: (docId: DocumentId) => void
  /** The relay said this user's access changed (a child moved, a pairing made or ended): catch up now (docs/SPEC.md P4). */
  onAccessChanged?: () => void
}

interface Entry {
  opened: Promise<OpenDoc>
  refs: number
  close?: () => void
  flushed?: () => Promise<void>
}

export class LiveDocs {
  private readonly docs = new Map<string, Entry>()
  private readonly providers = new Set<WebsocketProvider>()
  /** Files whose message was too large for the relay: not reconnected until the app is loaded again (SPEC Q1). */
  private readonly tooLarge = new WeakSet<WebsocketProvider>()
  private readonly listeners = new Set<() => void>()
  private snapshot: SyncSnapshot = { connection: 'offline', unsynced: 0 }
  private presence: UserPresence

  constructor(private readonly options: LiveDocsOptions) {
    this.presence = options.presence
  }

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

  release(docId: DocumentId): void {
    const entry = this.docs.get(docId)
    if (!entry || --entry.refs > 0) return
    this.docs.delete(docId)
    void entry.opened.then(() => entry.close?.())
  }

  isOpen(docId: string): boolean {
    return this.docs.has(docId)
  }

  /** Resolves when every change to an open document so far is in the local store. */
  async flushed(docId: DocumentId): Promise<void> {
    await this.docs.get(docId)?.flushed?.()
  }

  /** Closes a document at once, whoever has it open, after its local writes are done. */
  async closeNow(docId: DocumentId): Promise<void> {
    const entry = this.docs.get(docId)
    if (!entry) return
    this.docs.delete(docId)
    await entry.opened
    await entry.flushed?.().catch(() => {})
    entry.close?.()
  }

  /** Online/offline as the browser reports it: providers stop trying while offline. */
  setOnline(online: boolean): void {
    for (const provider of this.providers) {
      if (online && !this.tooLarge.has(provider)) provider.connect()
      else provider.disconnect()
    }
    this.refresh()
  }

  setPresence(presence: UserPresence): void {
    this.presence = presence
    for (const provider of this.providers) provider.awareness.setLocalStateField('user', presence)
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  getSnapshot = (): SyncSnapshot => this.snapshot

  destroy(): void {
    for (const [docId, entry] of this.docs) {
      entry.refs = 1
      this.release(docId as DocumentId)
    }
  }

  private async load(docId: DocumentId, entry: Entry): Promise<OpenDoc> {
    const { db } = this.options
    const doc = new Y.Doc()
    const persistence = new DocPersistence(db, docId, doc)
    persistence.onStored = () => this.options.onStored(docId)
    await persistence.load()
    const given = this.options.providerOptions?.shouldReconnect
    const provider = new WebsocketProvider(`${this.options.relayUrl}/sync`, docId, doc, {
      connect: this.options.online(),
      ...this.options.providerOptions,
      // A message too large now is as large at every reconnection: stop, as for 4400–4499 (SPEC Q1).
      shouldReconnect: (event, p) =>
        event.code !== CloseCode.tooLarge && (given ? given(event, p) : !(event.code >= 4400 && event.code < 4500)),
    })
    persistence.addRemoteOrigin(provider)
    provider.awareness.setLocalStateField('user', this.presence)
    provider.messageHandlers[MessageType.accessChanged] = () => this.options.onAccessChanged?.()
    /** The socket on which something was refused: what it refuses later may only follow from that. */
    let refusedOn: unknown
    const stopTracking = trackSaved(provider, persistence, db, {
      onRefused: (reason) => {
        const first = refusedOn !== provider.ws
        refusedOn = provider.ws
        if (reason === READ_ONLY_REASON) this.options.onRefused?.(docId, 'readOnly')
        else if (!isLimitReason(reason)) this.options.onRefused?.(docId, 'rules', reason)
        // A later change built on a refused one lacks what it builds on (SPEC Q8): the first reason stands.
        else if (first || reason !== LimitReason.missingDependencies) this.options.onRefused?.(docId, 'limit', reason)
      },
      onSaved: () => this.options.onRefused?.(docId, null),
    })
    const onChange = () => this.refresh()
    const onClosed = (event: { code: number }) => {
      if (event.code === CloseCode.accessEnded) this.options.onAccessEnded(docId)
      else if (event.code === CloseCode.erased) this.options.onErased(docId)
      else if (event.code === CloseCode.tooLarge) {
        this.tooLarge.add(provider)
        this.options.onRefused?.(docId, 'limit', LimitReason.messageTooLarge)
      }
    }
    provider.on('closed', onClosed)
    provider.on('status', onChange)
    provider.on('sync', onChange)
    this.providers.add(provider)
    this.refresh()
    entry.flushed = () => persistence.flushed()
    entry.close = () => {
      provider.off('closed', onClosed)
      provider.off('status', onChange)
      provider.off('sync', onChange)
      this.providers.delete(provider)
      stopTracking()
      // Let queued local writes finish before the document goes away.
      void persistence.flushed().then(() => {
        persistence.destroy()
        provider.destroy()
        doc.destroy()
      })
      this.refresh()
    }
    return { docId, doc, awareness: provider.awareness, provider }
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
    const connection: ConnectionState = !this.options.online() ? 'offline' : connected > 0 ? 'connected' : connecting > 0 ? 'connecting' : 'offline'
    if (connection !== this.snapshot.connection || unsynced !== this.snapshot.unsynced) {
      this.snapshot = { connection, unsynced }
      for (const l of this.listeners) l()
    }
  }
}

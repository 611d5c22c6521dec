/**
 * One document's live room: the peers connected to it, its committed state as encoded
 * updates, and its presence. It answers state vectors with diffs of the committed state,
 * admits each update through its UpdateGuard, commits it, and only then forwards it.
 * A checkpoint is answered `saved` only if everything its connection sent was taken: once
 * a connection's update is refused, each later checkpoint on it is answered `not saved`
 * (docs/SPEC.md S7), so a device never drops a change the relay did not store.
 * A room exists only once its document is loaded (`Room.load`); rooms.ts decides when one
 * is dropped, and never while it is loading or has anything in flight.
 */
import * as Y from 'yjs'
import {
  CloseCode,
  READ_ONLY_REASON,
  writeNotSaved,
  writePermissionDenied,
  writeSaved,
  writeSyncStep1,
  MAX_MESSAGE_BYTES,
} from '../../shared/protocol'
import type { Logger } from '../log'
import type { DocStore } from '../store/doc-store'
import type { ClientMessage } from './client-message'
import type { CommitQueue } from './commit-queue'
import { RefusedWrite, UpdateGuard } from './update-guard'
import type { AuthenticatedWriter } from '../../shared/docs/write-rules'
import { RoomLog } from './room-log'
import { RoomPresence } from './room-presence'
import type { WriteVerdict } from '../../shared/docs/kind'
import type { FactsListener, Peer } from './peer'
import { kindOf } from '../../shared/docs/registry'
import { DEFAULT_WRITE_LIMITS, type WriteLimits } from './write-limits'
import { admitWrite } from './write-admission'
import { LimitReason } from '../../shared/limits'
import { addsNothing } from '../../shared/dependencies'
import { Fanout } from './fanout'
import { HeldUpdates } from './held-updates'

export type { FactsListener, Peer } from './peer'

/** Stored updates past this count are merged into one. */
export const COMPACT_AFTER = 200

export class Room {
  /** What is committed and what is queued (SPEC S21: joiners are answered from it). */
  private readonly history: RoomLog
  private readonly guard: UpdateGuard
  private readonly peers = new Set<Peer>()
  /** Connections that had an update refused: nothing they send can be confirmed as saved again. */
  private readonly refused = new WeakSet<Peer>()
  /** Updates that build on what has not come yet (SPEC Q8), per connection. */
  private readonly held = new HeldUpdates<Peer>(() => this.limits)
  private readonly presence: RoomPresence<Peer>
  /** What goes to the peers, one message each per turn (SPEC S20). */
  private readonly fanout: Fanout<Peer>
  /** Being erased (docs/SPEC.md E6): nothing more is committed, compacted, answered or forwarded. */
  private erased = false

  /** The document's room, with everything committed so far. */
  static async load(
    docId: string,
    store: DocStore,
    commits: CommitQueue,
    log: Logger,
    onFacts?: FactsListener,
    limits: WriteLimits = DEFAULT_WRITE_LIMITS,
  ): Promise<Room> {
    const room = new Room(docId, store, commits, log, await store.load(docId), onFacts)
    room.limits = limits
    await room.dropPending()
    return room
  }

  private limits: WriteLimits = DEFAULT_WRITE_LIMITS

  /**
   * Stored before SPEC Q8, changes waiting for others the relay never had are neither served nor
   * kept: the file is compacted without them (the guard has already left them out).
   */
  private async dropPending(): Promise<void> {
    if (!this.guard.hadPending) return
    this.log.warn('sync.pending-dropped', { doc: this.docId })
    await this.history.replace(this.guard.encode())
  }

  private constructor(
    readonly docId: string,
    store: DocStore,
    private readonly commits: CommitQueue,
    private readonly log: Logger,
    loaded: { updates: Uint8Array[]; lastSeq: number },
    private readonly onFacts?: FactsListener,
  ) {
    this.history = new RoomLog(docId, store, log, loaded)
    const inFlight = this.history.inFlight
    // Built again after every refusal by the rules: from one merged update rather than each stored
    // one, once the first build found every stored update applies (so a merge of them does too).
    this.guard = new UpdateGuard(() => (this.guard?.skipped === false ? [this.merged(), ...inFlight] : [...this.history.stored, ...inFlight]))
    this.presence = new RoomPresence<Peer>((clients) => this.fanout.presenceChanged(clients))
    this.fanout = new Fanout(() => this.peers, (clients) => this.presence.message(clients), MAX_MESSAGE_BYTES)
  }

  /** No peer and nothing waiting to commit: the room can be dropped and loaded again later. */
  get idle(): boolean {
    return this.peers.size === 0 && this.history.inFlight.length === 0
  }

  /** Called when the room becomes idle. */
  onIdle: () => void = () => {}

  join(peer: Peer): void {
    this.peers.add(peer)
    this.presence.joined(peer)
    peer.send(writeSyncStep1(this.history.stateVector()))
    const everyone = this.presence.everyone()
    if (everyone) peer.send(everyone)
  }

  leave(peer: Peer): void {
    this.peers.delete(peer)
    this.held.drop(peer)
    this.presence.left(peer)
    if (this.idle) this.onIdle()
  }

  /**
   * The document is being erased: from now on nothing is committed (a commit is refused and its
   * sender closed with 4410), compacted or answered. Resolves once a compaction already being
   * written is done, so nothing of the document is written after the store forgets it.
   */
  async erase(): Promise<void> {
    this.erased = true
    this.fanout.stop()
    await this.history.clear()
  }

  destroy(): void {
    this.fanout.stop()
    this.guard.destroy()
    this.presence.destroy()
  }

  handle(peer: Peer, message: ClientMessage): void {
    if (this.erased) return
    switch (message.type) {
      case 'syncStep1':
        peer.send(this.history.syncStep2(message.stateVector))
        return
      case 'update':
        if (message.empty) return
        if (!peer.canWrite) {
          // A reconnecting reader's sync answer carries its whole delete set: holding nothing the
          // relay lacks, it is no write (SPEC A8), and refusing it would mark the file refused.
          if (this.guard.read((doc) => addsNothing(message.update, doc))) return
          // y-protocols' "permission denied": stock clients report it; nothing is stored or forwarded.
          this.refuse(peer, READ_ONLY_REASON, message.update.byteLength)
          return
        }
        {
          let audit: WriteVerdict['audit']
          const resets = this.guard.resets
          try {
            // Throws RejectedUpdate for an update no client could apply: the caller closes the socket.
            audit = this.admit(message.update, peer.writer())
          } catch (error) {
            if (!(error instanceof RefusedWrite)) throw error
            if (error.reason === LimitReason.missingDependencies && this.hold(peer, message.update)) return
            // The rules refuse it (a deletion not the writer's to make): nothing stored or forwarded,
            // the socket stays open, and the device is told why (docs/SPEC.md D3).
            this.log.info('sync.write-refused', { doc: this.docId, peer: peer.label, reason: error.reason })
            // As after a read-only refusal, no later checkpoint on this socket is answered saved (SPEC S7).
            this.refuse(peer, error.reason, message.update.byteLength + (this.guard.resets !== resets ? this.history.storedBytes() : 0))
            return
          }
          // A failed commit closes the peer's socket (in commit); its client keeps the update and resends.
          this.commit(peer, message.update, audit, peer.identity.id).catch(() => {})
          this.admitHeld(peer)
        }
        return
      case 'awareness':
        this.presence.apply(peer, message.update)
        return
      case 'queryAwareness':
        peer.send(this.presence.everyone() ?? this.presence.message([]))
        return
      case 'checkpoint': {
        // What it held too long is not coming: dropped and refused, so the device hears why (Q8).
        if (this.held.tooLong(peer)) {
          this.held.drop(peer)
          this.refuse(peer, LimitReason.missingDependencies, 0)
        }
        // Everything this peer sent before the checkpoint is queued ahead of it. After a refusal
        // the answer is "not saved" (SPEC S7), in the same order as the "saved" answers before it.
        // While some of its updates are held, not everything it sent is stored: not saved, yet (Q8).
        const answer = this.refused.has(peer) || this.held.has(peer) ? writeNotSaved(message.n) : writeSaved(message.n)
        this.commits.afterCommitted(() => {
          if (this.peers.has(peer)) peer.send(answer)
        })
        return
      }
    }
  }

  /** The peer's write refused (SPEC S7), told why, and the refusal charged to it (Q9). */
  private refuse(peer: Peer, reason: string, bytes: number): void {
    this.refused.add(peer)
    peer.send(writePermissionDenied(reason))
    peer.onRefused?.(bytes)
  }

  /** The whole document as one update (merging what was committed since last time). */
  merged(): Uint8Array {
    return this.history.merged()
  }

  /**
   * Proves the update applies and that the document kind's rules allow it for this writer
   * (throws RejectedUpdate or RefusedWrite, changing nothing, if not); returns what to audit
   * once it is committed. Call before commit. `now` is the relay's clock (docs/SPEC.md R2).
   */
  admit(update: Uint8Array, writer: AuthenticatedWriter, now = Date.now()): WriteVerdict['audit'] {
    return admitWrite({ docId: this.docId, guard: this.guard, limits: this.limits, storedBytes: () => this.history.storedBytes() }, update, writer, now)
  }

  /** Holds an update whose dependencies have not come; false (it is refused) past the bounds. */
  private hold(peer: Peer, update: Uint8Array): boolean {
    return this.held.hold(peer, update)
  }

  /** After one of its updates was admitted, admits what the connection had held and now applies, in order. */
  private admitHeld(peer: Peer): void {
    this.held.retry(peer, (update) => {
      let audit: WriteVerdict['audit']
      const resets = this.guard.resets
      try {
        audit = this.admit(update, peer.writer())
      } catch (error) {
        if (error instanceof RefusedWrite && error.reason === LimitReason.missingDependencies) return 'waiting'
        // Now judged whole and refused by the rules, or not applicable at all: refused as such.
        this.refuse(peer, error instanceof RefusedWrite ? error.reason : LimitReason.missingDependencies, update.byteLength + (this.guard.resets !== resets ? this.history.storedBytes() : 0))
        return 'refused'
      }
      this.commit(peer, update, audit, peer.identity.id).catch(() => {})
      return 'taken'
    })
  }

  /** Forgets updates admitted but never committed (a request refused after admitting some). */
  resetGuard(): void {
    this.guard.reset()
  }

  /**
   * Commits an admitted update, then forwards it to every peer but its sender. Resolves once it is
   * on disk; rejects if the store failed (and then nothing was forwarded).
   */
  commit(from: Peer | null, update: Uint8Array, audit: WriteVerdict['audit'] = [], by?: string): Promise<void> {
    if (this.erased) {
      from?.close(CloseCode.erased, 'erased')
      return Promise.reject(new Error('the document was erased'))
    }
    const inFlight = this.history.inFlight
    inFlight.push(update)
    return new Promise((resolve, reject) => {
      this.commits.enqueue(this.docId, update, (result) => {
        inFlight.splice(inFlight.indexOf(update), 1)
        if (this.idle) queueMicrotask(() => this.idle && this.onIdle())
        if ('error' in result) {
          this.guard.reset()
          this.log.error('sync.commit-failed', { doc: this.docId, peer: from?.label ?? 'http' })
          from?.close(CloseCode.storageFailed, 'storage failed')
          reject(result.error instanceof Error ? result.error : new Error('storage failed'))
          return
        }
        this.history.committed(update, result.seq)
        // Forwarded once the batch is on disk, merged with the batch's other updates (SPEC S1, S20).
        this.fanout.update(update, from)
        from?.onCommitted?.(audit)
        this.learnFacts(by)
        if (this.history.count > COMPACT_AFTER) void this.compact()
        resolve()
      })
    })
  }

  /**
   * A change made by the relay itself (a coordinator's pairing through the account API): `edit`
   * changes a copy of the document, and the change goes the way of a client's update: admitted
   * by the kind's rules for `writer`, committed, forwarded to every peer, its facts learnt.
   */
  async applyEdit(edit: (doc: Y.Doc) => void, writer: AuthenticatedWriter): Promise<void> {
    const copy = new Y.Doc()
    try {
      Y.applyUpdate(copy, this.merged())
      for (const update of this.history.inFlight) Y.applyUpdate(copy, update)
      const before = Y.encodeStateVector(copy)
      edit(copy)
      const update = Y.encodeStateAsUpdate(copy, before)
      // Nothing changed (a pairing already in force): nothing to store.
      if (update.byteLength <= 2) return
      const audit = this.admit(update, writer)
      await this.commit(null, update, audit, writer.id)
    } finally {
      copy.destroy()
    }
  }

  /** Tells the listener the document's access facts as they are now. */
  private learnFacts(by: string | undefined): void {
    if (!this.onFacts) return
    const found = kindOf(this.docId)
    const read = found?.spec.accessFacts
    if (!found || !read) return
    try {
      const facts = this.guard.read((doc) => read(doc, found.ref))
      this.onFacts(this.docId, facts, by)
    } catch (error) {
      // The update is stored; a fault here must not undo that. The next commit tries again.
      this.log.error('sync.learn-failed', { doc: this.docId, error: error instanceof Error ? error.message : String(error) })
    }
  }

  /** Merges the stored log into one update (unless the document is being erased); what was committed stays committed. */
  compact(): Promise<void> {
    return this.history.compact(() => !this.erased)
  }
}

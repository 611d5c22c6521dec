/**
 * Knows which local changes the relay has saved. After local edits (and after each
 * reconnection's handshake) the client sends `checkpoint n` on the document's socket; the
 * relay answers `saved n` once everything that socket carried before it is on disk.
 *
 * Why that confirms every pending change up to the checkpoint: a change made while the
 * socket was open was sent on it before the checkpoint; a change made before this socket
 * synced was part of the handshake's sync step 2, which carries all the relay lacked
 * (deletions included). Either way it is ahead of the checkpoint on one ordered socket.
 *
 * Unless the relay refused some of it (docs/SPEC.md S7): a read-only connection's updates are
 * answered "permission denied" and dropped, and its checkpoints `not saved n`. From the first
 * refusal on a socket, nothing clears a pending row of this document until another socket,
 * one that refused nothing, is answered saved; the changes stay on the device, and the
 * workspace tells the person why.
 */
import type * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType, readNotSaved, readPermissionDenied, readSaved, writeCheckpoint } from '../../../shared/protocol'
import type { ShouwangDb } from '../store/db'
import type { DocPersistence } from '../store/doc-persistence'
import { clearPendingThrough, latestPendingId } from '../store/pending'

const CHECKPOINT_DELAY_MS = 300

export interface SavedHooks {
  /** The relay saved every change up to a checkpoint, on a socket that refused nothing. */
  onSaved?: () => void
  /** The relay refused a change on this socket (read-only): the changes stay pending. */
  onRefused?: (reason: string) => void
}

export function trackSaved(provider: WebsocketProvider, persistence: DocPersistence, db: ShouwangDb, hooks: SavedHooks = {}): () => void {
  const docId = persistence.docId
  let next = 0
  const outstanding = new Map<number, number>()
  let timer: ReturnType<typeof setTimeout> | undefined
  /** The socket on which the relay refused a change: no answer on it proves anything. */
  let refusedOn: WebSocket | undefined

  const forget = (n: number) => {
    for (const k of outstanding.keys()) if (k <= n) outstanding.delete(k)
  }

  provider.messageHandlers[MessageType.saved] = (_encoder, decoder: decoding.Decoder) => {
    const n = readSaved(decoder)
    const maxId = outstanding.get(n)
    forget(n)
    // A relay that answers saved after refusing (an older one) is not believed.
    if (maxId === undefined || (refusedOn !== undefined && refusedOn === provider.ws)) return
    void clearPendingThrough(db, new Map([[docId, maxId]])).then(() => hooks.onSaved?.())
  }
  provider.messageHandlers[MessageType.notSaved] = (_encoder, decoder: decoding.Decoder) => {
    forget(readNotSaved(decoder))
  }
  provider.messageHandlers[MessageType.auth] = (_encoder, decoder: decoding.Decoder) => {
    let reason: string
    try {
      reason = readPermissionDenied(decoder)
    } catch {
      reason = 'unknown'
    }
    refusedOn = provider.ws ?? undefined
    outstanding.clear()
    hooks.onRefused?.(reason)
  }

  const sendCheckpoint = async () => {
    const ws = provider.ws
    if (!ws || !provider.synced) return
    await persistence.flushed()
    const last = await latestPendingId(db, docId)
    // Only a checkpoint on the socket that synced, and is still the provider's, proves anything.
    if (last === undefined || provider.ws !== ws || !provider.synced) return
    const n = ++next
    outstanding.set(n, last)
    ws.send(writeCheckpoint(n))
  }

  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(() => void sendCheckpoint(), CHECKPOINT_DELAY_MS)
  }
  const onSync = (synced: boolean) => {
    outstanding.clear()
    if (synced) void sendCheckpoint()
  }
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider) schedule()
  }
  provider.on('sync', onSync)
  persistence.doc.on('update', onUpdate)
  return () => {
    clearTimeout(timer)
    provider.off('sync', onSync)
    persistence.doc.off('update', onUpdate)
    provider.messageHandlers[MessageType.saved] = () => {}
    provider.messageHandlers[MessageType.notSaved] = () => {}
  }
}

/**
 * Knows which local changes the relay has saved. After local edits (and after each
 * reconnection's handshake) the client sends `checkpoint n` on the document's socket; the
 * relay answers `saved n` once everything that socket carried before it is on disk.
 *
 * Why that confirms every pending change up to the checkpoint: a change made while the
 * socket was open was sent on it before the checkpoint; a change made before this socket
 * synced was part of the handshake's sync step 2, which carries all the relay lacked
 * (deletions included). Either way it is ahead of the checkpoint on one ordered socket.
 */
import type * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'
import { MessageType, readSaved, writeCheckpoint } from '../../../shared/protocol'
import type { ShouwangDb } from '../store/db'
import type { DocPersistence } from '../store/doc-persistence'
import { clearPendingThrough, latestPendingId } from '../store/pending'

const CHECKPOINT_DELAY_MS = 300

export function trackSaved(
  provider: WebsocketProvider,
  persistence: DocPersistence,
  db: ShouwangDb,
  onSaved: () => void = () => {},
): () => void {
  const docId = persistence.docId
  let next = 0
  const outstanding = new Map<number, number>()
  let timer: ReturnType<typeof setTimeout> | undefined

  provider.messageHandlers[MessageType.saved] = (_encoder, decoder: decoding.Decoder) => {
    const n = readSaved(decoder)
    const maxId = outstanding.get(n)
    if (maxId === undefined) return
    for (const k of outstanding.keys()) if (k <= n) outstanding.delete(k)
    void clearPendingThrough(db, new Map([[docId, maxId]])).then(onSaved)
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
  }
}

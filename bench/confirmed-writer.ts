/**
 * A stock y-websocket client that writes records into a child's file and keeps the list of
 * those the relay confirmed saved, by the protocol's checkpoints (shared/protocol.ts), as the
 * device's saved tracker does (client/runtime/sync/saved-tracker.ts): after each write, on a
 * socket that has synced, `checkpoint n`; the answer `saved n` confirms every record written
 * before it, since each was sent on that socket ahead of the checkpoint or carried by its
 * handshake's sync step 2. Once the relay refused anything on a socket, nothing on it confirms.
 */
import type * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { SessionResponse } from '../shared/auth-api'
import { todayIsoDate } from '../shared/dates'
import { addRecord } from '../shared/docs/child/records'
import { MessageType, readNotSaved, readPermissionDenied, readSaved, writeCheckpoint } from '../shared/protocol'
import { connectClient, type TestClient } from '../tests/helpers/clients'

export class ConfirmedWriter {
  readonly client: TestClient
  /** Record ids in the order written. */
  readonly written: string[] = []
  /** How many of `written`, from the first, the relay confirmed saved. */
  confirmed = 0
  /** Permission-denied answers: writes the relay's rules refused (they are never confirmed). */
  refusals: string[] = []
  private next = 0
  private readonly pending = new Map<number, { ws: WebSocket; upTo: number }>()
  private readonly refusedOn = new WeakSet<WebSocket>()
  private timer: ReturnType<typeof setInterval> | undefined

  constructor(
    relayUrl: string,
    readonly docId: string,
    private readonly session: SessionResponse,
    private readonly label: string,
  ) {
    this.client = connectClient(relayUrl, docId, new Y.Doc(), session.token)
    const provider = this.client.provider
    provider.messageHandlers[MessageType.saved] = (_encoder, decoder: decoding.Decoder) => {
      const n = readSaved(decoder)
      const sent = this.pending.get(n)
      this.pending.delete(n)
      if (!sent || sent.ws !== provider.ws || this.refusedOn.has(sent.ws)) return
      this.confirmed = Math.max(this.confirmed, sent.upTo)
    }
    provider.messageHandlers[MessageType.notSaved] = (_encoder, decoder: decoding.Decoder) => {
      this.pending.delete(readNotSaved(decoder))
    }
    provider.messageHandlers[MessageType.auth] = (_encoder, decoder: decoding.Decoder) => {
      let reason = 'unknown'
      try {
        reason = readPermissionDenied(decoder)
      } catch {
        // An unreadable refusal is a refusal still.
      }
      this.refusals.push(reason)
      if (provider.ws) this.refusedOn.add(provider.ws)
    }
  }

  get synced(): boolean {
    return this.client.provider.synced && this.client.provider.wsconnected
  }

  /** One record, as a person files a talk, then a checkpoint if the socket has synced. */
  write(): void {
    const k = this.written.length
    const today = todayIsoDate()
    const author = { id: this.session.user.id, name: this.session.user.displayName }
    const added = addRecord(this.client.doc, { type: 'talk', date: today, notes: `${this.label}-${k}` }, { author, today, now: Date.now() })
    if ('errors' in added) throw new Error(`the bench's record was refused: ${JSON.stringify(added.errors)}`)
    this.written.push(added.id)
    this.checkpoint()
  }

  /** Asks the relay to confirm everything written so far. */
  checkpoint(): void {
    const provider = this.client.provider
    const ws = provider.ws
    if (!ws || !this.synced || ws.readyState !== 1) return
    const n = ++this.next
    this.pending.set(n, { ws, upTo: this.written.length })
    ws.send(writeCheckpoint(n))
  }

  /** Writes one record every `everyMs` until stopped. */
  start(everyMs: number): void {
    this.timer = setInterval(() => this.write(), everyMs)
  }

  stop(): void {
    clearInterval(this.timer)
  }

  private destroyed = false

  destroy(): void {
    this.stop()
    if (this.destroyed) return
    this.destroyed = true
    this.client.destroy()
  }
}

/** The record ids of `ids` that the document does not hold. */
export function missingRecords(doc: Y.Doc, ids: readonly string[]): string[] {
  const records = doc.getMap('records')
  return ids.filter((id) => !records.has(id))
}

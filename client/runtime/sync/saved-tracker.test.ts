import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { ObservableV2 } from 'lib0/observable'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Origin } from '../../../shared/origin'
import { MessageType, readCheckpoint, writeNotSaved, writePermissionDenied, writeSaved } from '../../../shared/protocol'
import { openDb, type ShouwangDb } from '../store/db'
import { DocPersistence } from '../store/doc-persistence'
import { trackSaved } from './saved-tracker'

const DOC = 'school-1/child/c1'

/** One socket: what the device sent on it. */
class FakeSocket {
  readonly sent: Uint8Array[] = []
  send(data: Uint8Array): void {
    this.sent.push(data)
  }
  get checkpoints(): number[] {
    return this.sent.map((d) => {
      const decoder = decoding.createDecoder(d)
      expect(decoding.readVarUint(decoder)).toBe(MessageType.checkpoint)
      return readCheckpoint(decoder)
    })
  }
}

/** What the tracker uses of a WebsocketProvider: its socket, synced flag, sync events and message handlers. */
class FakeProvider extends ObservableV2<{ sync: (synced: boolean) => void }> {
  ws: FakeSocket | null = null
  synced = false
  messageHandlers: ((encoder: encoding.Encoder, decoder: decoding.Decoder) => void)[] = []

  /** A new socket that synced, as after a (re)connection's handshake. */
  connect(): FakeSocket {
    if (this.synced) {
      this.synced = false
      this.emit('sync', [false])
    }
    this.ws = new FakeSocket()
    this.synced = true
    this.emit('sync', [true])
    return this.ws
  }

  /** A message from the relay, handled as y-websocket does: by its type's handler. */
  receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data)
    const handler = this.messageHandlers[decoding.readVarUint(decoder)]
    handler?.(encoding.createEncoder(), decoder)
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > 5000) throw new Error(`timed out waiting for: ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('saved tracker', () => {
  let db: ShouwangDb
  let doc: Y.Doc
  let persistence: DocPersistence
  let provider: FakeProvider
  let stop: () => void
  const events: string[] = []
  const pending = () => db.pending.where('docId').equals(DOC).count()
  /** A write of `pending` made now runs after any the tracker started (IndexedDB keeps their order). */
  const settled = () => db.transaction('rw', db.pending, async () => {})
  const edit = async (text: string) => {
    doc.transact(() => doc.getText('notes').insert(0, text), Origin.localEdit)
    await persistence.flushed()
  }

  beforeEach(async () => {
    db = openDb(`saved-tracker-${Math.random().toString(36).slice(2)}`)
    doc = new Y.Doc()
    persistence = new DocPersistence(db, DOC, doc)
    await persistence.load()
    provider = new FakeProvider()
    events.length = 0
    stop = trackSaved(provider as unknown as Parameters<typeof trackSaved>[0], persistence, db, {
      onSaved: () => events.push('saved'),
      onRefused: (reason) => events.push(`refused:${reason}`),
    })
  })
  afterEach(async () => {
    stop()
    persistence.destroy()
    doc.destroy()
    await db.delete()
  })

  // SPEC S2
  it('clears the pending rows a checkpoint covered once the relay answers saved', async () => {
    await edit('一')
    const socket = provider.connect()
    await until(() => socket.checkpoints.length === 1, 'the checkpoint after the handshake')
    provider.receive(writeSaved(socket.checkpoints[0] ?? 0))
    await until(async () => (await pending()) === 0, 'the pending rows cleared')
    expect(events).toEqual(['saved'])
  })

  // SPEC S7
  it('S7: after permission denied, a later saved on the same socket clears nothing; a clean socket does', async () => {
    await edit('只讀的人寫的')
    const socket = provider.connect()
    await until(() => socket.checkpoints.length === 1, 'the checkpoint after the handshake')
    provider.receive(writePermissionDenied('read-only'))
    expect(events).toEqual(['refused:read-only'])
    // An answer to a checkpoint sent before the refusal reached the device is not believed either.
    provider.receive(writeSaved(socket.checkpoints[0] ?? 0))
    await edit('再寫一句')
    await until(() => socket.checkpoints.length === 2, 'the checkpoint after the second edit')
    provider.receive(writeSaved(socket.checkpoints[1] ?? 0))
    await settled()
    expect(await pending()).toBe(2)
    expect(events).toEqual(['refused:read-only'])

    // Write access back, and a new socket: its handshake carried everything, and its saved counts.
    const clean = provider.connect()
    await until(() => clean.checkpoints.length === 1, 'the checkpoint on the new socket')
    provider.receive(writeSaved(clean.checkpoints[0] ?? 0))
    await until(async () => (await pending()) === 0, 'the pending rows cleared')
    expect(events).toEqual(['refused:read-only', 'saved'])
  })

  it('a not-saved answer clears nothing, and a late saved for the same checkpoint is ignored', async () => {
    await edit('一')
    const socket = provider.connect()
    await until(() => socket.checkpoints.length === 1, 'the checkpoint after the handshake')
    const n = socket.checkpoints[0] ?? 0
    provider.receive(writeNotSaved(n))
    provider.receive(writeSaved(n))
    await settled()
    expect(await pending()).toBe(1)
    expect(events).toEqual([])
  })
})

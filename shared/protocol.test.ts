import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as authProtocol from 'y-protocols/auth'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import {
  MalformedMessage,
  MessageType,
  readAwareness,
  readCheckpoint,
  readMessage,
  readNotSaved,
  readPermissionDenied,
  readSaved,
  readSyncMessage,
  writeAwareness,
  writeCheckpoint,
  writeNotSaved,
  writePermissionDenied,
  writeQueryAwareness,
  writeSaved,
  writeSyncStep1,
  writeSyncStep2,
  writeUpdate,
} from './protocol'

/** A message as a stock y-websocket peer writes it: the type, then y-protocols' own encoding. */
function stock(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** A decoder past the message type, as y-websocket hands it to a message handler. */
function afterType(data: Uint8Array, type: number): decoding.Decoder {
  const decoder = decoding.createDecoder(data)
  expect(decoding.readVarUint(decoder)).toBe(type)
  return decoder
}

function docWithNotes(text: string, clientID = 1): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  doc.getText('notes').insert(0, text)
  return doc
}

function presence(state: Record<string, unknown> | null): { awareness: awarenessProtocol.Awareness; update: Uint8Array } {
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState(state)
  return { awareness, update: awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]) }
}

describe('the standard messages are byte for byte what y-protocols writes', () => {
  it('sync step 1, from a state vector', () => {
    const doc = docWithNotes('abc')
    expect(writeSyncStep1(Y.encodeStateVector(doc))).toEqual(stock(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, doc)))
  })

  it('sync step 2, from the diff against a state vector', () => {
    const doc = docWithNotes('abc')
    const peer = docWithNotes('x', 2)
    const sv = Y.encodeStateVector(peer)
    expect(writeSyncStep2(Y.encodeStateAsUpdate(doc, sv))).toEqual(stock(MessageType.sync, (e) => syncProtocol.writeSyncStep2(e, doc, sv)))
    expect(writeSyncStep2(Y.encodeStateAsUpdate(doc))).toEqual(stock(MessageType.sync, (e) => syncProtocol.writeSyncStep2(e, doc)))
  })

  it('an update', () => {
    const update = Y.encodeStateAsUpdate(docWithNotes('期中家訪'))
    expect(writeUpdate(update)).toEqual(stock(MessageType.sync, (e) => syncProtocol.writeUpdate(e, update)))
  })

  it('presence, as y-websocket wraps an awareness update', () => {
    const { awareness, update } = presence({ user: { name: '老師', color: '#c33' } })
    expect(writeAwareness(update)).toEqual(stock(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, update)))
    awareness.destroy()
  })

  it('a presence query, which is its type alone', () => {
    expect(writeQueryAwareness()).toEqual(Uint8Array.from([MessageType.queryAwareness]))
  })

  it('permission denied', () => {
    expect(writePermissionDenied('read-only')).toEqual(stock(MessageType.auth, (e) => authProtocol.writePermissionDenied(e, 'read-only')))
  })

  it('and y-protocols reads what the relay writes', () => {
    const doc = docWithNotes('abc')
    const empty = new Y.Doc()
    // A stock client answering the relay's step 1, and applying its step 2 and update.
    const reply = encoding.createEncoder()
    syncProtocol.readSyncMessage(afterType(writeSyncStep1(Y.encodeStateVector(empty)), MessageType.sync), reply, doc, null)
    expect(readMessage(stock(MessageType.sync, (e) => encoding.writeUint8Array(e, encoding.toUint8Array(reply))))).toEqual(
      readMessage(writeSyncStep2(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(empty)))),
    )
    syncProtocol.readSyncMessage(afterType(writeSyncStep2(Y.encodeStateAsUpdate(doc)), MessageType.sync), encoding.createEncoder(), empty, null)
    expect(empty.getText('notes').toString()).toBe('abc')
    syncProtocol.readSyncMessage(afterType(writeUpdate(Y.encodeStateAsUpdate(docWithNotes('d', 3))), MessageType.sync), encoding.createEncoder(), empty, null)
    expect(empty.getText('notes').toString()).toHaveLength(4)

    const denied: string[] = []
    authProtocol.readAuthMessage(afterType(writePermissionDenied('read-only'), MessageType.auth), empty, (_y, reason) => denied.push(reason))
    expect(denied).toEqual(['read-only'])
  })
})

describe('every pair round-trips', () => {
  const update = Y.encodeStateAsUpdate(docWithNotes('abc'))
  const stateVector = Y.encodeStateVector(docWithNotes('abc'))

  it('sync step 1, step 2 and update, read by readSyncMessage and by readMessage', () => {
    expect(readSyncMessage(afterType(writeSyncStep1(stateVector), MessageType.sync))).toEqual({ type: 'syncStep1', stateVector })
    expect(readSyncMessage(afterType(writeSyncStep2(update), MessageType.sync))).toEqual({ type: 'syncStep2', update, empty: false })
    expect(readSyncMessage(afterType(writeUpdate(update), MessageType.sync))).toEqual({ type: 'update', update, empty: false })
    expect(readMessage(writeSyncStep1(stateVector))).toEqual({ type: 'syncStep1', stateVector })
    expect(readMessage(writeSyncStep2(update))).toEqual({ type: 'syncStep2', update, empty: false })
    expect(readMessage(writeUpdate(update))).toEqual({ type: 'update', update, empty: false })
  })

  it('knows an update that carries nothing, and one that only deletes', () => {
    const doc = docWithNotes('abc')
    const nothing = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc))
    expect(readMessage(writeSyncStep2(nothing))).toMatchObject({ type: 'syncStep2', empty: true })
    const before = Y.encodeStateVector(doc)
    doc.getText('notes').delete(0, 1)
    expect(readMessage(writeUpdate(Y.encodeStateAsUpdate(doc, before)))).toMatchObject({ type: 'update', empty: false })
  })

  it('presence, a peer leaving included, and the presence query', () => {
    const here = presence({ user: { name: '老師' }, cursor: 3 })
    expect(readAwareness(afterType(writeAwareness(here.update), MessageType.awareness))).toEqual(here.update)
    expect(readMessage(writeAwareness(here.update))).toEqual({ type: 'awareness', update: here.update })
    here.awareness.setLocalState(null)
    const leaving = awarenessProtocol.encodeAwarenessUpdate(here.awareness, [here.awareness.clientID])
    expect(readMessage(writeAwareness(leaving))).toEqual({ type: 'awareness', update: leaving })
    here.awareness.destroy()
    expect(readMessage(writeQueryAwareness())).toEqual({ type: 'queryAwareness' })
  })

  it('permission denied', () => {
    expect(readPermissionDenied(afterType(writePermissionDenied('read-only'), MessageType.auth))).toBe('read-only')
    expect(readMessage(writePermissionDenied('只讀'))).toEqual({ type: 'permissionDenied', reason: '只讀' })
  })

  it.each([0, 1, 127, 128, 300, 2 ** 31, 2 ** 40])('checkpoint and saved %i', (n) => {
    expect(readCheckpoint(afterType(writeCheckpoint(n), MessageType.checkpoint))).toBe(n)
    expect(readSaved(afterType(writeSaved(n), MessageType.saved))).toBe(n)
    expect(readMessage(writeCheckpoint(n))).toEqual({ type: 'checkpoint', n })
    expect(readMessage(writeSaved(n))).toEqual({ type: 'saved', n })
    expect(readNotSaved(afterType(writeNotSaved(n), MessageType.notSaved))).toBe(n)
    expect(readMessage(writeNotSaved(n))).toEqual({ type: 'notSaved', n })
  })

  // SPEC S7
  it('checkpoint, saved and not saved are three types, so none is taken for another', () => {
    expect(writeCheckpoint(5)[0]).toBe(MessageType.checkpoint)
    expect(writeSaved(5)[0]).toBe(MessageType.saved)
    expect(writeNotSaved(5)[0]).toBe(MessageType.notSaved)
    expect(new Set([MessageType.checkpoint, MessageType.saved, MessageType.notSaved]).size).toBe(3)
  })
})

describe('readMessage takes nothing but an exact message', () => {
  const update = Y.encodeStateAsUpdate(docWithNotes('abc'))
  const cases: [name: string, data: Uint8Array][] = [
    ['nothing', new Uint8Array()],
    ['an unknown type', Uint8Array.from([99])],
    ['an unknown sync step', Uint8Array.from([MessageType.sync, 3, 0])],
    ['an unknown auth message', Uint8Array.from([MessageType.auth, 1, 0])],
    ['an update cut short', writeUpdate(update).slice(0, -2)],
    ['an update with a byte after it', Uint8Array.from([...writeUpdate(update), 0])],
    ['a saved message with a byte after it', Uint8Array.from([...writeSaved(1), 0])],
    ['a not-saved message without its number', Uint8Array.from([MessageType.notSaved])],
    ['update bytes Yjs cannot read', writeUpdate(Uint8Array.from([0xff, 0xff, 0xff, 0x0f, 1]))],
    ['a state vector Yjs cannot read', writeSyncStep1(Uint8Array.from([5, 200]))],
    ['presence that is not JSON', writeAwareness(Uint8Array.from([1, 42, 3, 2, 0x7b, 0x22]))],
    ['presence whose state is a string', writeAwareness(Uint8Array.from([1, 42, 3, 2, 0x22, 0x22]))],
  ]
  it.each(cases)('%s', (_name, data) => {
    expect(() => readMessage(data)).toThrow(MalformedMessage)
  })
})

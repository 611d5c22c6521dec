import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MessageType, SyncStep, writeCheckpoint, writeNotSaved, writePermissionDenied, writeSaved } from '../../shared/protocol'
import { MalformedMessage, parseClientMessage } from './client-message'

/** A message as a stock y-websocket client writes it: the type, then y-protocols' own encoding. */
function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

function docWithNotes(text: string): Y.Doc {
  const doc = new Y.Doc()
  doc.getText('notes').insert(0, text)
  return doc
}

function awarenessUpdateWithState(json: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, 42)
  encoding.writeVarUint(encoder, 3)
  encoding.writeVarString(encoder, json)
  return encoding.toUint8Array(encoder)
}

function append(bytes: Uint8Array, ...more: number[]): Uint8Array {
  return Uint8Array.from([...bytes, ...more])
}

describe('parseClientMessage: each kind a stock client sends', () => {
  it('reads sync step 1 with its state vector', () => {
    const doc = docWithNotes('abc')
    const parsed = parseClientMessage(message(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, doc)))
    expect(parsed).toEqual({ type: 'syncStep1', stateVector: Y.encodeStateVector(doc) })
  })

  it('reads sync step 2 and a sync update as updates, and knows an empty one', () => {
    const doc = docWithNotes('abc')
    const step2 = parseClientMessage(message(MessageType.sync, (e) => syncProtocol.writeSyncStep2(e, doc)))
    expect(step2).toEqual({ type: 'update', update: Y.encodeStateAsUpdate(doc), empty: false })

    const update = Y.encodeStateAsUpdate(doc)
    const parsed = parseClientMessage(message(MessageType.sync, (e) => syncProtocol.writeUpdate(e, update)))
    expect(parsed).toEqual({ type: 'update', update, empty: false })

    // What a client that has nothing new answers to the relay's step 1.
    const nothing = parseClientMessage(
      message(MessageType.sync, (e) => syncProtocol.writeSyncStep2(e, doc, Y.encodeStateVector(doc))),
    )
    expect(nothing).toMatchObject({ type: 'update', empty: true })
  })

  it('does not take an update that only deletes for an empty one', () => {
    const doc = docWithNotes('abc')
    const before = Y.encodeStateVector(doc)
    doc.getText('notes').delete(0, 1)
    const deletion = Y.encodeStateAsUpdate(doc, before)
    const parsed = parseClientMessage(message(MessageType.sync, (e) => syncProtocol.writeUpdate(e, deletion)))
    expect(parsed).toMatchObject({ type: 'update', empty: false })
  })

  it('reads presence, including a peer leaving (state null)', () => {
    const doc = new Y.Doc()
    const awareness = new awarenessProtocol.Awareness(doc)
    awareness.setLocalState({ user: { name: '老師', color: '#c33' } })
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])
    expect(parseClientMessage(message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, update)))).toEqual({
      type: 'awareness',
      update,
    })

    awareness.setLocalState(null)
    const leaving = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])
    expect(parseClientMessage(message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, leaving)))).toEqual({
      type: 'awareness',
      update: leaving,
    })
    awareness.destroy()
  })

  it('reads a presence query and a checkpoint', () => {
    expect(parseClientMessage(message(MessageType.queryAwareness, () => {}))).toEqual({ type: 'queryAwareness' })
    expect(parseClientMessage(writeCheckpoint(7))).toEqual({ type: 'checkpoint', n: 7 })
    expect(parseClientMessage(writeCheckpoint(2 ** 40))).toEqual({ type: 'checkpoint', n: 2 ** 40 })
  })
})

describe('parseClientMessage: anything else throws MalformedMessage', () => {
  const update = Y.encodeStateAsUpdate(docWithNotes('abc'))
  const updateMessage = message(MessageType.sync, (e) => syncProtocol.writeUpdate(e, update))

  const truncatedUpdate = message(MessageType.sync, (e) => {
    encoding.writeVarUint(e, SyncStep.update)
    encoding.writeVarUint(e, update.length + 5)
    encoding.writeUint8Array(e, update)
  })

  const cases: [name: string, data: Uint8Array][] = [
    ['an empty message', new Uint8Array()],
    ['a type whose varint never ends', Uint8Array.from([0x80, 0x80])],
    ['a sync update whose length runs past the end', truncatedUpdate],
    ['a sync update cut short', updateMessage.slice(0, updateMessage.length - 2)],
    ['a sync update with trailing bytes', append(updateMessage, 0)],
    ['a state vector with trailing bytes', append(message(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, new Y.Doc())), 7)],
    ['a presence query with trailing bytes', Uint8Array.from([MessageType.queryAwareness, 0])],
    ['a checkpoint with trailing bytes', append(writeCheckpoint(1), 1)],
    ['a checkpoint without its number', Uint8Array.from([MessageType.checkpoint])],
    ['the auth type, which clients never send', Uint8Array.from([MessageType.auth, 0])],
    ['the saved type, which only the relay sends', Uint8Array.from([MessageType.saved, 1])],
    ['a whole saved message, which only the relay sends', writeSaved(1)],
    ['a whole not-saved message, which only the relay sends', writeNotSaved(1)],
    ['a whole permission-denied message, which only the relay sends', writePermissionDenied('read-only')],
    ['an unknown type', Uint8Array.from([99])],
    ['an unknown sync step', Uint8Array.from([MessageType.sync, 3, 0])],
    [
      'update bytes Yjs cannot read',
      message(MessageType.sync, (e) => syncProtocol.writeUpdate(e, Uint8Array.from([0xff, 0xff, 0xff, 0x0f, 1]))),
    ],
    [
      'presence whose state is not JSON',
      message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, awarenessUpdateWithState('{"user":'))),
    ],
    [
      'presence whose state is a number',
      message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, awarenessUpdateWithState('42'))),
    ],
    [
      'presence whose state is an array',
      message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, awarenessUpdateWithState('[]'))),
    ],
    [
      'presence with bytes after its states',
      message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, append(awarenessUpdateWithState('{}'), 0))),
    ],
    [
      'presence that claims more states than it has',
      message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, Uint8Array.from([2, 42, 3, 2, 0x7b, 0x7d]))),
    ],
  ]

  it.each(cases)('%s', (_name, data) => {
    expect(() => parseClientMessage(data)).toThrow(MalformedMessage)
  })

  it('says what was wrong, for the log', () => {
    expect(() => parseClientMessage(Uint8Array.from([99]))).toThrow('unknown message type 99')
    expect(() => parseClientMessage(append(updateMessage, 0))).toThrow('trailing bytes')
  })
})

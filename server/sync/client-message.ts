/**
 * Reads one websocket message from a client into a typed value, checking all of it.
 * Everything from the network is untrusted: a message that does not decode exactly
 * (unknown type, truncated, trailing bytes, an update Yjs cannot read, presence that is
 * not JSON) throws a MalformedMessage, and the caller closes that one connection.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { MessageType, SyncStep, readCheckpointNumber } from '../../shared/protocol'

export type ClientMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array; empty: boolean }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'checkpoint'; n: number }

export class MalformedMessage extends Error {
  override readonly name: string = 'MalformedMessage'
}

export function parseClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data)
    const message = readMessage(decoder)
    if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes after the message')
    return message
  } catch (error) {
    if (error instanceof MalformedMessage) throw error
    throw new MalformedMessage(error instanceof Error ? error.message : String(error))
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case MessageType.sync:
      return readSync(decoder)
    case MessageType.awareness: {
      const update = decoding.readVarUint8Array(decoder)
      checkAwarenessUpdate(update)
      return { type: 'awareness', update }
    }
    case MessageType.queryAwareness:
      return { type: 'queryAwareness' }
    case MessageType.checkpoint:
      return { type: 'checkpoint', n: readCheckpointNumber(decoder) }
    default:
      throw new MalformedMessage(`unknown message type ${type}`)
  }
}

function readSync(decoder: decoding.Decoder): ClientMessage {
  const step = decoding.readVarUint(decoder)
  switch (step) {
    case SyncStep.step1: {
      const stateVector = decoding.readVarUint8Array(decoder)
      Y.decodeStateVector(stateVector)
      return { type: 'syncStep1', stateVector }
    }
    case SyncStep.step2:
    case SyncStep.update: {
      const update = decoding.readVarUint8Array(decoder)
      const decoded = Y.decodeUpdate(update)
      const empty = decoded.structs.length === 0 && decoded.ds.clients.size === 0
      return { type: 'update', update, empty }
    }
    default:
      throw new MalformedMessage(`unknown sync step ${step}`)
  }
}

/** Decodes a whole awareness update without applying it, so a bad one changes nothing. */
function checkAwarenessUpdate(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
    const state: unknown = JSON.parse(decoding.readVarString(decoder))
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new MalformedMessage('a presence state must be an object or null')
    }
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes after the presence update')
}

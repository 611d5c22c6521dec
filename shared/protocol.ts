/**
 * The wire protocol between clients and the relay, written once for both sides.
 *
 * Message types 0–3 are the standard y-websocket protocol, so any stock y-websocket
 * client syncs with the relay. Types 100–102 are Shouwang's own "checkpoint" messages:
 * a client sends `checkpoint n` after its updates, and the relay answers `saved n` once
 * everything that connection sent before the checkpoint is committed to disk, or
 * `not saved n` when it refused something that connection sent (a read-only connection's
 * update: docs/SPEC.md S7), so not all of it is stored. Stock clients never send a
 * checkpoint, so they never receive a message they cannot read.
 *
 * Type 103, `access changed`, is the relay telling a device that what its user may open changed
 * (a child moved to or from their class, a pairing made or ended: docs/SPEC.md P4), so it
 * catches up at once instead of at its next background round. It carries nothing: the device
 * asks the relay what it may read, as always. A stock client ignores it.
 *
 * Every frame is a `write*`/`read*` pair: `writeX` returns the whole message, its type
 * first; `readX` reads the rest of it once the type has been read (as y-websocket's
 * message handlers are called). `readMessage` reads a whole message and checks all of it:
 * anything from the network is untrusted, and a message that does not decode exactly
 * (unknown type, truncated, trailing bytes, an update Yjs cannot read, presence that is
 * not JSON) throws a MalformedMessage, changing nothing.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  checkpoint: 100,
  saved: 101,
  notSaved: 102,
  accessChanged: 103,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

/** y-protocols' sync sub-messages. */
export const SyncStep = { step1: 0, step2: 1, update: 2 } as const

/** y-protocols' auth sub-messages (it has one). */
const AuthKind = { permissionDenied: 0 } as const

/** Websocket close codes the relay uses; 4000–4999 are free for applications. */
export const CloseCode = {
  /** A message that could not be decoded, or a kind the relay does not speak. */
  malformed: 4400,
  /** The document id in the URL is not one the relay knows how to store. */
  badDocumentId: 4404,
  /** This user's access to the document ended (pairing ended, role changed). */
  accessEnded: 4403,
  /** The session ended or expired: sign in again; the document stays on the device. */
  sessionEnded: 4401,
  /** A coordinator erased the document for good: the device drops it and keeps nothing aside. */
  erased: 4410,
  /** A message larger than the relay accepts (ws itself uses 1009 for frames). */
  tooLarge: 1009,
  /** The relay could not commit the update; the client keeps it and retries. */
  storageFailed: 4500,
  /** The relay is shutting down; the client reconnects. */
  goingAway: 1001,
  /**
   * The account has as many live sockets as the relay takes (SPEC Q5); the client reconnects later.
   * In 4500–4599, which y-websocket retries: it takes 4400–4499 as final.
   */
  tooManyConnections: 4529,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Largest websocket message the relay accepts (SPEC Q1): with every other limit, in shared/limits.ts. */
export { MAX_MESSAGE_BYTES } from './limits'

/** A message that does not decode exactly; the receiver closes that one connection. */
export class MalformedMessage extends Error {
  override readonly name: string = 'MalformedMessage'
}

/**
 * `empty`: the update carries no struct and no deletion, as when a peer answers that it has
 * nothing new; there is nothing to store or forward.
 */
export type SyncMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'syncStep2'; update: Uint8Array; empty: boolean }
  | { type: 'update'; update: Uint8Array; empty: boolean }

/** Every message of the protocol, as read off the wire. */
export type Message =
  | SyncMessage
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'permissionDenied'; reason: string }
  | { type: 'checkpoint'; n: number }
  | { type: 'saved'; n: number }
  | { type: 'notSaved'; n: number }
  | { type: 'accessChanged' }

function message(type: MessageType, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

// Sync (type 0): byte for byte what y-protocols/sync writes, from encoded state instead of a Y.Doc.

export function writeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return message(MessageType.sync, (e) => {
    encoding.writeVarUint(e, SyncStep.step1)
    encoding.writeVarUint8Array(e, stateVector)
  })
}

export function writeSyncStep2(update: Uint8Array): Uint8Array {
  return message(MessageType.sync, (e) => {
    encoding.writeVarUint(e, SyncStep.step2)
    encoding.writeVarUint8Array(e, update)
  })
}

export function writeUpdate(update: Uint8Array): Uint8Array {
  return message(MessageType.sync, (e) => {
    encoding.writeVarUint(e, SyncStep.update)
    encoding.writeVarUint8Array(e, update)
  })
}

/** Reads any sync message; its state vector or update is decoded whole, so a bad one throws. */
export function readSyncMessage(decoder: decoding.Decoder): SyncMessage {
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
      return { type: step === SyncStep.step2 ? 'syncStep2' : 'update', update, empty }
    }
    default:
      throw new MalformedMessage(`unknown sync step ${step}`)
  }
}

// Awareness (types 1 and 3): `update` is y-protocols/awareness' encodeAwarenessUpdate.

export function writeAwareness(update: Uint8Array): Uint8Array {
  return message(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, update))
}

/** Reads a presence update and decodes all of it without applying it, so a bad one changes nothing. */
export function readAwareness(decoder: decoding.Decoder): Uint8Array {
  const update = decoding.readVarUint8Array(decoder)
  const inner = decoding.createDecoder(update)
  const count = decoding.readVarUint(inner)
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(inner)
    decoding.readVarUint(inner)
    const state: unknown = JSON.parse(decoding.readVarString(inner))
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new MalformedMessage('a presence state must be an object or null')
    }
  }
  if (decoding.hasContent(inner)) throw new MalformedMessage('trailing bytes after the presence update')
  return update
}

/** Asks for everyone's presence; the message has nothing after its type. */
export function writeQueryAwareness(): Uint8Array {
  return message(MessageType.queryAwareness, () => {})
}

// Auth (type 2): y-protocols' "permission denied", which stock clients report.

/** The reason a read-only connection's refused update carries; a document's rules refuse with the rule's name. */
export const READ_ONLY_REASON = 'read-only'

export function writePermissionDenied(reason: string): Uint8Array {
  return message(MessageType.auth, (e) => {
    encoding.writeVarUint(e, AuthKind.permissionDenied)
    encoding.writeVarString(e, reason)
  })
}

/** The reason of a permission-denied message. */
export function readPermissionDenied(decoder: decoding.Decoder): string {
  const kind = decoding.readVarUint(decoder)
  if (kind !== AuthKind.permissionDenied) throw new MalformedMessage(`unknown auth message ${kind}`)
  return decoding.readVarString(decoder)
}

// Checkpoint, saved and not saved (types 100–102): Shouwang's acknowledgement.

export function writeCheckpoint(n: number): Uint8Array {
  return message(MessageType.checkpoint, (e) => encoding.writeVarUint(e, n))
}

export function readCheckpoint(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder)
}

export function writeSaved(n: number): Uint8Array {
  return message(MessageType.saved, (e) => encoding.writeVarUint(e, n))
}

export function readSaved(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder)
}

/** The answer to a checkpoint on a connection whose update was refused: not everything it sent is stored. */
export function writeNotSaved(n: number): Uint8Array {
  return message(MessageType.notSaved, (e) => encoding.writeVarUint(e, n))
}

export function readNotSaved(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder)
}

/** Access changed (type 103): catch up now. */
export function writeAccessChanged(): Uint8Array {
  return message(MessageType.accessChanged, () => {})
}

/** Reads one whole message, checking all of it; throws MalformedMessage if it is anything but exact. */
export function readMessage(data: Uint8Array): Message {
  try {
    const decoder = decoding.createDecoder(data)
    const read = readBody(decoder)
    if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes after the message')
    return read
  } catch (error) {
    if (error instanceof MalformedMessage) throw error
    throw new MalformedMessage(error instanceof Error ? error.message : String(error))
  }
}

function readBody(decoder: decoding.Decoder): Message {
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case MessageType.sync:
      return readSyncMessage(decoder)
    case MessageType.awareness:
      return { type: 'awareness', update: readAwareness(decoder) }
    case MessageType.queryAwareness:
      return { type: 'queryAwareness' }
    case MessageType.auth:
      return { type: 'permissionDenied', reason: readPermissionDenied(decoder) }
    case MessageType.checkpoint:
      return { type: 'checkpoint', n: readCheckpoint(decoder) }
    case MessageType.saved:
      return { type: 'saved', n: readSaved(decoder) }
    case MessageType.notSaved:
      return { type: 'notSaved', n: readNotSaved(decoder) }
    case MessageType.accessChanged:
      return { type: 'accessChanged' }
    default:
      throw new MalformedMessage(`unknown message type ${type}`)
  }
}

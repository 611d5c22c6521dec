/**
 * The wire protocol between clients and the relay, written once for both sides.
 *
 * Message types 0–3 are the standard y-websocket protocol, so any stock y-websocket
 * client syncs with the relay. Types 100 and 101 are Shouwang's own "checkpoint" pair:
 * a client sends `checkpoint n` after its updates, and the relay answers `saved n` once
 * everything that connection sent before the checkpoint is committed to disk. Stock
 * clients never send a checkpoint, so they never receive a message they cannot read.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  checkpoint: 100,
  saved: 101,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

/** y-protocols' sync sub-messages. */
export const SyncStep = { step1: 0, step2: 1, update: 2 } as const

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
  /** A message larger than the relay accepts (ws itself uses 1009 for frames). */
  tooLarge: 1009,
  /** The relay could not commit the update; the client keeps it and retries. */
  storageFailed: 4500,
  /** The relay is shutting down; the client reconnects. */
  goingAway: 1001,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Largest websocket message the relay accepts (a whole case file is far smaller). */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024

export function encodeCheckpoint(n: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.checkpoint)
  encoding.writeVarUint(encoder, n)
  return encoding.toUint8Array(encoder)
}

export function encodeSaved(n: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.saved)
  encoding.writeVarUint(encoder, n)
  return encoding.toUint8Array(encoder)
}

/** Reads the number of a checkpoint or saved message, after its type has been read. */
export function readCheckpointNumber(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder)
}

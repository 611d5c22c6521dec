/**
 * Reads one websocket message from a client into what a room handles, checking all of it.
 * The protocol's own reader (shared/protocol.ts readMessage) decodes the whole message
 * strictly; this module adds what the relay accepts from a client: never the relay's own
 * messages (permission denied, saved, not saved, access changed), and sync step 2 and an update alike, as an update.
 * Anything else throws a MalformedMessage, and the caller closes that one connection.
 */
import { MalformedMessage, readMessage } from '../../shared/protocol'

export { MalformedMessage }

export type ClientMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array; empty: boolean }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'checkpoint'; n: number }

export function parseClientMessage(data: Uint8Array): ClientMessage {
  const message = readMessage(data)
  switch (message.type) {
    case 'syncStep2':
    case 'update':
      // Both carry what the sender has and the relay may lack: stored and forwarded the same way.
      return { type: 'update', update: message.update, empty: message.empty }
    case 'syncStep1':
    case 'awareness':
    case 'queryAwareness':
    case 'checkpoint':
      return message
    case 'permissionDenied':
    case 'saved':
    case 'notSaved':
    case 'accessChanged':
      throw new MalformedMessage(`a client never sends ${message.type}`)
  }
}

/**
 * A room's presence: who is where in the document, each connection speaking for the one awareness
 * client it first spoke for, shown as the identity the relay authenticated (presence.ts). What
 * changes is told to `changed`, which forwards it at the end of the turn (SPEC S20); a peer that
 * leaves takes its clients with it.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { writeAwareness } from '../../shared/protocol'
import type { Identity } from '../auth/authorizer'
import { stampPresence } from './presence'

interface Speaker {
  identity: Identity
  clientId?: number
}

export class RoomPresence<P extends Speaker> {
  private readonly awareness: awarenessProtocol.Awareness
  /** The awareness clients each peer controls. */
  private readonly controlled = new Map<P, Set<number>>()

  constructor(private readonly changed: (clients: number[]) => void) {
    // The awareness instance needs a Y.Doc only for its own client id, which the relay never uses.
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc())
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
  }

  joined(peer: P): void {
    this.controlled.set(peer, new Set())
  }

  left(peer: P): void {
    const controlled = this.controlled.get(peer)
    this.controlled.delete(peer)
    if (controlled && controlled.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null)
  }

  /** A peer's awareness update, stamped with who it is; entries for others' clients are dropped. */
  apply(peer: P, update: Uint8Array): void {
    const stamped = stampPresence(update, peer.identity, peer.clientId)
    if (stamped.clientId !== undefined) peer.clientId = stamped.clientId
    if (stamped.update) awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped.update, peer)
  }

  /** Everyone's presence as one message; undefined while no one has any. */
  everyone(): Uint8Array | undefined {
    const states = this.awareness.getStates()
    return states.size > 0 ? this.message([...states.keys()]) : undefined
  }

  /** The latest presence of these clients (null for one that went) as one message. */
  message(clients: number[]): Uint8Array {
    return writeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients))
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate)
    this.awareness.destroy()
  }

  private readonly onUpdate = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const controlled = this.controlled.get(origin as P)
    if (controlled) {
      for (const id of changes.added) controlled.add(id)
      for (const id of changes.removed) controlled.delete(id)
    }
    this.changed([...changes.added, ...changes.updated, ...changes.removed])
  }
}

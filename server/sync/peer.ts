/**
 * One connection as its document's room sees it, and who is told what a commit changed.
 */
import type { Identity } from '../auth/authorizer'
import type { AccessFacts, WriteVerdict } from '../../shared/docs/kind'
import type { AuthenticatedWriter } from '../../shared/docs/write-rules'

export interface Peer {
  /** A short, non-identifying label for logs. */
  readonly label: string
  send(data: Uint8Array): void
  close(code: number, reason: string): void
  /** False for a read-only connection: its updates are refused, never stored or forwarded. */
  canWrite: boolean
  /** Who the relay's Authorizer says this connection is; presence shows it, whatever the client wrote. */
  identity: Identity
  /** The one awareness client id this connection speaks for, once it has spoken. */
  clientId?: number
  /** Who is writing, as the document's rules judge them. */
  writer(): AuthenticatedWriter
  /** Called after each of this peer's updates is committed, with what its rules said to audit. */
  onCommitted?: (audit: WriteVerdict['audit']) => void
  /**
   * Called after each of this peer's writes is refused, with the bytes the relay read for it: the
   * update's, and the file's when the rules refused it on the guard copy, which is built again
   * from the file (SPEC Q9).
   */
  onRefused?: (bytes: number) => void
}

/**
 * Told after each committed update of a document whose kind has access facts (a child's file):
 * what they are now, read from the guard's copy, and who committed it (undefined: the relay's own
 * write). The relay keeps its access tables to them (docs/SPEC.md P1, P2).
 */
export type FactsListener = (docId: string, facts: AccessFacts, by: string | undefined) => void

/**
 * The relay's one seam for access: who is asking, what they may do with a document, which
 * workspace they may list and what they may read there, what is audited, and whether a live
 * connection still may do what it did. The relay calls it on every path (before the upgrade,
 * on every /api/* sync route, when stamping presence, on open and change, when re-checking
 * connections), whichever implementation it was given; it never branches on which:
 *
 * - `accountsAuthorizer` (accounts-authorizer.ts): sessions, memberships and access tables in
 *   access.db, with the account API's routes. `npm start` runs it, and only it.
 * - `allowAll` (allow-all.ts): admits everyone to everything, for benchmarks and tests of the
 *   relay's mechanics. Lint keeps it out of every non-test module under server/.
 */
import type { Context, Hono } from 'hono'
import type * as Y from 'yjs'
import type { Access } from '../../shared/access'
import type { AuthenticatedWriter } from '../../shared/docs/write-rules'
import type { AccessFacts } from '../../shared/docs/kind'
import type { ListMarks } from '../../shared/sync/catchup-page'

/**
 * What the relay itself records of a file: opened and changed on sockets, deleted and restored
 * by its rules, exported and erased by a coordinator (devices report viewed, and cards printed).
 */
export type AuditAction = 'opened' | 'changed' | 'deleted' | 'restored' | 'exported' | 'erased' | 'moved' | 'paired' | 'unpaired' | 'statusChanged' | 'reportsRefused' | 'rolledOver'

/** Who a connection is, as others see it in presence. */
export interface Identity {
  id: string
  name: string
}

/** The one asking, as the authorizer knows them now; every answer is decided when it is asked. */
export interface Caller {
  readonly identity: Identity
  /** What they may do with the document now. */
  access(docId: string): Access
  /** Whether they may list the workspace's changed documents (each still filtered by `access`). */
  mayList(workspace: string): boolean
  /** A fingerprint of what they may read: when it changes, a device's catch-up cursor starts over. */
  readScope(): string
  /** Fingerprints of what their filing classes and directory would answer: when one changes, a device asks for it again (docs/SPEC.md S13). */
  listMarks(): ListMarks
  /** Who they are as a document's write rules judge them (shared/docs/<kind>/kind.ts inspectWrite). */
  writer(docId: string): AuthenticatedWriter
  /** Whether they answer for the file itself: may export it for a guardian, or erase it (docs/SPEC.md E4, E5). */
  mayManage(docId: string): boolean
  audit(docId: string, action: AuditAction): void
  /** The same caller as of now, or undefined once their session has ended (live connections ask again and again). */
  again(): Caller | undefined
}

export interface AuthorizerHooks {
  /** Access changed (for one user, or anyone): the relay re-checks the affected live connections at once. */
  onAccessChanged(userId?: string): void
  /** Whether the document was erased: nothing may be filed, paired or reported for it again. */
  isErased(docId: string): Promise<boolean>
  /**
   * Changes a document as the relay's own update, the way of a client's (docs/SPEC.md P5):
   * admitted by its kind's rules for `writer`, committed, forwarded to live peers, its facts
   * learnt. Rejects with the refusal, or if the room could not be loaded or the commit failed.
   */
  editDocument(docId: string, edit: (doc: Y.Doc) => void, writer: AuthenticatedWriter): Promise<void>
}

export interface Authorizer {
  /** Who is asking, from the request (its session cookie or bearer token); undefined if no one is. */
  callerOf(c: Context): Caller | undefined
  /** The authorizer's own routes, mounted at /api before the sync API (the account API). */
  routes(hooks: AuthorizerHooks): Hono
  /** The one-time setup token while no account exists (printed by `npm start`). */
  setupToken(): string | undefined
  /** The document was erased: whatever is kept about it beside the documents (a child's class, its pairings) goes for good. */
  forget(docId: string): void
  /**
   * What a committed update left of the document's access facts (its kind's `accessFacts`, read
   * from the relay's copy; docs/SPEC.md P1, P2), and who committed it (undefined: the relay's
   * own write). The authorizer keeps its tables to them and audits what changed; it returns the
   * members whose access may have changed, so the relay re-checks and tells their devices.
   */
  learn(docId: string, facts: AccessFacts, by: string | undefined): string[]
}

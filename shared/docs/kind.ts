/**
 * What every kind of document declares, once (docs/SPEC.md K1): its schema version, its
 * index tables and the pure projection that fills them, how a person is told which document
 * it is, its column of the access table, and what the relay must hear before a new one is
 * first pushed. The device's runtime and the relay handle documents only through these, so a
 * new kind is a new folder here and nothing else branches on the kind.
 */
import type * as Y from 'yjs'
import type { Access, Scope } from '../access'
import type { ChildAccessFacts } from './child/access-facts'
import type { DocumentId, DocumentKind, WorkspaceId } from '../doc-id'
import type { DocumentRows, IndexTable } from '../indexes/rows'
import type { AuthenticatedWriter } from './write-rules'

/** A parsed document id, as a kind receives it. */
export interface DocRef {
  docId: DocumentId
  workspace: WorkspaceId
  /** The child id or term code; absent for settings. */
  key?: string
}

/** How a document is named to a person; the views put it in words (ui/document-name.ts). */
export interface DocumentLabel {
  kind: DocumentKind
  /** A child's name as the index knows it ('' when the file has none yet). */
  name?: string
  /** A term code, for a plan or a report. */
  term?: string
}

/** A request the device makes to the relay's HTTP API on behalf of a document (runtime/sync/outbox.ts). */
export interface RelayRequest {
  path: string
  body: unknown
}

export interface DocumentKindSpec {
  readonly kind: DocumentKind
  /** The schema version this build writes. */
  readonly schemaVersion: number
  /** The index tables its projection fills; dropping the document deletes its rows there. */
  readonly tables: readonly IndexTable[]
  /** Pure: the document's index rows. Must not throw on a document a peer wrote badly. */
  project(doc: Y.Doc, ref: DocRef): DocumentRows
  /** Which document this is, for the unsent-changes warning and the kept-aside notice. */
  label(ref: DocRef, rows: DocumentRows): DocumentLabel
  /** Who may read and write it, for every role but the coordinator (who may always write). */
  access(scope: Scope): Access
  /** What the relay must learn before this new document's first push (none for most kinds). */
  announce?(doc: Y.Doc, ref: DocRef): RelayRequest[]
  /**
   * The kind's rules for a write (the relay's guard copy runs them before storing an update):
   * `apply` applies the update to `doc`; the verdict refuses it with a reason, or says what
   * the audit trail must record once it is stored. `now` is the relay's clock, which the times
   * of what the writer signs are judged by (write-rules.ts). None: every write the access table allows.
   */
  inspectWrite?(doc: Y.Doc, apply: () => void, writer: AuthenticatedWriter, now: number): WriteVerdict
  /**
   * The kind's rules for a write that only adds what is new to the file (shared/dependencies.ts
   * onlyAddsNew), judged on an empty document, so refusing it costs no copy of the file (SPEC Q10):
   * a reason only where inspectWrite would refuse it too; undefined leaves it to inspectWrite.
   */
  screenWrite?(update: Uint8Array, writer: AuthenticatedWriter, now: number): string | undefined
  /**
   * Pure: what the relay's access tables hold for this document, read from its guard copy after
   * every committed update (docs/SPEC.md P1, P2). None: the kind's access depends on no fact of it.
   */
  accessFacts?(doc: Y.Doc, ref: DocRef): AccessFacts
  /**
   * The whole document as plain JSON, for the person it is about (a coordinator exports a
   * child's file for the guardian: docs/SPEC.md E4). None: the kind holds nothing to export.
   */
  exportFile?(doc: Y.Doc, ref: DocRef, now: number): unknown
}

/** The facts of a document the relay's access tables follow (a child's class and account pairings). */
export type AccessFacts = ChildAccessFacts

/** What a kind's rules say of one write. */
export interface WriteVerdict {
  /** A stable reason the device shows (an i18n key's last part); absent when the write may be stored. */
  refused?: string
  /** What the audit trail records once it is stored. */
  audit: ('deleted' | 'restored' | 'statusChanged')[]
}

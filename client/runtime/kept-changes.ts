/**
 * Nothing stays aside for good: changes kept aside when access to a file ended (store/kept-aside.ts)
 * go back into documents, as the pending changes of whoever is signed in, and are pushed like
 * any other. Two ways back:
 *
 * - the same person's access returns (docs/SPEC.md A12): a background round finds the file
 *   readable again and puts the kept changes back (`putBack`);
 * - a coordinator imports the file the person saved (SPEC A13, shared/kept-aside-file.ts):
 *   every entry is proved against what this device has before anything changes (`importKeptAside`).
 *
 * A document open in a view has its own store (a row written under it would never reach its
 * socket, and a later saved answer would clear its pending row): changes for it are applied to
 * the open Y.Doc as a local edit instead, and the kept row goes only once that is stored.
 */
import * as Y from 'yjs'
import type { DocumentId } from '../../shared/doc-id'
import type { DocumentLabel } from '../../shared/docs/kind'
import { kindOf } from '../../shared/docs/registry'
import type { KeptAsideEntry, KeptAsideFileProblem } from '../../shared/kept-aside-file'
import type { KeptAside, ShouwangDb } from './store/db'
import { readStoredDocument } from './store/documents'
import { labelsOf, removeKeptAside, restoreKeptAside, storeImportedChanges } from './store/kept-aside'
import { enqueueRequests } from './store/outbox'

/** What these need of the workspace. */
export interface ChangesHost {
  readonly db: ShouwangDb
  isOpen(docId: DocumentId): boolean
  /** Applies an update to the open document as a person's edit; resolves once it is stored. */
  applyToOpen(docId: DocumentId, update: Uint8Array): Promise<void>
  /** Resolves once everything written to the open document so far is stored. */
  flushed(docId: DocumentId): Promise<void>
  /** Indexes what was stored (the files are in the lists at once). */
  indexNow(): Promise<void>
}

/** What importing a saved kept-aside file did: the files it changed, or why it changed nothing. */
export type KeptAsideImport =
  | { ok: true; labels: (DocumentLabel | undefined)[] }
  | { ok: false; problem: Extract<KeptAsideFileProblem, { code: 'badUpdate' }> }

/** Access to a file kept aside came back: its kept changes become pending changes again. */
export async function putBack(host: ChangesHost, kept: KeptAside): Promise<void> {
  const docId = kept.docId as DocumentId
  if (kept.id === undefined) return
  if (!host.isOpen(docId)) return restoreKeptAside(host.db, kept.id)
  await host.applyToOpen(docId, kept.update)
  await removeKeptAside(host.db, kept.id)
}

/**
 * Each entry's changes become the signed-in user's pending changes of that document. Each is
 * applied to a copy of what this device has first (an update may apply to an empty document
 * and not to this one): if any does not apply, nothing changes. A document this device did not
 * have is announced as a new one is (a child's class), so the relay files it before the push.
 */
export async function importKeptAside(host: ChangesHost, entries: readonly KeptAsideEntry[]): Promise<KeptAsideImport> {
  const copies: { entry: KeptAsideEntry; copy: Y.Doc; known: boolean }[] = []
  try {
    for (const entry of entries) {
      const open = host.isOpen(entry.docId)
      if (open) await host.flushed(entry.docId)
      const stored = await readStoredDocument(host.db, entry.docId).catch(() => undefined)
      const copy = stored ?? new Y.Doc()
      copies.push({ entry, copy, known: stored !== undefined || open })
      try {
        Y.applyUpdate(copy, entry.update)
      } catch {
        return { ok: false, problem: { code: 'badUpdate', name: entry.name } }
      }
    }
    const open = copies.filter(({ entry }) => host.isOpen(entry.docId))
    await storeImportedChanges(host.db, copies.filter((c) => !open.includes(c)).map(({ entry }) => entry))
    for (const { entry } of open) await host.applyToOpen(entry.docId, entry.update)
    for (const { entry, copy, known } of copies) {
      const found = kindOf(entry.docId)
      if (!known && found?.spec.announce) await enqueueRequests(host.db, found.spec.announce(copy, found.ref), { docId: entry.docId })
    }
  } finally {
    for (const { copy } of copies) copy.destroy()
  }
  await host.indexNow()
  return { ok: true, labels: await labelsOf(host.db, entries.map((e) => e.docId)) }
}

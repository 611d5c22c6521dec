/**
 * The file a person saves kept-aside changes to (a file they may no longer open, with changes
 * the relay never got), and that a coordinator's app opens to send them on (docs/SPEC.md A13):
 * written and read here, once, so the two can never disagree.
 *
 * A file that comes back is untrusted input: it may be another program's JSON, cut short,
 * edited by hand, or from another workspace. `readKeptAsideFile` checks all of it before anything
 * changes: the shape (zod), every document id (one of this workspace's), and every update (base64
 * that `Y.decodeUpdate` reads and that applies to an empty document). A file with any problem is
 * refused whole, with a code the view puts in words.
 */
import { fromBase64, toBase64 } from 'lib0/buffer'
import * as Y from 'yjs'
import { z } from 'zod'
import { parseDocumentId, type DocumentId, type WorkspaceId } from './doc-id'

/** Largest file read: far above a few case files' changes, far below what would stall a phone. */
export const MAX_KEPT_ASIDE_FILE_BYTES = 16 * 1024 * 1024
/** Most files one saved file may hold. */
export const MAX_KEPT_ASIDE_ENTRIES = 1000

/** What the device kept for one file (client/runtime/store/db.ts `KeptAside`). */
export interface KeptChanges {
  docId: string
  /** The child's name as the device last knew it ('' if none). */
  name: string
  /** When the changes were kept aside (ms). */
  at: number
  /** How many unsent changes it held. */
  pendingCount: number
  /** The whole local document, which holds the unsent changes. */
  update: Uint8Array
}

/** One file's changes, read and checked. */
export interface KeptAsideEntry {
  docId: DocumentId
  name: string
  update: Uint8Array
}

export type KeptAsideFileProblem =
  /** Larger than MAX_KEPT_ASIDE_FILE_BYTES. */
  | { code: 'tooLarge' }
  /** Not JSON, or JSON of another shape. */
  | { code: 'notKeptAsideFile' }
  /** A well-formed file that holds nothing. */
  | { code: 'empty' }
  /** An entry that names no document of this app. */
  | { code: 'badDocument'; name: string }
  /** A document of another workspace. */
  | { code: 'otherWorkspace'; name: string }
  /** Changes that are not base64, or that Yjs cannot read or apply. */
  | { code: 'badUpdate'; name: string }

export type KeptAsideFileRead = { ok: true; entries: KeptAsideEntry[] } | { ok: false; problem: KeptAsideFileProblem }

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** The file's shape: what KeptAsideNotice has always written, one object per file. */
const FileSchema = z
  .array(
    z.object({
      docId: z.string().max(200),
      name: z.string().max(200),
      keptAt: z.string().max(40).optional(),
      changes: z.number().int().min(0).optional(),
      update: z.string().min(1),
    }),
  )
  .max(MAX_KEPT_ASIDE_ENTRIES)

/** The JSON text of the file to save (pretty, so a coordinator can look inside). */
export function writeKeptAsideFile(kept: readonly KeptChanges[]): string {
  const entries = kept.map((k) => ({
    docId: k.docId,
    name: k.name,
    keptAt: new Date(k.at).toISOString(),
    changes: k.pendingCount,
    update: toBase64(k.update),
  }))
  return JSON.stringify(entries, null, 2)
}

/** Reads a saved file for this workspace, checking all of it; changes nothing. */
export function readKeptAsideFile(text: string, workspace: WorkspaceId): KeptAsideFileRead {
  if (text.length > MAX_KEPT_ASIDE_FILE_BYTES) return refuse({ code: 'tooLarge' })
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return refuse({ code: 'notKeptAsideFile' })
  }
  const parsed = FileSchema.safeParse(json)
  if (!parsed.success) return refuse({ code: 'notKeptAsideFile' })
  if (parsed.data.length === 0) return refuse({ code: 'empty' })
  const entries: KeptAsideEntry[] = []
  for (const raw of parsed.data) {
    const id = parseDocumentId(raw.docId)
    if (!id) return refuse({ code: 'badDocument', name: raw.name })
    if (id.workspace !== workspace) return refuse({ code: 'otherWorkspace', name: raw.name })
    const update = readUpdate(raw.update)
    if (!update) return refuse({ code: 'badUpdate', name: raw.name })
    entries.push({ docId: raw.docId as DocumentId, name: raw.name, update })
  }
  return { ok: true, entries }
}

/** The update's bytes if Yjs reads them and they apply (some that decode make applying throw). */
function readUpdate(base64: string): Uint8Array | undefined {
  if (!BASE64.test(base64)) return undefined
  const doc = new Y.Doc()
  try {
    const update = fromBase64(base64)
    Y.decodeUpdate(update)
    Y.applyUpdate(doc, update)
    return update
  } catch {
    return undefined
  } finally {
    doc.destroy()
  }
}

const refuse = (problem: KeptAsideFileProblem): KeptAsideFileRead => ({ ok: false, problem })

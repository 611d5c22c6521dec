/**
 * Document ids name the unit of access: `<workspace>/settings`, `<workspace>/plan/<term>`,
 * `<workspace>/child/<childId>`, `<workspace>/report/<term>`. They travel in URLs and
 * storage keys, so they hold only random ids and short codes, never a child's name.
 */
import { isDocumentKey, isWorkspaceId, type WorkspaceId } from './ids'

export type { WorkspaceId }
export type DocumentId = string & { readonly __brand: 'DocumentId' }

export type DocumentKind = 'settings' | 'plan' | 'child' | 'report'

export interface ParsedDocumentId {
  workspace: WorkspaceId
  kind: DocumentKind
  /** The child id or term code; absent for settings. */
  key?: string
}

/** Which kinds are one per workspace and which one per key (a child id, a term code). */
const KEYED: Readonly<Record<DocumentKind, boolean>> = { settings: false, plan: true, child: true, report: true }
const isKind = (raw: string | undefined): raw is DocumentKind => raw !== undefined && Object.hasOwn(KEYED, raw)

/** Longest document id: a workspace id, a kind and a key, with room to spare. */
export const MAX_DOCUMENT_ID_LENGTH = 160

export function parseDocumentId(raw: string): ParsedDocumentId | undefined {
  if (raw.length > MAX_DOCUMENT_ID_LENGTH) return undefined
  const parts = raw.split('/')
  const [workspace, kind, key] = parts
  if (!isWorkspaceId(workspace)) return undefined
  const ws = workspace
  if (!isKind(kind)) return undefined
  if (!KEYED[kind]) return parts.length === 2 ? { workspace: ws, kind } : undefined
  if (parts.length !== 3 || !isDocumentKey(key)) return undefined
  return { workspace: ws, kind, key }
}

export function isDocumentId(raw: string): raw is DocumentId {
  return parseDocumentId(raw) !== undefined
}

export function childDocumentId(workspace: WorkspaceId, childId: string): DocumentId {
  const id = `${workspace}/child/${childId}`
  if (!isDocumentId(id)) throw new Error(`not a valid child document id: ${id}`)
  return id
}

export function settingsDocumentId(workspace: WorkspaceId): DocumentId {
  const id = `${workspace}/settings`
  if (!isDocumentId(id)) throw new Error(`not a valid workspace id: ${workspace}`)
  return id
}

/** A term's plan document (its items, attendance, aid rounds, the children's home). */
export function planDocumentId(workspace: WorkspaceId, term: string): DocumentId {
  const id = `${workspace}/plan/${term}`
  if (!isDocumentId(id)) throw new Error(`not a valid plan document id: ${id}`)
  return id
}

/** A term's published report: the figures a coordinator published for supervisors (no child's data). */
export function reportDocumentId(workspace: WorkspaceId, term: string): DocumentId {
  const id = `${workspace}/report/${term}`
  if (!isDocumentId(id)) throw new Error(`not a valid report document id: ${id}`)
  return id
}

export function toWorkspaceId(raw: string): WorkspaceId {
  if (!isWorkspaceId(raw)) throw new Error(`not a valid workspace id: ${raw}`)
  return raw
}

/** A random id for a new child or record: 16 url-safe characters, 96 bits. */
export function newId(): string {
  const bytes = new Uint8Array(12)
  crypto.getRandomValues(bytes)
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_')
}

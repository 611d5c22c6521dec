/**
 * Document ids name the unit of access: `<workspace>/settings`, `<workspace>/plan/<term>`,
 * `<workspace>/child/<childId>`, `<workspace>/report/<term>`. They travel in URLs and
 * storage keys, so they hold only random ids and short codes, never a child's name.
 */
export type DocumentId = string & { readonly __brand: 'DocumentId' }
export type WorkspaceId = string & { readonly __brand: 'WorkspaceId' }

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

const WORKSPACE = /^[a-z0-9][a-z0-9-]{0,39}$/
const KEY = /^[A-Za-z0-9_-]{1,64}$/
const MAX_LENGTH = 160

export function parseDocumentId(raw: string): ParsedDocumentId | undefined {
  if (raw.length > MAX_LENGTH) return undefined
  const parts = raw.split('/')
  const [workspace, kind, key] = parts
  if (workspace === undefined || !WORKSPACE.test(workspace)) return undefined
  const ws = workspace as WorkspaceId
  if (!isKind(kind)) return undefined
  if (!KEYED[kind]) return parts.length === 2 ? { workspace: ws, kind } : undefined
  if (parts.length !== 3 || key === undefined || !KEY.test(key)) return undefined
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

export function toWorkspaceId(raw: string): WorkspaceId {
  if (!WORKSPACE.test(raw)) throw new Error(`not a valid workspace id: ${raw}`)
  return raw as WorkspaceId
}

/** A random id for a new child or record: 16 url-safe characters, 96 bits. */
export function newId(): string {
  const bytes = new Uint8Array(12)
  crypto.getRandomValues(bytes)
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_')
}

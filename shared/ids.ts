/**
 * Every id and token shape, defined once: each as a pattern, a predicate and a zod schema,
 * used by the document ids, the HTTP APIs (both sides), the relay's session lookup and the
 * client's routes. Ids travel in URLs, storage keys and logs, so every shape is a short run
 * of url-safe characters that cannot climb a path, hide a separator or carry a name.
 *
 * - workspace id: lower-case letters, digits and '-', 1–40, not starting with '-' (`school-1`)
 * - document key: the last part of a document id, a child id or a term code: url-safe
 *   base64 characters, 1–64 (`newId()` makes 16)
 * - token: a session, invite or setup token, 256 random bits as 43 url-safe base64 characters
 *
 * `*_SHAPE` is the pattern without anchors, for a larger pattern that contains one (a route).
 */
import { z } from 'zod'

export type WorkspaceId = string & { readonly __brand: 'WorkspaceId' }

export const WORKSPACE_ID_SHAPE = '[a-z0-9][a-z0-9-]{0,39}'
export const DOCUMENT_KEY_SHAPE = '[A-Za-z0-9_-]{1,64}'
export const TOKEN_SHAPE = '[A-Za-z0-9_-]{43}'

const whole = (shape: string) => new RegExp(`^${shape}$`)

export const WORKSPACE_ID_PATTERN = whole(WORKSPACE_ID_SHAPE)
export const DOCUMENT_KEY_PATTERN = whole(DOCUMENT_KEY_SHAPE)
export const TOKEN_PATTERN = whole(TOKEN_SHAPE)

export function isWorkspaceId(raw: unknown): raw is WorkspaceId {
  return typeof raw === 'string' && WORKSPACE_ID_PATTERN.test(raw)
}

export function isDocumentKey(raw: unknown): raw is string {
  return typeof raw === 'string' && DOCUMENT_KEY_PATTERN.test(raw)
}

export function isToken(raw: unknown): raw is string {
  return typeof raw === 'string' && TOKEN_PATTERN.test(raw)
}

export const WorkspaceIdSchema = z.string().regex(WORKSPACE_ID_PATTERN, 'not a workspace id')
export const DocumentKeySchema = z.string().regex(DOCUMENT_KEY_PATTERN, 'not a child id or term code')
export const TokenSchema = z.string().regex(TOKEN_PATTERN, 'not a token')

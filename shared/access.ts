/**
 * Who may read and write which document (../shared/DOMAIN.md, "Who uses the workspace"):
 * decided per document, because Yjs cannot hide part of a document from someone who syncs it.
 * Each kind's column lives with the kind (shared/docs/<kind>/kind.ts, `accessTo` in
 * shared/docs/registry.ts); the relay enforces it, the client uses it only to hide what would be refused.
 *
 * | document            | coordinator | teacher                | helper             | supervisor |
 * |---------------------|-------------|------------------------|--------------------|------------|
 * | <ws>/settings       | write       | read                   | read               | read       |
 * | <ws>/plan/<term>    | write       | write                  | read               | none       |
 * | <ws>/child/<id>     | write       | write (own classes)    | write (paired)     | none       |
 * | <ws>/report/<term>  | write       | read                   | read               | read       |
 */
export const ROLES = ['coordinator', 'teacher', 'helper', 'supervisor'] as const
export type Role = (typeof ROLES)[number]

export type Access = 'none' | 'read' | 'write'

/**
 * What a kind's column of the table may ask about the member and the document. The facts are
 * functions, asked only by the kind that needs them (the relay looks them up in its tables).
 */
export interface Scope {
  role: Role
  /** For a child document: is the child in one of this teacher's classes. */
  childInOwnClass?: () => boolean
  /** For a child document: is the child paired with this helper now. */
  childPaired?: () => boolean
}

export function isRole(raw: unknown): raw is Role {
  return typeof raw === 'string' && (ROLES as readonly string[]).includes(raw)
}

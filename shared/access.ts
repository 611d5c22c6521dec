/**
 * Who may read and write which document (../shared/DOMAIN.md, "Who uses the workspace"):
 * decided per document, because Yjs cannot hide part of a document from someone who syncs it.
 * The relay enforces this table; the client uses it only to hide what would be refused.
 *
 * | document            | coordinator | teacher                | helper             | supervisor |
 * |---------------------|-------------|------------------------|--------------------|------------|
 * | <ws>/settings       | write       | read                   | read               | none       |
 * | <ws>/plan/<term>    | write       | write                  | read               | none       |
 * | <ws>/child/<id>     | write       | write (own classes)    | write (paired)     | none       |
 * | <ws>/report/<term>  | write       | read                   | read               | read       |
 */
import type { DocumentKind } from './doc-id'

export const ROLES = ['coordinator', 'teacher', 'helper', 'supervisor'] as const
export type Role = (typeof ROLES)[number]

export type Access = 'none' | 'read' | 'write'

export interface Scope {
  role: Role
  /** For a child document: is the child in one of this teacher's classes. */
  childInOwnClass?: boolean
  /** For a child document: is the child paired with this helper now. */
  childPaired?: boolean
}

export function isRole(raw: unknown): raw is Role {
  return typeof raw === 'string' && (ROLES as readonly string[]).includes(raw)
}

export function accessTo(kind: DocumentKind, scope: Scope): Access {
  const { role } = scope
  if (role === 'coordinator') return 'write'
  switch (kind) {
    case 'settings':
      return role === 'supervisor' ? 'none' : 'read'
    case 'plan':
      return role === 'teacher' ? 'write' : role === 'helper' ? 'read' : 'none'
    case 'child':
      if (role === 'teacher') return scope.childInOwnClass ? 'write' : 'none'
      if (role === 'helper') return scope.childPaired ? 'write' : 'none'
      return 'none'
    case 'report':
      return 'read'
  }
}

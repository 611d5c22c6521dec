/**
 * The accounts' rules, behind the accounts Authorizer (accounts-authorizer.ts): who is asking,
 * and what they may do with a document. The session comes from the HttpOnly cookie (browsers)
 * or an `Authorization: Bearer` header (other clients); the access from the document kinds'
 * columns (shared/docs/registry.ts) and the scope tables.
 */
import { createHash } from 'node:crypto'
import type { Access, Role } from '../../shared/access'
import { accessTo } from '../../shared/docs/registry'
import type { AuthenticatedWriter } from '../../shared/docs/write-rules'
import { SESSION_COOKIE } from '../../shared/auth-api'
import { parseDocumentId } from '../../shared/doc-id'
import { isToken } from '../../shared/ids'
import type { ListMarks } from '../../shared/sync/catchup-page'
import type { AccessStore, User } from './access-store'

export interface Principal {
  user: User
  workspace: string
  role: Role
  /** The session token, to re-check the session later (never logged). */
  token: string
}

/** Reads the session token from a Cookie header value or an Authorization header value. */
export function sessionToken(cookieHeader: string | undefined, authorization: string | undefined): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1]
  if (bearer && isToken(bearer)) return bearer
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === SESSION_COOKIE) {
      const value = rest.join('=')
      if (isToken(value)) return value
    }
  }
  return undefined
}

/** The signed-in member behind a token, or undefined (no, ended, expired session, or no membership). */
export function principalOf(access: AccessStore, token: string | undefined): Principal | undefined {
  if (!token) return undefined
  const user = access.sessionUser(token)
  if (!user) return undefined
  const membership = access.memberships(user.id)[0]
  if (!membership) return undefined
  return { user, workspace: membership.workspace, role: membership.role, token }
}

/** What this member may do with the document now. */
export function accessToDocument(access: AccessStore, who: Principal, docId: string): Access {
  const parsed = parseDocumentId(docId)
  if (!parsed || parsed.workspace !== who.workspace) return 'none'
  const key = parsed.key ?? ''
  // The facts are asked only by a kind whose column needs them (shared/docs/child/kind.ts).
  return accessTo(parsed.kind, {
    role: who.role,
    childInOwnClass: () => who.role === 'teacher' && access.teachesChild(who.workspace, who.user.id, key),
    childPaired: () => who.role === 'helper' && access.isPaired(who.workspace, who.user.id, key),
  })
}

/** Whether this member answers for the document itself (export it for a guardian, erase it): its workspace's coordinators. */
export function managesDocument(who: Principal, docId: string): boolean {
  return who.role === 'coordinator' && parseDocumentId(docId)?.workspace === who.workspace
}

/**
 * The member as a document's write rules judge them: their role, whether they teach the child's
 * class, the name they sign with, and since when they are a member (docs/SPEC.md R1, R2); a
 * coordinator also with the workspace's members, whose signed entries they may re-apply.
 */
export function writerOf(access: AccessStore, who: Principal, docId: string): AuthenticatedWriter {
  const key = parseDocumentId(docId)?.key ?? ''
  return {
    id: who.user.id,
    role: who.role,
    classTeacher: who.role === 'teacher' && access.teachesChild(who.workspace, who.user.id, key),
    name: who.user.displayName,
    memberSince: access.memberSince(who.user.id) ?? Number.POSITIVE_INFINITY,
    ...(who.role === 'coordinator' ? { member: (id: string) => access.signer(who.workspace, id) } : {}),
  }
}

/**
 * A fingerprint of which children's files this member may read: it changes with their role,
 * a pairing, a class given or taken, or a child filed in one of their classes. A device whose
 * catch-up cursor passed a file it could not read then starts over (client/sync/background-sync.ts),
 * or a helper paired while signed in would never receive the child's file.
 */
export function readScope(access: AccessStore, who: Principal): string {
  const children =
    who.role === 'helper'
      ? access.pairedChildren(who.workspace, who.user.id)
      : who.role === 'teacher'
        ? access.classChildren(who.workspace, who.user.id)
        : []
  return createHash('sha256').update(JSON.stringify([who.workspace, who.role, children])).digest('base64url')
}

/**
 * Fingerprints of what this member's filing classes and directory would answer now, so an idle
 * device asks for neither (client/runtime/sync/member-lists.ts). The filing classes' is a hash of
 * the answer itself (one small query); the directory's, of the workspace's directory version
 * (no directory built per page). Neither tells more than the answers do: a supervisor, who may
 * not read the directory, gets one that changes only with their role.
 */
export function listMarks(access: AccessStore, who: Principal): ListMarks {
  const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url')
  const classes = who.role === 'teacher' ? access.classesOf(who.workspace, who.user.id) : []
  const directory = who.role === 'supervisor' ? '' : access.directoryVersion(who.workspace)
  return { filing: hash([who.workspace, who.role, classes]), directory: hash([who.workspace, who.role, directory]) }
}

/**
 * The members of a workspace over HTTP (shared/members-api.ts, docs/SPEC.md M1–M8): the
 * directory every member's device keeps for names, one's own phone, and the coordinators'
 * tools for removing members, open invites and reading the audit trail page by page.
 *
 * Invariant: a workspace always has a coordinator. Every path that could take the last one
 * away (removing, and changing a role in auth-api.ts) asks `refuseLastCoordinator` first.
 */
import { Hono, type Context } from 'hono'
import { ApiErrorCode } from '../../shared/api'
import { AuthErrorCode } from '../../shared/auth-api'
import { childDocumentId, toWorkspaceId } from '../../shared/doc-id'
import { AuditQuery, PhoneRequest, RevokeInviteRequest, type AuditPage } from '../../shared/members-api'
import type { AccessStore } from '../auth/access-store'
import type { Principal } from '../auth/authorize'
import type { Logger } from '../log'
import { apiError, parseWith, readBody } from './errors'
import { requireMember } from './session'

export interface MembersApiOptions {
  access: AccessStore
  log: Logger
  onAccessChanged: (userId?: string) => void
}

/** 409 `last_coordinator` when taking this member's coordinator role away would leave the workspace none. */
export function refuseLastCoordinator(access: AccessStore, workspace: string, userId: string): void {
  if (access.roleIn(userId, workspace) === 'coordinator' && access.coordinatorCount(workspace) <= 1) {
    throw apiError(409, AuthErrorCode.lastCoordinator, 'the workspace must keep a coordinator')
  }
}

export function membersApi({ access, log, onAccessChanged }: MembersApiOptions) {
  const api = new Hono()
  const requireCoordinator = (c: Context): Principal => {
    const who = requireMember(access, c)
    if (who.role !== 'coordinator') throw apiError(403, AuthErrorCode.forbidden, 'coordinators only')
    return who
  }

  // Names for every id a device shows; a supervisor reads published figures, not who is who.
  api.get('/members/directory', (c) => {
    const who = requireMember(access, c)
    if (who.role === 'supervisor') throw apiError(403, AuthErrorCode.forbidden, 'not for supervisors')
    return c.json(access.directory(who.workspace))
  })

  api.post('/account/phone', async (c) => {
    const who = requireMember(access, c)
    const { phone } = await readBody(c, PhoneRequest)
    access.setPhone(who.user.id, phone)
    return c.json({ ok: true })
  })

  api.post('/admin/members/:id/remove', (c) => {
    const who = requireCoordinator(c)
    const userId = c.req.param('id')
    if (!access.roleIn(userId, who.workspace)) throw apiError(404, AuthErrorCode.forbidden, 'not a member')
    refuseLastCoordinator(access, who.workspace, userId)
    access.removeMember(who.workspace, userId)
    // Their live sockets are re-checked now: the ended sessions close them.
    onAccessChanged(userId)
    log.info('members.removed', { workspace: who.workspace })
    return c.json({ ok: true })
  })

  api.get('/admin/invites', (c) => {
    const who = requireCoordinator(c)
    return c.json(access.openInvites(who.workspace))
  })

  api.post('/admin/invites/revoke', async (c) => {
    const who = requireCoordinator(c)
    const { id } = await readBody(c, RevokeInviteRequest)
    if (!access.revokeInvite(who.workspace, id)) throw apiError(404, ApiErrorCode.notFound, 'no such open invite')
    return c.json({ ok: true })
  })

  api.get('/admin/audit', (c) => {
    const who = requireCoordinator(c)
    const query = parseWith(AuditQuery, c.req.query())
    const entries = access.auditPage(who.workspace, {
      ...(query.child !== undefined ? { docId: childDocumentId(toWorkspaceId(who.workspace), query.child) } : {}),
      ...(query.user !== undefined ? { userId: query.user } : {}),
      ...(query.action !== undefined ? { action: query.action } : {}),
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { to: query.to } : {}),
      ...(query.before !== undefined ? { before: query.before } : {}),
      limit: query.limit,
    })
    const last = entries.at(-1)
    const page: AuditPage = { entries, ...(entries.length === query.limit && last ? { next: last.seq } : {}) }
    return c.json(page)
  })

  return api
}

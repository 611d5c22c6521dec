/**
 * The members API, defined once for both sides with zod (docs/SPEC.md M1–M8):
 *
 * - GET  /api/members/directory             -> Directory: every member of the workspace, removed ones
 *                                              flagged (any member but supervisors; else 403)
 * - POST /api/account/phone { phone }       the caller's own phone (null clears it)
 * - GET  /api/admin/members                 -> MemberSummary[] (coordinators; auth-api.ts)
 * - POST /api/admin/members/:id/remove      (coordinators) the member is removed; 409 `last_coordinator`
 *                                              for the workspace's last coordinator
 * - GET  /api/admin/invites                 -> OpenInvite[] (coordinators)
 * - POST /api/admin/invites/revoke { id }   (coordinators) the invite can no longer be accepted
 * - GET  /api/admin/audit?AuditQuery        -> AuditPage, newest first (coordinators)
 */
import { z } from 'zod'
import { AuditEntrySchema, RoleSchema } from './auth-api'
import { DocumentKeySchema } from './ids'
import { AccountPhone } from './validation/account-phone'

export const MembersPath = {
  directory: '/api/members/directory',
  phone: '/api/account/phone',
  members: '/api/admin/members',
  invites: '/api/admin/invites',
  revokeInvite: '/api/admin/invites/revoke',
  audit: '/api/admin/audit',
  remove: (userId: string) => `/api/admin/members/${encodeURIComponent(userId)}/remove`,
} as const

/** The caller's own phone; empty or null clears it. */
export const PhoneRequest = z.object({ phone: AccountPhone.nullable() })

const UserId = z.string().min(1).max(64)

export const DirectoryEntry = z.object({
  id: UserId,
  displayName: z.string().max(40),
  role: z.string().max(20),
  phone: z.string().max(40).optional(),
  removed: z.literal(true).optional(),
})
export type DirectoryEntry = z.infer<typeof DirectoryEntry>
export const Directory = z.array(DirectoryEntry).max(10_000)

export const MemberSummary = z.object({
  id: UserId,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  phone: z.string().optional(),
  classes: z.array(z.string()).max(500).default([]),
  pairs: z.number().int().min(0).default(0),
})
export type MemberSummary = z.infer<typeof MemberSummary>

export const OpenInvite = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/), role: RoleSchema, createdBy: z.string().nullable(), expiresAt: z.number() })
export type OpenInvite = z.infer<typeof OpenInvite>
export const RevokeInviteRequest = z.object({ id: OpenInvite.shape.id })

/** The kinds of audited action a reader may filter on. */
export const AUDIT_ACTIONS = ['opened', 'viewed', 'changed', 'exported', 'deleted', 'restored', 'erased', 'moved', 'paired', 'unpaired', 'statusChanged', 'reportsRefused', 'rolledOver'] as const
export const MAX_AUDIT_PAGE = 200

const Ms = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

/** The query string of GET /api/admin/audit: every filter optional, `before` the previous page's `next`. */
export const AuditQuery = z.object({
  child: DocumentKeySchema.optional(),
  user: UserId.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: Ms.optional(),
  to: Ms.optional(),
  before: Ms.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(50),
})
/** What a device asks for (the relay checks it with the schema above). */
export interface AuditQuery {
  child?: string | undefined
  user?: string | undefined
  action?: string | undefined
  from?: number | undefined
  to?: number | undefined
  before?: number | undefined
  limit?: number | undefined
}

/** One page, newest first; `next` is the cursor for the page after it, absent at the end. */
export const AuditPage = z.object({ entries: z.array(AuditEntrySchema).max(MAX_AUDIT_PAGE), next: z.number().optional() })
export type AuditPage = z.infer<typeof AuditPage>

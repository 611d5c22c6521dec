/**
 * The device's side of the members API (shared/members-api.ts), over the one HTTP client:
 * one's own phone, and the coordinators' tools for removing members, open invites and
 * reading the audit trail a page at a time.
 */
import { z } from 'zod'
import { AuditPage, MembersPath, OpenInvite, type AuditQuery } from '../../../shared/members-api'
import type { Role } from '../../../shared/access'
import type { RelayHttp } from '../sync/relay-http'

const ok = z.unknown()

export function createMembersApi(http: RelayHttp) {
  const post = (path: string, body: unknown = {}) => http.request(ok, path, { method: 'POST', body })
  return {
    setPhone: async (phone: string | null) => void (await post(MembersPath.phone, { phone })),
    /** A member's role; the relay refuses to demote the last coordinator (`last_coordinator`). */
    setRole: async (userId: string, role: Role) => void (await post('/api/admin/roles', { userId, role })),
    remove: async (userId: string) => void (await post(MembersPath.remove(userId))),
    invites: () => http.request(z.array(OpenInvite), MembersPath.invites),
    revokeInvite: async (id: string) => void (await post(MembersPath.revokeInvite, { id })),
    audit(query: AuditQuery): Promise<AuditPage> {
      const params = new URLSearchParams()
      for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value))
      return http.request(AuditPage, `${MembersPath.audit}?${params.toString()}`)
    },
  }
}

export type MembersApi = ReturnType<typeof createMembersApi>

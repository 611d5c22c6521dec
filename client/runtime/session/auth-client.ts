/**
 * The browser's side of the account API (shared/auth-api.ts), over the one HTTP client
 * (sync/relay-http.ts). The relay's HttpOnly cookie is the browser's session, and the bearer
 * token a session answer also carries is dropped here, at the edge, so no other module ever
 * holds it (it must never reach localStorage or IndexedDB).
 */
import { z } from 'zod'
import {
  AuthErrorCode,
  InviteInfo,
  Me,
  type AcceptInviteRequest,
  type ClassRequest,
  type LoginRequest,
  type PairingRequest,
  type SetupRequest,
} from '../../../shared/auth-api'
import type { Role } from '../../../shared/access'
import { TokenSchema } from '../../../shared/ids'
import { MemberSummary } from '../../../shared/members-api'
import { RelayRequestError, type RelayHttp } from '../sync/relay-http'

/** A member of the workspace as `GET /api/admin/members` lists them (shared/members-api.ts). */
export const MemberSchema = MemberSummary
export type Member = MemberSummary

const StateAnswer = z.object({ needsSetup: z.boolean() })
const TokenAnswer = z.object({ token: TokenSchema })

/** The account API over the device's one HTTP client. */
export function createAuthApi(http: RelayHttp) {
  const request = <T>(schema: z.ZodType<T>, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> =>
    http.request(schema, path, { method, ...(body === undefined ? {} : { body }) })
  const ok = z.unknown()

  return {
    state: () => request(StateAnswer, 'GET', '/api/auth/state'),
    /** The signed-in member, or undefined when the relay has no live session for this browser. */
    async me(): Promise<Me | undefined> {
      try {
        return await request(Me, 'GET', '/api/auth/me')
      } catch (error) {
        // A removed member's session is over as an ended one is; signing in again says why (SPEC M3).
        if (error instanceof RelayRequestError && (error.code === AuthErrorCode.notSignedIn || error.code === AuthErrorCode.memberRemoved)) return undefined
        throw error
      }
    },
    // Session answers are read as `Me`, which drops the bearer token: the cookie is the session.
    login: (body: z.input<typeof LoginRequest>) => request(Me, 'POST', '/api/auth/login', body),
    setup: (body: z.input<typeof SetupRequest>) => request(Me, 'POST', '/api/auth/setup', body),
    acceptInvite: (body: z.input<typeof AcceptInviteRequest>) => request(Me, 'POST', '/api/auth/invites/accept', body),
    peekInvite: (token: string) => request(InviteInfo, 'POST', '/api/auth/invites/peek', { token }),
    logout: async () => void (await request(ok, 'POST', '/api/auth/logout')),

    members: () => request(z.array(MemberSchema), 'GET', '/api/admin/members'),
    createInvite: async (role: Role) => (await request(TokenAnswer, 'POST', '/api/admin/invites', { role })).token,
    endSessions: async (userId: string) => void (await request(ok, 'POST', `/api/admin/users/${encodeURIComponent(userId)}/end-sessions`)),
    setClass: async (body: z.input<typeof ClassRequest>) => void (await request(ok, 'POST', '/api/admin/classes', body)),
    setPairing: async (body: z.input<typeof PairingRequest>) => void (await request(ok, 'POST', '/api/admin/pairings', body)),
  }
}

export type AuthApi = ReturnType<typeof createAuthApi>

/**
 * The browser's side of the account API (shared/auth-api.ts). The relay's HttpOnly cookie
 * is the browser's session: every call goes with `credentials: 'same-origin'`, and the bearer
 * token a session answer also carries is dropped here, at the edge, so no other module ever
 * holds it (it must never reach localStorage or IndexedDB).
 *
 * Every failure is an `AuthRequestError` with a stable code the views turn into a sentence.
 */
import { z } from 'zod'
import {
  AuthErrorCode,
  InviteInfo,
  Me,
  RoleSchema,
  type AcceptInviteRequest,
  type ClassRequest,
  type LoginRequest,
  type PairingRequest,
  type SetupRequest,
} from '../../../shared/auth-api'
import type { Role } from '../../../shared/access'

const AUTH_CODES: readonly string[] = Object.values(AuthErrorCode)

/** What can go wrong, as the views explain it: the relay's codes and the client's own. */
export const ClientFailure = {
  badRequest: 'bad_request',
  network: 'network',
  unexpected: 'unexpected',
  /** Offline, a username other than the one that signed in on this device last. */
  offlineUnknownUser: 'offline_unknown_user',
  /** Offline, and nobody has signed in on this device yet. */
  offlineFirstTime: 'offline_first_time',
} as const
export type AuthFailureCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode] | (typeof ClientFailure)[keyof typeof ClientFailure]

export class AuthRequestError extends Error {
  constructor(
    readonly code: AuthFailureCode,
    /** For `too_many_attempts`: the relay's Retry-After, when it sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(code)
    this.name = 'AuthRequestError'
  }
}

/** The code of a failed answer: the relay's own when it is one we know, else one for its status. */
export function failureCodeOf(status: number, body: unknown): AuthFailureCode {
  const code = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined
  if (typeof code === 'string' && AUTH_CODES.includes(code)) return code as AuthFailureCode
  if (status === 400 || status === 422) return ClientFailure.badRequest
  if (status === 401) return AuthErrorCode.notSignedIn
  if (status === 403) return AuthErrorCode.forbidden
  if (status === 429) return AuthErrorCode.tooManyAttempts
  return ClientFailure.unexpected
}

/** Seconds from a Retry-After header (seconds or an HTTP date), if it says something usable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined
  const seconds = /^\d{1,7}$/.test(header.trim()) ? Number(header.trim()) : (Date.parse(header) - now) / 1000
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined
}

export function errorCodeOf(error: unknown): AuthFailureCode {
  return error instanceof AuthRequestError ? error.code : ClientFailure.unexpected
}

/**
 * A member of the workspace as `GET /api/admin/members` lists them.
 * (The contract names `Member[]` without a schema; this is the access store's shape.)
 */
export const MemberSchema = z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: RoleSchema })
export type Member = z.infer<typeof MemberSchema>

const StateAnswer = z.object({ needsSetup: z.boolean() })
const TokenAnswer = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) })

export interface AuthApiOptions {
  /** The relay's origin; '' for the page's own. */
  baseUrl?: string
  fetchImpl?: typeof fetch
  /** A rural 2G link is slow; past this a request counts as a network failure. */
  timeoutMs?: number
}

export function createAuthApi({ baseUrl = '', fetchImpl = (...args) => fetch(...args), timeoutMs = 20_000 }: AuthApiOptions = {}) {
  async function request<T>(schema: z.ZodType<T>, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch {
      throw new AuthRequestError(ClientFailure.network)
    }
    const json: unknown = await response.json().catch(() => undefined)
    if (!response.ok) {
      const code = failureCodeOf(response.status, json)
      throw new AuthRequestError(code, code === AuthErrorCode.tooManyAttempts ? retryAfterSeconds(response.headers.get('retry-after')) : undefined)
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) throw new AuthRequestError(ClientFailure.unexpected)
    return parsed.data
  }
  const ok = z.unknown()

  return {
    state: () => request(StateAnswer, 'GET', '/api/auth/state'),
    /** The signed-in member, or undefined when the relay has no live session for this browser. */
    async me(): Promise<Me | undefined> {
      try {
        return await request(Me, 'GET', '/api/auth/me')
      } catch (error) {
        if (error instanceof AuthRequestError && error.code === AuthErrorCode.notSignedIn) return undefined
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

import type { Context } from 'hono'
import { AuthErrorCode } from '../../shared/auth-api'
import type { AccessStore } from '../auth/access-store'
import { principalOf, sessionToken, type Principal } from '../auth/authorize'
import { apiError } from './errors'

/** The session token of a request: the HttpOnly cookie (browsers) or a bearer header (other clients). */
export const requestToken = (c: Context): string | undefined => sessionToken(c.req.header('cookie'), c.req.header('authorization'))

/** The signed-in member behind a request, if any. */
export const requestPrincipal = (access: AccessStore, c: Context): Principal | undefined => principalOf(access, requestToken(c))

/** The signed-in member behind a request; 401 `not_signed_in` without one. */
export function requireMember(access: AccessStore, c: Context): Principal {
  const who = requestPrincipal(access, c)
  if (!who) {
    // A removed member's device hears why, and can say so rather than ask for a sign-in (SPEC M3).
    const token = requestToken(c)
    if (token && access.removedBehind(token)) throw apiError(403, AuthErrorCode.memberRemoved, 'removed from the workspace')
    throw apiError(401, AuthErrorCode.notSignedIn, 'not signed in')
  }
  return who
}

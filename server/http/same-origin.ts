/**
 * Only the app's own page may change anything or open a document (docs/SPEC.md N1). A browser
 * sends the session cookie with a form posted from any site, and opens a websocket to any
 * address, so a page elsewhere could act as the signed-in member. Browsers name the page a
 * request came from (`Origin`, and `Sec-Fetch-Site` in newer ones); a request that names another
 * site is refused before it is read. A request naming none is a program, not a page (the tests'
 * clients, a county relay syncing upstream): it has no cookie to borrow and must bring a token.
 *
 * The relay's own origin is its Host header: the port and name the page was loaded from,
 * whatever scheme a proxy in front added.
 */
import type { MiddlewareHandler } from 'hono'
import { ApiErrorCode } from '../../shared/api'
import { apiError } from './errors'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Whether the browser's headers say this request came from a page of another origin. */
export function fromAnotherOrigin(headers: { origin?: string | undefined; host?: string | undefined; fetchSite?: string | undefined }): boolean {
  if (headers.fetchSite === 'cross-site' || headers.fetchSite === 'same-site') return true
  if (headers.origin === undefined) return false
  // 'null': a sandboxed frame, a file, a redirect across sites; never the app's page.
  if (headers.origin === 'null' || headers.host === undefined) return true
  try {
    return new URL(headers.origin).host !== headers.host.toLowerCase()
  } catch {
    return true
  }
}

/** `all`: every method (a websocket upgrade is a GET); else only the methods that change something. */
export function sameOrigin({ all = false }: { all?: boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    if (!all && SAFE_METHODS.has(c.req.method)) return next()
    const foreign = fromAnotherOrigin({ origin: c.req.header('origin'), host: c.req.header('host'), fetchSite: c.req.header('sec-fetch-site') })
    if (foreign) throw apiError(403, ApiErrorCode.foreignOrigin, 'requests must come from the app’s own page')
    return next()
  }
}

/**
 * What every answer tells the browser about the page (docs/SPEC.md N3): scripts, styles and
 * connections only from the relay itself, no plugin, no framing by another site (a page that
 * frames the app could trick a helper into clicks), no guessing of content types, and no address
 * of a child's page sent onward as a referrer.
 */
import type { MiddlewareHandler } from 'hono'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React and the editor set styles on elements; no stylesheet comes from elsewhere.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

export function pageHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    // A websocket's answer is the upgrade itself, handled by the socket library.
    if (c.req.path.startsWith('/sync/')) return
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    c.header('X-Frame-Options', 'DENY')
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'no-referrer')
  }
}

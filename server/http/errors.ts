import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ApiErrorCode } from '../../shared/api'
import type { AuthErrorCode } from '../../shared/auth-api'
import type { Logger } from '../log'

/** An expected failure: a status, a stable code for the client, a message for the log. */
export function apiError(status: ContentfulStatusCode, code: ApiErrorCode | AuthErrorCode, message: string): HTTPException {
  return new HTTPException(status, { message, cause: code })
}

/** The one place HTTP errors become answers; unexpected ones are logged and hidden. */
export function handleError(log: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof HTTPException) {
      const code = typeof error.cause === 'string' ? error.cause : 'error'
      if (error.status >= 500) log.error('http.error', { path: c.req.path, status: error.status, code })
      return c.json({ error: code, message: error.message }, error.status)
    }
    log.error('http.unexpected', { path: c.req.path, error: error.name })
    return c.json({ error: 'internal', message: 'internal error' }, 500)
  }
}

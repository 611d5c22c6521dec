import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { z } from 'zod'
import { ApiErrorCode as ApiErrors } from '../../shared/api'
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

/** Checks a value from the network against its schema: 400 `bad_request` when it does not fit. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value)
  if (!result.success) throw apiError(400, ApiErrors.badRequest, 'the request does not have the expected shape')
  return result.data
}

/** The request's JSON body, checked against its schema (400 for a body that is not JSON or does not fit). */
export async function readBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw apiError(400, ApiErrors.badRequest, 'the body is not JSON')
  }
  return parseWith(schema, body)
}

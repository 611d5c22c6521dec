/**
 * Requests to the relay's HTTP API, in one place: same-origin credentials (the HttpOnly
 * session cookie), JSON bodies, and answers checked with the schemas of shared/api.ts.
 */
import type { z } from 'zod'
import type { Access } from '../../../shared/access'
import { AccessAnswer } from '../../../shared/api'

export interface RelayHttp {
  /** The relay's HTTP base, e.g. `http://localhost:8787` ('' for the page's own origin). */
  baseUrl: string
  fetchImpl: typeof fetch
}

export const pageRelay: RelayHttp = { baseUrl: '', fetchImpl: (...args) => fetch(...args) }

/** Sends a request; the answer as it came, for callers that act on the status. */
export function send(relay: RelayHttp, path: string, body?: unknown): Promise<Response> {
  return relay.fetchImpl(`${relay.baseUrl}${path}`, {
    credentials: 'same-origin',
    ...(body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })
}

/** Sends a request and reads the answer with its schema; throws on any failure. */
export async function call<T extends z.ZodType>(relay: RelayHttp, schema: T, path: string, body?: unknown): Promise<z.infer<T>> {
  const response = await send(relay, path, body)
  if (!response.ok) throw new Error(`relay answered ${response.status}`)
  return schema.parse(await response.json())
}

/** What this user may do with each of these documents now. */
export async function accessOf(relay: RelayHttp, docIds: string[]): Promise<Record<string, Access>> {
  return (await call(relay, AccessAnswer, '/api/access', { docIds })).access
}

/**
 * The device's one HTTP client for the relay: same-origin credentials (the HttpOnly session
 * cookie), JSON bodies, a timeout (a rural 2G link is slow; past it a request counts as a
 * network failure), and answers checked with the schemas of shared/. Every failure is a
 * RelayRequestError with a stable code that the views turn into a sentence (ui/auth-messages.ts).
 */
import type { z } from 'zod'
import type { Access } from '../../../shared/access'
import { AccessAnswer, ApiErrorCode } from '../../../shared/api'
import { AuthErrorCode } from '../../../shared/auth-api'
import { RELAY_TIME_HEADER } from '../../../shared/clock'

const AUTH_CODES: readonly string[] = Object.values(AuthErrorCode)

/** What can go wrong, as the views explain it: the relay's codes and the device's own. */
export const ClientFailure = {
  badRequest: 'bad_request',
  network: 'network',
  unexpected: 'unexpected',
  /** Offline, a username other than the one that signed in on this device last. */
  offlineUnknownUser: 'offline_unknown_user',
  /** Offline, and nobody has signed in on this device yet. */
  offlineFirstTime: 'offline_first_time',
} as const
export type FailureCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode] | (typeof ClientFailure)[keyof typeof ClientFailure]

export class RelayRequestError extends Error {
  constructor(
    readonly code: FailureCode,
    /** For `too_many_attempts`: the relay's Retry-After, when it sent one. */
    readonly retryAfterSeconds?: number,
    /** The HTTP status, when the relay answered. */
    readonly status?: number,
    /** The relay's own reason, for a refused write: the rule's or the limit's name (shown as `refusal.<reason>`). */
    readonly reason?: string,
  ) {
    super(code)
    this.name = 'RelayRequestError'
  }
}

/** The code of a failed answer: the relay's own when it is one we know, else one for its status. */
export function failureCodeOf(status: number, body: unknown): FailureCode {
  const code = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined
  if (typeof code === 'string' && AUTH_CODES.includes(code)) return code as FailureCode
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

/** A refusal's reason from the relay's answer: a short name, never free text shown as it is. */
function reasonOf(body: unknown): string | undefined {
  const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined
  return typeof message === 'string' && /^[A-Za-z]{1,40}$/.test(message) ? message : undefined
}

export function errorCodeOf(error: unknown): FailureCode {
  return error instanceof RelayRequestError ? error.code : ClientFailure.unexpected
}

export interface RelayHttpOptions {
  /** The relay's origin, e.g. `http://localhost:8787`; '' for the page's own. */
  baseUrl?: string
  fetchImpl?: typeof fetch
  /** Past this a request counts as a network failure. */
  timeoutMs?: number
  /** Hears the relay's time on each answer, to correct the device's clock (sync/relay-clock.ts). */
  clock?: { device(): number; observe(sentAt: number, receivedAt: number, relayTime: number): void }
}

export interface RequestOptions {
  method?: 'GET' | 'POST'
  body?: unknown
  timeoutMs?: number
}

export interface RelayHttp {
  /** Sends a request; the answer as it came, for callers that act on the status. Throws `network`. */
  send(path: string, options?: RequestOptions): Promise<Response>
  /** Sends a request and reads the answer with its schema; throws a RelayRequestError on any failure. */
  request<T>(schema: z.ZodType<T>, path: string, options?: RequestOptions): Promise<T>
}

export function createRelayHttp({ baseUrl = '', fetchImpl = (...args) => fetch(...args), timeoutMs = 20_000, clock }: RelayHttpOptions = {}): RelayHttp {
  const send = async (path: string, { method, body, timeoutMs: wait = timeoutMs }: RequestOptions = {}): Promise<Response> => {
    const sentAt = clock?.device() ?? 0
    let response: Response
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method: method ?? (body === undefined ? 'GET' : 'POST'),
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(wait),
      })
    } catch {
      throw new RelayRequestError(ClientFailure.network)
    }
    const relayTime = Number(response.headers.get(RELAY_TIME_HEADER))
    if (clock && relayTime > 0) clock.observe(sentAt, clock.device(), relayTime)
    return response
  }
  return {
    send,
    async request(schema, path, options) {
      const response = await send(path, options)
      const json: unknown = await response.json().catch(() => undefined)
      if (!response.ok) {
        const code = failureCodeOf(response.status, json)
        const wait = code === AuthErrorCode.tooManyAttempts ? retryAfterSeconds(response.headers.get('retry-after')) : undefined
        const said = (json as { error?: unknown } | undefined) ?? {}
        // Only a refused write names its rule or limit; a name, never free text shown as it is.
        throw new RelayRequestError(code, wait, response.status, said.error === ApiErrorCode.refusedWrite ? reasonOf(json) : undefined)
      }
      const parsed = schema.safeParse(json)
      if (!parsed.success) throw new RelayRequestError(ClientFailure.unexpected, undefined, response.status)
      return parsed.data
    },
  }
}

/** What this user may do with a document now, or that a coordinator erased it (docs/SPEC.md E7). */
export type DocumentAccess = Access | 'erased'

/** What this user may do with each of these documents now; 'erased' for those erased for good. */
export async function accessOf(http: RelayHttp, docIds: string[]): Promise<Record<string, DocumentAccess>> {
  const answer = await http.request(AccessAnswer, '/api/access', { body: { docIds } })
  const access: Record<string, DocumentAccess> = { ...answer.access }
  for (const docId of answer.erased ?? []) access[docId] = 'erased'
  return access
}

import { describe, expect, it } from 'vitest'
import { createAuthApi } from './auth-client'
import { RelayRequestError, createRelayHttp, failureCodeOf, retryAfterSeconds } from '../sync/relay-http'

const me = { user: { id: 'u-1', username: 'wangli', displayName: '王老师' }, workspace: 'dongshan', role: 'helper' }
const TOKEN = 'x'.repeat(43)

interface Call {
  url: string
  init: RequestInit | undefined
}

function fakeRelay(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = []
  const fetchImpl = ((url: string, init?: RequestInit) => {
    const call = { url, init }
    calls.push(call)
    return Promise.resolve(answer(call))
  }) as typeof fetch
  return { calls, api: createAuthApi(createRelayHttp({ baseUrl: 'http://relay', fetchImpl })) }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

async function failureOf(promise: Promise<unknown>): Promise<RelayRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(RelayRequestError)
  return error as RelayRequestError
}

describe('the account API client', () => {
  it('sends the cookie (same-origin) and keeps no bearer token from a session answer', async () => {
    const { api, calls } = fakeRelay(() => json(200, { ...me, token: TOKEN, expiresAt: Date.now() + 1000 }))
    const answer = await api.login({ username: 'wangli', password: 'password1' })
    expect(answer).toEqual(me)
    expect(JSON.stringify(answer)).not.toContain(TOKEN)
    expect(calls[0]?.url).toBe('http://relay/api/auth/login')
    expect(calls[0]?.init?.credentials).toBe('same-origin')
    expect(calls[0]?.init?.method).toBe('POST')
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ username: 'wangli', password: 'password1' })
    for (const call of [() => api.setup({ token: TOKEN, workspace: 'w', username: 'ab', displayName: 'A', password: 'password1' }), () => api.acceptInvite({ token: TOKEN, username: 'ab', displayName: 'A', password: 'password1' })]) {
      expect(JSON.stringify(await call())).not.toContain(TOKEN)
    }
  })

  it('reads 401 from /me as "not signed in", not as a failure', async () => {
    const { api } = fakeRelay(() => json(401, { error: 'not_signed_in', message: 'no session' }))
    expect(await api.me()).toBeUndefined()
  })

  it('turns an unreachable relay into the network failure', async () => {
    const api = createAuthApi(createRelayHttp({ fetchImpl: () => Promise.reject(new TypeError('Failed to fetch')) }))
    expect((await failureOf(api.me())).code).toBe('network')
    expect((await failureOf(api.login({ username: 'ab', password: 'x' }))).code).toBe('network')
  })

  it('gives the relay own error code, with the wait of too_many_attempts', async () => {
    const { api } = fakeRelay(() => json(429, { error: 'too_many_attempts', message: 'slow down' }, { 'retry-after': '120' }))
    const error = await failureOf(api.login({ username: 'ab', password: 'x' }))
    expect(error.code).toBe('too_many_attempts')
    expect(error.retryAfterSeconds).toBe(120)
  })

  it('refuses an answer that does not have the contract shape', async () => {
    const { api } = fakeRelay(() => json(200, { user: { id: 1 } }))
    expect((await failureOf(api.login({ username: 'ab', password: 'x' }))).code).toBe('unexpected')
    const html = fakeRelay(() => new Response('<html>', { status: 200 }))
    expect((await failureOf(html.api.members())).code).toBe('unexpected')
  })

  it('sends an invitation token in the body, never in the URL a server would log', async () => {
    const { api, calls } = fakeRelay(() => json(200, { workspace: 'dongshan', role: 'teacher' }))
    expect(await api.peekInvite(TOKEN)).toEqual({ workspace: 'dongshan', role: 'teacher' })
    expect(calls[0]?.url).toBe('http://relay/api/auth/invites/peek')
    expect(calls[0]?.url).not.toContain(TOKEN)
  })
})

describe('failureCodeOf', () => {
  it.each([
    [401, { error: 'bad_credentials' }, 'bad_credentials'],
    [409, { error: 'username_taken' }, 'username_taken'],
    [410, { error: 'invite_invalid' }, 'invite_invalid'],
    [409, { error: 'setup_done' }, 'setup_done'],
    [400, { error: 'bad_request' }, 'bad_request'],
    [400, undefined, 'bad_request'],
    [401, { error: 'something_new' }, 'not_signed_in'],
    [403, null, 'forbidden'],
    [429, 'text', 'too_many_attempts'],
    [404, { error: 'not_found' }, 'unexpected'],
    [500, { error: 'internal' }, 'unexpected'],
    [502, undefined, 'unexpected'],
  ])('%i %j is %s', (status, body, code) => {
    expect(failureCodeOf(status, body)).toBe(code)
  })
})

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates, and ignores nonsense', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(retryAfterSeconds('30', now)).toBe(30)
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:02:00 GMT', now)).toBe(120)
    expect(retryAfterSeconds(null, now)).toBeUndefined()
    expect(retryAfterSeconds('0', now)).toBeUndefined()
    expect(retryAfterSeconds('soon', now)).toBeUndefined()
    expect(retryAfterSeconds('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBeUndefined()
  })
})

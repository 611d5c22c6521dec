/**
 * The account API against a real relay: first-run setup once, sign-in and out, cookies
 * that scripts cannot read, invites used once, coordinators' tools refused to others,
 * the audit trail, and no password or token in any log line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SESSION_COOKIE } from '../../shared/auth-api'
import { WORKSPACE, invite, post, postOk } from '../helpers/accounts'
import { connectClient, waitFor } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'

describe('account API', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let coordinator: string
  const secrets: string[] = ['coordinator-pass']

  beforeAll(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
  })
  afterAll(async () => {
    await relay.stop()
    data.remove()
  })

  const me = (headers: Record<string, string>) => fetch(`${relay.url}/api/auth/me`, { headers })
  const errorOf = async (r: Response) => ((await r.json()) as { error: string }).error

  it('sets up the first coordinator once, with the printed token only, and an HttpOnly cookie', async () => {
    expect(await (await fetch(`${relay.url}/api/auth/state`)).json()).toEqual({ needsSetup: true })
    const setupToken = relay.setupToken() as string
    secrets.push(setupToken)
    const body = { workspace: WORKSPACE, username: 'wang', displayName: '王校長', password: 'coordinator-pass' }
    const wrong = await post(relay, '/api/auth/setup', { ...body, token: 'B'.repeat(43) })
    expect(wrong.status).toBe(403)
    const ok = await post(relay, '/api/auth/setup', { ...body, token: setupToken })
    expect(ok.status).toBe(200)
    const cookie = ok.headers.get('set-cookie') ?? ''
    expect(cookie).toContain(`${SESSION_COOKIE}=`)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    coordinator = ((await ok.json()) as { token: string }).token
    secrets.push(coordinator)
    const again = await post(relay, '/api/auth/setup', { ...body, token: setupToken, username: 'other' })
    expect(again.status).toBe(409)
    expect(await (await fetch(`${relay.url}/api/auth/state`)).json()).toEqual({ needsSetup: false })
    const cookieValue = cookie.split(';')[0] as string
    expect(await (await me({ cookie: cookieValue })).json()).toMatchObject({ workspace: WORKSPACE, role: 'coordinator' })
  })

  it('signs in with the right password only, slows down guessing, and signs out', async () => {
    const wrong = await post(relay, '/api/auth/login', { username: 'wang', password: 'nope-nope' })
    expect(wrong.status).toBe(401)
    expect(await errorOf(wrong)).toBe('bad_credentials')
    const nobody = await post(relay, '/api/auth/login', { username: 'nobody', password: 'nope-nope' })
    expect(await errorOf(nobody)).toBe('bad_credentials')
    const ok = await postOk<{ token: string }>(relay, '/api/auth/login', { username: 'WANG', password: 'coordinator-pass' })
    secrets.push(ok.token)
    expect((await me({ authorization: `Bearer ${ok.token}` })).status).toBe(200)
    await post(relay, '/api/auth/logout', {}, ok.token)
    expect((await me({ authorization: `Bearer ${ok.token}` })).status).toBe(401)

    for (let i = 0; i < 10; i++) await post(relay, '/api/auth/login', { username: 'guessed', password: `guess-${i}` })
    const blocked = await post(relay, '/api/auth/login', { username: 'guessed', password: 'guess-again' })
    expect(blocked.status).toBe(429)
  })

  // SPEC N2
  it('N2: wrong passwords slow the account down with the wait said, and the right one gets in after it: never locked for minutes', async () => {
    for (let i = 0; i < 5; i++) expect((await post(relay, '/api/auth/login', { username: 'wang', password: `not-it-${i}` })).status).toBe(401)
    const slowed = await post(relay, '/api/auth/login', { username: 'wang', password: 'coordinator-pass' })
    expect(slowed.status).toBe(429)
    expect(await errorOf(slowed)).toBe('too_many_attempts')
    const wait = Number(slowed.headers.get('retry-after'))
    expect(wait).toBeGreaterThanOrEqual(1)
    expect(wait).toBeLessThanOrEqual(2)
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100))
    const ok = await postOk<{ token: string }>(relay, '/api/auth/login', { username: 'wang', password: 'coordinator-pass' })
    secrets.push(ok.token)
    // The right password cleared the count: the next typo is free again.
    expect((await post(relay, '/api/auth/login', { username: 'wang', password: 'typo-typo' })).status).toBe(401)
  })

  it('invites once, by coordinators only; a username is taken once', async () => {
    const helper = await invite(relay, coordinator, 'helper', 'zhang', '張媽媽')
    secrets.push(helper.token, 'zhang-password')
    expect(helper.role).toBe('helper')
    const refused = await post(relay, '/api/admin/invites', { role: 'coordinator' }, helper.token)
    expect(refused.status).toBe(403)
    const { token } = await postOk<{ token: string }>(relay, '/api/admin/invites', { role: 'teacher' }, coordinator)
    secrets.push(token)
    expect(await postOk(relay, '/api/auth/invites/peek', { token })).toEqual({ workspace: WORKSPACE, role: 'teacher' })
    const taken = await post(relay, '/api/auth/invites/accept', { token, username: 'zhang', displayName: 'x', password: 'long-enough' })
    expect(taken.status).toBe(409)
    await postOk(relay, '/api/auth/invites/accept', { token, username: 'li', displayName: '李老師', password: 'long-enough' })
    const twice = await post(relay, '/api/auth/invites/accept', { token, username: 'li2', displayName: 'x', password: 'long-enough' })
    expect(twice.status).toBe(404)
    expect((await fetch(`${relay.url}/api/admin/members`, { headers: { authorization: `Bearer ${helper.token}` } })).status).toBe(403)
    // A coordinator's tools reach only members of their own workspace.
    for (const [path, body] of [
      ['/api/admin/pairings', { userId: 'u-not-a-member', childId: 'c1', paired: true }],
      ['/api/admin/classes', { userId: 'u-not-a-member', classId: 'class-1', assigned: true }],
      ['/api/admin/roles', { userId: 'u-not-a-member', role: 'teacher' }],
    ] as const) {
      expect((await post(relay, path, body, coordinator)).status, path).toBe(404)
    }
    const members = (await (await fetch(`${relay.url}/api/admin/members`, { headers: { authorization: `Bearer ${coordinator}` } })).json()) as { username: string }[]
    expect(members.map((m) => m.username)).toEqual(['li', 'wang', 'zhang'])
  })

  it('keeps an audit trail of who opened, changed, viewed and exported a child\'s file', async () => {
    const docId = `${WORKSPACE}/child/audited`
    const client = connectClient(relay.url, docId, new Y.Doc(), coordinator)
    await waitFor(() => client.provider.synced, 'synced')
    client.doc.getText('text:profile.habits').insert(0, '家訪')
    const audit = async () =>
      ((await (await fetch(`${relay.url}/api/admin/audit?child=audited`, { headers: { authorization: `Bearer ${coordinator}` } })).json()) as { entries: { action: string }[] }).entries
    let actions: string[] = []
    await waitFor(() => {
      void audit().then((a) => (actions = a.map((e) => e.action)))
      return actions.includes('changed')
    }, 'the change in the audit trail')
    await postOk(relay, '/api/audit', { docId, action: 'exported' }, coordinator)
    // Newest first (SPEC M6).
    expect((await audit()).map((e) => e.action)).toEqual(['exported', 'changed', 'opened'])
    const helper = await postOk<{ token: string }>(relay, '/api/auth/login', { username: 'zhang', password: 'zhang-password' })
    expect((await post(relay, '/api/audit', { docId, action: 'viewed' }, helper.token)).status).toBe(403)
    client.destroy()
  })

  it('writes no password and no token to the log', () => {
    const log = relay.logs.join('\n')
    expect(log.length).toBeGreaterThan(0)
    for (const secret of secrets) expect(log).not.toContain(secret)
  })
})

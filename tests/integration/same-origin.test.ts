/**
 * A page of another site acting with the member's cookie (docs/SPEC.md N1): a cross-origin POST
 * to the admin API, and a websocket opened from a foreign page, are refused with 403
 * `foreign_origin` before anything is read or stored; the app's own page and programs that send
 * no Origin (a token, no cookie to borrow) are served as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { SESSION_COOKIE } from '../../shared/auth-api'
import { WORKSPACE, setUpCoordinator } from '../helpers/accounts'
import { connectClient, waitFor } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'

const DOC = `${WORKSPACE}/child/origin1`

describe('another site’s page may neither change anything nor open a document (SPEC N1)', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let token = ''
  let host = ''

  beforeAll(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    token = (await setUpCoordinator(relay)).token
    host = new URL(relay.url).host
    const seed = new Y.Doc()
    seed.getText('text:profile.habits').insert(0, '家訪記錄')
    await relay.store.append([{ docId: DOC, update: Y.encodeStateAsUpdate(seed) }])
  })
  afterAll(async () => {
    await relay.stop()
    data.remove()
  })

  /** A POST as a browser sends it: the session cookie, and the page it came from. */
  const postFrom = (origin: string | undefined, path: string, body: unknown, extra: Record<string, string> = {}) =>
    fetch(`${relay.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}`, ...(origin ? { origin } : {}), ...extra },
      body: JSON.stringify(body),
    })
  const openInvites = () => relay.access.openInvites(WORKSPACE).length

  it('N1: a cross-origin POST with the session cookie is refused 403 foreign_origin, and no invite is made', async () => {
    const before = openInvites()
    for (const origin of ['http://evil.example', 'null', `http://${host}.evil.example`]) {
      const refused = await postFrom(origin, '/api/admin/invites', { role: 'coordinator' })
      expect(refused.status, origin).toBe(403)
      expect(await refused.json()).toMatchObject({ error: 'foreign_origin' })
    }
    // A browser that says only that the request is cross-site is refused too.
    const bySite = await postFrom(undefined, '/api/admin/invites', { role: 'coordinator' }, { 'sec-fetch-site': 'cross-site' })
    expect(bySite.status).toBe(403)
    expect(openInvites()).toBe(before)

    // The app's own page, and a program that names no page, are served.
    expect((await postFrom(`http://${host}`, '/api/admin/invites', { role: 'helper' }, { 'sec-fetch-site': 'same-origin' })).status).toBe(200)
    expect((await postFrom(undefined, '/api/admin/invites', { role: 'helper' })).status).toBe(200)
    expect(openInvites()).toBe(before + 2)
  })

  /** The HTTP status the relay answers an upgrade with, or 101 when it opens. */
  const upgradeStatus = (origin: string) =>
    new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${relay.url.replace(/^http/, 'ws')}/sync/${DOC}`, { headers: { origin, cookie: `${SESSION_COOKIE}=${token}` } })
      socket.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0)
        socket.terminate()
      })
      socket.on('open', () => {
        resolve(101)
        socket.close()
      })
      socket.on('error', reject)
    })

  it('N1: a websocket from a foreign page is refused before the upgrade; from the app’s page it opens; the honest writer is unaffected', async () => {
    const honest = connectClient(relay.url, DOC, new Y.Doc(), token)
    await waitFor(() => honest.provider.synced, 'the honest client synced')
    expect(await upgradeStatus('http://evil.example')).toBe(403)
    expect(await upgradeStatus(`http://${host}`)).toBe(101)
    honest.doc.getText('text:profile.habits').insert(0, '又一次')
    await waitFor(async () => (await loadStoredDoc(relay.store, DOC)).getText('text:profile.habits').toString() === '又一次家訪記錄', 'the honest write stored')
    honest.destroy()
  })
})

describe('what every page answer tells the browser (SPEC N3)', () => {
  it('N3: the page and the API say where scripts and connections may come from, forbid framing; the cookie is Secure behind HTTPS', async () => {
    const data = makeDataDir()
    const relay = await startTestRelay(data.dir)
    try {
      for (const path of ['/api/health', '/api/auth/state']) {
        const answer = await fetch(`${relay.url}${path}`)
        const csp = answer.headers.get('content-security-policy') ?? ''
        expect(csp).toContain("script-src 'self'")
        expect(csp).toContain("frame-ancestors 'none'")
        expect(answer.headers.get('x-frame-options')).toBe('DENY')
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
      }
      const token = relay.setupToken()
      const setup = await fetch(`${relay.url}/api/auth/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ token, workspace: WORKSPACE, username: 'wang', displayName: '王校長', password: 'coordinator-pass' }),
      })
      expect(setup.status).toBe(200)
      expect(setup.headers.get('set-cookie')).toMatch(/; Secure/i)
      // Over plain http (a village laptop), no Secure flag, or the browser would drop the cookie.
      const plain = await fetch(`${relay.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'wang', password: 'coordinator-pass' }) })
      expect(plain.status).toBe(200)
      expect(plain.headers.get('set-cookie')).not.toMatch(/; Secure/i)
    } finally {
      await relay.stop()
      data.remove()
    }
  })
})

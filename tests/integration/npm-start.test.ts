/**
 * `npm start`'s composition (server/main.ts) is the accounts one: whoever is not signed in
 * gets no socket and no document, on every route. allowAll is for tests and benchmarks only;
 * lint keeps it out of server/, and this checks the relay a person actually starts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { waitFor } from '../helpers/clients'
import { makeDataDir } from '../helpers/relay'
import { spawnRelay, type RelayProcess } from '../helpers/relay-process'

/** Whether the relay upgraded a socket to `docId`, or the HTTP status it answered instead. */
function upgrade(url: string, docId: string, headers: Record<string, string> = {}): Promise<{ opened: true } | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${docId}`, { headers })
    ws.on('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0 })
      ws.terminate()
    })
    ws.on('open', () => {
      resolve({ opened: true })
      ws.close()
    })
    ws.on('error', () => {})
  })
}

describe('npm start: the relay runs with accounts, always', () => {
  let data: ReturnType<typeof makeDataDir>
  let staticDir: ReturnType<typeof makeDataDir>
  let relay: RelayProcess

  beforeAll(async () => {
    data = makeDataDir()
    staticDir = makeDataDir()
    relay = await spawnRelay(data.dir, staticDir.dir)
  })
  afterAll(async () => {
    await relay.stop()
    data.remove()
    staticDir.remove()
  })

  it('refuses an unauthenticated /sync upgrade with 401, and a forged session too', async () => {
    expect(await upgrade(relay.url, 'school-1/settings')).toEqual({ status: 401 })
    expect(await upgrade(relay.url, 'school-1/child/c1', { authorization: `Bearer ${'A'.repeat(43)}` })).toEqual({ status: 401 })
  })

  it('refuses every background-sync route without a session', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${relay.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect((await fetch(`${relay.url}/api/changes?workspace=school-1`)).status).toBe(401)
    expect((await post('/api/pull', { docs: [] })).status).toBe(401)
    expect((await post('/api/push', { updates: [] })).status).toBe(401)
    expect((await post('/api/access', { docIds: [] })).status).toBe(401)
  })

  it('serves the account API and prints the first-start setup link', async () => {
    const state = await fetch(`${relay.url}/api/auth/state`)
    expect(await state.json()).toEqual({ needsSetup: true })
    await waitFor(() => relay.setupToken() !== undefined, 'the setup link on stdout')
  })

  // SPEC E3
  it('a second relay on the same data folder refuses to start, and says who holds it', async () => {
    await expect(spawnRelay(data.dir, staticDir.dir)).rejects.toThrow(/Shouwang cannot start: a relay \(process \d+/)
    // The first one is untouched.
    expect((await fetch(`${relay.url}/api/health`)).status).toBe(200)
  })
})

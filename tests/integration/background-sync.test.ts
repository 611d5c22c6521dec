/**
 * Background catch-up over HTTP: a second device learns of every child without opening a
 * socket per file, and a file edited offline while closed is pushed and reaches live peers.
 * Hostile requests are refused whole and store nothing.
 */
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { encodeBytes } from '../../shared/api'
import { childDocumentId, type DocumentId } from '../../shared/doc-id'
import { todayIsoDate } from '../../shared/dates'
import type { SessionResponse } from '../../shared/auth-api'
import { setUpCoordinator } from '../helpers/accounts'
import { writeChild, editChild, childProfile } from '../helpers/child-file'
import type { Workspace } from '../../client/runtime/workspace'
import { connectClient, waitFor, type TestClient } from '../helpers/clients'
import { makeDataDir, startTestRelay, type TestRelay } from '../helpers/relay'
import { loadStoredDoc } from '../helpers/stored-doc'
import { fetchWithBearer, makeWorkspace } from '../helpers/workspace'
import { POISON_UPDATE } from '../fixtures/poison-update'

describe('background catch-up over HTTP', () => {
  let data: ReturnType<typeof makeDataDir>
  let relay: TestRelay
  let token: string
  let session: SessionResponse
  const workspaces: Workspace[] = []
  const clients: TestClient[] = []

  beforeEach(async () => {
    data = makeDataDir()
    relay = await startTestRelay(data.dir)
    session = await setUpCoordinator(relay)
    token = session.token
  })
  afterEach(async () => {
    for (const w of workspaces.splice(0)) w.close()
    for (const c of clients.splice(0)) c.destroy()
    await relay.stop()
    data.remove()
  })

  const device = () => {
    const w = makeWorkspace(relay.url, undefined, session)
    workspaces.push(w)
    return w
  }
  const allSaved = async (w: Workspace) => {
    let n = -1
    await waitFor(() => {
      void w.db.pending.count().then((c) => (n = c))
      return n === 0
    }, 'every change saved')
  }

  // SPEC S4
  it('brings a second device every child, indexed for its list, readable offline', async () => {
    const a = device()
    const ids = ['child-one1', 'child-two2'].map((id) => childDocumentId(a.workspaceId, id))
    await a.createDocument(ids[0] as DocumentId, (doc) => writeChild(doc, { name: '李小紅', classId: 'class-3' }, todayIsoDate(), a.author.getAuthor()))
    await a.createDocument(ids[1] as DocumentId, (doc) => writeChild(doc, { name: '王小明', classId: 'class-1' }, todayIsoDate(), a.author.getAuthor()))
    // createDocument closed them: their changes go up through background sync.
    const fromA = await a.background.run()
    expect(fromA.pushed).toBe(2)
    await allSaved(a)

    const b = device()
    const round = await b.background.run()
    expect(round.pulled).toBe(2)
    const names = (await b.db.children.toArray()).map((c) => c.name).sort()
    expect(names).toEqual(['李小紅', '王小明'].sort())

    await relay.stop()
    const opened = await b.open(ids[1] as DocumentId)
    expect(childProfile(opened.doc).name).toBe('王小明')
    relay = await startTestRelay(data.dir)
  })

  // SPEC S5
  it('pushes a closed file edited offline, and a live peer receives it once committed', async () => {
    const a = device()
    const docId = childDocumentId(a.workspaceId, 'child-abcd')
    const live = connectClient(relay.url, docId, undefined, token)
    clients.push(live)
    await a.createDocument(docId, (doc) => writeChild(doc, { name: '趙小芳', classId: 'class-2' }, todayIsoDate(), a.author.getAuthor()))
    await a.background.run()
    await waitFor(() => childProfile(live.doc).name === '趙小芳', 'the live peer to receive the pushed file')

    const port = relay.port
    await relay.stop()
    const { doc } = await a.open(docId)
    editChild(doc, { classId: 'class-5', gender: 'female' }, todayIsoDate(), a.author.getAuthor())
    await a.flushed(docId)
    a.release(docId)
    expect(await a.db.pending.count()).toBeGreaterThan(0)

    relay = await startTestRelay(data.dir, port)
    const round = await a.background.run()
    expect(round.pushed).toBe(1)
    expect(await a.db.pending.count()).toBe(0)
    expect(childProfile(await loadStoredDoc(relay.store, docId)).classId).toBe('class-5')
    await waitFor(() => childProfile(live.doc).classId === 'class-5', 'the live peer to receive the offline edit')
  })

  it('refuses hostile requests whole, with a code, and stores nothing', async () => {
    const good = new Y.Doc()
    good.getText('text:profile.habits').insert(0, 'ok')
    const valid = encodeBytes(Y.encodeStateAsUpdate(good))
    const before = await relay.store.changesSince('', 0, 1000)
    const post = (path: string, body: string) =>
      fetch(`${relay.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })

    const cases: [string, string, string][] = [
      ['/api/push', '{not json', 'bad_request'],
      ['/api/push', JSON.stringify({ updates: 'x' }), 'bad_request'],
      ['/api/push', JSON.stringify({ updates: [{ docId: '../etc/passwd', update: valid }] }), 'bad_request'],
      ['/api/push', JSON.stringify({ updates: [{ docId: 'school-1/child/aaaa', update: 'not base64!' }] }), 'bad_request'],
      [
        '/api/push',
        JSON.stringify({
          updates: [
            { docId: 'school-1/child/aaaa', update: valid },
            { docId: 'school-1/child/bbbb', update: encodeBytes(new Uint8Array([1, 2, 3, 250, 251, 252])) },
          ],
        }),
        'bad_update',
      ],
      ['/api/pull', JSON.stringify({ docs: [{ docId: 'school-1/child/aaaa', stateVector: encodeBytes(new Uint8Array([5, 200])) }] }), 'bad_request'],
    ]
    for (const [path, body, code] of cases) {
      const response = await post(path, body)
      expect(response.status, body).toBe(400)
      expect(((await response.json()) as { error: string }).error).toBe(code)
    }
    // An update built on what the relay never had (as the poison fixture is) is refused whole (SPEC Q8).
    const orphan = await post(
      '/api/push',
      JSON.stringify({
        updates: [
          { docId: 'school-1/child/aaaa', update: valid },
          { docId: 'school-1/child/cccc', update: encodeBytes(POISON_UPDATE) },
        ],
      }),
    )
    expect(orphan.status).toBe(403)
    expect(await orphan.json()).toMatchObject({ error: 'refused_write', message: 'missingDependencies' })
    const big = await post('/api/push', JSON.stringify({ updates: [{ docId: 'school-1/child/aaaa', update: 'A'.repeat(17 * 1024 * 1024) }] }))
    expect(big.status).toBe(413)
    expect((await fetchWithBearer(token)(`${relay.url}/api/changes?workspace=BAD/../x`)).status).toBe(400)
    expect(await relay.store.changesSince('', 0, 1000)).toEqual(before)
    // The relay still serves a good request.
    const ok = await post('/api/push', JSON.stringify({ updates: [{ docId: 'school-1/child/aaaa', update: valid }] }))
    expect(ok.status).toBe(200)
  })
})

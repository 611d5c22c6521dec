/**
 * The relay asks its Authorizer on every path, whichever Authorizer it is given: the same
 * composition with a stub that refuses, one that narrows, and allowAll. In process, through
 * `app.request()`; sockets are the integration tests' (tests/integration/access.test.ts).
 */
import { Hono } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Access } from '../shared/access'
import { encodeBytes } from '../shared/api'
import { createRelay } from './app'
import { allowAll } from './auth/allow-all'
import type { Authorizer, Caller } from './auth/authorizer'
import { createMemoryLogger } from './log'
import { openMemoryDocStore } from './store/memory-doc-store'

const WS = 'school-1'
const EMPTY_SV = encodeBytes(Y.encodeStateVector(new Y.Doc()))
const doc = (key: string) => `${WS}/child/${key}`

function update(text: string): string {
  const d = new Y.Doc()
  d.getText('text:profile.habits').insert(0, text)
  return encodeBytes(Y.encodeStateAsUpdate(d))
}

/** An Authorizer with a fixed table, recording what the relay asked it. */
function tableAuthorizer(table: Record<string, Access>, { signedIn = true, lists = true, manages = false } = {}) {
  const asked: string[] = []
  const caller: Caller = {
    identity: { id: 'u1', name: '甲' },
    access: (docId) => {
      asked.push(`access ${docId}`)
      return table[docId] ?? 'none'
    },
    mayList: (workspace) => {
      asked.push(`list ${workspace}`)
      return lists
    },
    readScope: () => 'scope-1',
    listMarks: () => ({ filing: 'filing-1', directory: 'directory-1' }),
    writer: () => ({ id: 'u1', role: 'coordinator', classTeacher: false, name: 'u', memberSince: 0 }),
    mayManage: (docId) => {
      asked.push(`manage ${docId}`)
      return manages
    },
    audit: (docId, action) => void asked.push(`audit ${action} ${docId}`),
    again: () => caller,
  }
  const authorizer: Authorizer = {
    callerOf: () => (signedIn ? caller : undefined),
    routes: () => new Hono().get('/own', (c) => c.json({ mine: true })),
    setupToken: () => undefined,
    forget: (docId) => void asked.push(`forget ${docId}`),
    learn: () => [],
  }
  return { authorizer, asked }
}

describe('the relay asks its Authorizer on every route', () => {
  const relays: ReturnType<typeof createRelay>[] = []
  const start = (authorizer: Authorizer, store = openMemoryDocStore()) => {
    const relay = createRelay({ store, authorizer, log: createMemoryLogger() })
    relays.push(relay)
    const post = (path: string, body: unknown) =>
      relay.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { relay, post, get: (path: string) => relay.app.request(path) }
  }
  afterEach(async () => {
    for (const relay of relays.splice(0)) await relay.close()
  })

  it('answers 401 on every sync route and before any upgrade when no one is signed in', async () => {
    const { post, get } = start(tableAuthorizer({}, { signedIn: false }).authorizer)
    const answers = [
      await get(`/api/changes?workspace=${WS}`),
      await post('/api/pull', { docs: [] }),
      await post('/api/push', { updates: [] }),
      await post('/api/access', { docIds: [] }),
      await get(`/sync/${WS}/settings`),
    ]
    expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401, 401])
    expect(await answers[0]?.json()).toMatchObject({ error: 'not_signed_in' })
  })

  it('mounts the Authorizer’s own routes', async () => {
    const { get } = start(tableAuthorizer({}).authorizer)
    expect(await (await get('/api/own')).json()).toEqual({ mine: true })
  })

  it('refuses a whole push or pull naming a document beyond the caller, and stores nothing', async () => {
    const { authorizer, asked } = tableAuthorizer({ [doc('mine')]: 'write', [doc('seen')]: 'read' })
    const { post, relay } = start(authorizer)
    const push = (docIds: string[]) => post('/api/push', { updates: docIds.map((docId) => ({ docId, update: update(docId) })) })

    expect((await push([doc('mine'), doc('seen')])).status).toBe(403)
    expect((await push([doc('mine'), doc('other')])).status).toBe(403)
    expect(asked).toContain(`access ${doc('seen')}`)
    expect((await post('/api/pull', { docs: [{ docId: doc('other'), stateVector: EMPTY_SV }] })).status).toBe(403)
    expect(await relay.rooms.merged(doc('mine'))).toEqual(Y.encodeStateAsUpdate(new Y.Doc()))

    expect((await push([doc('mine')])).status).toBe(200)
    expect((await post('/api/pull', { docs: [{ docId: doc('seen'), stateVector: EMPTY_SV }] })).status).toBe(200)
  })

  it('lists only a workspace the caller may list, only the documents they may read, with their scope', async () => {
    const store = openMemoryDocStore()
    const writer = start(allowAll, store)
    for (const key of ['mine', 'seen', 'other']) {
      expect((await writer.post('/api/push', { updates: [{ docId: doc(key), update: update(key) }] })).status).toBe(200)
    }
    const reader = start(tableAuthorizer({ [doc('mine')]: 'write', [doc('seen')]: 'read' }).authorizer, store)
    const listed = (await (await reader.get(`/api/changes?workspace=${WS}`)).json()) as { changes: { docId: string }[]; cursor: number; scope: string }
    expect(listed.changes.map((c) => c.docId)).toEqual([doc('mine'), doc('seen')])
    expect(listed.scope).toBe('scope-1')
    // The cursor passes the document it may not read, without naming it.
    expect(listed.cursor).toBe((await store.changesSince('', 0, 10)).at(-1)?.seq)
    const access = await (await reader.post('/api/access', { docIds: [doc('mine'), doc('seen'), doc('other')] })).json()
    expect(access).toEqual({ access: { [doc('mine')]: 'write', [doc('seen')]: 'read', [doc('other')]: 'none' } })

    const outsider = start(tableAuthorizer({}, { lists: false }).authorizer, store)
    expect((await outsider.get(`/api/changes?workspace=${WS}`)).status).toBe(403)
  })

  it('with allowAll, admits everyone to everything; ids it does not store are still refused', async () => {
    const { post, get } = start(allowAll)
    expect((await post('/api/push', { updates: [{ docId: doc('a'), update: update('甲') }] })).status).toBe(200)
    const pulled = (await (await post('/api/pull', { docs: [{ docId: doc('a'), stateVector: EMPTY_SV }] })).json()) as { docs: unknown[] }
    expect(pulled.docs).toHaveLength(1)
    expect(await (await post('/api/access', { docIds: [doc('a'), `${WS}/settings`] })).json()).toEqual({
      access: { [doc('a')]: 'write', [`${WS}/settings`]: 'write' },
    })
    expect(await (await get(`/api/changes?workspace=${WS}`)).json()).toMatchObject({ changes: [{ docId: doc('a') }], scope: 'everything' })
    // Which ids exist is the relay's to say, not the Authorizer's.
    expect((await get('/sync/..%2Fetc')).status).toBe(403)
    expect((await get(`/sync/${WS}/secrets/x`)).status).toBe(403)
    // No account API without accounts.
    expect((await get('/api/auth/state')).status).toBe(404)
  })

  // SPEC E4, SPEC E5
  it('asks the Authorizer who may export or erase a file, audits and forgets through it', async () => {
    const store = openMemoryDocStore()
    expect((await start(allowAll, store).post('/api/push', { updates: [{ docId: doc('a'), update: update('甲') }] })).status).toBe(200)
    const refused = tableAuthorizer({ [doc('a')]: 'write' })
    const stranger = start(refused.authorizer, store)
    expect((await stranger.post('/api/export', { docId: doc('a') })).status).toBe(403)
    expect((await stranger.post('/api/erase', { docId: doc('a') })).status).toBe(403)
    expect(refused.asked).toEqual([`manage ${doc('a')}`, `manage ${doc('a')}`])

    const coordinator = tableAuthorizer({ [doc('a')]: 'write' }, { manages: true })
    const { post } = start(coordinator.authorizer, store)
    expect(await (await post('/api/export', { docId: doc('a') })).json()).toMatchObject({ format: 'shouwang.child-file', docId: doc('a') })
    expect((await post('/api/erase', { docId: doc('a') })).status).toBe(200)
    expect(coordinator.asked.filter((a) => !a.startsWith('manage'))).toEqual([`audit exported ${doc('a')}`, `audit erased ${doc('a')}`, `forget ${doc('a')}`])
    expect(await store.erasedAmong([doc('a')])).toEqual(new Set([doc('a')]))
  })
})
